package yamlnode

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
)

// Decode reads every document of a YAML stream and returns the top node of
// each one that parsed, in order, skipping empty documents. A document that
// does not parse stops yaml.v3's decoder for good, so decoding resumes at
// the next "---" line after the error. Each error is added to probs.
func Decode(content []byte, probs *Problems) []*yaml.Node {
	var (
		roots []*yaml.Node
		start int // byte offset where the current decoder began
	)
	for start <= len(content) {
		base := bytes.Count(content[:start], []byte("\n")) // lines before start
		found, err := decodeFrom(content[start:], base)
		roots = append(roots, found...)
		if err == nil {
			break
		}

		line := errorLine(content, start, base, err)
		probs.Add(line, fmt.Errorf("parse yaml: %s", errorText(err)))
		next := nextDocument(content, start, line)
		if next < 0 {
			break
		}
		start = next
	}
	return roots
}

// decodeFrom decodes the documents of chunk, shifting their lines by base
// lines. yaml.v3 is a third-party parser fed untrusted files: a panic in it
// becomes an error rather than the end of the run.
func decodeFrom(chunk []byte, base int) (roots []*yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml parser failed: %v", r)
		}
	}()

	dec := yaml.NewDecoder(bytes.NewReader(chunk))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return roots, nil
		}
		if err != nil {
			return roots, err
		}
		if len(doc.Content) == 0 || isEmpty(doc.Content[0]) {
			continue
		}
		if base > 0 {
			shift(doc.Content[0], base)
		}
		roots = append(roots, doc.Content[0])
	}
}

// isEmpty reports a document with nothing in it, which yaml.v3 returns as a
// null scalar: a trailing "---", or a document of comments only.
func isEmpty(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == ""
}

// shift moves the lines of a tree decoded from the middle of a file. Aliases
// are not followed: the node they point to is in the tree already.
func shift(n *yaml.Node, lines int) {
	n.Line += lines
	for _, c := range n.Content {
		shift(c, lines)
	}
}

var (
	errorPrefix    = regexp.MustCompile(`^yaml: (?:line \d+: )?`)
	lineInError    = regexp.MustCompile(`^yaml: line (\d+):`)
	unknownAnchor  = regexp.MustCompile(`unknown anchor '([^']*)' referenced`)
	documentMarker = regexp.MustCompile(`(?m)^---(?:[ \t\r]|$)`)
)

// parserProblems are the errors yaml.v3 raises in its parser rather than
// its scanner. For those it prints the 0-based line of the construct being
// parsed where scanner errors print a 1-based line.
var parserProblems = []string{
	"did not find expected ',' or ']'", "did not find expected ',' or '}'",
	"did not find expected '-' indicator", "did not find expected <document start>",
	"did not find expected key", "did not find expected node content",
	"found duplicate %TAG directive", "found duplicate %YAML directive",
	"found incompatible YAML document", "found undefined tag handle",
}

// errorLine finds the line of a decoding error in the whole file. yaml.v3
// names the line for syntax errors; for an unknown alias it names only the
// anchor, so the line is that of the first use of the alias.
func errorLine(content []byte, start, base int, err error) int {
	lines := bytes.Count(content, []byte("\n")) + 1
	if m := lineInError.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		if slices.Contains(parserProblems, errorText(err)) {
			n++
		}
		return min(max(base+n, 1), lines)
	}
	if m := unknownAnchor.FindStringSubmatch(err.Error()); m != nil {
		if i := bytes.Index(content[start:], []byte("*"+m[1])); i >= 0 {
			return bytes.Count(content[:start+i], []byte("\n")) + 1
		}
	}
	return base + 1
}

// errorText is yaml.v3's message without the prefix and line it adds, since
// a diagnostic shows the line on its own.
func errorText(err error) string {
	return errorPrefix.ReplaceAllString(err.Error(), "")
}

// nextDocument returns the offset of the first "---" line at or after line
// that starts past offset start, or -1 when there is none.
func nextDocument(content []byte, start, line int) int {
	for _, loc := range documentMarker.FindAllIndex(content[start:], -1) {
		at := start + loc[0]
		if at > start && bytes.Count(content[:at], []byte("\n"))+1 >= line {
			return at
		}
	}
	return -1
}

// maxProblems is how many problems of one file Err reports; a file broken
// everywhere would otherwise flood the report with one diagnostic a line.
const maxProblems = 20

// Problems collects the errors found in one file, each at its line, so that
// every broken document of a multi-document file is reported where it is.
// The zero value is empty and ready to use.
type Problems struct {
	found []problem
	more  int // problems beyond maxProblems, counted but not kept
}

type problem struct {
	line int
	err  error
}

// Add records err at the 1-based line it refers to.
func (p *Problems) Add(line int, err error) {
	if len(p.found) == maxProblems {
		p.more++
		return
	}
	p.found = append(p.found, problem{line, err})
}

// Err returns nil when there was no problem, the problem at its line when
// there was one, and otherwise the problems joined in file order, which the
// walker reports as one diagnostic each. When some were only counted, the
// last says how many more there were.
func (p *Problems) Err() error {
	if len(p.found) == 0 {
		return nil
	}
	sorted := slices.Clone(p.found)
	slices.SortStableFunc(sorted, func(a, b problem) int { return a.line - b.line })
	errs := make([]error, len(sorted))
	for i, f := range sorted {
		errs[i] = extractors.AtLine(f.line, f.err)
	}
	if p.more > 0 {
		last := sorted[len(sorted)-1]
		errs[len(errs)-1] = extractors.AtLine(last.line,
			fmt.Errorf("%w (and %d more problems)", last.err, p.more))
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}
