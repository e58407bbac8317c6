package ruby

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

const (
	gemfile = "Gemfile"
	lock    = "Gemfile.lock"
)

// gem builds the item the extractor should return; attrs override the
// attributes of a locked, direct production gem from the registry.
func gem(manifest string, loc extractors.Location, attrs map[string]any) extractors.Item {
	base := map[string]any{
		"ecosystem": "rubygems", "version": "", "constraint": "", "direct": true,
		"scope": "prod", "source": "registry", "url": "", "pinned": false, "hash": false,
		"locked": true,
	}
	return extractortest.Dependency(manifest, loc, base, attrs)
}

var at = extractortest.At

func TestExtract(t *testing.T) {
	tests := []struct {
		name     string
		dir      string
		path     string
		want     []extractors.Item
		wantLine int // line of the returned error: 0 for none, -1 for no line
	}{
		{name: "Gemfile and its lockfile", dir: "testdata/app", path: gemfile,
			want: []extractors.Item{
				gem(gemfile, at(lock, 18), map[string]any{"direct": false, "hash": true,
					"name": "activesupport", "pinned": true, "url": "https://rubygems.org/",
					"version": "7.1.3.4"}),
				gem(gemfile, at(gemfile, 13), map[string]any{"name": "audit_log",
					"pinned": true, "source": "path", "version": "0.1.0"}),
				gem(gemfile, at(gemfile, 11), map[string]any{"hash": true, "name": "bootsnap",
					"pinned": true, "url": "https://rubygems.org/", "version": "1.18.3"}),
				gem(gemfile, at(gemfile, 24), map[string]any{"hash": true, "name": "capybara",
					"pinned": true, "scope": "test", "url": "https://rubygems.org/",
					"version": "3.40.0"}),
				gem(gemfile, at(gemfile, 18), map[string]any{"hash": true, "name": "debug",
					"pinned": true, "scope": "dev", "url": "https://rubygems.org/",
					"version": "1.9.2"}),
				gem(gemfile, at(gemfile, 14), map[string]any{"name": "kaminari",
					"pinned": true, "source": "git",
					"url": "https://github.com/kaminari/kaminari.git", "version": "1.2.2"}),
				gem(gemfile, at(lock, 24), map[string]any{"direct": false, "hash": true,
					"name": "msgpack", "pinned": true, "url": "https://rubygems.org/",
					"version": "1.7.2"}),
				gem(gemfile, at(gemfile, 27), map[string]any{"hash": true,
					"name": "newrelic_rpm", "pinned": true, "url": "https://rubygems.org/",
					"version": "9.11.0"}),
				gem(gemfile, at(lock, 26), map[string]any{"direct": false, "hash": true,
					"name": "nio4r", "pinned": true, "url": "https://rubygems.org/",
					"version": "2.7.3"}),
				gem(gemfile, at(lock, 27), map[string]any{"direct": false, "hash": true,
					"name": "nokogiri", "pinned": true, "url": "https://rubygems.org/",
					"version": "1.16.6"}),
				gem(gemfile, at(gemfile, 9), map[string]any{"constraint": ">= 1.1, < 2.0",
					"hash": true, "name": "pg", "pinned": true, "url": "https://rubygems.org/",
					"version": "1.5.6"}),
				gem(gemfile, at(gemfile, 10), map[string]any{"constraint": "6.4.2",
					"hash": true, "name": "puma", "pinned": true,
					"url": "https://rubygems.org/", "version": "6.4.2"}),
				gem(gemfile, at(lock, 34), map[string]any{"direct": false, "hash": true,
					"name": "racc", "pinned": true, "url": "https://rubygems.org/",
					"version": "1.8.0"}),
				gem(gemfile, at(gemfile, 8), map[string]any{"constraint": "~> 7.1.3",
					"hash": true, "name": "rails", "pinned": true,
					"url": "https://rubygems.org/", "version": "7.1.3.4"}),
				gem(gemfile, at(gemfile, 19), map[string]any{"constraint": "~> 6.1",
					"hash": true, "name": "rspec-rails", "pinned": true, "scope": "dev",
					"url": "https://rubygems.org/", "version": "6.1.3"}),
				gem(gemfile, at(gemfile, 12), map[string]any{"name": "sidekiq-pro",
					"pinned": true, "url": "https://gems.contribsys.com/", "version": "7.3.0"}),
				gem(gemfile, at(lock, 39), map[string]any{"direct": false, "hash": true,
					"name": "tzinfo", "pinned": true, "url": "https://rubygems.org/",
					"version": "2.0.6"}),
				gem(gemfile, at(gemfile, 15), map[string]any{"hash": true,
					"name": "tzinfo-data", "pinned": true, "url": "https://rubygems.org/",
					"version": "1.2024.1"}),
			}},
		{name: "lockfile beside its Gemfile", dir: "testdata/app", path: lock},
		{name: "a gem's lockfile alone", dir: "testdata/gem", path: lock,
			want: []extractors.Item{
				gem(lock, at(lock, 4), map[string]any{"name": "bigdecimal", "pinned": true,
					"url": "http://rubygems.org/", "version": "3.1.8"}),
				gem(lock, at(lock, 17), map[string]any{"constraint": "~> 5.0",
					"name": "minitest", "pinned": true, "scope": "unknown",
					"url": "http://rubygems.org/", "version": "5.24.1"}),
			}},
		{name: "broken lockfile", dir: "testdata/broken", path: lock, wantLine: 5,
			want: []extractors.Item{
				gem(lock, at(lock, 8), map[string]any{"name": "rack", "pinned": true,
					"scope": "unknown", "url": "https://rubygems.org/", "version": "3.1.7"}),
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := extractortest.ExtractFixture(t, New(), tt.dir, tt.path)
			extractortest.CheckResult(t, got, err, tt.want, tt.wantLine, "")
		})
	}
}

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		"Gemfile": true, "app/Gemfile.lock": true, "gems.rb": true, "gems.locked": true,
		"Gemfile.old": false, "gemfile": false, "app.gemspec": false,
	}
	for p, want := range tests {
		if got := New().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}
