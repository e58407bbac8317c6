package npm

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

// summary is what a reviewer reads of a workspace's items: whose manifest
// an item names, what it resolved to, whether it is in-repo, and where it
// is reported.
func summary(items []extractors.Item) []string {
	var lines []string
	for _, it := range items {
		a := it.Attributes
		lines = append(lines, fmt.Sprintf("%s %v %v pinned=%v locked=%v %s:%d", it.ID,
			a["version"], a["source"], a["pinned"], a["locked"], it.Location.Path, it.Location.Line))
	}
	return lines
}

// TestWorkspaces reads each package.json of a workspace whose one lockfile
// sits at its root. Every member gets the versions the root lockfile
// records for it and reports its own packages; the root reports only its
// own; a workspace: dependency is a folder inside the repository.
func TestWorkspaces(t *testing.T) {
	tests := []struct {
		dir, manifest string
		want          []string
	}{
		{"ws-pnpm", "package.json", []string{
			"dependency:package.json#typescript 5.4.5 registry pinned=true locked=true package.json:6",
		}},
		{"ws-pnpm", "packages/api/package.json", []string{
			"dependency:packages/api/package.json#avvio 8.3.0 registry pinned=true locked=true pnpm-lock.yaml:31",
			"dependency:packages/api/package.json#fastify 4.26.2 registry pinned=true locked=true packages/api/package.json:5",
			"dependency:packages/api/package.json#shared  path pinned=true locked=true packages/api/package.json:6",
			"dependency:packages/api/package.json#utils file:libs/utils path pinned=true locked=true packages/api/package.json:7",
		}},
		{"ws-pnpm", "packages/shared/package.json", []string{
			"dependency:packages/shared/package.json#ms 2.1.3 registry pinned=true locked=true packages/shared/package.json:5",
		}},
		{"ws-npm", "package.json", []string{
			"dependency:package.json#typescript 5.4.5 registry pinned=true locked=true package.json:6",
		}},
		{"ws-npm", "packages/api/package.json", []string{
			"dependency:packages/api/package.json#avvio 8.3.0 registry pinned=true locked=true package-lock.json:12",
			"dependency:packages/api/package.json#fastify 4.26.2 registry pinned=true locked=true packages/api/package.json:5",
			"dependency:packages/api/package.json#ms 1.0.0 registry pinned=true locked=true package-lock.json:18",
			"dependency:packages/api/package.json#shared 0.1.0 path pinned=true locked=true packages/api/package.json:6",
		}},
		{"ws-npm", "packages/shared/package.json", []string{
			"dependency:packages/shared/package.json#ms 2.1.3 registry pinned=true locked=true packages/shared/package.json:5",
		}},
		{"ws-berry", "package.json", []string{
			"dependency:package.json#typescript 5.4.5 registry pinned=true locked=true package.json:6",
		}},
		{"ws-berry", "packages/api/package.json", []string{
			"dependency:packages/api/package.json#avvio 8.3.0 registry pinned=true locked=true yarn.lock:17",
			"dependency:packages/api/package.json#fastify 4.26.2 registry pinned=true locked=true packages/api/package.json:5",
			"dependency:packages/api/package.json#shared 0.0.0-use.local path pinned=true locked=true packages/api/package.json:6",
		}},
		{"ws-berry", "packages/shared/package.json", []string{
			"dependency:packages/shared/package.json#ms 2.1.3 registry pinned=true locked=true packages/shared/package.json:5",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.dir+"/"+tt.manifest, func(t *testing.T) {
			dir := filepath.Join("testdata", tt.dir)
			content, err := os.ReadFile(filepath.Join(dir, tt.manifest))
			if err != nil {
				t.Fatal(err)
			}
			f := extractors.File{Path: tt.manifest, Content: content}
			items, err := New().Extract(f, extractortest.DirRepo(dir))
			if err != nil {
				t.Errorf("unexpected error: %v", err)
			}
			if diff := cmp.Diff(tt.want, summary(items)); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWorkspaceCoverage checks when a lockfile above a package.json is the
// member's: only when it records the member's folder, so that a folder
// outside the workspace is not taken as locked.
func TestWorkspaceCoverage(t *testing.T) {
	member := `{"dependencies": {"a": "^1"}}`
	npmLock := `{"packages": {"app": {"dependencies": {"a": "^1"}},
"node_modules/a": {"version": "1.2.0"}}}`
	tests := []struct {
		name  string
		files mapRepo
		want  string // version@location of a, or "unlocked"
	}{
		{"npm workspace", mapRepo{
			"package.json": `{"workspaces": ["app"]}`, "package-lock.json": npmLock,
		}, "1.2.0@app/package.json:1"},
		{"npm lockfile of a root that declares no workspaces", mapRepo{
			"package.json": `{}`, "package-lock.json": npmLock,
		}, "unlocked"},
		{"pnpm lockfile without the member's importer", mapRepo{
			"pnpm-lock.yaml": "lockfileVersion: '9.0'\nimporters:\n  other:\n    dependencies:\n" +
				"      a: {specifier: ^1, version: 1.2.0}\npackages:\n  a@1.2.0: {}\n",
		}, "unlocked"},
		{"pnpm lockfile with it", mapRepo{
			"pnpm-lock.yaml": "lockfileVersion: '9.0'\nimporters:\n  app:\n    dependencies:\n" +
				"      a: {specifier: ^1, version: 1.2.0}\npackages:\n  a@1.2.0: {}\n",
		}, "1.2.0@app/package.json:1"},
		{"yarn classic records no workspaces", mapRepo{
			"yarn.lock": "a@^1:\n  version \"1.2.0\"\n",
		}, "unlocked"},
		{"a lockfile beside the member wins", mapRepo{
			"package.json": `{"workspaces": ["app"]}`, "package-lock.json": npmLock,
			"app/yarn.lock": "a@^1:\n  version \"1.3.0\"\n",
		}, "1.3.0@app/package.json:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.files["app/package.json"] = member
			f := extractors.File{Path: "app/package.json", Content: []byte(member)}
			items, err := New().Extract(f, tt.files)
			if err != nil || len(items) != 1 {
				t.Fatalf("got %v, %v; want the one item a", items, err)
			}
			got := fmt.Sprintf("%v@%s:%d", items[0].Attributes["version"],
				items[0].Location.Path, items[0].Location.Line)
			if items[0].Attributes["locked"] == false {
				got = "unlocked"
			}
			if got != tt.want {
				t.Errorf("a is %s, want %s", got, tt.want)
			}
		})
	}
}

func TestLocalInRepository(t *testing.T) {
	tests := []struct {
		dir, spec string
		want      bool
	}{
		{"packages/api", "workspace:*", true},
		{"packages/api", "workspace:^1.0.0", true},
		{"packages/api", "workspace:../shared", true},
		{"packages/api", "file:../../libs/utils", true},
		{"packages/api", "link:../../../outside", false},
		{".", "file:../utils", false},
		{".", "./vendor/lib", true},
		{".", "/opt/lib", false},
		{".", "~/lib", false},
		{".", "portal:tools/cli", true},
	}
	for _, tt := range tests {
		if got := localInRepository(tt.dir, tt.spec); got != tt.want {
			t.Errorf("localInRepository(%q, %q) = %v, want %v", tt.dir, tt.spec, got, tt.want)
		}
	}
}
