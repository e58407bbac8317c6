package gradle

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/tms-dev/tms/extractors"
)

// library is one entry of a version catalog's [libraries] table.
type library struct {
	group, artifact string
	version         string // the version, or the constraint a table gives
	unresolved      bool   // a version.ref naming no [versions] entry
}

// catalog is a gradle/libs.versions.toml, keyed the way build scripts refer
// to it: the alias with '-', '_' and '.' all read as '.', in lower case, so
// that groovy-core is libs.groovy.core.
type catalog struct {
	versions  map[string]string
	libraries map[string]library
	bundles   map[string][]string
}

var aliasSeparators = regexp.MustCompile(`[-_.]`)

func accessor(alias string) string {
	return strings.ToLower(aliasSeparators.ReplaceAllString(alias, "."))
}

// version returns a [versions] entry by its accessor.
func (c *catalog) version(ref string) (string, bool) {
	if c == nil {
		return "", false
	}
	v, ok := c.versions[accessor(ref)]
	return v, ok
}

// resolve finds what libs.<ref> names: one library, or each library of a
// bundle. libs.versions and libs.plugins name no dependency.
func (c *catalog) resolve(ref string) ([]library, bool) {
	if c == nil {
		return nil, false
	}
	key := accessor(ref)
	if name, ok := strings.CutPrefix(key, "bundles."); ok {
		var libs []library
		for _, alias := range c.bundles[name] {
			if lib, ok := c.libraries[accessor(alias)]; ok {
				libs = append(libs, lib)
			}
		}
		return libs, len(libs) > 0
	}
	lib, ok := c.libraries[key]
	return []library{lib}, ok
}

// catalogFile is the part of the TOML document tms reads.
type catalogFile struct {
	Versions  map[string]any      `toml:"versions"`
	Libraries map[string]any      `toml:"libraries"`
	Bundles   map[string][]string `toml:"bundles"`
}

// parseCatalog reads a version catalog with pelletier/go-toml, the TOML
// library the module already uses. Entries of a shape the catalog format
// does not allow are left out and the first is reported.
func parseCatalog(data []byte) (*catalog, error) {
	var f catalogFile
	if err := toml.Unmarshal(data, &f); err != nil {
		var derr *toml.DecodeError
		if errors.As(err, &derr) {
			row, _ := derr.Position()
			return nil, extractors.AtLine(max(row, 1), err)
		}
		return nil, err
	}

	c := &catalog{versions: map[string]string{}, libraries: map[string]library{},
		bundles: map[string][]string{}}
	for alias, v := range f.Versions {
		c.versions[accessor(alias)] = versionText(v)
	}
	for alias, ids := range f.Bundles {
		c.bundles[accessor(alias)] = ids
	}
	var bad []string
	for alias, v := range f.Libraries {
		lib, ok := c.library(v)
		if !ok {
			bad = append(bad, alias)
			continue
		}
		c.libraries[accessor(alias)] = lib
	}
	if len(bad) > 0 {
		return c, fmt.Errorf("library %q has no group and name", slices.Min(bad))
	}
	return c, nil
}

// library reads a [libraries] entry: "group:artifact:version", or a table
// with module or group and name, and a version that is a string, a
// {ref = …} or version.ref, or a rich version table.
func (c *catalog) library(v any) (library, bool) {
	if s, ok := v.(string); ok {
		parts := strings.Split(s, ":")
		if len(parts) < 2 || len(parts) > 3 || parts[0] == "" || parts[1] == "" {
			return library{}, false
		}
		lib := library{group: parts[0], artifact: parts[1]}
		if len(parts) == 3 {
			lib.version = parts[2]
		}
		return lib, true
	}
	t, ok := v.(map[string]any)
	if !ok {
		return library{}, false
	}
	var lib library
	if module, ok := t["module"].(string); ok {
		lib.group, lib.artifact, _ = strings.Cut(module, ":")
	} else {
		lib.group, _ = t["group"].(string)
		lib.artifact, _ = t["name"].(string)
	}
	if lib.group == "" || lib.artifact == "" {
		return library{}, false
	}
	lib.version, lib.unresolved = c.libraryVersion(t["version"])
	return lib, true
}

func (c *catalog) libraryVersion(v any) (version string, unresolved bool) {
	t, ok := v.(map[string]any)
	if !ok {
		return versionText(v), false
	}
	ref, isRef := t["ref"].(string)
	if !isRef {
		return versionText(t), false
	}
	version, found := c.versions[accessor(ref)]
	return version, !found
}

// versionText reads a version: a string, or a rich version table, whose
// strictest entry is the one that binds.
func versionText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		for _, key := range []string{"strictly", "require", "prefer"} {
			if s, ok := v[key].(string); ok {
				return s
			}
		}
	}
	return ""
}
