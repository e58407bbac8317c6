package npm

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors/internal/yamlnode"

	"github.com/tms-dev/tms/extractors"
)

// pnpmLock is what tms reads of a pnpm-lock.yaml, v6 or v9. v6 keys
// packages "/name@version" and keeps their dependencies with them; v9 keys
// them "name@version" and moves the dependencies to a snapshots map.
type pnpmLock struct {
	v9        bool
	packages  map[string]*yaml.Node // package key to its mapping
	snapshots map[string]*yaml.Node
	keyLines  map[string]int // line of each key, packages first
}

// readPnpm reads a pnpm-lock.yaml. The importer of the package.json's own
// folder ("." or, in a v6 lockfile without workspaces, the top level) tells
// what each declared dependency resolved to; the lockfile covers a
// workspace member when it has an importer for the member's folder.
func readPnpm(data []byte, imp importer, probs *problems) (*lockfile, error) {
	root, err := yamlRoot(data)
	if err != nil {
		return nil, err
	}
	version := scalar(root, "lockfileVersion")
	l := &pnpmLock{v9: strings.HasPrefix(version, "9."),
		packages: map[string]*yaml.Node{}, keyLines: map[string]int{},
		snapshots: map[string]*yaml.Node{}}
	if !l.v9 && !strings.HasPrefix(version, "6.") {
		return nil, fmt.Errorf("lockfile version %q is not supported (6 and 9 are)", version)
	}
	importers := yamlnode.Get(root, "importers")
	importer := yamlnode.Get(importers, imp.dir)
	switch {
	case importer == nil && imp.member():
		return nil, nil
	case importer == nil:
		importer = root
	}
	l.readPackages(root)

	g := newLockGraph(l.key)
	l.addNodes(g, probs)
	var others []lockEdge
	for _, p := range yamlnode.Pairs(importers) {
		if p.Key.Value != imp.dir && !imp.member() {
			others = append(others, importerEdges(p.Value)...)
		}
	}

	// Declared dependencies are looked up by the version the importer
	// resolved them to, not by their range.
	refs := map[string]string{}
	for _, e := range importerEdges(importer) {
		refs[e.name] = e.ref
	}
	resolved := map[string]direct{}
	for name, d := range imp.deps {
		if ref, ok := refs[name]; ok {
			d.constraint = ref
		}
		resolved[name] = d
	}
	return g.lockfile(resolved, others, !imp.member()), nil
}

func (l *pnpmLock) readPackages(root *yaml.Node) {
	for _, p := range yamlnode.Pairs(yamlnode.Get(root, "packages")) {
		l.packages[p.Key.Value], l.keyLines[p.Key.Value] = p.Value, p.Key.Line
	}
	for _, p := range yamlnode.Pairs(yamlnode.Get(root, "snapshots")) {
		l.snapshots[p.Key.Value] = p.Value
		if _, ok := l.keyLines[p.Key.Value]; !ok {
			l.keyLines[p.Key.Value] = p.Key.Line
		}
	}
}

// importerEdges lists what an importer declares, with the reference each
// resolved to.
func importerEdges(importer *yaml.Node) []lockEdge {
	var edges []lockEdge
	for _, section := range []string{"dependencies", "devDependencies", "optionalDependencies"} {
		for _, p := range yamlnode.Pairs(yamlnode.Get(importer, section)) {
			edges = append(edges, lockEdge{name: p.Key.Value, ref: refOf(p.Value)})
		}
	}
	return edges
}

// refOf reads an importer entry: {specifier, version} since v6, or a bare
// version before.
func refOf(n *yaml.Node) string {
	if n.Kind == yaml.MappingNode {
		return scalar(n, "version")
	}
	return n.Value
}

// key turns a dependency reference into the key of its package: a version
// (with a peer suffix such as "(react@18.2.0)"), an alias "real@version", a
// v6 path "/name@version", or a link:, file: or URL reference.
func (l *pnpmLock) key(name, ref string) string {
	switch {
	case strings.HasPrefix(ref, "/"):
		return ref
	case strings.HasPrefix(ref, "link:"):
		return ""
	case !l.v9 && strings.ContainsAny(ref, ":/"):
		return ref // v6 keys a tarball, git or file package by its reference
	}
	base := peerSuffix.ReplaceAllString(ref, "")
	if real, version, ok := splitDescriptor(base); ok && !strings.Contains(base, ":") {
		name, ref = real, version+ref[len(base):] // an alias: the real package
	}
	if l.v9 {
		return name + "@" + ref
	}
	return "/" + name + "@" + ref
}

var peerSuffix = regexp.MustCompile(`\(.*\)$`)

// addNodes turns every package into a node. In v9 a snapshot per peer
// variant carries the dependencies, and its base entry in packages the
// resolution.
func (l *pnpmLock) addNodes(g *lockGraph, probs *problems) {
	keys := l.packages
	if l.v9 && len(l.snapshots) > 0 {
		keys = l.snapshots
	}
	for key, node := range keys {
		base := peerSuffix.ReplaceAllString(key, "")
		meta := l.packages[base]
		if meta == nil {
			meta = node
		}
		line, ok := l.keyLines[base]
		if !ok {
			line = l.keyLines[key]
		}
		name, ref, ok := splitDescriptor(strings.TrimPrefix(base, "/"))
		if !l.v9 && !strings.HasPrefix(base, "/") {
			name, ref, ok = scalar(meta, "name"), base, scalar(meta, "name") != ""
		}
		if !ok || meta.Kind != yaml.MappingNode {
			probs.add(extractors.AtLine(line, fmt.Errorf(
				"package %q is not a name@version mapping", key)))
			continue
		}
		n := &lockNode{name: name, entry: pnpmEntry(ref, meta, line)}
		for _, section := range []string{"dependencies", "optionalDependencies"} {
			for _, p := range yamlnode.Pairs(yamlnode.Get(node, section)) {
				n.deps = append(n.deps, lockEdge{name: p.Key.Value, ref: p.Value.Value})
			}
		}
		g.add(key, n)
	}
}

// pnpmEntry reads a package's version and resolution: an integrity for the
// registry, a tarball URL, a git repository and commit, or a directory.
func pnpmEntry(ref string, meta *yaml.Node, line int) *lockEntry {
	e := &lockEntry{line: line, Version: scalar(meta, "version")}
	if e.Version == "" {
		e.Version = ref
	}
	res := yamlnode.Get(meta, "resolution")
	e.Integrity = scalar(res, "integrity")
	switch {
	case scalar(res, "type") == "git":
		e.Resolved = "git+" + scalar(res, "repo") + "#" + scalar(res, "commit")
	case scalar(res, "type") == "directory" || strings.HasPrefix(ref, "file:"):
		e.Link = true
	case scalar(res, "tarball") != "":
		e.Resolved = scalar(res, "tarball")
	}
	return e
}

func scalar(m *yaml.Node, key string) string {
	return yamlnode.Text(yamlnode.Get(m, key))
}

// yamlRoot decodes a lockfile, a single YAML document, to its top mapping.
func yamlRoot(data []byte) (*yaml.Node, error) {
	var probs yamlnode.Problems
	roots := yamlnode.Decode(data, &probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	if len(roots) == 0 || roots[0].Kind != yaml.MappingNode {
		return nil, extractors.AtLine(1, errors.New("lockfile is not a YAML mapping"))
	}
	return roots[0], nil
}
