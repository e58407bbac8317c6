package engine

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"

	"github.com/tms-dev/tms/engine/schema"
	"github.com/tms-dev/tms/policies"
)

// libraryDir is the part of the embedded library that rules import
// (data.tms.lib): what the OPA CLI needs beside a team's rules.
const libraryDir = "tms/lib"

// ExportedSchema is the file name ExportLibrary gives the input schema.
const ExportedSchema = "input.schema.json"

// ExportLibrary writes the library that rules import to dir/lib, without its
// tests, and the input's JSON Schema to dir/input.schema.json, so a team
// can run `opa test dir/lib RULES` and `opa check --strict --schema
// dir/input.schema.json dir/lib RULES` with nothing but the OPA CLI. It
// returns the files written, sorted.
func ExportLibrary(dir string) ([]string, error) {
	files := map[string][]byte{ExportedSchema: schema.Input}
	err := fs.WalkDir(policies.FS, libraryDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isPolicyFile(p) {
			return err
		}
		text, err := fs.ReadFile(policies.FS, p)
		files[path.Join("lib", path.Base(p))] = text
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read the embedded library: %w", err)
	}

	written := make([]string, 0, len(files))
	for name, text := range files {
		target := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return nil, fmt.Errorf("export library: %w", err)
		}
		if err := os.WriteFile(target, text, 0o644); err != nil {
			return nil, fmt.Errorf("export library: %w", err)
		}
		written = append(written, target)
	}
	sort.Strings(written)
	return written, nil
}
