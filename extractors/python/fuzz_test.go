package python

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

// fuzzPairs are the manifest and lockfile names a fuzzed pair stands for.
var fuzzPairs = [][2]string{
	{"requirements.txt", "constraints.txt"},
	{"pyproject.toml", "poetry.lock"},
	{"pyproject.toml", "uv.lock"},
	{"Pipfile", "Pipfile.lock"},
}

func FuzzExtract(f *testing.F) {
	seeds := []struct {
		pair      byte
		dir       string
		manifest  string
		lockfiles string
	}{
		{0, "testdata/requirements", "requirements.txt", "constraints.txt"},
		{0, "testdata/compiled", "requirements.txt", ""},
		{1, "testdata/poetry", "pyproject.toml", "poetry.lock"},
		{1, "testdata/poetrylegacy", "", "poetry.lock"},
		{2, "testdata/uv", "pyproject.toml", "uv.lock"},
		{2, "testdata/uvworkspace", "pyproject.toml", "uv.lock"},
		{3, "testdata/pipenv", "Pipfile", "Pipfile.lock"},
		{1, "testdata/broken", "pyproject.toml", ""},
	}
	for _, s := range seeds {
		var manifest, lock []byte
		if s.manifest != "" {
			manifest = extractortest.Fixture(f, s.dir, s.manifest)
		}
		if s.lockfiles != "" {
			lock = extractortest.Fixture(f, s.dir, s.lockfiles)
		}
		f.Add(s.pair, manifest, lock)
	}

	f.Fuzz(func(t *testing.T, pair byte, manifest, lock []byte) {
		names := fuzzPairs[int(pair)%len(fuzzPairs)]
		repo := files{names[0]: manifest, names[1]: lock}
		check(t, repo, names[0])
		delete(repo, names[0]) // then the lockfile on its own
		check(t, repo, names[1])
	})
}

// check extracts p from repo and checks what any input must give. A nil
// entry of repo, as the seeds without a lockfile give, is a file too large
// to read.
func check(t *testing.T, repo files, p string) {
	t.Helper()
	file := extractors.File{Path: p, Content: repo[p]}
	items, err := New().Extract(file, repo)
	extractortest.CheckItems(t, file, items, err,
		extractortest.ItemsIn(repo), extractortest.LinelessErrors())
}
