package npm

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors/internal/yamlnode"

	"github.com/tms-dev/tms/extractors"
)

// readYarn reads a yarn.lock: the classic v1 format, or the YAML that yarn
// 2 and later (Berry) write, told apart by Berry's __metadata key.
func readYarn(data []byte, imp importer, probs *problems) (*lockfile, error) {
	if bytes.HasPrefix(data, []byte("__metadata:")) ||
		bytes.Contains(data, []byte("\n__metadata:")) {
		return readBerry(data, imp, probs)
	}
	return readYarnV1(data, imp, probs)
}

// splitDescriptor splits "name@range" at the '@' that ends the name; a
// scoped name starts with one of its own.
func splitDescriptor(desc string) (name, ref string, ok bool) {
	if len(desc) < 2 {
		return "", "", false
	}
	at := strings.IndexByte(desc[1:], '@')
	if at < 0 {
		return "", "", false
	}
	return desc[:at+1], desc[at+2:], true
}

// aliasOf returns the real name behind an "npm:name@range" alias, or "".
func aliasOf(ref string) string {
	if rest, ok := strings.CutPrefix(ref, "npm:"); ok {
		if name, _, ok := splitDescriptor(rest); ok {
			return name
		}
	}
	return ""
}

// readYarnV1 reads the classic format, which is not YAML: entries start at
// the margin with their comma-separated descriptors and a colon, fields are
// indented by two spaces, and the dependencies of an entry by four. It
// records no workspaces, so it covers only the package.json beside it.
func readYarnV1(data []byte, imp importer, probs *problems) (*lockfile, error) {
	if imp.member() {
		return nil, nil
	}
	g := newLockGraph(func(name, ref string) string { return name + "@" + ref })
	var cur *lockNode
	var section string // the field whose nested lines are being read
	for i, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimRight(raw, "\r")
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		indent := len(line) - len(strings.TrimLeft(line, " "))
		var err error
		switch {
		case indent == 0:
			cur, section, err = yarnEntry(g, trimmed, i+1)
		case cur == nil:
			err = errors.New("field outside of an entry")
		case indent <= 2:
			section, err = yarnField(cur, trimmed)
		case section == "dependencies" || section == "optionalDependencies":
			err = yarnDependency(cur, trimmed)
		}
		if err != nil {
			probs.add(extractors.AtLine(i+1, err))
		}
	}
	return g.lockfile(imp.deps, nil, true), nil
}

// yarnEntry starts an entry from its header line, registering the node under
// each of its descriptors.
func yarnEntry(g *lockGraph, header string, line int) (*lockNode, string, error) {
	header, ok := strings.CutSuffix(header, ":")
	if !ok {
		return nil, "", fmt.Errorf("entry %q does not end with a colon", header)
	}
	var n *lockNode
	for _, desc := range strings.Split(header, ",") {
		name, ref, ok := splitDescriptor(unquote(strings.TrimSpace(desc)))
		if !ok {
			return nil, "", fmt.Errorf("descriptor %q has no range", desc)
		}
		if n == nil {
			n = &lockNode{name: name, entry: &lockEntry{line: line}}
			n.entry.Name = aliasOf(ref)
			// Local packages have no resolved URL; the range says where they are.
			n.entry.Link = strings.HasPrefix(ref, "link:")
			if strings.HasPrefix(ref, "file:") {
				n.entry.Resolved = ref
			}
		}
		g.add(name+"@"+ref, n)
	}
	return n, "", nil
}

// yarnField reads one field of an entry, "key value" or "key:" opening a
// nested section.
func yarnField(n *lockNode, field string) (section string, err error) {
	if key, ok := strings.CutSuffix(field, ":"); ok {
		return unquote(key), nil
	}
	key, value, ok := cutField(field)
	if !ok {
		return "", fmt.Errorf("field %q has no value", field)
	}
	switch key {
	case "version":
		n.entry.Version = value
	case "resolved":
		n.entry.Resolved = value
	case "integrity":
		n.entry.Integrity = value
	}
	return "", nil
}

func yarnDependency(n *lockNode, line string) error {
	name, ref, ok := cutField(line)
	if !ok {
		return fmt.Errorf("dependency %q has no range", line)
	}
	n.deps = append(n.deps, lockEdge{name: name, ref: ref})
	return nil
}

