package forge

import (
	"strings"
	"testing"
)

func TestAPIMessage(t *testing.T) {
	tests := map[string]string{
		`{"message": "Bad credentials", "documentation_url": "https://docs"}`:                 "Bad credentials",
		`{"message": "Validation Failed", "errors": [{"field": "title", "code": "missing"}]}`: `Validation Failed; {"field":"title","code":"missing"}`,
		`{"message": {"labels": ["is invalid"]}}`:                                             `{"labels":["is invalid"]}`,
		`{"error": "invalid_token", "error_description": "Token was revoked"}`:                "invalid_token; Token was revoked",
		"<html>\n<h1>502 Bad Gateway</h1>\n</html>":                                           "<html> <h1>502 Bad Gateway</h1> </html>",
		``:                    "",
		`{"message": null}`:   "",
		`{"errors": ["one"]}`: "one",
	}
	for in, want := range tests {
		if got := apiMessage([]byte(in)); got != want {
			t.Errorf("apiMessage(%q) = %q, want %q", in, got, want)
		}
	}
	long := apiMessage([]byte(strings.Repeat("é", 600)))
	if len(long) > maxMessage+len("…") || !strings.HasSuffix(long, "…") {
		t.Errorf("a long message is kept as %d bytes", len(long))
	}
}
