package ruby

import (
	"regexp"
	"strings"
)

// declaredGem is one gem line of a Gemfile.
type declaredGem struct {
	name        string
	constraints []string
	groups      []string
	git         string // repository URL, from git:, github: or a git block
	path        string
	source      string // a gem server other than the global one
	line        int
}

// frame is one open block of a Gemfile: what a group, git, path, github or
// source block gives the gems inside it. Other blocks give nothing.
type frame struct {
	groups []string
	git    string
	path   string
	source string
}

var (
	gemCall    = regexp.MustCompile(`^gem\s*\(?\s*["']([^"']+)["']\s*(.*)$`)
	modifier   = regexp.MustCompile(`\s+(if|unless)\s.*$`)
	blockStart = regexp.MustCompile(`^(group|git|path|github|source|platforms?|install_if)` +
		`\b(.*)\bdo\s*(\|[^|]*\|)?$`)
	opensBlock = regexp.MustCompile(`(^(if|unless|case|begin|while|until|def|class|module)\b)` +
		`|\bdo\s*(\|[^|]*\|)?$`)
	optionArg      = regexp.MustCompile(`^:?([a-z_]+)(?::\s*|\s*=>\s*)(.+)$`)
	symbolOrQuoted = regexp.MustCompile(`["']([^"']*)["']|:([A-Za-z_]\w*)|%[wi][\[(]([^\])]*)[\])]`)
)

// readGemfile reads the gem declarations of a Gemfile, with the groups and
// sources of the blocks around them.
func readGemfile(content []byte) []declaredGem {
	var gems []declaredGem
	stack := []frame{{}}
	for i, text := range joinedLines(content) {
		line := strings.TrimSpace(stripComment(text))
		switch {
		case line == "":
		case line == "end" || strings.HasPrefix(line, "end ") || strings.HasPrefix(line, "end."):
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case blockStart.MatchString(line):
			stack = append(stack, openBlock(line, stack[len(stack)-1]))
		case gemCall.MatchString(line):
			if g, ok := readGem(line, stack[len(stack)-1]); ok {
				g.line = i + 1
				gems = append(gems, g)
			}
		case opensBlock.MatchString(line) && !strings.HasSuffix(line, " end"):
			stack = append(stack, stack[len(stack)-1])
		}
	}
	return gems
}

// joinedLines returns the file's lines with a declaration continued on the
// next line (after a trailing comma or backslash) joined onto its first one;
// the lines it took are left empty so that numbering stays.
func joinedLines(content []byte) []string {
	lines := strings.Split(strings.ReplaceAll(string(content), "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		for j := i + 1; j < len(lines); j++ {
			text := strings.TrimSpace(stripComment(lines[i]))
			if !strings.HasSuffix(text, ",") && !strings.HasSuffix(text, `\`) {
				break
			}
			lines[i] = strings.TrimSuffix(text, `\`) + " " + strings.TrimSpace(lines[j])
			lines[j] = ""
		}
	}
	return lines
}

// stripComment cuts a "#" comment that is not inside a string.
func stripComment(line string) string {
	var quote rune
	for i, c := range line {
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case quote == 0 && c == '#':
			return line[:i]
		}
	}
	return line
}

func openBlock(line string, outer frame) frame {
	m := blockStart.FindStringSubmatch(line)
	values := literals(m[2])
	f := outer
	if len(values) == 0 {
		return f
	}
	switch m[1] {
	case "group":
		f.groups = values
	case "git":
		f.git = values[0]
	case "github":
		f.git = githubURL(values[0])
	case "path":
		f.path = values[0]
	case "source":
		f.source = values[0]
	}
	return f
}

// readGem reads `gem "name", "~> 1.0", ">= 1.0.2", group: :test, git: "..."`.
func readGem(line string, in frame) (declaredGem, bool) {
	m := gemCall.FindStringSubmatch(line)
	rest := modifier.ReplaceAllString(m[2], "")
	rest = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(rest), ","), ")")
	g := declaredGem{name: m[1], groups: in.groups, git: in.git, path: in.path,
		source: in.source}
	for _, arg := range splitArgs(rest) {
		if opt := optionArg.FindStringSubmatch(arg); opt != nil {
			g.option(opt[1], literals(opt[2]))
			continue
		}
		if strings.HasPrefix(arg, `"`) || strings.HasPrefix(arg, "'") {
			g.constraints = append(g.constraints, literals(arg)...)
		}
	}
	return g, g.name != ""
}

func (g *declaredGem) option(key string, values []string) {
	if len(values) == 0 {
		return
	}
	switch key {
	case "group", "groups":
		g.groups = values
	case "git":
		g.git = values[0]
	case "github":
		g.git = githubURL(values[0])
	case "gitlab":
		g.git = "https://gitlab.com/" + values[0] + ".git"
	case "bitbucket":
		g.git = "https://bitbucket.org/" + values[0] + ".git"
	case "path":
		g.path = values[0]
	case "source":
		g.source = values[0]
	}
}

// githubURL expands Bundler's github shorthand, "rails" meaning rails/rails.
func githubURL(repo string) string {
	if strings.Contains(repo, "://") {
		return repo
	}
	if !strings.Contains(repo, "/") {
		repo += "/" + repo
	}
	return "https://github.com/" + repo + ".git"
}

// splitArgs splits an argument list at commas outside strings and brackets.
func splitArgs(s string) []string {
	var args []string
	var quote rune
	depth, start := 0, 0
	for i, c := range s {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '(' || c == '{':
			depth++
		case c == ']' || c == ')' || c == '}':
			depth--
		case c == ',' && depth == 0:
			args = append(args, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" {
		args = append(args, rest)
	}
	return args
}

// literals returns the strings and symbols of a value: "x", :x, [:a, "b"]
// or %w[a b].
func literals(s string) []string {
	var out []string
	for _, m := range symbolOrQuoted.FindAllStringSubmatch(s, -1) {
		switch {
		case m[1] != "" || strings.HasPrefix(m[0], `"`) || strings.HasPrefix(m[0], "'"):
			out = append(out, m[1])
		case m[2] != "":
			out = append(out, m[2])
		default:
			out = append(out, strings.Fields(m[3])...)
		}
	}
	return out
}
