package threatmodel

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// SurfaceUpdate sets fields of an existing surface entry; an empty field is
// left as it is. Setting the status to unreviewed also removes the entry's
// reviewed_by, which would otherwise claim a review that no longer holds.
type SurfaceUpdate struct {
	Status      string
	Exposure    string
	Fingerprint string
}

// Changes are the edits Apply makes to a model file.
type Changes struct {
	AddSurface    []SurfaceEntry
	UpdateSurface map[string]SurfaceUpdate // by surface id
	AddAcceptance []Acceptance
}

// Empty reports whether there is nothing to write.
func (c Changes) Empty() bool {
	return len(c.AddSurface) == 0 && len(c.UpdateSurface) == 0 && len(c.AddAcceptance) == 0
}

// Apply edits the model file at path in place and atomically. YAML is edited
// as text at the positions the parser reports, so every comment, key order,
// quote and blank line the user wrote stays as it was; JSON, which has no
// comments, is re-encoded with its key order kept. The file must load
// cleanly first, and the result is loaded again before it replaces the file.
func Apply(path string, c Changes) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("edit threat model: %w", err)
	}
	if _, err := Parse(path, data); err != nil {
		return fmt.Errorf("edit threat model: fix the model first:\n%w", err)
	}

	root := NewDecoder(path).Document(data)
	var out []byte
	if isJSON(path) {
		out, err = editJSON(root, c)
	} else {
		out, err = editYAML(data, root, c)
	}
	if err != nil {
		return fmt.Errorf("edit threat model %s: %w", path, err)
	}
	if _, err := Parse(path, out); err != nil {
		return fmt.Errorf("edit threat model: the result would not load back:\n%w", err)
	}
	return WriteFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(out)
		return err
	})
}

// section returns the key and value nodes of a top-level section, or nils.
func section(root *yaml.Node, name string) (key, value *yaml.Node) {
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == name {
			return root.Content[i], root.Content[i+1]
		}
	}
	return nil, nil
}

// entryByID finds the mapping in a section's list whose id is id.
func entryByID(list *yaml.Node, id string) *yaml.Node {
	if list == nil {
		return nil
	}
	for _, entry := range list.Content {
		if v := field(entry, "id"); v != nil && v.Value == id {
			return entry
		}
	}
	return nil
}

// field returns the value node of key in a mapping, or nil.
func field(mapping *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(mapping.Content); i += 2 {
		if mapping.Content[i].Value == key {
			return mapping.Content[i+1]
		}
	}
	return nil
}

// surfaceFields and acceptanceFields render new entries in the order the
// file format documents.
func surfaceFields(e SurfaceEntry) [][2]string {
	return nonEmpty([][2]string{
		{"id", e.ID}, {"kind", e.Kind}, {"status", e.Status}, {"reviewed_by", e.ReviewedBy},
		{"exposure", e.Exposure}, {"fingerprint", e.Fingerprint},
	})
}

func acceptanceFields(a Acceptance) [][2]string {
	return nonEmpty([][2]string{
		{"id", a.ID}, {"threat", a.Threat}, {"surface", a.Surface}, {"reason", a.Reason},
		{"approved_by", a.ApprovedBy}, {"expires", a.Expires}, {"fingerprint", a.Fingerprint},
	})
}

func updateFields(u SurfaceUpdate) [][2]string {
	return nonEmpty([][2]string{
		{"status", u.Status}, {"exposure", u.Exposure}, {"fingerprint", u.Fingerprint},
	})
}

// clearsReviewer reports whether an update withdraws the entry's review.
func clearsReviewer(u SurfaceUpdate) bool { return u.Status == "unreviewed" }

func nonEmpty(fields [][2]string) [][2]string {
	out := fields[:0]
	for _, f := range fields {
		if f[1] != "" {
			out = append(out, f)
		}
	}
	return out
}

// scalar renders a value as YAML, quoting it only when it needs quotes.
func scalar(v string) string {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	_ = enc.Encode(v)
	_ = enc.Close()
	return strings.TrimSuffix(buf.String(), "\n")
}
