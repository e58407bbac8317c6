package npm

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// maxLegacyDepth bounds the nesting of a lockfile v1 dependency tree. Real
// trees are a few dozen levels deep; the bound keeps a hostile file from
// exhausting the stack.
const maxLegacyDepth = 1000

// lockEntry is one installed package of a lockfile.
type lockEntry struct {
	Name        string `json:"name"` // the real name when installed under an alias
	Version     string `json:"version"`
	Resolved    string `json:"resolved"`
	Integrity   string `json:"integrity"`
	Link        bool   `json:"link"`
	Dev         bool   `json:"dev"`
	Optional    bool   `json:"optional"`
	DevOptional bool   `json:"devOptional"`
	Peer        bool   `json:"peer"`

	// What the package requires, by name, which tells whose install it is
	// in a workspace. A workspace folder lists devDependencies too.
	Dependencies         map[string]string `json:"dependencies"`
	OptionalDependencies map[string]string `json:"optionalDependencies"`
	PeerDependencies     map[string]string `json:"peerDependencies"`
	DevDependencies      map[string]string `json:"devDependencies"`

	depth int // 1 for node_modules/x, 2 for node_modules/x/node_modules/y
	line  int
}

// lockfile holds the shallowest entry of each package name. Lockfile v2 and
// v3 list packages in a "packages" map keyed by install path; v1 nests them
// in a "dependencies" tree, which v2 also keeps for old npm versions.
type lockfile struct {
	packages   map[string]*lockEntry // from "packages"
	legacy     map[string]*lockEntry // from the "dependencies" tree
	workspaces map[string]string     // workspace folder to its version
	installs   map[string]*lockEntry // every "packages" entry by its key
}

// entries returns the packages from the newest format the file holds.
func (l *lockfile) entries() map[string]*lockEntry {
	if l.packages != nil {
		return l.packages
	}
	return l.legacy
}

// keep records e under name unless a shallower entry is already there: the
// top-level install is what the package itself requires.
func keep(entries map[string]*lockEntry, name string, e *lockEntry) {
	if old, ok := entries[name]; !ok || e.depth < old.depth {
		entries[name] = e
	}
}

// readLock reads a package-lock.json. The returned error is fatal; entries
// it cannot use are reported to probs and skipped.
func readLock(data []byte, probs *problems) (*lockfile, error) {
	s := newStream(data)
	entered, err := s.enterObject()
	if err != nil {
		return nil, s.fail(err)
	}
	if !entered {
		return nil, extractors.AtLine(1, errors.New("lockfile is not a JSON object"))
	}

	l := &lockfile{workspaces: map[string]string{}, installs: map[string]*lockEntry{}}
	for {
		key, line, ok, err := s.nextKey()
		if err != nil {
			return nil, s.fail(err)
		}
		if !ok {
			l.linkWorkspaces()
			return l, nil
		}
		if err := l.readTop(s, key, line, probs); err != nil {
			return nil, s.fail(err)
		}
	}
}

func (l *lockfile) readTop(s *stream, key string, line int, probs *problems) error {
	switch {
	case key == "packages" && l.packages == nil:
		l.packages = map[string]*lockEntry{}
		return l.readPackages(s, line, probs)
	case key == "dependencies" && l.packages == nil && l.legacy == nil:
		l.legacy = map[string]*lockEntry{}
		return l.readLegacy(s, line, 1, probs)
	}
	return s.skip()
}

// linkWorkspaces gives workspace links the version of the folder they point
// at; npm lists the folder after the link, so it is done at the end.
func (l *lockfile) linkWorkspaces() {
	for _, e := range l.packages {
		if e.Link && e.Version == "" {
			e.Version = l.workspaces[e.Resolved]
		}
	}
}

func (l *lockfile) readPackages(s *stream, line int, probs *problems) error {
	if entered, err := enterMap(s, "packages", line, probs); err != nil || !entered {
		return err
	}
	for {
		key, line, ok, err := s.nextKey()
		if err != nil || !ok {
			return err
		}
		e, err := decodeEntry(s, key, line, probs)
		if err != nil {
			return err
		}
		if e != nil {
			l.addPackage(key, e)
		}
	}
}

// decodeEntry reads one "packages" entry. An entry of the wrong shape is
// reported and skipped: it is still valid JSON, so the read goes on.
func decodeEntry(s *stream, key string, line int, probs *problems) (*lockEntry, error) {
	if s.peek() != '{' {
		probs.add(extractors.AtLine(line, fmt.Errorf("package %q is not an object", key)))
		return nil, s.skip()
	}
	e := &lockEntry{line: line}
	err := s.dec.Decode(e)
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		probs.add(extractors.AtLine(line, fmt.Errorf("package %q: %w", key, err)))
		return nil, nil
	}
	return e, err
}

// addPackage files an entry by the name under which it is installed. Keys
// without node_modules are workspace folders (or "", the root package); the
// link entries under node_modules stand for them.
func (l *lockfile) addPackage(key string, e *lockEntry) {
	l.installs[key] = e
	i := strings.LastIndex(key, "node_modules/")
	if i < 0 {
		l.workspaces[key] = e.Version
		return
	}
	e.depth = strings.Count(key, "node_modules/")
	if !strings.HasPrefix(key, "node_modules/") {
		e.depth++ // installed for a workspace, not for the root package
	}
	keep(l.packages, key[i+len("node_modules/"):], e)
}
