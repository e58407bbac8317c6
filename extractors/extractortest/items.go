package extractortest

import (
	"maps"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
)

// At is the location of line in the file at p.
func At(p string, line int) extractors.Location {
	return extractors.Location{Path: p, Line: line}
}

// Dependency builds the dependency item a test expects of manifest: its
// attributes are base with attrs over it, and its name is attrs' "name" (or
// base's). The maps given are left as they are.
func Dependency(manifest string, at extractors.Location,
	base, attrs map[string]any) extractors.Item {
	all := map[string]any{}
	maps.Copy(all, base)
	maps.Copy(all, attrs)
	name, _ := all["name"].(string)
	return extractors.Item{
		ID: "dependency:" + manifest + "#" + name, Kind: "dependency", Name: name,
		Exposure: extractors.ExposureInternal, Attributes: all, Location: at,
	}
}

// Expected is what a test checks of one item: its line, its exposure and
// the attributes named, whatever others the item carries.
type Expected expectedFields

// expectedFields lets CheckExpected accept a test's own type for Expected,
// whose fields that test may then write unkeyed.
type expectedFields = struct {
	Line     int
	Exposure extractors.Exposure
	Attrs    map[string]any
}

// CheckExpected compares the items extracted from file with those expected,
// keyed by key: each must be there, at its line of file, with its exposure
// and the attributes named, and no other item may be. E is Expected or a
// test's own type defined as Expected.
func CheckExpected[E ~expectedFields](t testing.TB, file string, items []extractors.Item,
	key func(extractors.Item) string, expected map[string]E) {
	t.Helper()
	seen := map[string]bool{}
	for _, it := range items {
		k := key(it)
		seen[k] = true
		want, ok := expected[k]
		e := Expected(want)
		if !ok {
			t.Errorf("unexpected item %s", it.ID)
			continue
		}
		if it.Location != At(file, e.Line) {
			t.Errorf("%s at %+v, want line %d of %s", k, it.Location, e.Line, file)
		}
		if it.Exposure != e.Exposure {
			t.Errorf("%s exposure %s, want %s", k, it.Exposure, e.Exposure)
		}
		for name, v := range e.Attrs {
			if diff := cmp.Diff(v, it.Attributes[name]); diff != "" {
				t.Errorf("%s attribute %s (-want +got):\n%s", k, name, diff)
			}
		}
	}
	for k := range expected {
		if !seen[k] {
			t.Errorf("missing item %s", k)
		}
	}
}
