package kubernetes

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

// object is one Kubernetes object of a manifest, with what every item
// derived from it needs.
type object struct {
	node       *yaml.Node
	apiVersion string
	kind       string
	name       string
	namespace  string // as written; "" when the manifest leaves it to kubectl
	line       int
}

// ns is the namespace the object lands in when applied without one.
func (o object) ns() string {
	if o.namespace == "" {
		return "default"
	}
	return o.namespace
}

// clusterScoped reports the kinds tms reads that belong to no namespace.
func (o object) clusterScoped() bool {
	return o.kind == "ClusterRoleBinding" || o.kind == "ClusterRole"
}

// qualifiedName is namespace/name, or the name alone for a cluster-scoped
// object.
func (o object) qualifiedName() string {
	if o.clusterScoped() {
		return o.name
	}
	return o.ns() + "/" + o.name
}

// maxListDepth bounds nested List objects; real ones never nest.
const maxListDepth = 4

// objectsOf flattens the documents of a file into objects: a document is one
// object, or a List (kind List, or any *List kind) whose items are objects.
// Documents without a string apiVersion and kind are not Kubernetes objects
// and are passed over.
func objectsOf(roots []*yaml.Node, probs *yamlnode.Problems) []object {
	c := objectCollector{probs: probs, seen: map[*yaml.Node]bool{}}
	for _, root := range roots {
		c.add(root, 0)
	}
	return c.out
}

// objectCollector reads each node once: a List's items may alias one
// object many times, or the List itself.
type objectCollector struct {
	out   []object
	probs *yamlnode.Problems
	seen  map[*yaml.Node]bool
}

func (c *objectCollector) add(n *yaml.Node, depth int) {
	n = yamlnode.Resolve(n)
	if n == nil || c.seen[n] {
		return
	}
	c.seen[n] = true

	apiVersion, okVersion := yamlnode.String(yamlnode.Get(n, "apiVersion"))
	kind, okKind := yamlnode.String(yamlnode.Get(n, "kind"))
	if !okVersion || !okKind || kind == "" {
		return
	}

	if items := yamlnode.Get(n, "items"); isList(kind) && items != nil {
		if depth < maxListDepth {
			for _, item := range yamlnode.Items(items) {
				c.add(item, depth+1)
			}
		}
		return
	}

	meta := yamlnode.Get(n, "metadata")
	name := yamlnode.Text(yamlnode.Get(meta, "name"))
	if name == "" {
		name = yamlnode.Text(yamlnode.Get(meta, "generateName"))
	}
	if name == "" {
		if isSurface(kind) {
			c.probs.Add(n.Line, fmt.Errorf("%s has no metadata.name", kind))
		}
		return
	}
	c.out = append(c.out, object{
		node: n, apiVersion: apiVersion, kind: kind, name: name,
		namespace: yamlnode.Text(yamlnode.Get(meta, "namespace")), line: n.Line,
	})
}

// isList reports the kinds whose objects are in items: v1 List and the
// typed lists kubectl prints (DeploymentList, ServiceList).
func isList(kind string) bool {
	return strings.HasSuffix(kind, "List")
}
