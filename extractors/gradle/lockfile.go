package gradle

import (
	"fmt"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// locked is one line of a gradle.lockfile: a module resolved at one version
// for the configurations listed after '='.
type locked struct {
	name, version string
	configs       []string
	line          int
}

// lockfile holds the entries of a gradle.lockfile by group:artifact, in
// file order.
type lockfile struct {
	entries map[string]locked
	order   []string
}

// parseLockfile reads the format Gradle writes: comments, lines
// group:artifact:version=conf1,conf2 and one empty=… line. A malformed line
// is skipped and the first one reported.
func parseLockfile(data []byte) (*lockfile, error) {
	l := &lockfile{entries: map[string]locked{}}
	var bad error
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "empty=") {
			continue
		}
		coords, configs, _ := strings.Cut(line, "=")
		parts := strings.Split(coords, ":")
		if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
			if bad == nil {
				bad = extractors.AtLine(i+1, fmt.Errorf("malformed entry %q", line))
			}
			continue
		}
		name := parts[0] + ":" + parts[1]
		if _, seen := l.entries[name]; seen {
			continue
		}
		e := locked{name: name, version: parts[2], line: i + 1}
		if configs != "" {
			e.configs = strings.Split(configs, ",")
		}
		l.entries[name] = e
		l.order = append(l.order, name)
	}
	return l, bad
}
