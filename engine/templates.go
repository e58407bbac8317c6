package engine

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"regexp"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

//go:embed templates/stride.yaml
var defaultTemplates []byte

// Templates drive the baseline that tms init writes: which STRIDE threats
// each class of surface faces, and which visible controls answer them.
type Templates struct {
	Classes  []Class   `yaml:"classes"`
	Controls []Control `yaml:"controls"`
}

// Class is a class of element in STRIDE-per-element terms.
type Class struct {
	Name         string           `yaml:"name"`
	Title        string           `yaml:"title"`
	Kinds        []string         `yaml:"kinds"`
	TypePattern  string           `yaml:"type_pattern"`  // matched against the type attribute
	ImagePattern string           `yaml:"image_pattern"` // matched against the images' names
	Exposures    []string         `yaml:"exposures"`     // when set, only items of these exposures
	BoundaryFrom string           `yaml:"boundary_from"` // the less trusted side, if the class crosses one
	BoundaryTo   string           `yaml:"boundary_to"`   // the other side; the component when empty
	Threats      []ThreatTemplate `yaml:"threats"`

	typeRE, imageRE *regexp.Regexp
}

// ThreatTemplate is one threat a class faces; {component} in the title is
// replaced by the component's id.
type ThreatTemplate struct {
	Stride   string   `yaml:"stride"`
	Severity Severity `yaml:"severity"`
	Title    string   `yaml:"title"`
}

// Control is something visible in the repository that answers threats.
type Control struct {
	Title       string         `yaml:"title"`
	Kinds       []string       `yaml:"kinds"`
	When        map[string]any `yaml:"when"`         // attributes the item must have
	Mitigates   []string       `yaml:"mitigates"`    // STRIDE categories
	CoversClass string         `yaml:"covers_class"` // cover this class's items instead of the control's own
	// CoversReferenced names an attribute that holds the address of the
	// resource an item configures (bucket: aws_s3_bucket.logs): the
	// mitigation covers that resource rather than the configuration.
	CoversReferenced string `yaml:"covers_referenced"`
	// Control is the checkable control the proposed mitigation names, so
	// that once a person marks it implemented tms keeps checking it.
	Control string `yaml:"control"`
}

// LoadTemplates reads templates from path, or the built-in ones when path is
// empty.
func LoadTemplates(path string) (*Templates, error) {
	data, name := defaultTemplates, "built-in templates"
	if path != "" {
		var err error
		if data, err = os.ReadFile(path); err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		name = path
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var t Templates
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := t.check(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &t, nil
}

func (t *Templates) check() error {
	for i := range t.Classes {
		c := &t.Classes[i]
		if c.Name == "" || len(c.Kinds) == 0 {
			return fmt.Errorf("classes[%d]: a class needs a name and kinds", i)
		}
		for _, th := range c.Threats {
			if !slices.Contains(StrideCategories, th.Stride) || !th.Severity.Valid() {
				return fmt.Errorf("class %s: threat %q needs a STRIDE category and a severity", c.Name, th.Title)
			}
		}
		for _, e := range c.Exposures {
			if !slices.Contains(exposures, e) {
				return fmt.Errorf("class %s: exposures: %q is not public, internal or unknown", c.Name, e)
			}
		}
		var err error
		if c.typeRE, err = compileOptional(c.TypePattern); err != nil {
			return fmt.Errorf("class %s: type_pattern: %w", c.Name, err)
		}
		if c.imageRE, err = compileOptional(c.ImagePattern); err != nil {
			return fmt.Errorf("class %s: image_pattern: %w", c.Name, err)
		}
	}
	for _, ctl := range t.Controls {
		for _, s := range ctl.Mitigates {
			if !slices.Contains(StrideCategories, s) {
				return fmt.Errorf("control %q: %q is not a STRIDE category", ctl.Title, s)
			}
		}
		if ctl.Control != "" && !threatmodel.KnownControl(ctl.Control) {
			return fmt.Errorf("control %q: control %q is not one tms can check", ctl.Title, ctl.Control)
		}
	}
	return nil
}

func compileOptional(pattern string) (*regexp.Regexp, error) {
	if pattern == "" {
		return nil, nil
	}
	return regexp.Compile(pattern)
}

// classOf returns the first class that claims the item, or nil.
func (t *Templates) classOf(it extractors.Item) *Class {
	for i := range t.Classes {
		c := &t.Classes[i]
		if slices.Contains(c.Kinds, it.Kind) && c.claims(it) {
			return c
		}
	}
	return nil
}

var exposures = []string{"public", "internal", "unknown"}

// selective reports whether the class takes only some items of its kinds,
// by exposure or pattern. Its threats then name those items one by one,
// since a glob over a kind would take in their neighbours.
func (c *Class) selective() bool {
	return c.typeRE != nil || c.imageRE != nil || len(c.Exposures) > 0
}

// claims reports whether a class takes an item of one of its kinds: one of
// its exposures, if it names any, and with patterns, a Terraform resource
// by its type, a container by an image's name. A class without patterns
// claims every item of its kinds.
func (c *Class) claims(it extractors.Item) bool {
	if len(c.Exposures) > 0 && !slices.Contains(c.Exposures, string(it.Exposure)) {
		return false
	}
	attrs := it.Attributes
	if c.typeRE == nil && c.imageRE == nil {
		return true
	}
	if typ, ok := attrs["type"].(string); ok && c.typeRE != nil && c.typeRE.MatchString(typ) {
		return true
	}
	if c.imageRE != nil {
		for _, name := range imageNames(attrs) {
			if c.imageRE.MatchString(name) {
				return true
			}
		}
	}
	return false
}
