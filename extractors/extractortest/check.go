package extractortest

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
)

// ErrorLine returns the line an extraction error names: 0 for no error, -1
// for an error that names no line.
func ErrorLine(err error) int {
	if err == nil {
		return 0
	}
	var le *extractors.LineError
	if errors.As(err, &le) {
		return le.Line
	}
	return -1
}

// ErrorFile returns the file an extraction error is about when it is not
// the extracted one, as a lockfile read beside a manifest: the path of its
// extractors.FileError, or "" for none.
func ErrorFile(err error) string {
	var fe *extractors.FileError
	if errors.As(err, &fe) {
		return fe.Path
	}
	return ""
}

// Lines counts the lines of content as an editor numbers them: an empty
// file has one, and the last line needs no newline.
func Lines(content []byte) int { return bytes.Count(content, []byte("\n")) + 1 }

// An Option widens what CheckItems accepts, for an extractor that reads
// other files besides the one it extracts, or that names items by what the
// file wrote.
type Option func(*invariants)

type invariants struct {
	others         extractors.Repo // where else an item may stand; nil for nowhere
	linelessErrors bool
	unnamedItems   bool
}

// ItemsIn lets an item stand at a line of a file of repo too, such as a
// lockfile read beside its manifest.
func ItemsIn(repo extractors.Repo) Option {
	return func(inv *invariants) { inv.others = repo }
}

// LinelessErrors lets an error name no line, as an error reading another
// file (too large, binary) does.
func LinelessErrors() Option {
	return func(inv *invariants) { inv.linelessErrors = true }
}

// UnnamedItems lets an item have an empty name, for an extractor that names
// an item by a key the file may leave empty.
func UnnamedItems() Option {
	return func(inv *invariants) { inv.unnamedItems = true }
}

// CheckItems checks what extracting file must give, whatever its content:
// an error names a line of file (or of the other file it is about), and
// every item has an id, a kind and a name and stands at a line of file.
// Options widen that for extractors that read other files. Fuzz tests call
// it on every input.
func CheckItems(t testing.TB, file extractors.File, items []extractors.Item, err error,
	opts ...Option) {
	t.Helper()
	var inv invariants
	for _, opt := range opts {
		opt(&inv)
	}

	if err != nil {
		inv.checkError(t, file, err)
	}

	for _, it := range items {
		if it.ID == "" || it.Kind == "" || it.Name == "" && !inv.unnamedItems {
			t.Errorf("item without id, kind or name: %+v", it)
		}
		if !inv.within(file, it.Location) {
			t.Errorf("item %s at %+v, outside the files it may stand in", it.ID, it.Location)
		}
	}
}

// checkError checks that err points at a line of the file it is about.
func (inv invariants) checkError(t testing.TB, file extractors.File, err error) {
	t.Helper()
	line := ErrorLine(err)
	if line == -1 && inv.linelessErrors {
		return
	}
	at := extractors.Location{Path: file.Path, Line: line}
	if other := ErrorFile(err); other != "" {
		at.Path = other
	}
	if !inv.within(file, at) {
		t.Errorf("%s: error %v points at line %d of %s, which it does not have",
			file.Path, err, line, at.Path)
	}
}

// within reports whether at is a line of file or, when allowed, of another
// file the extractor could read.
func (inv invariants) within(file extractors.File, at extractors.Location) bool {
	content := file.Content
	if at.Path != file.Path {
		if inv.others == nil {
			return false
		}
		var err error
		if content, err = inv.others.ReadFile(at.Path); err != nil {
			return false
		}
	}
	return at.Line >= 1 && at.Line <= Lines(content)
}

// CheckResult compares what an extraction gave with what a table test
// wants: every item, the line the error names (see ErrorLine), and text the
// error must contain ("" when any error, or none, will do).
func CheckResult(t testing.TB, items []extractors.Item, err error,
	want []extractors.Item, wantLine int, wantErr string) {
	t.Helper()
	if diff := cmp.Diff(want, items); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if line := ErrorLine(err); line != wantLine {
		t.Errorf("error %v at line %d, want line %d", err, line, wantLine)
	}
	if wantErr != "" && (err == nil || !strings.Contains(err.Error(), wantErr)) {
		t.Errorf("error %v does not say %q", err, wantErr)
	}
}

// CheckManifestAndLockfile extracts a manifest with its lockfile beside it,
// then the lockfile on its own, and checks both with CheckItems: items may
// stand in either file, and an error about the other file names a line of it.
// Fuzz tests of dependency extractors give it both files' contents.
func CheckManifestAndLockfile(t testing.TB, x extractors.Extractor,
	manifest, lockfile extractors.File, opts ...Option) {
	t.Helper()
	repo := Files[[]byte]{manifest.Path: manifest.Content, lockfile.Path: lockfile.Content}
	opts = append(opts, ItemsIn(repo), LinelessErrors())

	items, err := x.Extract(manifest, repo)
	CheckItems(t, manifest, items, err, opts...)

	delete(repo, manifest.Path)
	items, err = x.Extract(lockfile, repo)
	CheckItems(t, lockfile, items, err, opts...)
}
