package cargo

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

const index = "https://github.com/rust-lang/crates.io-index"

// crate builds the item the extractor should return. id is the manifest the
// id names; at is where the item points.
func crate(id string, at extractors.Location, attrs map[string]any) extractors.Item {
	base := map[string]any{
		"ecosystem": "cargo", "version": "", "constraint": "", "direct": true,
		"scope": "prod", "source": "registry", "url": "", "pinned": false,
		"hash": false, "locked": true,
	}
	return extractortest.Dependency(id, at, base, attrs)
}

var at = extractortest.At

// locked fills what a crates.io crate in the lockfile brings.
func locked(attrs map[string]any) map[string]any {
	attrs["url"], attrs["pinned"], attrs["hash"] = index, true, true
	return attrs
}

func TestExtract(t *testing.T) {
	const api = "crates/api/Cargo.toml"
	const lock = "Cargo.lock"
	tests := []struct {
		name     string
		dir      string
		path     string
		repo     extractors.Repo // nil: the fixture folder
		want     []extractors.Item
		wantLine int // line of the returned error: 0 for none, -1 for no line
	}{
		{name: "workspace member", dir: "testdata/workspace", path: api, want: []extractors.Item{
			crate(api, at(api, 13), locked(map[string]any{"name": "anyhow", "version": "1.0.86",
				"constraint": "1", "scope": "optional"})),
			crate(api, at(api, 19), locked(map[string]any{"name": "cc", "version": "1.0.106",
				"constraint": "1.0", "scope": "build"})),
			crate(api, at(api, 9), map[string]any{"name": "core", "version": "0.1.0",
				"source": "path", "pinned": true}),
			crate(api, at(api, 22), locked(map[string]any{"name": "insta", "version": "1.39.0",
				"constraint": "1.39", "scope": "dev"})),
			crate(api, at(lock, 55), locked(map[string]any{"name": "itoa", "version": "1.0.11",
				"direct": false})),
			crate(api, at(api, 7), locked(map[string]any{"name": "serde", "version": "1.0.204",
				"constraint": "1.0"})),
			crate(api, at(api, 10), locked(map[string]any{"name": "serde_json",
				"version": "1.0.120", "constraint": "=1.0.120"})),
			crate(api, at(lock, 77), locked(map[string]any{"name": "similar", "version": "2.5.0",
				"direct": false, "scope": "dev"})),
			crate(api, at(api, 8), locked(map[string]any{"name": "tokio", "version": "1.38.0",
				"constraint": "1.38"})),
			crate(api, at(api, 12), map[string]any{"name": "tracing", "version": "0.1.40",
				"source": "git", "url": "https://github.com/example/tracing?branch=fix-spans",
				"pinned": true}),
			crate(api, at(api, 15), map[string]any{"name": "vendored", "version": "0.2.0",
				"source": "path"}),
			crate(api, at(api, 26), locked(map[string]any{"name": "winapi", "version": "0.3.9",
				"constraint": "0.3"})),
		}},
		{name: "member of the workspace root", dir: "testdata/workspace",
			path: "crates/core/Cargo.toml", want: []extractors.Item{
				crate("crates/core/Cargo.toml", at("crates/core/Cargo.toml", 7),
					locked(map[string]any{"name": "serde", "version": "1.0.204",
						"constraint": "1.0"})),
			}},
		{name: "virtual workspace root", dir: "testdata/workspace", path: "Cargo.toml"},
		{name: "lockfile beside its manifest", dir: "testdata/workspace", path: lock},
		{name: "no lockfile", dir: "testdata/single", path: "Cargo.toml", want: []extractors.Item{
			crate("Cargo.toml", at("Cargo.toml", 6), map[string]any{"name": "clap",
				"constraint": "4", "locked": false}),
			crate("Cargo.toml", at("Cargo.toml", 10), map[string]any{"name": "local",
				"source": "path", "pinned": true, "locked": false}),
			crate("Cargo.toml", at("Cargo.toml", 7), map[string]any{"name": "log",
				"constraint": "=0.4.22", "pinned": true, "locked": false}),
			crate("Cargo.toml", at("Cargo.toml", 9), map[string]any{"name": "rand",
				"source": "git", "url": "https://github.com/rust-random/rand", "pinned": true,
				"locked": false}),
		}},
		{name: "version 1 lockfile alone", dir: "testdata/lockonly", path: lock,
			want: []extractors.Item{
				crate(lock, at(lock, 8), locked(map[string]any{"name": "libc",
					"version": "0.2.155", "scope": "unknown"})),
			}},
		{name: "unreadable lockfile", dir: "testdata/workspace", path: "crates/core/Cargo.toml",
			repo: tooLarge{"Cargo.lock"}, wantLine: -1, want: []extractors.Item{
				crate("crates/core/Cargo.toml", at("crates/core/Cargo.toml", 7),
					map[string]any{"name": "serde", "constraint": "1.0"}),
			}},
		{name: "broken manifest", dir: "testdata/broken", path: "Cargo.toml", wantLine: 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var repo extractors.Repo = extractortest.DirRepo(tt.dir)
			if tt.repo != nil {
				repo = overlay{tt.repo, repo}
			}
			content := extractortest.Fixture(t, tt.dir, tt.path)
			got, err := New().Extract(extractors.File{Path: tt.path, Content: content}, repo)
			extractortest.CheckResult(t, got, err, tt.want, tt.wantLine, "")
		})
	}
}

// tooLarge fails to read the one file it names, as the walker does with a
// file over the size limit.
type tooLarge struct{ path string }

func (r tooLarge) ReadFile(p string) ([]byte, error) {
	if p == r.path {
		return nil, extractors.ErrTooLarge
	}
	return nil, extractors.ErrNotInInventory
}

// overlay serves a file from the first repository that has it.
type overlay struct{ first, second extractors.Repo }

func (o overlay) ReadFile(p string) ([]byte, error) {
	content, err := o.first.ReadFile(p)
	if err == extractors.ErrNotInInventory {
		return o.second.ReadFile(p)
	}
	return content, err
}

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		"Cargo.toml": true, "crates/a/Cargo.toml": true, "Cargo.lock": true,
		"cargo.toml": false, "Cargo.toml.orig": false, "rust-toolchain.toml": false,
	}
	for p, want := range tests {
		if got := New().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}
