package terraform

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"

	"github.com/tms-dev/tms/extractors"
)

// Extractor reads Terraform configuration files. The zero value is ready to
// use and safe for concurrent use.
type Extractor struct{}

// New returns a Terraform extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "terraform" }

// Match implements extractors.Extractor: .tf and .tf.json files, including
// the override files Terraform merges into a module.
func (*Extractor) Match(p string) bool {
	return strings.HasSuffix(p, ".tf") || strings.HasSuffix(p, ".tf.json")
}

// topLevel names the blocks that carry surface; the others (variable,
// locals, output, moved, import) describe no infrastructure of their own.
var topLevel = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "provider", LabelNames: []string{"name"}},
	{Type: "terraform"},
}}

// Extract implements extractors.Extractor. A file that does not parse is
// reported at its first error, with the blocks that could still be read:
// in native syntax, every top-level block is read again on its own (see
// recoverBlocks), so an error does not hide the blocks after it.
// repo gives the module's lock file, which says whether each provider is
// locked.
func (*Extractor) Extract(f extractors.File, repo extractors.Repo) ([]extractors.Item, error) {
	var (
		file  *hcl.File
		diags hcl.Diagnostics
	)
	if strings.HasSuffix(f.Path, ".json") {
		file, diags = hcljson.Parse(f.Content, f.Path)
	} else {
		file, diags = hclsyntax.ParseConfig(f.Content, f.Path, hcl.InitialPos)
	}
	parseErr := firstError(diags, f.Content)
	if file == nil || file.Body == nil {
		return nil, parseErr
	}

	content, _, diags := file.Body.PartialContent(topLevel)
	if parseErr == nil {
		parseErr = firstError(diags, f.Content)
	}
	if content == nil {
		return nil, parseErr
	}
	blocks := content.Blocks
	if parseErr != nil && !strings.HasSuffix(f.Path, ".json") {
		blocks = recoverBlocks(f.Content, f.Path)
	}
	r := reader{path: f.Path, ev: evaluator{src: f.Content}, repo: repo}
	return r.items(blocks), parseErr
}

// firstError turns the first error of a parse into a diagnostic at its line,
// clamped into the file since an unexpected end is reported past it.
func firstError(diags hcl.Diagnostics, content []byte) error {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		line := 1
		if d.Subject != nil {
			line = d.Subject.Start.Line
		}
		lines := bytes.Count(content, []byte("\n")) + 1
		line = min(max(line, 1), lines)
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		return extractors.AtLine(line, fmt.Errorf("parse terraform: %s", msg))
	}
	return nil
}
