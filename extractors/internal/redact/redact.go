package redact

import (
	"net/url"
	"regexp"
	"strings"
)

// Marker replaces each credential. It stays visible so that a reader knows
// the file holds one, without learning what it is.
const Marker = "REDACTED"

// urlInText finds URLs inside free text, such as a requirement "name @ url"
// or a Terraform source "git::https://...". A URL ends at white space or a
// quote, as it does in every format tms reads.
var urlInText = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^\s"'<>` + "`" + `]+`)

// secretKeyWords mark a query key whose value is a credential: access
// tokens, passwords, API keys, signed-URL signatures and session tokens.
var secretKeyWords = []string{"token", "secret", "pass", "pwd", "key", "sig", "auth", "credential", "session"}

// Text returns s with the credentials of every URL in it replaced by Marker.
// Text without a URL is returned unchanged.
func Text(s string) string {
	if !strings.Contains(s, "://") {
		return s
	}
	return urlInText.ReplaceAllStringFunc(s, redactURL)
}

// redactURL redacts one URL. A URL that net/url cannot parse is still cleaned,
// by cutting its authority at the last @, because the text is printed
// either way.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return redactUnparsed(raw)
	}

	changed := false
	if u.User != nil && !sshLogin(u) {
		u.User = url.User(Marker)
		changed = true
	}
	if query, ok := redactQuery(u.RawQuery); ok {
		u.RawQuery = query
		changed = true
	}
	if !changed {
		return raw
	}
	return u.String()
}

// sshLogin reports whether the user information is only the login name of
// an ssh URL, such as git@github.com: ssh authenticates with a key, so the
// name is no secret, and it tells which account the checkout uses.
func sshLogin(u *url.URL) bool {
	_, hasPassword := u.User.Password()
	return !hasPassword && strings.HasSuffix(u.Scheme, "ssh")
}

// redactQuery replaces the values of secret-looking keys, keeping the order
// and spelling of everything else so that a ref or a version stays readable.
func redactQuery(raw string) (string, bool) {
	if raw == "" {
		return raw, false
	}
	pairs := strings.Split(raw, "&")
	changed := false
	for i, pair := range pairs {
		key, _, hasValue := strings.Cut(pair, "=")
		if hasValue && secretKey(key) {
			pairs[i] = key + "=" + Marker
			changed = true
		}
	}
	return strings.Join(pairs, "&"), changed
}

func secretKey(key string) bool {
	if unescaped, err := url.QueryUnescape(key); err == nil {
		key = unescaped
	}
	key = strings.ToLower(key)
	for _, word := range secretKeyWords {
		if strings.Contains(key, word) {
			return true
		}
	}
	return false
}

func redactUnparsed(raw string) string {
	scheme, rest, _ := strings.Cut(raw, "://")
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	authority, tail := rest[:end], rest[end:]
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		authority = Marker + authority[i:]
	}
	path, query, hasQuery := strings.Cut(tail, "?")
	if hasQuery {
		query, _ = redactQuery(query)
		path += "?" + query
	}
	return scheme + "://" + authority + path
}
