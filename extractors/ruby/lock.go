package ruby

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/depset"
	"github.com/tms-dev/tms/extractors/internal/redact"
)

// lockedGem is one spec of a Gemfile.lock.
type lockedGem struct {
	name    string
	version string // without the platform suffix
	source  string
	url     string
	pinned  bool
	own     bool     // the project's own gem, from PATH "." (its gemspec)
	deps    []string // names of the gems it requires
	line    int
}

// lockedDependency is an entry of the DEPENDENCIES section: what the
// Gemfile asked for, as Bundler recorded it.
type lockedDependency struct {
	name       string
	constraint string
	line       int
}

// gemLock is a parsed Gemfile.lock.
type gemLock struct {
	gems      map[string]*lockedGem
	order     []string
	direct    []lockedDependency
	checksums map[string]bool // name and version with any platform
	problem   error
}

var (
	specLine       = regexp.MustCompile(`^    ([^ (]+) \(([^)]*)\)$`)
	specDepLine    = regexp.MustCompile(`^      ([^ (]+)(?: \(([^)]*)\))?$`)
	dependencyLine = regexp.MustCompile(`^  ([^ (!]+)(?: \(([^)]*)\))?(!)?$`)
	checksumLine   = regexp.MustCompile(`^  ([^ (]+) \(([^)]*)\)(?: (\S+))?$`)
	optionLine     = regexp.MustCompile(`^  ([a-z_]+):(?: (.*))?$`)
)

// lockReader walks the sections of a lockfile in one pass.
type lockReader struct {
	lock    *gemLock
	dir     string // the lockfile's folder, for PATH sources
	section string
	remote  string
	current *lockedGem
}

func readLock(content []byte, dir string) *gemLock {
	r := &lockReader{dir: dir, lock: &gemLock{gems: map[string]*lockedGem{},
		checksums: map[string]bool{}}}
	for i, raw := range strings.Split(string(content), "\n") {
		line := strings.TrimRight(raw, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if !strings.HasPrefix(line, " ") {
			r.section, r.remote, r.current = line, "", nil
			continue
		}
		r.line(line, i+1)
	}
	return r.lock
}

func (r *lockReader) line(text string, n int) {
	switch r.section {
	case "GEM", "GIT", "PATH", "PLUGIN SOURCE":
		r.sourceLine(text, n)
	case "DEPENDENCIES":
		if m := dependencyLine.FindStringSubmatch(text); m != nil {
			r.lock.direct = append(r.lock.direct, lockedDependency{name: m[1],
				constraint: m[2], line: n})
			return
		}
		r.problem(n, "cannot read dependency %q", strings.TrimSpace(text))
	case "CHECKSUMS":
		if m := checksumLine.FindStringSubmatch(text); m != nil && m[3] != "" {
			r.lock.checksums[m[1]+" "+withoutPlatform(m[2])] = true
		}
	}
}

func (r *lockReader) sourceLine(text string, n int) {
	if m := optionLine.FindStringSubmatch(text); m != nil {
		if m[1] == "remote" {
			r.remote = m[2]
		}
		return
	}
	if m := specLine.FindStringSubmatch(text); m != nil {
		r.current = r.spec(m[1], m[2], n)
		return
	}
	if m := specDepLine.FindStringSubmatch(text); m != nil && r.current != nil {
		r.current.deps = append(r.current.deps, m[1])
		return
	}
	r.problem(n, "cannot read %q in %s", strings.TrimSpace(text), r.section)
}

// spec records a gem under the section's source. A gem locked for several
// platforms is listed once per platform; the first one is kept.
func (r *lockReader) spec(name, version string, n int) *lockedGem {
	g := &lockedGem{name: name, version: withoutPlatform(version), line: n,
		url: redact.Text(r.remote), pinned: true}
	switch r.section {
	case "GIT":
		g.source = depset.SourceGit
	case "PATH":
		g.source, g.url = depset.SourcePath, ""
		g.pinned = depset.InsideRepository(r.dir, r.remote)
		g.own = path.Clean(r.remote) == "."
	case "PLUGIN SOURCE":
		g.source = depset.SourceURL
	default:
		g.source = depset.SourceRegistry
	}
	if old, ok := r.lock.gems[name]; ok {
		return old
	}
	r.lock.gems[name] = g
	r.lock.order = append(r.lock.order, name)
	return g
}

// withoutPlatform cuts "-x86_64-linux" from "1.16.6-x86_64-linux". Gem
// versions never hold a dash; platforms always follow one.
func withoutPlatform(v string) string {
	before, _, _ := strings.Cut(v, "-")
	return before
}

func (r *lockReader) problem(n int, format string, args ...any) {
	if r.lock.problem == nil {
		r.lock.problem = extractors.AtLine(n, fmt.Errorf(format, args...))
	}
}

func (l *gemLock) next(name string) []string {
	if g := l.gems[name]; g != nil {
		return g.deps
	}
	return nil
}

func (l *gemLock) hashed(g *lockedGem) bool { return l.checksums[g.name+" "+g.version] }
