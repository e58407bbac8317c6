package dockerfile

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/tms-dev/tms/extractors"
)

// Extractor reads Dockerfiles. The zero value is ready to use and safe for
// concurrent use.
type Extractor struct{}

// New returns a Dockerfile extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "dockerfile" }

// Match implements extractors.Extractor. It accepts the names `docker build`
// users give their files: Dockerfile, Containerfile and api.Dockerfile in
// any letter case, and Dockerfile.prod spelled as Docker spells it, since a
// lower-case dockerfile.go is source code. A Dockerfile.dockerignore is the
// ignore file BuildKit pairs with a Dockerfile, not a Dockerfile.
func (*Extractor) Match(p string) bool {
	name := path.Base(p)
	lower := strings.ToLower(name)
	for _, base := range []string{"Dockerfile", "Containerfile"} {
		if lower == strings.ToLower(base) || strings.HasSuffix(lower, "."+strings.ToLower(base)) {
			return true
		}
		if strings.HasPrefix(name, base+".") {
			return !notDockerfiles[path.Ext(lower)]
		}
	}
	return false
}

// notDockerfiles are extensions that, after "Dockerfile.", name a companion
// file rather than a variant.
var notDockerfiles = map[string]bool{".dockerignore": true, ".md": true, ".txt": true}

// Extract implements extractors.Extractor.
func (*Extractor) Extract(f extractors.File, _ extractors.Repo) ([]extractors.Item, error) {
	res, err := parser.Parse(bytes.NewReader(f.Content))
	if err != nil {
		return nil, parseError(err, lineCount(f.Content))
	}

	stages, problem := readStages(res.AST)
	if len(stages) == 0 {
		return nil, firstError(problem, extractors.AtLine(1, errors.New("no FROM instruction")))
	}

	b := builder{path: f.Path, stages: stages, facts: readFacts(res.AST)}
	items, err := b.items()
	return items, firstError(problem, err)
}

// parseError keeps the line BuildKit reports, clamped into the file because
// some of its errors count lines from zero.
func parseError(err error, lines int) error {
	line := 1
	var le *parser.LocationError
	if errors.As(err, &le) && len(le.Locations) > 0 && len(le.Locations[0]) > 0 {
		line = min(max(le.Locations[0][0].Start.Line, 1), lines)
	}
	return extractors.AtLine(line, fmt.Errorf("parse dockerfile: %w", err))
}

func lineCount(content []byte) int {
	return bytes.Count(content, []byte("\n")) + 1
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
