package graphql

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/tms-dev/tms/extractors"
)

// Extractor reads GraphQL schema files. The zero value is ready to use and
// safe for concurrent use.
type Extractor struct{}

// New returns a GraphQL schema extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "graphql" }

// Match implements extractors.Extractor.
func (*Extractor) Match(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".graphql", ".graphqls", ".gql":
		return true
	}
	return false
}

// Extract implements extractors.Extractor. The parser stops at the first
// syntax error, so a file that does not parse yields only the diagnostic.
func (*Extractor) Extract(f extractors.File, _ extractors.Repo) ([]extractors.Item, error) {
	input := string(f.Content)
	doc, err := parser.ParseSchema(&ast.Source{Name: f.Path, Input: input})
	if err != nil {
		return nil, parseError(input, err)
	}

	roots := rootTypes(doc)
	var items []extractors.Item
	for _, def := range slices.Concat(doc.Definitions, doc.Extensions) {
		operation, ok := roots[def.Name]
		if !ok || def.Kind != ast.Object {
			continue
		}
		for _, field := range def.Fields {
			item := fieldItem(f.Path, def.Name, operation, field)
			item.Location.Line = newlineLine(input, item.Location.Line)
			items = append(items, item)
		}
	}

	// A field declared twice (in a type and an extension) is listed once.
	slices.SortStableFunc(items, byID)
	return slices.CompactFunc(items, func(a, b extractors.Item) bool { return a.ID == b.ID }), nil
}

// rootTypes maps each root type's name to its operation. A schema
// definition in the file names them; without one, GraphQL's default names
// apply to the operations that an "extend schema" does not name.
func rootTypes(doc *ast.SchemaDocument) map[string]string {
	roots := map[string]string{}
	named := map[ast.Operation]bool{}
	for _, schema := range slices.Concat(doc.Schema, doc.SchemaExtension) {
		for _, op := range schema.OperationTypes {
			roots[op.Type] = string(op.Operation)
			named[op.Operation] = true
		}
	}
	if len(doc.Schema) > 0 {
		return roots
	}
	for _, op := range []ast.Operation{ast.Query, ast.Mutation, ast.Subscription} {
		if !named[op] {
			roots[defaultName(op)] = string(op)
		}
	}
	return roots
}

// defaultName is the type name GraphQL assumes for an operation: Query for
// query, and so on.
func defaultName(op ast.Operation) string {
	return strings.ToUpper(string(op[:1])) + string(op[1:])
}

func fieldItem(file, typeName, operation string, field *ast.FieldDefinition) extractors.Item {
	arguments := make([]any, 0, len(field.Arguments))
	for _, arg := range field.Arguments {
		arguments = append(arguments, arg.Name)
	}
	fieldType := ""
	if field.Type != nil {
		fieldType = field.Type.String()
	}
	line := 1
	if field.Position != nil {
		line = max(field.Position.Line, 1)
	}

	return extractors.Item{
		ID:       "graphql.field:" + file + "#" + typeName + "." + field.Name,
		Kind:     "graphql.field",
		Name:     operation + " " + field.Name + " in " + file,
		Exposure: extractors.ExposureUnknown,
		Attributes: map[string]any{
			"operation": operation,
			"field":     field.Name,
			"arguments": arguments,
			"type":      fieldType,
		},
		Location: extractors.Location{Path: file, Line: line},
	}
}

// parseError places gqlparser's error at its line; the message drops the
// file and position, which the diagnostic carries.
func parseError(input string, err error) error {
	var gqlErr *gqlerror.Error
	if !errors.As(err, &gqlErr) {
		return fmt.Errorf("parse: %w", err)
	}
	msg := fmt.Errorf("parse: %s", gqlErr.Message)
	if len(gqlErr.Locations) == 0 {
		return msg
	}
	return extractors.AtLine(newlineLine(input, max(gqlErr.Locations[0].Line, 1)), msg)
}

// newlineLine converts a GraphQL line number to tms's. GraphQL also counts a
// lone carriage return as a line break; tms, like git and grep, counts
// newlines only.
func newlineLine(input string, graphqlLine int) int {
	if !strings.Contains(input, "\r") {
		return graphqlLine
	}
	line, newlines := 1, 1
	for i := 0; i < len(input) && line < graphqlLine; i++ {
		switch {
		case input[i] == '\n':
			line++
			newlines++
		case input[i] == '\r' && (i+1 == len(input) || input[i+1] != '\n'):
			line++
		}
	}
	return newlines
}

// byID orders items by id.
func byID(a, b extractors.Item) int { return strings.Compare(a.ID, b.ID) }
