package redact

import (
	"net/url"
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"token as user", "git+https://ghp_abc123@github.com/org/repo.git#v1",
			"git+https://REDACTED@github.com/org/repo.git#v1"},
		{"user and password", "https://user:PASSWORD123@npm.example.com/pkg.tgz",
			"https://REDACTED@npm.example.com/pkg.tgz"},
		{"terraform forced getter", "git::https://oauth2:TFTOKEN555@gitlab.com/g/m.git?ref=v1.2.0",
			"git::https://REDACTED@gitlab.com/g/m.git?ref=v1.2.0"},
		{"url inside a requirement", "app @ git+https://oauth2:GLTOKEN777@gitlab.com/g/app.git@v1",
			"app @ git+https://REDACTED@gitlab.com/g/app.git@v1"},
		{"ssh login", "git+ssh://git@github.com/a/b.git", "git+ssh://git@github.com/a/b.git"},
		{"ssh password", "ssh://git:PW@host/a.git", "ssh://REDACTED@host/a.git"},
		{"token as user over https", "https://glpat-abc@host/a.git", "https://REDACTED@host/a.git"},
		{"secret query values", "https://host/x.tgz?ref=main&access_token=T1&X-Amz-Signature=S2&v=3",
			"https://host/x.tgz?ref=main&access_token=REDACTED&X-Amz-Signature=REDACTED&v=3"},
		{"unparsable url", "https://u:SECRET9@host/a%zz?token=T3", "https://REDACTED@host/a%zz?token=REDACTED"},
		{"two urls", "a https://u:P1@h/ b https://h2/?key=P2",
			"a https://REDACTED@h/ b https://h2/?key=REDACTED"},
		{"clean url kept byte for byte", "https://registry.npmjs.org/a/-/a-1.0.0.tgz?x=%2F",
			"https://registry.npmjs.org/a/-/a-1.0.0.tgz?x=%2F"},
		{"no url", "^4.19.2", "^4.19.2"},
		{"scp-like git address", "git@github.com:org/repo.git", "git@github.com:org/repo.git"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzText checks that no URL in the output keeps user information other
// than the marker, whatever the input looks like.
func FuzzText(f *testing.F) {
	f.Add("https://user:s3cret@host/p?token=t0k")
	f.Add("git::ssh://a:b@c/d?sshkey=e")
	f.Add("x https://a@b@c/%zz y")
	f.Fuzz(func(t *testing.T, s string) {
		out := Text(s)
		for _, found := range urlInText.FindAllString(out, -1) {
			u, err := url.Parse(found)
			if err == nil && u.User != nil && u.User.String() != Marker && !sshLogin(u) {
				t.Errorf("Text(%q) = %q keeps user information %q", s, out, u.User)
			}
		}
	})
}
