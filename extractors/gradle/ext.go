package gradle

import (
	"path"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// settingsNames mark the root directory of a multi-project build.
var settingsNames = []string{"settings.gradle", "settings.gradle.kts"}

// loadInheritedExt reads the extra properties a project inherits from the
// projects above it: those the build scripts between the script's parent
// directory and the root of its build (where settings.gradle is) set with
// ext or extra, the nearest winning as Gradle's property lookup does. A
// script outside a multi-project build inherits nothing. Scripts that
// cannot be read or lexed give what they give: their own extraction
// reports them.
func loadInheritedExt(repo extractors.Repo, scriptDir string) map[string]token {
	root, ok := buildRoot(repo, scriptDir)
	inherited := map[string]token{}
	for dir := scriptDir; ok && dir != root; {
		dir = path.Dir(dir)
		for _, name := range []string{"build.gradle", "build.gradle.kts"} {
			data, err := repo.ReadFile(path.Join(dir, name))
			if err != nil {
				continue
			}
			toks, _ := lex(data)
			for k, v := range extProperties(toks) {
				if _, seen := inherited[k]; !seen {
					inherited[k] = v
				}
			}
		}
	}
	return inherited
}

// buildRoot finds the nearest directory at or above dir with a settings
// file.
func buildRoot(repo extractors.Repo, dir string) (string, bool) {
	for {
		for _, name := range settingsNames {
			if _, err := repo.ReadFile(path.Join(dir, name)); err == nil {
				return dir, true
			}
		}
		if dir == "." || dir == "/" || dir == "" {
			return "", false
		}
		dir = path.Dir(dir)
	}
}

// extProperties returns the variables of a script that are extra
// properties, and so visible to the projects below: assignments directly
// in an ext { } block, ext.x = and extra["x"] = ones, and Kotlin's
// val x by extra("…").
func extProperties(toks []token) map[string]token {
	inExt := extBlockDepths(toks)
	props := map[string]token{}
	for name, v := range collectAssignments(toks) {
		if inExt[v.at] || v.ext {
			props[name] = v.value
		}
	}
	for i := 0; i+5 < len(toks); i++ {
		if toks[i].text == "val" && toks[i+1].kind == tIdent && toks[i+2].text == "by" &&
			toks[i+3].text == "extra" && toks[i+4].text == "(" && toks[i+5].kind == tString {
			if _, seen := props[toks[i+1].text]; !seen {
				props[toks[i+1].text] = toks[i+5]
			}
		}
	}
	return props
}

// extBlockDepths marks the tokens that sit directly in an ext { } block,
// not in a block nested in it.
func extBlockDepths(toks []token) []bool {
	inExt := make([]bool, len(toks))
	var stack []bool // for each open brace, whether it opens an ext block
	for i, t := range toks {
		switch {
		case t.kind == tPunct && t.text == "{":
			stack = append(stack, i > 0 && toks[i-1].kind == tIdent && toks[i-1].text == "ext")
		case t.kind == tPunct && t.text == "}" && len(stack) > 0:
			stack = stack[:len(stack)-1]
		default:
			inExt[i] = len(stack) > 0 && stack[len(stack)-1]
		}
	}
	return inExt
}

func isExtName(s string) bool { return s == "ext" || s == "extra" }

// refName strips the qualifiers a reference to a variable may carry:
// rootProject.ext.versions.guava names the variable versions.guava.
func refName(ref string) string {
	for _, prefix := range []string{"rootProject.", "project.", "ext.", "extra."} {
		ref = strings.TrimPrefix(ref, prefix)
	}
	return ref
}
