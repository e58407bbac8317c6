// Package extractortest helps test extractors: it serves a fixture directory
// the way the walker serves a repository, and reads the line of an error.
package extractortest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/tms-dev/tms/extractors"
)

// DirRepo serves the files of a fixture directory as extractors.Repo does:
// a missing file is reported as not in the inventory.
type DirRepo string

// ReadFile reads a slash-separated path under the directory.
func (d DirRepo) ReadFile(p string) ([]byte, error) {
	content, err := os.ReadFile(filepath.Join(string(d), filepath.FromSlash(p)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, extractors.ErrNotInInventory
	}
	return content, err
}

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
