package protobuf

import (
	"errors"
	"slices"
	"strings"

	"github.com/bufbuild/protocompile/ast"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/endpoint"
)

// binding is one HTTP method and path template of a google.api.http rule.
type binding struct{ method, path string }

// verbs are the HttpRule fields that name a method by themselves.
var verbs = map[string]bool{"get": true, "put": true, "post": true, "delete": true, "patch": true}

// addHTTP records an rpc's google.api.http rule: the main binding as http
// and endpoint, and every binding's endpoint key, additional ones included.
func (b *builder) addHTTP(attrs map[string]any, rpc *ast.RPCNode) {
	var bindings []binding
	rpc.RangeOptions(func(opt *ast.OptionNode) bool {
		if isHTTPOption(opt) {
			found := b.optionBindings(opt)
			if len(found) == 0 {
				b.fail(opt, "google.api.http option names no method and path")
			}
			bindings = append(bindings, found...)
		}
		return true
	})
	if len(bindings) == 0 {
		return
	}

	main := bindings[0]
	attrs["http"] = map[string]any{"method": main.method, "path": main.path}
	attrs["endpoint"] = endpoint.Key(main.method, main.path)
	keys := make([]string, 0, len(bindings))
	for _, bnd := range bindings {
		keys = append(keys, endpoint.Key(bnd.method, bnd.path))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	list := make([]any, len(keys))
	for i, k := range keys {
		list[i] = k
	}
	attrs["endpoints"] = list
}

// isHTTPOption recognises "option (google.api.http) = {...}" and the
// field-by-field form "option (google.api.http).get = ...".
func isHTTPOption(opt *ast.OptionNode) bool {
	parts := opt.Name.Parts
	if len(parts) == 0 || !parts[0].IsExtension() {
		return false
	}
	name := strings.TrimPrefix(string(parts[0].Name.AsIdentifier()), ".")
	return name == "google.api.http"
}

func (b *builder) optionBindings(opt *ast.OptionNode) []binding {
	parts := opt.Name.Parts
	if len(parts) == 1 {
		return ruleBindings(opt.Val, 0)
	}
	return fieldBindings(parts[1].Value(), opt.Val, 0)
}

// ruleBindings reads an HttpRule message literal. Additional bindings may
// not nest further, which depth enforces.
func ruleBindings(v ast.ValueNode, depth int) []binding {
	literal, ok := v.(*ast.MessageLiteralNode)
	if !ok || depth > 1 {
		return nil
	}
	var out []binding
	for _, field := range literal.Elements {
		out = append(out, fieldBindings(field.Name.Value(), field.Val, depth)...)
	}
	return out
}

// fieldBindings reads one field of an HttpRule.
func fieldBindings(name string, v ast.ValueNode, depth int) []binding {
	switch {
	case verbs[name]:
		if path, ok := stringValue(v); ok {
			return []binding{{strings.ToUpper(name), path}}
		}
	case name == "custom":
		if literal, ok := v.(*ast.MessageLiteralNode); ok {
			return customBinding(literal)
		}
	case name == "additional_bindings":
		if list, ok := v.(*ast.ArrayLiteralNode); ok {
			var out []binding
			for _, element := range list.Elements {
				out = append(out, ruleBindings(element, depth+1)...)
			}
			return out
		}
		return ruleBindings(v, depth+1)
	}
	return nil
}

// customBinding reads "custom { kind: "HEAD" path: "/x" }".
func customBinding(literal *ast.MessageLiteralNode) []binding {
	var bnd binding
	for _, field := range literal.Elements {
		value, _ := stringValue(field.Val)
		switch field.Name.Value() {
		case "kind":
			bnd.method = strings.ToUpper(value)
		case "path":
			bnd.path = value
		}
	}
	if bnd.method == "" || bnd.path == "" {
		return nil
	}
	return []binding{bnd}
}

func stringValue(v ast.ValueNode) (string, bool) {
	s, ok := v.(ast.StringValueNode)
	if !ok {
		return "", false
	}
	return s.AsString(), true
}

func (b *builder) fail(n ast.Node, message string) {
	if b.problem == nil {
		b.problem = extractors.AtLine(b.location(n).Line, errors.New(message))
	}
}
