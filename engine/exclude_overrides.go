package engine

import (
	"fmt"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// guardingBundles lists, in load order, the bundles with at least one rule
// the repository may not weaken. Their rules judge the whole tree, so an
// exclude glob that keeps files out of the walk weakens them too.
func (e *Engine) guardingBundles() []Bundle {
	guarding := map[string]bool{}
	for id, r := range e.rules {
		if e.protected(id) {
			guarding[r.Source] = true
		}
	}
	var out []Bundle
	for _, b := range e.bundles {
		if guarding[b.Source()] {
			out = append(out, b)
		}
	}
	return out
}

// checkExcludeReasons refuses exclude globs without a reason when a bundle
// has protected rules: leaving files out hides their surface from those
// rules, and a reviewer of the report must be able to read why.
func (e *Engine) checkExcludeReasons(c Config) error {
	guarding := e.guardingBundles()
	if len(guarding) == 0 {
		return nil
	}
	var bare []string
	for _, ex := range c.Exclude {
		if strings.TrimSpace(ex.Reason) == "" {
			bare = append(bare, fmt.Sprintf("%q", ex.Glob))
		}
	}
	if len(bare) == 0 {
		return nil
	}
	refs := make([]string, len(guarding))
	for i, b := range guarding {
		refs[i] = b.Ref
	}
	return fmt.Errorf("exclude %s would hide files from rules that bundle %s does not list as "+
		"overridable: give each glob a reason (exclude: [{paths: [GLOB], reason: WHY}])",
		strings.Join(bare, ", "), strings.Join(refs, ", "))
}

// excludeOverrides reports each exclude glob that kept files out of the
// walk, once for every bundle with protected rules, in load order and then
// the order of exclude:, so that the surface a repository hid from the
// organisation's rules shows in the report.
func (e *Engine) excludeOverrides(c Config, excluded []extractors.Exclusion) []Override {
	reasons := map[string]string{}
	for _, ex := range c.Exclude {
		if _, seen := reasons[ex.Glob]; !seen {
			reasons[ex.Glob] = ex.Reason
		}
	}
	return e.exclusionOverrides(excluded, func(glob string) string { return reasons[glob] })
}

// skippedReason is the reason reports give for a tool folder's files.
const skippedReason = "tool folder skipped by the walk"

// skippedOverrides reports each tool folder (vendor, .tox, node_modules...)
// whose tracked files the walk skipped, like an exclude glob: moving a
// service into .tox hides it from every rule as surely as excluding it.
func (e *Engine) skippedOverrides(skipped []extractors.Exclusion) []Override {
	return e.exclusionOverrides(skipped, func(string) string { return skippedReason })
}

// exclusionOverrides lists, for every bundle with protected rules, each
// glob that kept files out of the walk, with the reason reasonOf gives.
func (e *Engine) exclusionOverrides(excluded []extractors.Exclusion,
	reasonOf func(glob string) string) []Override {
	var out []Override
	for _, b := range e.guardingBundles() {
		for _, ex := range excluded {
			if ex.Files == 0 {
				continue
			}
			out = append(out, Override{Bundle: b.Ref, Kind: "exclude", Glob: ex.Glob,
				Files: ex.Files, Reason: reasonOf(ex.Glob)})
		}
	}
	return out
}
