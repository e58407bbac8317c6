package convert

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

// Format is a threat model format that tms imports.
type Format struct {
	Name  string // short name: otm, threagile, threatdragon
	Title string // the name people know it by
	read  func(b *builder, root *fields)
}

// The formats Import recognises.
var (
	OTM          = Format{Name: "otm", Title: "Open Threat Model (OTM)", read: readOTM}
	Threagile    = Format{Name: "threagile", Title: "Threagile", read: readThreagile}
	ThreatDragon = Format{Name: "threatdragon", Title: "OWASP Threat Dragon v2",
		read: readThreatDragon}
)

// Import reads another tool's threat model, recognising its format from the
// content, never the file name. name is the file it came from, used in
// errors and reports. The error, when there is one, lists file:line for each
// problem; Unmapped lists what was not carried over as it was.
func Import(data []byte, name string) (*threatmodel.Model, []Unmapped, error) {
	root, err := parse(data, name)
	if err != nil {
		return nil, nil, err
	}
	format, err := detect(root, name)
	if err != nil {
		return nil, nil, err
	}
	return format.importRoot(root, name)
}

// Detect says which format data is in.
func Detect(data []byte, name string) (Format, error) {
	root, err := parse(data, name)
	if err != nil {
		return Format{}, err
	}
	return detect(root, name)
}

// Import reads data as this format.
func (f Format) Import(data []byte, name string) (*threatmodel.Model, []Unmapped, error) {
	root, err := parse(data, name)
	if err != nil {
		return nil, nil, err
	}
	return f.importRoot(root, name)
}

// ImportOTM reads an Open Threat Model document, JSON or YAML.
func ImportOTM(data []byte, name string) (*threatmodel.Model, []Unmapped, error) {
	return OTM.Import(data, name)
}

// ImportThreagile reads a Threagile model.
func ImportThreagile(data []byte, name string) (*threatmodel.Model, []Unmapped, error) {
	return Threagile.Import(data, name)
}

// ImportThreatDragon reads an OWASP Threat Dragon v2 model.
func ImportThreatDragon(data []byte, name string) (*threatmodel.Model, []Unmapped, error) {
	return ThreatDragon.Import(data, name)
}

func (f Format) importRoot(root *yaml.Node, name string) (*threatmodel.Model, []Unmapped, error) {
	b := newBuilder(name)
	fields := b.fields(root, f.Title+" model")
	if fields == nil {
		return nil, nil, fail(name, root, "found %s (expected a mapping)", describe(root))
	}
	f.read(b, fields)
	return b.result()
}

// parse reads data as JSON when it looks like JSON, and as YAML otherwise,
// through the threat model decoder, which reports positions in either.
func parse(data []byte, name string) (*yaml.Node, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))

	// The decoder picks JSON or YAML by extension; the file's own name may
	// say neither, so it is given one that matches the content, and its
	// problems are put back under the real name.
	virtual := "import.yaml"
	if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && trimmed[0] == '{' {
		virtual = "import.json"
	}
	d := threatmodel.NewDecoder(virtual)
	root := d.Document(data)
	if err := d.Err(); err != nil {
		if loadErr, ok := errors.AsType[*threatmodel.LoadError](err); ok {
			for i := range loadErr.Problems {
				loadErr.Problems[i].Path = name
			}
		}
		return nil, err
	}
	return root, nil
}

// detect tells the formats apart by the keys each one requires at the top.
func detect(root *yaml.Node, name string) (Format, error) {
	if root.Kind != yaml.MappingNode {
		return Format{}, fail(name, root, "found %s (expected a mapping at the top)",
			describe(root))
	}
	top := newBuilder(name).fields(root, "model")

	switch {
	case top.has("otmVersion"):
		return OTM, nil
	case top.has("technical_assets") || top.has("threagile_version"):
		return Threagile, nil
	case top.sub("detail", "detail").has("diagrams"):
		return threatDragonVersion(top, name)
	case top.has("version") && (top.has("surface") || top.has("threats")):
		return Format{}, fail(name, root, "this is already a tms threat model; nothing to import")
	}
	return Format{}, fail(name, root, "not a threat model tms can import (expected otmVersion "+
		"for OTM, technical_assets for Threagile, or detail.diagrams for Threat Dragon v2)")
}

// threatDragonVersion accepts Threat Dragon 2.x, which writes "version"
// (or "tdVersion" before 2.2); version 1 files have neither.
func threatDragonVersion(top *fields, name string) (Format, error) {
	key := "version"
	if !top.has(key) {
		key = "tdVersion"
	}
	version := top.text(key)
	switch {
	case strings.HasPrefix(version, "2."):
		return ThreatDragon, nil
	case version == "":
		return Format{}, fail(name, top.at(), "a Threat Dragon model without a version, "+
			"probably version 1: open it in Threat Dragon 2 and save it to upgrade it")
	}
	return Format{}, fail(name, top.node(key),
		"Threat Dragon version %q is not supported (expected 2.x)", version)
}

// fail returns an error at n's line in the LoadError form the model loader
// uses, so that the command line shows both the same way.
func fail(name string, n *yaml.Node, format string, args ...any) error {
	return &threatmodel.LoadError{Problems: []threatmodel.Problem{{
		Path: name, Line: line(n), Message: fmt.Sprintf(format, args...),
	}}}
}
