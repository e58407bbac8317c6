package engine

import (
	"fmt"
	"slices"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

// The index only narrows the ids a glob is tried on: whatever it skips, the
// glob must not match. Every glob here is checked against trying every id.
func TestIDIndexMatchesLikeTryingEveryID(t *testing.T) {
	ids := []string{
		"container.port:services/api/Dockerfile#8080/tcp",
		"container.port:services/billing/Dockerfile#9000/tcp",
		"container.image:services/api/Dockerfile",
		"http.route:services/api/main.go#GET /users/{id}",
		"dependency:go.mod#golang.org/x/net",
		"dependency:services/web/package.json#@scope/pkg",
		"k8s.service:deploy/api.yaml#default/Service/api",
		"tf.resource:infra/main.tf#aws_s3_bucket.logs",
		"a:b:services/api/odd", // a second colon before the first slash
		"services/api/no-kind",
		"container.port:services/api/Dockerfile#8080/tcp", // a duplicate
	}
	globs := []string{
		"container.port:services/api/**",
		"container.port:*",
		"container.port:**",
		"*:services/api/**",
		"*:services/**",
		"*.port:services/**",
		"?ependency:**",
		"*:b:services/**",
		"a:*:services/**",
		"*:*:services/**",
		"**/Dockerfile#**",
		"**:services/api/**",
		"{container,http}.*:services/api/**",
		"[ck]*:**",
		`container\.port:services/api/**`,
		"*:go.mod#*",
		"*",
		"**",
		"services/api/**",
		"missing:**",
		"*:missing/**",
		"bad[",
	}

	index := newIDIndex(ids)
	for _, glob := range globs {
		var want []string
		for _, id := range sortedUnique(slices.Clone(ids)) {
			if matchID(glob, id) {
				want = append(want, id)
			}
		}
		if got := index.match(glob); !slices.Equal(got, want) {
			t.Errorf("match(%q) = %q, want %q", glob, got, want)
		}
		if again := index.match(glob); !slices.Equal(again, want) {
			t.Errorf("second match(%q) = %q, want %q", glob, again, want)
		}
	}
}

// BenchmarkCoverageIndex resolves a model of many globs against many items:
// every service has its own threat and mitigation, written the two common
// ways (kind first, and kind left open), as a model grown by tms init reads.
func BenchmarkCoverageIndex(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		items := make([]extractors.Item, n)
		model := threatmodel.New()
		for i := range n {
			dir := fmt.Sprintf("svc%05d", i)
			items[i] = extractors.Item{ID: fmt.Sprintf("container.port:%s/Dockerfile#%d/tcp", dir, 8000+i%100)}
			model.Threats = append(model.Threats, threatmodel.Threat{
				ID: "T-" + dir, AppliesTo: []string{"container.port:" + dir + "/**"},
			})
			model.Mitigations = append(model.Mitigations, threatmodel.Mitigation{
				ID: "M-" + dir, Covers: []string{"*:" + dir + "/**"},
			})
		}
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			for b.Loop() {
				if got := coverageIndex(model, items); len(got) != n {
					b.Fatalf("covered %d items, want %d", len(got), n)
				}
			}
		})
	}
}
