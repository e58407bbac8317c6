package openapi

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
)

// maxHops bounds a chain of references, so that a long or hostile chain
// ends in a diagnostic rather than a slow walk.
const maxHops = 8

// located is a node and the repository file it comes from.
type located struct {
	file string
	node *yaml.Node
}

// resolver follows $ref values to objects in the definition or in other
// files of the repository, parsing each file once per definition.
type resolver struct {
	repo  extractors.Repo
	files map[string]loaded
}

type loaded struct {
	root *yaml.Node
	err  error
}

func newResolver(repo extractors.Repo, file string, root *yaml.Node) *resolver {
	return &resolver{repo: repo, files: map[string]loaded{file: {root: root}}}
}

// chain follows the $ref of an object, then the target's, and returns every
// object met, the written one first. Where they disagree the earlier object
// wins, as OpenAPI 3.1 lets fields beside a $ref override the target's.
func (r *resolver) chain(start located) ([]located, error) {
	layers := []located{start}
	seen := map[*yaml.Node]bool{start.node: true}
	for current := start; ; {
		ref := scalar(current.node, "$ref")
		if ref == "" {
			return layers, nil
		}
		if len(layers) > maxHops {
			return layers, fmt.Errorf("$ref chain is longer than %d references", maxHops)
		}

		next, err := r.resolve(current.file, ref)
		if err != nil {
			return layers, fmt.Errorf("$ref %q: %w", ref, err)
		}
		if seen[next.node] {
			return layers, fmt.Errorf("$ref %q is circular", ref)
		}
		seen[next.node] = true
		layers = append(layers, next)
		current = next
	}
}

// resolve finds what ref, written in file from, points at.
func (r *resolver) resolve(from, ref string) (located, error) {
	file, fragment, _ := strings.Cut(ref, "#")
	target := from
	if file != "" {
		var err error
		if target, err = referencedFile(from, file); err != nil {
			return located{}, err
		}
	}

	root, err := r.load(target)
	if err != nil {
		return located{}, err
	}
	node, err := pointer(root, fragment)
	return located{file: target, node: node}, err
}

// referencedFile turns a relative reference into a repository path. Remote
// references are not fetched: tms reads the repository, not the network.
func referencedFile(from, file string) (string, error) {
	if strings.Contains(file, "://") || strings.HasPrefix(file, "//") {
		return "", errors.New("remote references are not followed")
	}
	if unescaped, err := url.PathUnescape(file); err == nil {
		file = unescaped
	}
	joined := path.Join(path.Dir(from), file)
	if path.IsAbs(file) || joined == ".." || strings.HasPrefix(joined, "../") {
		return "", errors.New("the file is outside the repository")
	}
	return joined, nil
}

func (r *resolver) load(file string) (*yaml.Node, error) {
	if l, ok := r.files[file]; ok {
		return l.root, l.err
	}
	l := r.parse(file)
	r.files[file] = l
	return l.root, l.err
}

func (r *resolver) parse(file string) loaded {
	content, err := r.repo.ReadFile(file)
	if errors.Is(err, extractors.ErrNotInInventory) {
		return loaded{err: fmt.Errorf("%s is not in the repository", file)}
	}
	if err != nil {
		return loaded{err: fmt.Errorf("read %s: %w", file, err)}
	}

	docs, err := parseDocuments(content, isJSON(file))
	switch {
	case err != nil:
		return loaded{err: fmt.Errorf("%s: %w", file, err)}
	case len(docs) == 0:
		return loaded{err: fmt.Errorf("%s is empty", file)}
	}
	return loaded{root: docs[0]}
}

// pointer walks a JSON pointer fragment such as /paths/~1users from root.
// Named anchors ($anchor, $id) are not looked up.
func pointer(root *yaml.Node, fragment string) (*yaml.Node, error) {
	if unescaped, err := url.PathUnescape(fragment); err == nil {
		fragment = unescaped
	}
	if fragment == "" {
		return root, nil
	}
	if !strings.HasPrefix(fragment, "/") {
		return nil, fmt.Errorf("%q is not a JSON pointer", fragment)
	}

	node := root
	for token := range strings.SplitSeq(fragment[1:], "/") {
		token = strings.ReplaceAll(strings.ReplaceAll(token, "~1", "/"), "~0", "~")
		node = child(node, token)
		if node == nil {
			return nil, fmt.Errorf("%s not found", fragment)
		}
	}
	return node, nil
}

// child returns the value under a mapping key or at a sequence index.
func child(n *yaml.Node, token string) *yaml.Node {
	n = resolved(n)
	if n != nil && n.Kind == yaml.SequenceNode {
		i, err := strconv.Atoi(token)
		if err != nil || i < 0 || i >= len(n.Content) {
			return nil
		}
		return resolved(n.Content[i])
	}
	value, _ := lookup(n, token)
	return value
}
