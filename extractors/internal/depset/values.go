package depset

import (
	"errors"
	"fmt"

	"github.com/tms-dev/tms/extractors"
)

// Lookup follows keys through nested tables and returns what is there, or
// nil when a key is missing or a value on the way is not a table.
func Lookup(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// String returns the string at keys, or "" when it is missing or not a string.
func String(v any, keys ...string) string {
	s, _ := Lookup(v, keys...).(string)
	return s
}

// Bool returns the bool at keys, or false.
func Bool(v any, keys ...string) bool {
	b, _ := Lookup(v, keys...).(bool)
	return b
}

// Table returns the table at keys, or nil.
func Table(v any, keys ...string) map[string]any {
	m, _ := Lookup(v, keys...).(map[string]any)
	return m
}

// List returns the array at keys, or nil.
func List(v any, keys ...string) []any {
	l, _ := Lookup(v, keys...).([]any)
	return l
}

// ReadSibling reads a file next to the one being extracted. A file that is
// not in the repository is no error: found is false.
func ReadSibling(repo extractors.Repo, path string) (content []byte, found bool, err error) {
	content, err = repo.ReadFile(path)
	switch {
	case errors.Is(err, extractors.ErrNotInInventory):
		return nil, false, nil
	case err != nil:
		return nil, true, extractors.InFile(path, fmt.Errorf("read: %w", err))
	}
	return content, true, nil
}
