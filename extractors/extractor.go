package extractors

import (
	"errors"
	"fmt"
)

// Extractor turns the files it claims into surface items. Implementations must
// be safe for concurrent use: Walk calls Extract from several goroutines.
type Extractor interface {
	// Name identifies the extractor in diagnostics and logs, e.g. "dockerfile".
	Name() string

	// Match reports whether the file at path (relative, slash-separated) is one
	// this extractor reads. It sees only the path, so it must be cheap.
	Match(path string) bool

	// Extract reads one matched file. repo gives access to sibling files, such
	// as a lockfile next to its manifest, under the same limits as the walk.
	// A returned error becomes a Diagnostic; items returned with it are kept.
	Extract(f File, repo Repo) ([]Item, error)
}

// File is a matched file's path and content.
type File struct {
	Path    string
	Content []byte
}

// Repo reads other files of the repository being walked. Only files in the
// inventory can be read: ignored files, symlinks and oversized files cannot.
type Repo interface {
	ReadFile(path string) ([]byte, error)
}

// ErrNotInInventory is returned by Repo.ReadFile for a path that the walk did
// not record as a readable file.
var ErrNotInInventory = errors.New("not in the repository inventory")

// LineError is an extraction error tied to a line of the file.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

func (e *LineError) Unwrap() error { return e.Err }

// AtLine wraps err with the line it refers to.
func AtLine(line int, err error) error {
	return &LineError{Line: line, Err: err}
}

// FileError is an extraction error about a file other than the one being
// extracted, such as the lockfile read beside a manifest. Its diagnostic is
// placed at that file, and at the line of a LineError it wraps, so that
// SARIF and annotations land where the problem is.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string {
	var le *LineError
	if errors.As(e.Err, &le) {
		return fmt.Sprintf("%s line %d: %v", e.Path, le.Line, le.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

// InFile wraps err as being about the file at path. A nil err stays nil, so
// that a sibling file's optional problem can be passed through as it is.
func InFile(path string, err error) error {
	if err == nil {
		return nil
	}
	return &FileError{Path: path, Err: err}
}
