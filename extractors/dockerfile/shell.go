package dockerfile

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"mvdan.cc/sh/v3/syntax"
)

// interpreters run what they read from standard input or from a
// substitution: a download fed to one runs code nobody reviewed.
var interpreters = []string{
	"sh", "bash", "dash", "zsh", "ksh", "ash", "mksh", "fish", "source", ".", "eval",
	"python", "python2", "python3", "perl", "ruby", "node", "php",
}

// wrappers run the command that follows them.
var wrappers = []string{"sudo", "env", "command", "exec", "nohup", "time"}

// runPipesToShell reports whether a RUN feeds a download to an interpreter.
// Scripts are parsed with mvdan.cc/sh, so quoting, continuation lines and
// substitutions are read as a shell reads them; a script it cannot parse is
// searched with a pattern instead.
func runPipesToShell(n *parser.Node) bool {
	for _, script := range runScripts(n) {
		if scriptPipesToShell(script) {
			return true
		}
	}
	return false
}

// runScripts returns the shell scripts of a RUN: the command of the shell
// form, the -c argument of a JSON form that calls a shell, and heredocs.
func runScripts(n *parser.Node) []string {
	args := newInstruction(n).args
	var scripts []string
	if n.Attributes["json"] {
		if i := slices.Index(args, "-c"); i > 0 && i+1 < len(args) {
			scripts = append(scripts, args[i+1])
		} else {
			scripts = append(scripts, strings.Join(args, " "))
		}
	} else {
		scripts = append(scripts, strings.Join(args, " "))
	}
	for _, h := range n.Heredocs {
		scripts = append(scripts, h.Content)
	}
	return scripts
}

var pipePattern = regexp.MustCompile(
	`\b(curl|wget)\b[^|;&]*\|\s*(sudo\s+(-\S+\s+)*)?(\S*/)?(ba|z|da|k|a)?sh\b`)

func scriptPipesToShell(script string) bool {
	parser := syntax.NewParser(syntax.Variant(syntax.LangBash))
	file, err := parser.Parse(strings.NewReader(script), "")
	if err != nil {
		return pipePattern.MatchString(script)
	}
	found := false
	syntax.Walk(file, func(node syntax.Node) bool {
		if found {
			return false
		}
		switch node := node.(type) {
		case *syntax.BinaryCmd:
			found = pipelineRunsDownload(node)
		case *syntax.CallExpr:
			found = substitutesDownload(node)
		}
		return !found
	})
	return found
}

// pipelineRunsDownload holds for `curl ... | sh`: a downloader writing to
// standard output, and an interpreter later in the same pipeline.
func pipelineRunsDownload(b *syntax.BinaryCmd) bool {
	if b.Op != syntax.Pipe && b.Op != syntax.PipeAll {
		return false
	}
	downloaded := false
	for _, stmt := range pipelineStages(b) {
		call, ok := stmt.Cmd.(*syntax.CallExpr)
		if !ok {
			continue
		}
		words := commandWords(call)
		if downloaded && readsStdinAsCode(words) {
			return true
		}
		downloaded = downloaded || downloadsToStdout(words)
	}
	return false
}

func pipelineStages(b *syntax.BinaryCmd) []*syntax.Stmt {
	var stages []*syntax.Stmt
	left, ok := b.X.Cmd.(*syntax.BinaryCmd)
	if ok && (left.Op == syntax.Pipe || left.Op == syntax.PipeAll) {
		stages = pipelineStages(left)
	} else {
		stages = append(stages, b.X)
	}
	return append(stages, b.Y)
}

// readsStdinAsCode holds for an interpreter that runs what it reads on
// standard input: one given a script file or inline code (-c, -e, -m) only
// reads its input as data.
func readsStdinAsCode(words []string) bool {
	if len(words) == 0 || !slices.Contains(interpreters, words[0]) {
		return false
	}
	// Shell flags such as -e and -x are options; only -c takes code. The
	// other interpreters take code with -c, -e, -m, -r or -p.
	inline := "cemrp"
	if strings.HasSuffix(words[0], "sh") {
		inline = "c"
	}
	for _, w := range words[1:] {
		switch {
		case w == "-" || w == "-s" || w == "/dev/stdin":
			return true
		case w == "--":
			return true
		case strings.HasPrefix(w, "--"):
			if w == "--command" || w == "--eval" {
				return false
			}
		case strings.HasPrefix(w, "-"):
			if strings.ContainsAny(w[1:], inline) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// substitutesDownload holds for `bash <(curl ...)` and `sh -c "$(curl ...)"`.
func substitutesDownload(call *syntax.CallExpr) bool {
	words := commandWords(call)
	if len(words) == 0 || !slices.Contains(interpreters, words[0]) {
		return false
	}
	found := false
	for _, arg := range call.Args[1:] {
		syntax.Walk(arg, func(node syntax.Node) bool {
			if inner, ok := node.(*syntax.CallExpr); ok && downloadsToStdout(commandWords(inner)) {
				found = true
			}
			return !found
		})
	}
	return found
}

// commandWords returns the literal words of a call with wrappers such as
// sudo and their flags dropped and the command reduced to its base name.
// A word that is not literal ends the list.
func commandWords(call *syntax.CallExpr) []string {
	var words []string
	for _, w := range call.Args {
		lit, ok := literal(w)
		if !ok {
			break
		}
		words = append(words, lit)
	}
	for len(words) > 0 && (slices.Contains(wrappers, path.Base(words[0])) ||
		(len(words[0]) > 1 && words[0][0] == '-') || strings.Contains(words[0], "=")) {
		words = words[1:]
	}
	if len(words) > 0 {
		words[0] = path.Base(words[0])
	}
	return words
}

// downloadsToStdout holds for curl unless it saves to a file, and for wget
// only when told to write to standard output, since by default it saves.
func downloadsToStdout(words []string) bool {
	if len(words) == 0 {
		return false
	}
	switch words[0] {
	case "curl":
		for _, w := range words[1:] {
			if w == "-o" || w == "-O" || w == "--output" || w == "--remote-name" ||
				strings.HasPrefix(w, "--output=") {
				return false
			}
		}
		return true
	case "wget":
		return wgetToStdout(words[1:])
	}
	return false
}

// wgetToStdout spots -O- (alone or closing combined flags such as -qO-),
// --output-document=-, and -O or -qO followed by a lone "-".
func wgetToStdout(args []string) bool {
	for i, w := range args {
		short := strings.HasPrefix(w, "-") && !strings.HasPrefix(w, "--")
		switch {
		case short && strings.HasSuffix(w, "O-"), w == "--output-document=-":
			return true
		case short && strings.HasSuffix(w, "O") && i+1 < len(args) && args[i+1] == "-":
			return true
		}
	}
	return false
}

// literal returns the value of a word that holds no expansion, quoted or
// not, so that "curl" and curl read alike.
func literal(w *syntax.Word) (string, bool) {
	var b strings.Builder
	for _, part := range w.Parts {
		switch part := part.(type) {
		case *syntax.Lit:
			b.WriteString(part.Value)
		case *syntax.SglQuoted:
			b.WriteString(part.Value)
		case *syntax.DblQuoted:
			for _, inner := range part.Parts {
				lit, ok := inner.(*syntax.Lit)
				if !ok {
					return "", false
				}
				b.WriteString(lit.Value)
			}
		default:
			return "", false
		}
	}
	return b.String(), true
}
