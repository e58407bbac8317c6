package engine

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Formats lists the report formats WriteReport accepts.
var Formats = []string{"text", "json"}

// WriteReport writes r to w in the named format.
func WriteReport(w io.Writer, format string, r Report) error {
	switch format {
	case "text":
		return writeText(w, r)
	case "json":
		return writeJSON(w, r)
	}
	return fmt.Errorf("unknown format %q (expected one of %s)", format, strings.Join(Formats, ", "))
}

func writeJSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// writeText prints one block per finding, most pressing first, then a line
// that sums the run up. It is meant for a CI log read by a person.
func writeText(w io.Writer, r Report) error {
	var b strings.Builder
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "%-5s  %-8s  %s  %s\n", strings.ToUpper(string(f.Action)),
			f.Severity, f.Rule, formatLocation(f))
		fmt.Fprintf(&b, "       %s\n", f.Message)
		fmt.Fprintf(&b, "       fix: %s\n\n", f.Remediation)
	}
	b.WriteString(summaryLine(r))
	_, err := io.WriteString(w, b.String())
	return err
}

func formatLocation(f Finding) string {
	switch {
	case f.Location.Path == "":
		return "(repository)"
	case f.Location.Line > 0:
		return fmt.Sprintf("%s:%d", f.Location.Path, f.Location.Line)
	}
	return f.Location.Path
}

func summaryLine(r Report) string {
	s := r.Summary
	return fmt.Sprintf("%s: %d blocking, %d warning, %d info; "+
		"%d surface items (%d new, %d unreviewed), %d threats (%d unreviewed), %d rules\n",
		r.Decision, s.Block, s.Warn, s.Info,
		s.Surface, s.NewSurface, s.UnreviewedSurface, s.Threats, s.UnreviewedThreats, s.Rules)
}
