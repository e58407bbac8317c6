package engine

import (
	"fmt"
	"math"
	"os"
	"time"

	"github.com/dustin/go-humanize"
	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

// Config is a run's configuration: defaults, then .tms.yaml, then flags.
type Config struct {
	FailOn           Severity
	WarnOn           Severity
	FailOnNewSurface bool
	// Actions map severities to block, ticket, comment or log (`actions:`),
	// over what FailOn and WarnOn give them.
	Actions     map[Severity]Handling
	Exclude     []ExcludeGlob // left out of the walk
	MaxFileSize int64
	Timeout     time.Duration
	Policies    []string               // directories of team rules
	Rules       map[string]RuleSetting // by rule id
	Exemptions  []Exemption
	Data        map[string]any // handed to rules as data.tms.config
	// Bundles are organisation policy bundles to evaluate (`bundles:`):
	// files, directories, https:// URLs or oci:// references.
	Bundles []string
	// LoadedBundles are those bundles fetched and verified, filled in by the
	// caller (package bundles) before an engine is built.
	LoadedBundles []Bundle
	// MaxAcceptanceDays limits how far ahead tms accept lets an acceptance
	// expire.
	MaxAcceptanceDays int
	// Templates is a file that replaces the built-in baseline templates.
	Templates string
	// file is the .tms.yaml read, "" for the defaults: messages about a
	// setting point into it.
	file string
}

// RuleSetting changes one rule for this repository. Disabling needs a reason,
// which the config file records for reviewers.
type RuleSetting struct {
	Disabled bool
	Severity Severity // "" keeps the rule's own
	Reason   string
	at       position // of the rule id in .tms.yaml
}

// position is where a setting sits in .tms.yaml, for messages.
type position struct{ line, column int }

// ExcludeGlob is a doublestar glob of paths the walk leaves out. Its reason
// is optional in a repository on its own; when an organisation bundle's
// protected rules are loaded, it is required, since leaving files out hides
// their surface from those rules.
type ExcludeGlob struct {
	Glob   string
	Reason string
}

func (c Config) excludeGlobs() []string {
	globs := make([]string, len(c.Exclude))
	for i, e := range c.Exclude {
		globs[i] = e.Glob
	}
	return globs
}

// Exemption drops the findings located in matching paths, for the listed
// rules or for every rule, with the reason a person gave.
type Exemption struct {
	Paths  []string // doublestar globs
	Rules  []string // rule ids; empty means every rule
	Reason string
	ruleAt []position // of each of Rules in .tms.yaml
}

// DefaultConfig blocks high and critical findings and warns on medium ones.
func DefaultConfig() Config {
	return Config{
		FailOn:            SeverityHigh,
		WarnOn:            SeverityMedium,
		MaxFileSize:       extractors.DefaultMaxFileSize,
		Timeout:           30 * time.Second,
		MaxAcceptanceDays: DefaultMaxAcceptanceDays,
	}
}

// Thresholds returns the part of the configuration that decides actions.
func (c Config) Thresholds() Thresholds {
	return Thresholds{FailOn: c.FailOn, WarnOn: c.WarnOn, FailOnNewSurface: c.FailOnNewSurface,
		Actions: c.Actions}
}

var configFields = []string{
	"fail_on", "warn_on", "fail_on_new_surface", "exclude", "max_file_size", "timeout",
	"policies", "rules", "exemptions", "data", "max_acceptance_days", "bundles", "templates",
	"actions",
}

var severityCheck = threatmodel.OneOf("a severity", "critical", "high", "medium", "low", "info")

// LoadConfig reads a .tms.yaml file over the defaults. An empty path gives
// the defaults. Problems are reported like the model's: file:line:column,
// the field, and what was expected.
func LoadConfig(path string) (Config, error) {
	cfg := DefaultConfig()
	if path == "" {
		return cfg, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return cfg, fmt.Errorf("load config: %w", err)
	}

	cfg.file = path
	d := threatmodel.NewDecoder(path)
	f := d.Fields(d.Document(data), "", configFields...)
	if s := f.String("fail_on", severityCheck); f.Has("fail_on") {
		cfg.FailOn = Severity(s)
	}
	if s := f.String("warn_on", severityCheck); f.Has("warn_on") {
		cfg.WarnOn = Severity(s)
		if f.Has("fail_on") && cfg.WarnOn.Valid() && cfg.FailOn.Valid() && !cfg.FailOn.AtLeast(cfg.WarnOn) {
			d.Problemf(f.Node("warn_on"), f.Path("warn_on"), "%s is above fail_on %s (expected %s or lower: "+
				"findings between the two would only be info)", cfg.WarnOn, cfg.FailOn, cfg.FailOn)
		}
	}
	if f.Has("exclude") {
		cfg.Exclude = excludeGlobs(d, f)
	}
	cfg.MaxFileSize = sizeField(d, f, "max_file_size", cfg.MaxFileSize)
	cfg.FailOnNewSurface = boolField(d, f, "fail_on_new_surface", cfg.FailOnNewSurface)
	cfg.Actions = severityActions(d, f)
	cfg.Timeout = durationField(d, f, "timeout", cfg.Timeout)
	if n, ok := f.Int("max_acceptance_days"); ok {
		cfg.MaxAcceptanceDays = int(positive(d, f, "max_acceptance_days", int64(n)))
	}
	cfg.Policies = policyDirs(path, f.Strings("policies", threatmodel.NonEmpty))
	if t := f.String("templates", threatmodel.NonEmpty); t != "" {
		cfg.Templates = policyDirs(path, []string{t})[0]
	}
	cfg.Bundles = bundleRefs(path, f.Strings("bundles", threatmodel.NonEmpty))
	cfg.Rules = ruleSettings(d, f)
	cfg.Exemptions = exemptions(d, f)
	cfg.Data = dataField(d, f)

	if err := d.Err(); err != nil {
		return cfg, err
	}
	return cfg, nil
}

func positive(d *threatmodel.Decoder, f *threatmodel.Fields, key string, n int64) int64 {
	if n <= 0 {
		d.Problemf(f.Node(key), f.Path(key), "%d is not positive (expected a number above 0)", n)
	}
	return n
}

// sizeField reads a size in bytes: a plain number, or a number with a unit
// as people write sizes (32MiB, 512 KiB, 1GB). Units ending in iB count in
// powers of 1024, the others in powers of 1000.
func sizeField(d *threatmodel.Decoder, f *threatmodel.Fields, key string, def int64) int64 {
	n := f.Node(key)
	if n == nil {
		return def
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int" {
		var v int64
		if err := n.Decode(&v); err == nil {
			return positive(d, f, key, v)
		}
	}
	v, err := humanize.ParseBytes(n.Value)
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" || err != nil ||
		v == 0 || v > math.MaxInt64 {
		d.Problemf(n, f.Path(key), "found %q (expected a size above 0 in bytes, "+
			"or with a unit: 32MiB, 512KiB, 1GB)", n.Value)
		return def
	}
	return int64(v)
}

func boolField(d *threatmodel.Decoder, f *threatmodel.Fields, key string, def bool) bool {
	n := f.Node(key)
	if n == nil {
		return def
	}
	var v bool
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&v) != nil {
		d.Problemf(n, f.Path(key), "found %q (expected true or false)", n.Value)
		return def
	}
	return v
}

func durationField(d *threatmodel.Decoder, f *threatmodel.Fields, key string,
	def time.Duration) time.Duration {
	s := f.String(key)
	if s == "" {
		return def
	}
	v, err := time.ParseDuration(s)
	if err != nil || v <= 0 {
		d.Problemf(f.Node(key), f.Path(key), "%q is not a duration (expected e.g. 30s or 2m)", s)
		return def
	}
	return v
}
