package openapi

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/endpoint"
	"github.com/tms-dev/tms/extractors/internal/redact"
)

// methods are a path item's operation fields; OpenAPI 3.2 adds query.
var methods = []string{
	"get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
}

// pathItem is one entry of paths with the objects its $ref chain brings in,
// the written one first.
type pathItem struct {
	path   string
	layers []located
}

// layerWith returns the first object of the chain that has key.
func (p pathItem) layerWith(key string) (located, bool) {
	for _, l := range p.layers {
		if value, _ := lookup(l.node, key); value != nil {
			return l, true
		}
	}
	return located{}, false
}

// operation is one method of a path item, where it is declared.
type operation struct {
	method string // upper case
	path   string
	file   string
	key    *yaml.Node // the method's key: the line of the declaration
	node   *yaml.Node
}

// operations reads every path item and returns an item per operation.
// Extension keys (x-...) are not paths.
func (s *spec) operations() []extractors.Item {
	paths, key := lookup(s.root, "paths")
	if isNull(paths) {
		return nil
	}
	if !isMapping(paths) {
		s.problem(s.file, key.Line, "paths is not a mapping")
		return nil
	}

	var items []extractors.Item
	for _, p := range pairs(paths) {
		if p.key.Kind != yaml.ScalarNode {
			s.problem(s.file, p.key.Line, "path is not a string")
			continue
		}
		if strings.HasPrefix(p.key.Value, "x-") {
			continue
		}
		value := resolved(p.value)
		if !isNull(value) && !isMapping(value) {
			s.problem(s.file, p.key.Line, "path %s is not a mapping", p.key.Value)
			continue
		}
		layers, err := s.refs.chain(located{file: s.file, node: value})
		if err != nil {
			s.problem(s.file, p.key.Line, "path %s: %v", p.key.Value, err)
		}
		items = append(items, s.pathOperations(pathItem{path: p.key.Value, layers: layers})...)
	}
	return items
}

// pathOperations returns the items of one path item's operations, fixed
// fields first, then OpenAPI 3.2's additionalOperations.
func (s *spec) pathOperations(item pathItem) []extractors.Item {
	servers := s.servers
	if layer, ok := item.layerWith("servers"); ok && !s.swagger {
		if own := s.readServers(layer.file, layer.node); len(own) > 0 {
			servers = own
		}
	}

	var ops []operation
	for _, method := range methods {
		if layer, ok := item.layerWith(method); ok {
			op, key := lookup(layer.node, method)
			ops = append(ops, operation{strings.ToUpper(method), item.path, layer.file, key, op})
		}
	}
	if layer, ok := item.layerWith("additionalOperations"); ok {
		more, _ := lookup(layer.node, "additionalOperations")
		for _, p := range pairs(more) {
			ops = append(ops, operation{
				strings.ToUpper(p.key.Value), item.path, layer.file, p.key, resolved(p.value),
			})
		}
	}

	var items []extractors.Item
	for _, op := range ops {
		if it, ok := s.operationItem(op, servers); ok {
			items = append(items, it)
		}
	}
	return items
}

// operationItem builds an operation's item. Its own security and servers
// replace those it inherits. A null operation is read as an empty one: it
// still declares that the method is served.
func (s *spec) operationItem(op operation, inherited []string) (extractors.Item, bool) {
	if !isNull(op.node) && !isMapping(op.node) {
		s.problem(op.file, op.key.Line, "operation %s %s is not a mapping", op.method, op.path)
		return extractors.Item{}, false
	}
	security := s.readSecurity(op.file, op.node)
	if !security.declared {
		security = s.security
	}
	servers := inherited
	if !s.swagger {
		if own := s.readServers(op.file, op.node); len(own) > 0 {
			servers = own
		}
	}

	deprecated, _ := lookup(op.node, "deprecated")
	return extractors.Item{
		ID:       "api.operation:" + s.file + "#" + op.method + " " + op.path,
		Kind:     "api.operation",
		Name:     op.method + " " + op.path + " in " + s.file,
		Exposure: exposureOf(servers),
		Attributes: map[string]any{
			"method":       op.method,
			"path":         op.path,
			"operation_id": scalar(op.node, "operationId"),
			"secured":      security.secured(),
			"security":     strings2any(security.schemes),
			"servers":      redactedURLs(servers),
			"spec_version": s.version,
			"endpoint":     endpoint.Key(op.method, op.path),
			"endpoints":    strings2any(endpointKeys(op.method, op.path, servers)),
			"deprecated":   isTrue(deprecated),
		},
		Location: extractors.Location{Path: op.file, Line: op.key.Line},
	}, true
}

// endpointKeys lists the operation's endpoint key as written and with each
// server's base path in front, since code may register either.
func endpointKeys(method, p string, servers []string) []string {
	keys := []string{endpoint.Key(method, p)}
	for _, server := range servers {
		if base := urlPath(server); endpoint.NormalisePath(base) != "/" {
			keys = append(keys, endpoint.Key(method, base+"/"+p))
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

func isTrue(n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" &&
		strings.EqualFold(n.Value, "true")
}

// redactedURLs hides credentials that a server URL may carry before the
// list reaches an item, and from there a report.
func redactedURLs(urls []string) []any {
	out := make([]any, len(urls))
	for i, u := range urls {
		out[i] = redact.Text(u)
	}
	return out
}
