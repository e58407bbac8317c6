package dockerfile

import "testing"

func TestScriptPipesToShell(t *testing.T) {
	tests := map[string]bool{
		"curl -fsSL https://x | sh":                        true,
		"curl -fsSL https://x | sudo bash":                 true,
		"curl https://x | /usr/bin/env bash -s -- --flag":  true,
		"wget -qO- https://x | bash":                       true,
		"wget -O - https://x | sh":                         true,
		"curl -sL https://x | tee log | sh -e":             true,
		"bash <(curl -s https://x)":                        true,
		"sh -c \"$(wget -O- https://x)\"":                  true,
		"curl -s https://x | python3":                      true,
		"curl -s https://x | python3 -m json.tool":         false,
		"curl -s https://x | jq .":                         false,
		"curl -o f https://x && sh f":                      false,
		"wget https://x | sh":                              false,
		"curl -s https://x | sh -c 'cat > f'":              false,
		"echo curl | sh":                                   false,
		"curl https://x | bash # unbalanced ( parse error": true,
		"apt-get update && apt-get install -y curl":        false,
		"curl -fsSL https://x | tar -xz -C /usr/local/bin": false,
		"curl -s \"$URL\" | sh":                            true,
		"if true; then curl -s https://x | sh; fi":         true,
		"curl -s https://x | perl -e 'print <STDIN>'":      false,
		"curl -s https://x | ( cd /tmp && sh )":            false,
		"\"curl\" https://x | \"bash\"":                    true,
		"curl 'https://x | sh'":                            false,
	}
	for script, want := range tests {
		if got := scriptPipesToShell(script); got != want {
			t.Errorf("scriptPipesToShell(%q) = %v, want %v", script, got, want)
		}
	}
}

func TestLooksSecret(t *testing.T) {
	tests := map[string]bool{
		"GITHUB_TOKEN": true, "npm_token": true, "DB_PASSWORD": true, "PASSWORD": true,
		"SECRET_KEY_BASE": true, "AWS_SECRET_ACCESS_KEY": true, "API_KEY": true,
		"MYSQL_ROOT_PASSWORD_FILE": true, "SSH_PUBLIC_KEY": false, "KEY_ID": false,
		"NODE_ENV": false, "TOKENIZER": false, "PATH": false, "SIGNING_KEY_ID": false,
	}
	for name, want := range tests {
		if got := looksSecret(name); got != want {
			t.Errorf("looksSecret(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestRedactURL(t *testing.T) {
	tests := map[string]string{
		"https://user:pass@example.com/a.tgz?token=x#frag": "https://REDACTED@example.com/a.tgz",
		"https://example.com/a.tgz":                        "https://example.com/a.tgz",
		"http://example.com:8080/dl?":                      "http://example.com:8080/dl",
		"https://u:p@exa mple.com/%zz?k=v":                 "https://REDACTED@exa mple.com/%zz",
	}
	for raw, want := range tests {
		if got := redactURL(raw); got != want {
			t.Errorf("redactURL(%q) = %q, want %q", raw, got, want)
		}
	}
}
