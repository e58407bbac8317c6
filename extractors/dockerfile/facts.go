package dockerfile

import (
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/tms-dev/tms/extractors/internal/redact"
)

// fileFacts are what the whole file, every stage included, says about how
// the image is built: a build stage that runs a downloaded script shapes
// the final image as much as the final stage does.
type fileFacts struct {
	addURLs     []any // {url, line, checksum} per remote ADD source
	pipeLines   []int // lines of RUN instructions that pipe a download to a shell
	secretNames []string
}

// readFacts scans every instruction of the file, ARGs before the first FROM
// included.
func readFacts(root *parser.Node) fileFacts {
	var f fileFacts
	for _, n := range root.Children {
		switch strings.ToLower(n.Value) {
		case "add":
			f.addURLs = append(f.addURLs, remoteSources(n)...)
		case "run":
			if runPipesToShell(n) {
				f.pipeLines = append(f.pipeLines, n.StartLine)
			}
		case "env":
			f.addSecretNames(envNames(n))
		case "arg":
			f.addSecretNames(argNames(n))
		}
	}
	slices.Sort(f.secretNames)
	f.secretNames = slices.Compact(f.secretNames)
	return f
}

func (f fileFacts) attributes(attrs map[string]any) {
	attrs["add_urls"] = append([]any{}, f.addURLs...)
	lines := []any{}
	for _, l := range f.pipeLines {
		lines = append(lines, l)
	}
	attrs["pipe_to_shell"] = lines
	names := []any{}
	for _, n := range f.secretNames {
		names = append(names, n)
	}
	attrs["secrets_in_env"] = names
}

// remoteSources lists the http(s) sources of an ADD. A --checksum flag makes
// BuildKit verify the download, so it is recorded with the URL.
func remoteSources(n *parser.Node) []any {
	args := newInstruction(n).args
	if len(args) < 2 {
		return nil
	}
	checksum := false
	for _, flag := range n.Flags {
		checksum = checksum || strings.HasPrefix(flag, "--checksum=")
	}
	var out []any
	for _, src := range args[:len(args)-1] {
		lower := strings.ToLower(src)
		if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
			out = append(out, map[string]any{
				"url": redactURL(src), "line": n.StartLine, "checksum": checksum,
			})
		}
	}
	return out
}

// redactURL hides the user information of a download URL and drops its
// query and fragment: signed links carry tokens there under any name.
func redactURL(raw string) string {
	clean, _, _ := strings.Cut(redact.Text(raw), "#")
	clean, _, _ = strings.Cut(clean, "?")
	return clean
}

// envNames reads ENV's key, value, separator triples, keeping the keys.
func envNames(n *parser.Node) []string {
	var names []string
	i := 0
	for a := n.Next; a != nil; a = a.Next {
		if i%3 == 0 {
			names = append(names, a.Value)
		}
		i++
	}
	return names
}

// argNames reads ARG's NAME or NAME=default arguments.
func argNames(n *parser.Node) []string {
	var names []string
	for a := n.Next; a != nil; a = a.Next {
		name, _, _ := strings.Cut(a.Value, "=")
		names = append(names, name)
	}
	return names
}

func (f *fileFacts) addSecretNames(names []string) {
	for _, name := range names {
		if looksSecret(name) {
			f.secretNames = append(f.secretNames, name)
		}
	}
}

// secretSuffixes end the names people give variables that hold credentials.
var secretSuffixes = []string{
	"_TOKEN", "_PASSWORD", "_PASSWD", "_PWD", "_SECRET", "_KEY", "_APIKEY", "_CREDENTIALS",
}

// looksSecret reads a variable's name, never its value. Public keys and
// key identifiers are named like keys but are not secret.
func looksSecret(name string) bool {
	upper := strings.ToUpper(name)
	switch {
	case strings.HasSuffix(upper, "_PUBLIC_KEY") || strings.HasSuffix(upper, "_PUB_KEY"):
		return false
	case upper == "TOKEN" || upper == "PASSWORD" || upper == "SECRET" || upper == "APIKEY":
		return true
	case strings.HasPrefix(upper, "SECRET_") || strings.Contains(upper, "PASSWORD"):
		return true
	}
	for _, s := range secretSuffixes {
		if strings.HasSuffix(upper, s) {
			return true
		}
	}
	return false
}
