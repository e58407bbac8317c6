package python

import (
	"fmt"
	"path"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/depset"
	"github.com/tms-dev/tms/extractors/internal/redact"
)

// problems keeps the first thing an extraction could not use. The walk makes
// one diagnostic per file, at one line, so the first problem is the one told.
type problems struct {
	at    extractors.Location
	first error
}

func (p *problems) add(at extractors.Location, err error) {
	if p.first == nil {
		p.at, p.first = at, err
	}
}

// err returns the first problem: at its line when it is in the extracted
// file, and naming its file and line in words when it is in another one.
func (p *problems) err(extracted string) error {
	switch {
	case p.first == nil:
		return nil
	case p.at.Path == extracted:
		return extractors.AtLine(max(p.at.Line, 1), p.first)
	}
	return fmt.Errorf("%s line %d: %w", p.at.Path, p.at.Line, p.first)
}

// dependency turns a parsed requirement into a direct dependency. A path is
// pinned when it stays inside the repository, read from the file's folder.
func dependency(r requirement, scope string, at extractors.Location) depset.Dep {
	if r.source == depset.SourcePath {
		r.pinned = depset.InsideRepository(path.Dir(at.Path), r.specifier)
	}
	return depset.Dep{
		Name: r.name, Version: r.version, Constraint: r.specifier, Direct: true,
		Scope: scope, Source: r.source, URL: redact.Text(r.url), Pinned: r.pinned,
		Hash: r.hash, At: at, Extra: map[string]any{"markers": r.markers, "editable": false},
	}
}
