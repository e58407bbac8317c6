package npm

import (
	"fmt"

	"github.com/tms-dev/tms/extractors"
)

// readLegacy reads a lockfile v1 "dependencies" map, whose entries nest the
// packages installed beneath them in a "dependencies" map of their own.
func (l *lockfile) readLegacy(s *stream, line, depth int, probs *problems) error {
	if entered, err := enterMap(s, "dependencies", line, probs); err != nil || !entered {
		return err
	}
	for {
		name, line, ok, err := s.nextKey()
		if err != nil || !ok {
			return err
		}
		if err := l.readLegacyEntry(s, name, line, depth, probs); err != nil {
			return err
		}
	}
}

func (l *lockfile) readLegacyEntry(s *stream, name string, line, depth int,
	probs *problems) error {
	if entered, err := enterMap(s, name, line, probs); err != nil || !entered {
		return err
	}

	e := &lockEntry{depth: depth, line: line}
	strs := map[string]*string{
		"version": &e.Version, "resolved": &e.Resolved, "integrity": &e.Integrity,
	}
	bools := map[string]*bool{"dev": &e.Dev, "optional": &e.Optional}
	for {
		key, keyLine, ok, err := s.nextKey()
		if err != nil {
			return err
		}
		if !ok {
			keep(l.legacy, name, e)
			return nil
		}

		switch {
		case strs[key] != nil:
			err = readString(s, strs[key], name, key, keyLine, probs)
		case bools[key] != nil:
			err = readBool(s, bools[key], name, key, keyLine, probs)
		case key == "dependencies" && depth >= maxLegacyDepth:
			return fmt.Errorf("dependency tree nested deeper than %d levels", maxLegacyDepth)
		case key == "dependencies":
			err = l.readLegacy(s, keyLine, depth+1, probs)
		default:
			err = s.skip()
		}
		if err != nil {
			return err
		}
	}
}

func readString(s *stream, dst *string, name, key string, line int, probs *problems) error {
	v, ok, err := s.stringValue()
	if err == nil && !ok {
		probs.add(extractors.AtLine(line, fmt.Errorf("%s: %s is not a string", name, key)))
	}
	*dst = v
	return err
}

func readBool(s *stream, dst *bool, name, key string, line int, probs *problems) error {
	v, ok, err := s.boolValue()
	if err == nil && !ok {
		probs.add(extractors.AtLine(line, fmt.Errorf("%s: %s is not a boolean", name, key)))
	}
	*dst = v
	return err
}
