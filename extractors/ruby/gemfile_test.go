package ruby

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func TestReadGemfile(t *testing.T) {
	const gemfile = `source 'https://rubygems.org'

git "https://git.example.com/platform.git", branch: "main" do
  gem "platform-auth"
end

path "vendor/engines" do
  gem "billing" # the # in a comment
end

github "rack/rack" do
  gem "rack"
end

source "https://gems.example.com" do
  group :production do
    gem 'secret_sauce', '= 2.0.1'
  end
end

if ENV["CI"] then gem "ci_reporter" end
gem "ox", :require => false, :group => [:ops, :test]
gem("oj", "~> 3.16", groups: %w[default tools])
platforms :jruby do
  gem "jruby-openssl"
end
gem "url_gem", git: "https://tok3n@github.com/x/url_gem.git#frag"
`
	want := []declaredGem{
		{name: "platform-auth", git: "https://git.example.com/platform.git", line: 4},
		{name: "billing", path: "vendor/engines", line: 8},
		{name: "rack", git: "https://github.com/rack/rack.git", line: 12},
		{name: "secret_sauce", constraints: []string{"= 2.0.1"}, groups: []string{"production"},
			source: "https://gems.example.com", line: 17},
		{name: "ox", groups: []string{"ops", "test"}, line: 22},
		{name: "oj", constraints: []string{"~> 3.16"}, groups: []string{"default", "tools"},
			line: 23},
		{name: "jruby-openssl", line: 25},
		{name: "url_gem", git: "https://tok3n@github.com/x/url_gem.git#frag", line: 27},
	}
	got := readGemfile([]byte(gemfile))
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(declaredGem{})); diff != "" {
		t.Errorf("gems (-want +got):\n%s", diff)
	}
}

func TestGroupScope(t *testing.T) {
	tests := []struct {
		groups []string
		want   string
	}{
		{nil, "prod"},
		{[]string{"development", "test"}, "dev"},
		{[]string{"test"}, "test"},
		{[]string{"tools", "default"}, "prod"},
	}
	for _, tt := range tests {
		if got := groupScope(tt.groups); got != tt.want {
			t.Errorf("groupScope(%v) = %q, want %q", tt.groups, got, tt.want)
		}
	}
}

func TestExactVersion(t *testing.T) {
	for constraints, want := range map[string]bool{
		"1.2.3": true, "= 1.2.3": true, "~> 1.2": false, ">= 1": false, "": false,
		"1.0.0.pre": true,
	} {
		if got := exactVersion([]string{constraints}); got != want {
			t.Errorf("exactVersion(%q) = %v, want %v", constraints, got, want)
		}
	}
	if exactVersion([]string{"1.0", "1.1"}) {
		t.Error("two requirements taken for one version")
	}
}

func TestLockfileGivesTheConstraintTheGemfileHides(t *testing.T) {
	repo := extractortest.Files[[]byte]{
		gemfile: []byte("RAILS = \"~> 7.1\"\ngem \"rails\", RAILS\n"),
		lock: []byte("GEM\n  remote: https://rubygems.org/\n  specs:\n    rails (7.1.3)\n\n" +
			"DEPENDENCIES\n  rails (~> 7.1)\n"),
	}
	items, err := New().Extract(extractors.File{Path: gemfile, Content: repo[gemfile]}, repo)
	if err != nil || len(items) != 1 {
		t.Fatalf("got %v, %v; want one item", items, err)
	}
	if got := items[0].Attributes["constraint"]; got != "~> 7.1" {
		t.Errorf("constraint = %q, want the lockfile's ~> 7.1", got)
	}
	if items[0].Location.Line != 2 {
		t.Errorf("item at line %d, want the gem line 2", items[0].Location.Line)
	}
}
