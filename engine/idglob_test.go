package engine

import (
	"errors"
	"strings"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

func TestMatchID(t *testing.T) {
	port := "container.port:services/api/Dockerfile#8080/tcp"
	tests := []struct {
		glob string
		id   string
		want bool
	}{
		{"container.port:**", port, true},
		{"container.port:services/api/**", port, true},
		{"container.port:services/*/Dockerfile#*", port, false}, // * stops at the slash in 8080/tcp
		{"container.port:services/*/Dockerfile#**", port, true},
		{"container.port:*", port, false},
		{"*:services/api/**", port, true},
		{"{container.port,http.route}:services/api/**", port, true},
		{"container.port:services/[ab]pi/**", port, true},
		{"container.port:services/[!a]pi/**", port, false},
		{"dependency:go.mod#golang.org/x/?et", "dependency:go.mod#golang.org/x/net", true},
		{port, port, true},
		{"container.port:services/api/Dockerfile#8080/udp", port, false},
		{"bad[", port, false},
	}
	for _, tt := range tests {
		if got := matchID(tt.glob, tt.id); got != tt.want {
			t.Errorf("matchID(%q, %q) = %v, want %v", tt.glob, tt.id, got, tt.want)
		}
	}
}

func TestCheckGlobsNamesTheTypo(t *testing.T) {
	model := threatmodel.New()
	model.Surface = []threatmodel.SurfaceEntry{
		{ID: "container.port:old/Dockerfile#80/tcp", Status: "removed"},
	}
	model.Threats = []threatmodel.Threat{
		{ID: "T-1", AppliesTo: []string{"**"}},                    // names nothing in particular
		{ID: "T-2", AppliesTo: []string{"container.port:old/**"}}, // matches a removed entry
		{ID: "T-3", AppliesTo: []string{"contaner.port:**"},
			Location: extractors.Location{Path: "threat-model.yaml", Line: 9}},
	}
	err := checkGlobs(model, nil)
	if !errors.Is(err, ErrGlobMatchesNothing) {
		t.Fatalf("got %v, want ErrGlobMatchesNothing", err)
	}
	want := `threat-model.yaml:9: threat T-3 applies_to: "contaner.port:**" matches no surface item`
	msg := err.Error()
	if !strings.Contains(msg, want) || strings.Contains(msg, "T-1") || strings.Contains(msg, "T-2") {
		t.Errorf("error:\n%v\nwant only:\n%s", err, want)
	}
}

func TestLiteralGlobMatchesOnlyItself(t *testing.T) {
	for _, id := range []string{
		"http.route:api/routes.go#GET /users/{id}",
		`http.route:urls.py#ANY /archive/(?P<year>[0-9]{4})/`,
		`http.route:Orders.java#GET /orders/{id: \d+}`,
		"compose.port:docker-compose.yml#web/${PORT:-8080}:8080/tcp",
	} {
		glob := literalGlob(id)
		if !matchID(glob, id) {
			t.Errorf("literalGlob(%q) = %q does not match the id", id, glob)
		}
		if matchID(glob, id+"x") || matchID(glob, "x"+id) {
			t.Errorf("literalGlob(%q) = %q matches more than the id", id, glob)
		}
	}
}
