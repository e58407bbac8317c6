package npm

import (
	"errors"
	"fmt"

	"github.com/tms-dev/tms/extractors"
)

// direct is a dependency declared in package.json.
type direct struct {
	name       string
	constraint string // the version range or spec as written
	scope      string
	line       int
}

// sections are the package.json dependency maps and the scope of each.
var sections = map[string]string{
	"optionalDependencies": "optional",
	"dependencies":         "prod",
	"peerDependencies":     "peer",
	"devDependencies":      "dev",
}

// scopeRank orders scopes for a package named in several maps, strongest
// first. npm lets optionalDependencies override dependencies; peer and dev
// entries describe the same package as a weaker need.
var scopeRank = map[string]int{"optional": 0, "prod": 1, "peer": 2, "dev": 3}

// problems keeps the first of the errors that do not stop a read.
type problems struct{ first error }

func (p *problems) add(err error) {
	if p.first == nil {
		p.first = err
	}
}

// readManifest reads the direct dependencies of a package.json. The returned
// error is fatal; entries it cannot use are reported to probs and skipped.
func readManifest(data []byte, probs *problems) (map[string]direct, error) {
	s := newStream(data)
	entered, err := s.enterObject()
	if err != nil {
		return nil, s.fail(err)
	}
	if !entered {
		return nil, extractors.AtLine(1, errors.New("package.json is not a JSON object"))
	}

	deps := map[string]direct{}
	for {
		key, line, ok, err := s.nextKey()
		if err != nil {
			return nil, s.fail(err)
		}
		if !ok {
			return deps, nil
		}
		if err := readSection(s, key, line, deps, probs); err != nil {
			return nil, s.fail(err)
		}
	}
}

// enterMap enters the value of key, which should be an object. Any other
// value is reported and skipped, and entered is false.
func enterMap(s *stream, key string, line int, probs *problems) (entered bool, err error) {
	entered, err = s.enterObject()
	if err == nil && !entered {
		probs.add(extractors.AtLine(line, fmt.Errorf("%s is not an object", key)))
	}
	return entered, err
}

// readSection reads one top-level value, which matters only when it is a
// dependency map.
func readSection(s *stream, key string, line int, deps map[string]direct, probs *problems) error {
	scope, ok := sections[key]
	if !ok {
		return s.skip()
	}
	if entered, err := enterMap(s, key, line, probs); err != nil || !entered {
		return err
	}

	for {
		name, line, ok, err := s.nextKey()
		if err != nil || !ok {
			return err
		}
		constraint, isString, err := s.stringValue()
		if err != nil {
			return err
		}
		if !isString {
			probs.add(extractors.AtLine(line, fmt.Errorf("%s: %s is not a string", key, name)))
			continue
		}
		add(deps, direct{name: name, constraint: constraint, scope: scope, line: line})
	}
}

// add keeps the declaration of the strongest scope. Within one section a
// later key wins, as it does for JSON.parse.
func add(deps map[string]direct, d direct) {
	old, seen := deps[d.name]
	if !seen || scopeRank[d.scope] <= scopeRank[old.scope] {
		deps[d.name] = d
	}
}
