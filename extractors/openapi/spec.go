package openapi

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
)

// spec is one definition being read: what its top level says, which every
// operation inherits unless it says otherwise.
type spec struct {
	file       string
	root       *yaml.Node
	versionKey *yaml.Node
	version    string
	swagger    bool // Swagger 2.0 rather than OpenAPI 3
	servers    []string
	security   requirement
	refs       *resolver
	problems   problems
}

func newSpec(file string, root, versionKey *yaml.Node, repo extractors.Repo) *spec {
	s := &spec{
		file:       file,
		root:       root,
		versionKey: versionKey,
		version:    scalar(root, versionKey.Value),
		swagger:    versionKey.Value == "swagger",
		refs:       newResolver(repo, file, root),
	}
	s.security = s.readSecurity(file, root)
	if s.swagger {
		s.servers = swaggerServers(root)
	} else {
		s.servers = s.readServers(file, root)
	}
	return s
}

// items returns one item per operation and one for the definition itself,
// sorted by id. An operation declared twice is listed once.
func (s *spec) items() []extractors.Item {
	items := s.operations()
	slices.SortStableFunc(items, byID)
	items = slices.CompactFunc(items, func(a, b extractors.Item) bool { return a.ID == b.ID })

	info, _ := lookup(s.root, "info")
	title := scalar(info, "title")
	name := title
	if name == "" {
		name = s.file
	}
	definition := extractors.Item{
		ID:       "api.spec:" + s.file,
		Kind:     "api.spec",
		Name:     name,
		Exposure: exposureOf(s.servers),
		Attributes: map[string]any{
			"title":            title,
			"version":          scalar(info, "version"),
			"spec_version":     s.version,
			"operations":       len(items),
			"security_schemes": strings2any(s.schemeNames()),
		},
		Location: extractors.Location{Path: s.file, Line: s.versionKey.Line},
	}
	// "api.operation" sorts before "api.spec".
	return append(items, definition)
}

// schemeNames lists the security schemes the definition declares.
func (s *spec) schemeNames() []string {
	holder, key := s.root, "securityDefinitions"
	if !s.swagger {
		holder, _ = lookup(s.root, "components")
		key = "securitySchemes"
	}
	schemes, _ := lookup(holder, key)

	names := []string{}
	for _, p := range pairs(schemes) {
		if !strings.HasPrefix(p.key.Value, "x-") {
			names = append(names, p.key.Value)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// requirement is a security field: a list of alternatives, each naming the
// schemes that together satisfy it.
type requirement struct {
	declared  bool     // the field is present, so it replaces what is inherited
	anonymous bool     // an empty alternative {} lets a caller in with nothing
	schemes   []string // every scheme any alternative names, sorted
}

// secured holds when a caller must satisfy at least one scheme.
func (r requirement) secured() bool { return len(r.schemes) > 0 && !r.anonymous }

// readSecurity reads the security field of an object. A field of the wrong
// shape is reported and counts as no security, since tms escalates what it
// cannot read.
func (s *spec) readSecurity(file string, n *yaml.Node) requirement {
	value, key := lookup(n, "security")
	if isNull(value) {
		return requirement{}
	}
	req := requirement{declared: true, schemes: []string{}}
	if value.Kind != yaml.SequenceNode {
		s.problem(file, key.Line, "security is not a list")
		return req
	}

	for _, alternative := range value.Content {
		alternative = resolved(alternative)
		if !isMapping(alternative) {
			s.problem(file, alternative.Line, "security requirement is not a mapping")
			continue
		}
		names := pairs(alternative)
		if len(names) == 0 {
			req.anonymous = true
		}
		for _, p := range names {
			if p.key.Value != "" {
				req.schemes = append(req.schemes, p.key.Value)
			}
		}
	}
	slices.Sort(req.schemes)
	req.schemes = slices.Compact(req.schemes)
	return req
}

// readServers reads an OpenAPI 3 servers list, each URL with its variables
// replaced by their defaults. An absent or empty list returns nil, which
// means the servers above apply.
func (s *spec) readServers(file string, n *yaml.Node) []string {
	value, key := lookup(n, "servers")
	if isNull(value) {
		return nil
	}
	if value.Kind != yaml.SequenceNode {
		s.problem(file, key.Line, "servers is not a list")
		return nil
	}

	var urls []string
	for _, server := range value.Content {
		server = resolved(server)
		url := scalar(server, "url")
		if url == "" {
			s.problem(file, server.Line, "server has no url")
			continue
		}
		variables, _ := lookup(server, "variables")
		urls = append(urls, expandVariables(url, variables))
	}
	return urls
}

// expandVariables replaces each {name} that has a default. One without a
// default stays as written, so its host reads as unknown.
func expandVariables(url string, variables *yaml.Node) string {
	for _, p := range pairs(variables) {
		if def := scalar(p.value, "default"); def != "" {
			url = strings.ReplaceAll(url, "{"+p.key.Value+"}", def)
		}
	}
	return url
}

// swaggerServers builds Swagger 2.0's server URLs from host, basePath and
// schemes. Without schemes the URL is scheme-relative; without a host it is
// the base path alone, served wherever the definition is.
func swaggerServers(root *yaml.Node) []string {
	host, base := scalar(root, "host"), scalar(root, "basePath")
	if host == "" {
		if base == "" {
			return nil
		}
		return []string{base}
	}

	schemes, _ := lookup(root, "schemes")
	var urls []string
	if schemes != nil && schemes.Kind == yaml.SequenceNode {
		for _, scheme := range schemes.Content {
			if scheme = resolved(scheme); scheme.Kind == yaml.ScalarNode {
				urls = append(urls, scheme.Value+"://"+host+base)
			}
		}
	}
	if len(urls) == 0 {
		urls = []string{"//" + host + base}
	}
	return urls
}

// problem records a problem at a line of file. A diagnostic's line is a
// line of the definition, so a problem in a file it references names that
// file and line in words instead.
func (s *spec) problem(file string, line int, format string, args ...any) {
	err := fmt.Errorf(format, args...)
	if file != s.file {
		s.problems.add(fmt.Errorf("%s:%d: %w", file, line, err))
		return
	}
	s.problems.add(extractors.AtLine(max(line, 1), err))
}

// strings2any turns a string list into the []any that attributes hold.
func strings2any(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}

// byID orders items by id.
func byID(a, b extractors.Item) int { return strings.Compare(a.ID, b.ID) }
