package engine

import "testing"

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
