package imageref

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	const sha = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	tests := []struct {
		raw    string
		want   Ref
		pinned bool
	}{
		{raw: "nginx", want: Ref{Name: "nginx"}},
		{raw: "nginx:latest", want: Ref{Name: "nginx", Tag: "latest"}},
		{raw: "docker.io/library/redis:7.2", want: Ref{Name: "redis", Tag: "7.2"}},
		{raw: "registry.local:5000/team/api:1.0@" + sha,
			want:   Ref{Name: "registry.local:5000/team/api", Tag: "1.0", Digest: sha},
			pinned: true},
		{raw: "ghcr.io/org/app@" + sha, want: Ref{Name: "ghcr.io/org/app", Digest: sha},
			pinned: true},
		{raw: " busybox:1.36 ", want: Ref{Name: "busybox", Tag: "1.36"}},
		{raw: "Not A Ref", want: Ref{Name: "Not A Ref"}},
		{raw: "registry.local:5000/app:${TAG}",
			want: Ref{Name: "registry.local:5000/app", Tag: "${TAG}", Unresolved: true}},
		{raw: "app@${DIGEST}", want: Ref{Name: "app", Digest: "${DIGEST}", Unresolved: true}},
		{raw: "${REGISTRY}/app", want: Ref{Name: "${REGISTRY}/app", Unresolved: true}},
		{raw: "{{ .Values.image }}", want: Ref{Name: "{{ .Values.image }}", Unresolved: true}},
	}
	for _, tt := range tests {
		got := Parse(tt.raw)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Parse(%q) (-want +got):\n%s", tt.raw, diff)
		}
		if got.Pinned() != tt.pinned {
			t.Errorf("Parse(%q).Pinned() = %v, want %v", tt.raw, got.Pinned(), tt.pinned)
		}
	}
}