// cutField splits `key value`, either part possibly quoted.
func cutField(s string) (key, value string, ok bool) {
	if strings.HasPrefix(s, `"`) {
		end := strings.IndexByte(s[1:], '"')
		if end < 0 {
			return "", "", false
		}
		key, value = s[1:end+1], strings.TrimSpace(s[end+2:])
	} else {
		key, value, ok = strings.Cut(s, " ")
		if !ok {
			return "", "", false
		}
	}
	value = unquote(strings.TrimSpace(value))
	return key, value, key != "" && value != ""
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
		return s[1 : len(s)-1]
	}
	return s
}

// readBerry reads the YAML lockfile of yarn 2 and later. Each top-level key
// lists the descriptors an entry satisfies; package.json ranges appear in
// them with the npm: protocol made explicit. Each workspace is an entry
// resolved as name@workspace:<folder>, which lists what it declares.
func readBerry(data []byte, imp importer, probs *problems) (*lockfile, error) {
	root, err := yamlRoot(data)
	if err != nil {
		return nil, err
	}
	var g *lockGraph
	g = newLockGraph(func(name, ref string) string {
		if _, ok := g.nodes[name+"@"+ref]; ok {
			return name + "@" + ref
		}
		return name + "@npm:" + ref
	})
	members := map[string]*lockNode{} // by folder
	for _, p := range yamlnode.Pairs(root) {
		if p.Key.Value == "__metadata" || workspaceOf(p.Value) == "." {
			continue
		}
		if p.Value.Kind != yaml.MappingNode {
			probs.add(extractors.AtLine(p.Key.Line, fmt.Errorf("entry %q is not a mapping",
				p.Key.Value)))
			continue
		}
		n := berryEntry(g, p.Key, p.Value)
		if dir := workspaceOf(p.Value); dir != "" {
			n.workspace, members[dir] = true, n
		}
	}
	return berryImporter(g, members, imp), nil
}

// berryImporter picks the part of the graph that is imp's: what a member
// reaches, or for the workspace root what no member claims.
func berryImporter(g *lockGraph, members map[string]*lockNode, imp importer) *lockfile {
	if imp.member() {
		if members[imp.dir] == nil {
			return nil
		}
		return g.lockfile(imp.deps, nil, false)
	}
	var others []lockEdge
	for _, dir := range slices.Sorted(maps.Keys(members)) {
		others = append(others, members[dir].deps...)
	}
	return g.lockfile(imp.deps, others, true)
}

// workspaceOf returns the folder of a workspace entry ("." for the project
// at the root of the lockfile's folder), or "" for a package.
func workspaceOf(entry *yaml.Node) string {
	_, ref, _ := splitDescriptor(scalar(entry, "resolution"))
	if dir, ok := strings.CutPrefix(ref, "workspace:"); ok {
		return dir
	}
	return ""
}

func berryEntry(g *lockGraph, key, value *yaml.Node) *lockNode {
	n := &lockNode{entry: &lockEntry{line: key.Line}}
	for _, p := range yamlnode.Pairs(value) {
		switch p.Key.Value {
		case "version":
			n.entry.Version = p.Value.Value
		case "checksum":
			n.entry.Integrity = p.Value.Value
		case "resolution":
			berryResolution(n.entry, p.Value.Value)
		case "dependencies":
			for _, d := range yamlnode.Pairs(p.Value) {
				n.deps = append(n.deps, lockEdge{name: d.Key.Value, ref: d.Value.Value})
			}
		}
	}
	for _, desc := range strings.Split(key.Value, ",") {
		name, ref, ok := splitDescriptor(strings.TrimSpace(desc))
		if !ok {
			continue
		}
		if n.name == "" {
			n.name = name
		}
		g.add(name+"@"+ref, n)
	}
	return n
}

// berryProtocols hold code from the repository itself: workspaces, folders,
// and registry packages with a local patch applied.
var berryProtocols = []string{"workspace:", "portal:", "link:", "patch:"}

// berryResolution records where an entry was resolved from, in the terms
// resolvedSource reads: no URL for the registry, the URL otherwise.
func berryResolution(e *lockEntry, resolution string) {
	_, ref, ok := splitDescriptor(resolution)
	if !ok {
		return
	}
	switch {
	case strings.HasPrefix(ref, "npm:"):
		e.Name = aliasOf(ref)
	case hasAnyPrefix(ref, berryProtocols):
		e.Link = true
	default:
		e.Resolved = ref
	}
}
