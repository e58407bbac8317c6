package threatmodel

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// Write saves m to path as YAML, or as JSON when path ends in .json, so that
// the file is complete or untouched even if tms crashes mid-write. header is
// written as a comment block at the top of YAML output (lines that do not
// start with "#" get "# " prepended) and ignored for JSON. An existing file
// keeps its permissions; a new one gets 0644. Write refuses, and leaves the
// file alone, when the output would not load back with Load.
func Write(path string, m *Model, header string) error {
	if err := checkExtension(path); err != nil {
		return fmt.Errorf("write threat model: %w", err)
	}
	if m == nil {
		return errors.New("write threat model: nil model")
	}

	data, err := encode(path, m, header)
	if err != nil {
		return fmt.Errorf("write threat model %s: %w", path, err)
	}

	// Reading the output back means tms never leaves a file that the next
	// run, or CI, would reject.
	if _, err := Parse(path, data); err != nil {
		return fmt.Errorf("write threat model: the output would not load back:\n%w", err)
	}

	err = WriteFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	if err != nil {
		return fmt.Errorf("write threat model: %w", err)
	}
	return nil
}

// encode renders m in the format that path's extension names. The output
// depends only on m and header.
func encode(path string, m *Model, header string) ([]byte, error) {
	file := toFile(m)
	if isJSON(path) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		err := enc.Encode(file)
		return buf.Bytes(), err
	}
	return encodeYAML(file, header)
}

// encodeYAML writes each section as its own one-key mapping, which keeps the
// section order fixed and lets a blank line separate the sections.
func encodeYAML(file fileModel, header string) ([]byte, error) {
	type section struct {
		key   string
		value any
	}
	sections := []section{{"version", file.Version}}
	// Components and boundaries are written only when there are some, so
	// models without them read as they always did.
	if len(file.Components) > 0 {
		sections = append(sections, section{"components", file.Components})
	}
	if len(file.Boundaries) > 0 {
		sections = append(sections, section{"boundaries", file.Boundaries})
	}
	sections = append(sections, []section{
		{"surface", file.Surface},
		{"threats", file.Threats},
		{"mitigations", file.Mitigations},
		{"acceptances", file.Acceptances},
	}...)

	var buf bytes.Buffer
	buf.WriteString(commentBlock(header))
	for i, s := range sections {
		if i > 0 {
			buf.WriteByte('\n')
		}
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(map[string]any{s.key: s.value}); err != nil {
			return nil, fmt.Errorf("encode %s: %w", s.key, err)
		}
		if err := enc.Close(); err != nil {
			return nil, fmt.Errorf("encode %s: %w", s.key, err)
		}
	}
	return buf.Bytes(), nil
}

// commentBlock turns header into YAML comment lines and a blank line.
func commentBlock(header string) string {
	header = strings.TrimRight(header, "\r\n")
	if header == "" {
		return ""
	}

	var b strings.Builder
	for _, line := range strings.Split(header, "\n") {
		line = strings.TrimRight(line, "\r")
		switch {
		case strings.HasPrefix(line, "#"):
			b.WriteString(line)
		case line == "":
			b.WriteString("#")
		default:
			b.WriteString("# " + line)
		}
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	return b.String()
}
