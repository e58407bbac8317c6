package python

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/depset"
	"github.com/tms-dev/tms/extractors/internal/redact"
)

// maxIncludeDepth bounds chains of -r includes; pip has no limit, but a
// real chain is two or three files long.
const maxIncludeDepth = 10

// logicalLine is a requirements line with its continuations joined, at the
// line it starts on.
type logicalLine struct {
	line int
	text string
}

// comment is pip's rule: "#" at the start or after whitespace.
var comment = regexp.MustCompile(`(^|\s)#.*$`)

func logicalLines(content []byte) []logicalLine {
	var out []logicalLine
	var cur strings.Builder
	start := 0
	for i, raw := range strings.Split(string(content), "\n") {
		text := strings.TrimRight(raw, "\r")
		if cur.Len() == 0 {
			start = i + 1
		}
		if strings.HasSuffix(text, `\`) {
			cur.WriteString(strings.TrimSuffix(text, `\`))
			continue
		}
		cur.WriteString(text)
		out = append(out, logicalLine{line: start, text: cur.String()})
		cur.Reset()
	}
	if cur.Len() > 0 {
		out = append(out, logicalLine{line: start, text: cur.String()})
	}
	return out
}

// requirementsFile reads one requirements file and the files it includes
// into the set of the file the walk matched.
type requirementsFile struct {
	x        *Extractor
	repo     extractors.Repo
	set      *depset.Set
	scope    string
	indexURL string
	pins     map[string]requirement // from -c constraint files
	visited  map[string]bool
	probs    problems
}

func (x *Extractor) extractRequirements(f extractors.File,
	repo extractors.Repo) ([]extractors.Item, error) {
	r := &requirementsFile{
		x: x, repo: repo, set: depset.New("pypi", f.Path, isCompiled(f.Content)),
		scope: requirementsScope(f.Path), pins: map[string]requirement{},
		visited: map[string]bool{f.Path: true},
	}
	r.read(f.Path, f.Content, 0)
	r.finish()
	return r.set.Items(), r.probs.err(f.Path)
}

// read adds the requirements of one file. In a file a compiler generated,
// the via annotations say which packages are direct.
func (r *requirementsFile) read(p string, content []byte, depth int) {
	compiled := isCompiled(content)
	var via viaNotes
	for _, l := range logicalLines(content) {
		text := strings.TrimSpace(comment.ReplaceAllString(l.text, ""))
		if text == "" {
			if compiled {
				via.comment(strings.TrimSpace(l.text))
			}
			continue
		}
		at := extractors.Location{Path: p, Line: l.line}
		if strings.HasPrefix(text, "-") {
			via.requirement(nil, "")
			r.option(text, at, depth)
			continue
		}
		if d := r.requirement(text, at, false); d != nil && compiled {
			via.requirement(d, l.text)
		}
	}
	via.finish()
}

// requirement adds one requirement line and returns the dependency it names,
// nil when the line cannot be read. pip splits off the options, such as
// --hash, at the first word that starts with a dash.
func (r *requirementsFile) requirement(text string, at extractors.Location,
	editable bool) *depset.Dep {
	words := strings.Fields(text)
	n := 0
	for n < len(words) && !strings.HasPrefix(words[n], "-") {
		n++
	}
	req, ok := parseRequirement(strings.Join(words[:n], " "))
	if !ok {
		r.probs.add(at, fmt.Errorf("cannot read requirement %q", text))
		return nil
	}
	hashed := hasHashOption(words[n:])
	d := dependency(req, r.scope, at)
	d.Hash = d.Hash || hashed
	if editable {
		d.Extra["editable"] = true
	}
	return r.set.Add(d)
}

func hasHashOption(options []string) bool {
	for _, o := range options {
		if o == "--hash" || strings.HasPrefix(o, "--hash=") {
			return true
		}
	}
	return false
}

// option handles the global options that change what is installed.
func (r *requirementsFile) option(text string, at extractors.Location, depth int) {
	name, value := splitOption(text)
	switch name {
	case "-r", "--requirement":
		r.include(value, at, depth, false)
	case "-c", "--constraint":
		r.include(value, at, depth, true)
	case "-e", "--editable":
		r.requirement(value, at, true)
	case "-i", "--index-url":
		r.indexURL = redact.Text(value)
	}
}

// splitOption reads "-r file", "-rfile", "--requirement=file" and the like.
func splitOption(text string) (name, value string) {
	if long, ok := strings.CutPrefix(text, "--"); ok {
		name, value, found := strings.Cut(long, "=")
		if !found {
			name, value, _ = strings.Cut(long, " ")
		}
		return "--" + strings.TrimSpace(name), strings.TrimSpace(value)
	}
	if len(text) < 2 {
		return text, ""
	}
	return text[:2], strings.TrimSpace(text[2:])
}

// include reads a -r or -c file. A file the extractor matches anyway is
// left to its own extraction; another is read here, its requirements
// counted as this file's. Constraint files only pin what is required.
func (r *requirementsFile) include(target string, at extractors.Location, depth int,
	constraints bool) {
	if hasAnyPrefix(target, urlSchemes) {
		r.probs.add(at, fmt.Errorf("included file %s is fetched at install time: not read", target))
		return
	}
	p := path.Join(path.Dir(at.Path), target)
	if r.visited[p] || !constraints && r.x.Match(p) {
		return
	}
	if depth >= maxIncludeDepth {
		r.probs.add(at, fmt.Errorf("includes nested more than %d deep", maxIncludeDepth))
		return
	}
	r.visited[p] = true

	content, err := r.repo.ReadFile(p)
	switch {
	case errors.Is(err, extractors.ErrNotInInventory):
		r.probs.add(at, fmt.Errorf("included file %s is not in the repository", p))
		return
	case err != nil:
		r.probs.add(at, fmt.Errorf("read included file %s: %w", p, err))
		return
	}
	if constraints {
		r.readPins(content)
		return
	}
	r.read(p, content, depth+1)
}

// readPins keeps the exact versions a constraints file sets.
func (r *requirementsFile) readPins(content []byte) {
	for _, l := range logicalLines(content) {
		text := strings.TrimSpace(comment.ReplaceAllString(l.text, ""))
		if text == "" || strings.HasPrefix(text, "-") {
			continue
		}
		words := strings.Fields(text)
		n := 0
		for n < len(words) && !strings.HasPrefix(words[n], "-") {
			n++
		}
		req, ok := parseRequirement(strings.Join(words[:n], " "))
		if ok && req.pinned {
			req.hash = req.hash || hasHashOption(words[n:])
			r.pins[req.name] = req
		}
	}
}

// finish applies constraint pins and the index URL once every line is read,
// as pip does: both hold for the whole install whatever line sets them.
func (r *requirementsFile) finish() {
	for _, d := range r.set.All() {
		if pin, ok := r.pins[d.Name]; ok && !d.Pinned && d.Source == depset.SourceRegistry {
			d.Version, d.Pinned, d.Hash = pin.version, true, d.Hash || pin.hash
		}
		if d.Source == depset.SourceRegistry && d.URL == "" {
			d.URL = r.indexURL
		}
	}
}

// requirementsScope reads the scope from the file's name, as projects name
// them: requirements.txt, requirements-dev.txt, dev-requirements.txt,
// requirements/test.txt.
func requirementsScope(p string) string {
	base := strings.TrimSuffix(path.Base(p), ".txt")
	if path.Base(path.Dir(p)) != "requirements" {
		base = strings.TrimPrefix(base, "requirements")
		base = strings.TrimSuffix(base, "requirements")
	}
	base = strings.ToLower(strings.Trim(base, "-_."))
	switch base {
	case "", "base", "main", "prod", "production", "common", "requirements":
		return "prod"
	case "dev", "devel", "development":
		return "dev"
	}
	return base
}
