package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/term"

	"github.com/tms-dev/tms/engine"
)

// reportOutput is one report a run writes: a format and a file, or stdout
// when the path is empty.
type reportOutput struct {
	format string
	path   string
}

// formatPrefix tells `--output sarif=tms.sarif` from a plain file name: a
// value whose text before "=" looks like a format name must be one.
var formatPrefix = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// parseOutputs turns --format and the --output values into the reports to
// write. `--output FILE` sends the --format report to FILE instead of stdout;
// `--output FORMAT=FILE` adds a report, and stdout keeps the --format one.
func parseOutputs(format string, values []string) ([]reportOutput, error) {
	if !slices.Contains(engine.Formats, format) {
		return nil, fmt.Errorf("--format %q: expected one of %s", format,
			strings.Join(engine.Formats, ", "))
	}
	var outputs []reportOutput
	toStdout := true
	for _, v := range values {
		out := reportOutput{format: format, path: v}
		if name, path, ok := strings.Cut(v, "="); ok && formatPrefix.MatchString(name) {
			if !slices.Contains(engine.Formats, name) {
				return nil, fmt.Errorf("--output %q: unknown format %q (expected one of %s)",
					v, name, strings.Join(engine.Formats, ", "))
			}
			out = reportOutput{format: name, path: path}
		} else {
			toStdout = false
		}
		if out.path == "" {
			return nil, fmt.Errorf("--output %q: name a file to write", v)
		}
		outputs = append(outputs, out)
	}
	if toStdout {
		outputs = append([]reportOutput{{format: format}}, outputs...)
	}
	return outputs, checkDistinctPaths(outputs)
}

// checkDistinctPaths refuses two reports for one file: the second would
// silently replace the first.
func checkDistinctPaths(outputs []reportOutput) error {
	seen := map[string]bool{}
	for _, out := range outputs {
		if out.path == "" {
			continue
		}
		key := filepath.Clean(out.path)
		if seen[key] {
			return fmt.Errorf("--output: %s is named twice", out.path)
		}
		seen[key] = true
	}
	return nil
}

// writeReports writes every requested report, each file replaced atomically.
func (o *evalOptions) writeReports(ro engine.ReportOptions, r engine.Report) error {
	for _, out := range o.outputs {
		ro.Color = out.path == "" && colorTerminal(o.stdout)
		err := writeOutput(o.stdout, out.path, func(w io.Writer) error {
			return ro.Write(w, out.format, r)
		})
		if err != nil {
			return fmt.Errorf("write %s report: %w", out.format, err)
		}
	}
	return nil
}

// reportOptions gathers what the formats need beyond the findings. The rule
// catalog costs a second compilation of the policies, so it is built only
// for the formats that list every rule.
func (o *evalOptions) reportOptions(ctx context.Context,
	req engine.Request) (engine.ReportOptions, error) {
	tmsVersion, _ := buildVersions()
	ro := engine.ReportOptions{
		ToolVersion: tmsVersion,
		Thresholds:  req.Config.Thresholds(),
		ModelFile:   modelFile(req.Repo, req.ModelPath),
		LinkBase:    o.linkBase,
		LinkDir:     o.linkDir,
		PathPrefix:  o.pathPrefix,
	}
	if !slices.ContainsFunc(o.outputs, func(out reportOutput) bool {
		return engine.NeedsRules(out.format)
	}) {
		return ro, nil
	}
	eng, err := engine.NewFromConfig(ctx, req.Config)
	if err != nil {
		return ro, err
	}
	ro.Rules = eng.Rules()
	return ro, nil
}

// cleanCheckoutDir checks the value of flag (--path-prefix or --link-dir):
// a directory inside the checkout, given relative to its root, which the
// reports want slash-separated.
func cleanCheckoutDir(flag, prefix string) (string, error) {
	if prefix == "" {
		return "", nil
	}
	clean := filepath.Clean(prefix)
	if !filepath.IsLocal(clean) {
		return "", fmt.Errorf("%s %q: expected a directory relative to the root "+
			"of the checkout, without ..", flag, prefix)
	}
	if clean == "." {
		return "", nil
	}
	return filepath.ToSlash(clean), nil
}

// colorTerminal reports whether w is a terminal that wants colour: not when
// NO_COLOR is set (https://no-color.org) or the terminal is dumb.
func colorTerminal(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// modelFile names the model as the repository does, so that findings placed
// on it link to the file in the repository. A model outside the repository
// keeps the path it was given.
func modelFile(repo, model string) string {
	absRepo, err1 := filepath.Abs(repo)
	absModel, err2 := filepath.Abs(model)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(model)
	}
	rel, err := filepath.Rel(absRepo, absModel)
	if err != nil || !filepath.IsLocal(rel) {
		return filepath.ToSlash(model)
	}
	return filepath.ToSlash(rel)
}
