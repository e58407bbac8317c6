package gomod

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"

	"github.com/tms-dev/tms/extractors"
)

// sumSet holds the module@version pairs whose content go.sum verifies.
type sumSet map[string]bool

func (s sumSet) has(mod module.Version) bool { return s[mod.Path+"@"+mod.Version] }

// readSums reads a go.sum. A repository without one is normal: modules with
// no dependencies have none. Lines for a version's /go.mod are not counted:
// they verify only the go.mod file, not the code that gets built.
func readSums(repo extractors.Repo, name string) (sumSet, error) {
	content, err := repo.ReadFile(name)
	if errors.Is(err, extractors.ErrNotInInventory) {
		return sumSet{}, nil
	}
	if err != nil {
		return sumSet{}, fmt.Errorf("read %s: %w", name, err)
	}

	sums := sumSet{}
	for line := range bytes.Lines(content) {
		fields := strings.Fields(string(line))
		if len(fields) == 3 && !strings.HasSuffix(fields[1], "/go.mod") {
			sums[fields[0]+"@"+fields[1]] = true
		}
	}
	return sums, nil
}

// parseError points at the first line modfile complains about. The position
// is dropped from the message because the diagnostic carries it already.
func parseError(err error) error {
	var list modfile.ErrorList
	var one *modfile.Error
	switch {
	case errors.As(err, &list) && len(list) > 0:
		return atLine(list[0])
	case errors.As(err, &one):
		return atLine(*one)
	}
	return fmt.Errorf("parse go.mod: %w", err)
}

func atLine(e modfile.Error) error {
	line := max(e.Pos.Line, 1)
	e.Filename, e.Pos = "", modfile.Position{}
	return extractors.AtLine(line, fmt.Errorf("parse go.mod: %w", &e))
}
