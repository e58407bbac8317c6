package protobuf

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/bufbuild/protocompile/ast"
	"github.com/bufbuild/protocompile/parser"
	"github.com/bufbuild/protocompile/reporter"

	"github.com/tms-dev/tms/extractors"
)

// Extractor reads .proto files. The zero value is ready to use and safe for
// concurrent use.
type Extractor struct{}

// New returns a protobuf extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "protobuf" }

// Match implements extractors.Extractor.
func (*Extractor) Match(p string) bool { return strings.EqualFold(path.Ext(p), ".proto") }

// Extract implements extractors.Extractor. A syntax error is reported at its
// line, with the services the parser could still read around it.
func (*Extractor) Extract(f extractors.File, _ extractors.Repo) ([]extractors.Item, error) {
	file, err := parse(f)

	b := builder{path: f.Path, file: file, pkg: packageName(file)}
	var items []extractors.Item
	for _, decl := range file.Decls {
		if service, ok := decl.(*ast.ServiceNode); ok {
			items = append(items, b.service(service)...)
		}
	}
	// A service or rpc declared twice is listed once, at its first place.
	slices.SortStableFunc(items, byID)
	items = slices.CompactFunc(items, func(a, b extractors.Item) bool { return a.ID == b.ID })
	if err != nil {
		return items, err
	}
	return items, b.problem
}

// parse reads the whole file, recording the first syntax error and letting
// the parser recover from it.
func parse(f extractors.File) (*ast.FileNode, error) {
	var first error
	keepGoing := func(err reporter.ErrorWithPos) error {
		if first == nil {
			line := max(err.GetPosition().Line, 1)
			first = extractors.AtLine(line, fmt.Errorf("parse: %w", err.Unwrap()))
		}
		return nil
	}
	handler := reporter.NewHandler(reporter.NewReporter(keepGoing, nil))

	file, err := parser.Parse(f.Path, bytes.NewReader(f.Content), handler)
	if file == nil {
		file = ast.NewEmptyFileNode(f.Path)
	}
	if first == nil && err != nil {
		first = fmt.Errorf("parse: %w", err)
	}
	return file, first
}

// packageName returns the file's package; protoc allows one declaration,
// anywhere in the file.
func packageName(file *ast.FileNode) string {
	for _, decl := range file.Decls {
		if pkg, ok := decl.(*ast.PackageNode); ok {
			return string(pkg.Name.AsIdentifier())
		}
	}
	return ""
}

// builder turns the declarations of one file into items.
type builder struct {
	path    string
	file    *ast.FileNode
	pkg     string
	problem error // the first option that could not be read
}

func (b *builder) service(s *ast.ServiceNode) []extractors.Item {
	name := string(s.Name.AsIdentifier())
	full := qualified(b.pkg, name)

	var items []extractors.Item
	methods := []any{}
	for _, decl := range s.Decls {
		if rpc, ok := decl.(*ast.RPCNode); ok {
			items = append(items, b.method(full, name, rpc))
			methods = append(methods, string(rpc.Name.AsIdentifier()))
		}
	}

	service := extractors.Item{
		ID:       "grpc.service:" + b.path + "#" + full,
		Kind:     "grpc.service",
		Name:     full,
		Exposure: extractors.ExposureUnknown,
		Attributes: map[string]any{
			"package": b.pkg,
			"service": name,
			"methods": methods,
		},
		Location: b.location(s),
	}
	return append([]extractors.Item{service}, items...)
}

func (b *builder) method(full, service string, rpc *ast.RPCNode) extractors.Item {
	name := string(rpc.Name.AsIdentifier())
	attrs := map[string]any{
		"package":   b.pkg,
		"service":   service,
		"method":    name,
		"streaming": streaming(rpc),
		"request":   string(rpc.Input.MessageType.AsIdentifier()),
		"response":  string(rpc.Output.MessageType.AsIdentifier()),
	}
	b.addHTTP(attrs, rpc)

	return extractors.Item{
		ID:         "grpc.method:" + b.path + "#" + full + "/" + name,
		Kind:       "grpc.method",
		Name:       "/" + full + "/" + name,
		Exposure:   extractors.ExposureUnknown,
		Attributes: attrs,
		Location:   b.location(rpc),
	}
}

// streaming names the shape of a call as gRPC does.
func streaming(rpc *ast.RPCNode) string {
	client, server := rpc.Input.Stream != nil, rpc.Output.Stream != nil
	switch {
	case client && server:
		return "bidi"
	case client:
		return "client"
	case server:
		return "server"
	}
	return "unary"
}

func (b *builder) location(n ast.Node) extractors.Location {
	return extractors.Location{Path: b.path, Line: max(b.file.NodeInfo(n).Start().Line, 1)}
}

func qualified(pkg, name string) string {
	if pkg == "" {
		return name
	}
	return pkg + "." + name
}

// byID orders items by id.
func byID(a, b extractors.Item) int { return strings.Compare(a.ID, b.ID) }
