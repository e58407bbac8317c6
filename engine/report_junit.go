package engine

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// JUnit XML is the test report that GitLab, Jenkins and Azure DevOps all
// read. Each finding is a test case named after its rule and subject: a
// blocking or warning finding fails, an info finding passes with its message
// as output, and a rule of the catalog that reported nothing passes, so the
// report also shows what was checked.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string           `xml:"name,attr"`
	Tests      int              `xml:"tests,attr"`
	Failures   int              `xml:"failures,attr"`
	Errors     int              `xml:"errors,attr"`
	Skipped    int              `xml:"skipped,attr"`
	Properties *junitProperties `xml:"properties"` // nil leaves the element out
	Cases      []junitCase      `xml:"testcase"`
}

type junitProperties struct {
	Property []junitProperty `xml:"property"`
}

// junitProperty is one bundle or override of the run, named by its kind;
// JUnit readers show a suite's properties beside its test cases.
type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Failure   *junitFailure `xml:"failure"`
	SystemOut *junitText    `xml:"system-out"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",innerxml"` // escaped by xmlText
}

type junitText struct {
	Text string `xml:",innerxml"` // escaped by xmlText
}

func writeJUnit(w io.Writer, r Report, o ReportOptions) error {
	suite := junitSuite{Name: "tms", Properties: junitBundleProperties(r.Summary)}
	fired := map[string]bool{}
	for _, f := range r.Findings {
		fired[f.Rule] = true
		suite.Cases = append(suite.Cases, junitFinding(f, o))
	}
	for _, rule := range o.catalog(r.Findings) {
		if !fired[rule.ID] {
			suite.Cases = append(suite.Cases, junitCase{
				Name: rule.ID + " " + rule.Title, ClassName: rule.ID,
			})
		}
	}
	for _, c := range suite.Cases {
		if c.Failure != nil {
			suite.Failures++
		}
	}
	suite.Tests = len(suite.Cases)
	doc := junitSuites{Name: "tms", Tests: suite.Tests, Failures: suite.Failures,
		Suites: []junitSuite{suite}}

	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("junit: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func junitBundleProperties(s Summary) *junitProperties {
	notes := bundleNotes(s)
	if len(notes) == 0 {
		return nil
	}
	props := &junitProperties{}
	for _, n := range notes {
		props.Property = append(props.Property, junitProperty{Name: n.Kind, Value: n.Text})
	}
	return props
}

func junitFinding(f Finding, o ReportOptions) junitCase {
	subject := f.Subject
	if subject == "" {
		subject = f.Title
	}
	c := junitCase{
		Name:      fmt.Sprintf("%s %s at %s", f.Rule, subject, formatLocation(f)),
		ClassName: f.Rule,
		File:      o.checkoutPath(f.Location.Path),
	}
	details := strings.Join([]string{
		fmt.Sprintf("%s %s: %s", strings.ToUpper(string(f.Action)), f.Severity, f.Title),
		"location: " + formatLocation(f),
		f.Message,
		"fix: " + f.Remediation,
	}, "\n")
	if f.Action == ActionInfo {
		c.SystemOut = &junitText{Text: xmlText(details)}
		return c
	}
	c.Failure = &junitFailure{
		Message: strings.Join(strings.Fields(f.Message), " "),
		Type:    string(f.Action),
		Text:    xmlText(details),
	}
	return c
}

// xmlText escapes s as element content but keeps its line breaks readable,
// which encoding/xml would write as character references. A character that
// XML 1.0 cannot carry at all becomes U+FFFD.
func xmlText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\r':
			b.WriteString("&#xD;")
		case r == '\n', r == '\t', xmlChar(r):
			b.WriteRune(r)
		default:
			b.WriteRune('\uFFFD')
		}
	}
	return b.String()
}

func xmlChar(r rune) bool {
	return r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
