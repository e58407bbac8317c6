package kubernetes

import (
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/imageref"
	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

// podTemplate returns the pod spec and pod metadata an object runs: its own
// for a Pod, its job template's for a CronJob, its template's otherwise.
func podTemplate(o object) (spec, meta *yaml.Node) {
	switch o.kind {
	case "Pod":
		return yamlnode.Get(o.node, "spec"), yamlnode.Get(o.node, "metadata")
	case "CronJob":
		tmpl := yamlnode.Path(o.node, "spec", "jobTemplate", "spec", "template")
		return yamlnode.Get(tmpl, "spec"), yamlnode.Get(tmpl, "metadata")
	}
	tmpl := yamlnode.Path(o.node, "spec", "template")
	return yamlnode.Get(tmpl, "spec"), yamlnode.Get(tmpl, "metadata")
}

// containerLists are the pod spec fields that hold containers, all of which
// run with the pod's privileges.
var containerLists = []string{"initContainers", "containers", "ephemeralContainers"}

func (m *manifest) workload(o object) extractors.Item {
	spec, meta := podTemplate(o)
	podSecurity := yamlnode.Get(spec, "securityContext")

	lines := extractors.FactLines{}
	attrs := common(o)
	attrs["labels"] = yamlnode.StringMap(yamlnode.Get(meta, "labels"))
	for _, ns := range hostNamespaces {
		on := yamlnode.IsTrue(yamlnode.Get(spec, ns.field))
		attrs[ns.attribute] = on
		if on {
			lines.Note(ns.attribute, yamlnode.KeyLine(spec, ns.field))
		}
	}
	attrs["host_path_volumes"] = hostPaths(spec, lines)
	attrs["service_account"] = serviceAccount(spec)
	attrs["automount_service_account_token"] = defaultTrue(
		yamlnode.Get(spec, "automountServiceAccountToken"))

	c := containerFacts{lines: lines}
	for _, list := range containerLists {
		for _, ctr := range yamlnode.Items(yamlnode.Get(spec, list)) {
			c.add(ctr, podSecurity)
		}
	}
	c.podRoot = !c.any && runsAsRoot(nil, podSecurity)
	if c.podRoot {
		lines.Note("run_as_root", yamlnode.KeyLine(podSecurity, "runAsUser"))
	}
	c.fill(attrs)
	lines.Fill(attrs)
	addImageLines(attrs, c.imageLines)

	what := o.ns() + "/" + o.kind + "/" + o.name
	return m.item("k8s.workload", o, what, extractors.ExposureUnknown, attrs)
}

// hostNamespaces are the pod spec fields that share a namespace of the node,
// with the attribute each becomes.
var hostNamespaces = []struct{ field, attribute string }{
	{"hostNetwork", "host_network"}, {"hostPID", "host_pid"}, {"hostIPC", "host_ipc"},
}

// containerFacts gathers what the containers of one pod say about their
// privileges.
type containerFacts struct {
	any        bool // at least one container
	images     []any
	imageLines []any // the line of each of images
	privileged bool
	root       bool
	podRoot    bool // no container, and the pod does not rule root out
	escalation bool
	caps       []string
	hostPorts  []any
	lines      extractors.FactLines
}

func (c *containerFacts) add(ctr, podSecurity *yaml.Node) {
	c.any = true
	security := yamlnode.Get(ctr, "securityContext")
	privileged := yamlnode.IsTrue(yamlnode.Get(security, "privileged"))
	added := yamlnode.Strings(yamlnode.Path(security, "capabilities", "add"))

	root := runsAsRoot(security, podSecurity)

	c.images = append(c.images, imageOf(ctr))
	c.imageLines = append(c.imageLines, imageLine(ctr))
	c.privileged = c.privileged || privileged
	c.root = c.root || root
	c.escalation = c.escalation || privileged || slices.Contains(added, "SYS_ADMIN") ||
		slices.Contains(added, "CAP_SYS_ADMIN") ||
		defaultTrue(yamlnode.Get(security, "allowPrivilegeEscalation"))
	c.caps = append(c.caps, added...)
	for _, port := range yamlnode.Items(yamlnode.Get(ctr, "ports")) {
		if hp := yamlnode.Scalar(yamlnode.Get(port, "hostPort")); hp != nil {
			c.hostPorts = append(c.hostPorts, hp)
			c.lines.Note("host_ports", yamlnode.KeyLine(port, "hostPort"))
		}
	}

	if privileged {
		c.lines.Note("privileged", yamlnode.KeyLine(security, "privileged"))
	}
	if len(added) > 0 {
		c.lines.Note("capabilities_added",
			yamlnode.KeyLine(yamlnode.Get(security, "capabilities"), "add"))
	}
	if root {
		c.lines.Note("run_as_root", rootLine(ctr, security, podSecurity))
	}
}

// rootLine is where a container that runs as root is told to: the runAsUser
// that makes it root, or else the container itself, which sets nothing that
// rules root out.
func rootLine(ctr, security, podSecurity *yaml.Node) int {
	if line := yamlnode.KeyLine(security, "runAsUser"); line > 0 {
		return line
	}
	if uid, ok := yamlnode.Int(yamlnode.Get(podSecurity, "runAsUser")); ok && uid == 0 {
		return yamlnode.KeyLine(podSecurity, "runAsUser")
	}
	return ctr.Line
}

func (c *containerFacts) fill(attrs map[string]any) {
	slices.Sort(c.caps)
	attrs["images"] = nonNil(c.images)
	attrs["privileged"] = c.privileged
	attrs["run_as_root"] = c.root || c.podRoot
	attrs["allow_privilege_escalation"] = c.escalation
	attrs["capabilities_added"] = anyList(slices.Compact(c.caps))
	attrs["host_ports"] = nonNil(c.hostPorts)
}

// imageLine is the line of a container's image: key, or the container's
// own first line when it names no image.
func imageLine(ctr *yaml.Node) int {
	if line := yamlnode.KeyLine(ctr, "image"); line > 0 {
		return line
	}
	return yamlnode.Resolve(ctr).Line
}

// addImageLines records in lines.images the line of each entry of images,
// in the same order, so that a finding about one image points at it. The
// lines live in lines, which the fingerprint leaves out, rather than in
// the images themselves, so that moving a container is no new surface.
func addImageLines(attrs map[string]any, imageLines []any) {
	if len(imageLines) == 0 {
		return
	}
	lines, _ := attrs["lines"].(map[string]any)
	if lines == nil {
		lines = map[string]any{}
		attrs["lines"] = lines
	}
	lines["images"] = imageLines
}

func imageOf(ctr *yaml.Node) map[string]any {
	raw := yamlnode.Text(yamlnode.Get(ctr, "image"))
	ref := imageref.Parse(raw)
	return map[string]any{
		"container": yamlnode.Text(yamlnode.Get(ctr, "name")),
		"image":     raw,
		"tag":       ref.Tag,
		"digest":    ref.Digest,
		"pinned":    ref.Pinned(),
	}
}

// runsAsRoot applies Kubernetes' precedence: a container's runAsUser and
// runAsNonRoot override the pod's. A container runs as root unless its
// effective user is a number above 0, or no user is set and runAsNonRoot is
// true (the kubelet then refuses an image whose user is root). An explicit
// runAsUser: 0 is root whatever runAsNonRoot says.
func runsAsRoot(container, pod *yaml.Node) bool {
	user := yamlnode.Get(container, "runAsUser")
	if user == nil {
		user = yamlnode.Get(pod, "runAsUser")
	}
	if uid, ok := yamlnode.Int(user); ok {
		return uid == 0
	}

	nonRoot := yamlnode.Get(container, "runAsNonRoot")
	if nonRoot == nil {
		nonRoot = yamlnode.Get(pod, "runAsNonRoot")
	}
	return !yamlnode.IsTrue(nonRoot)
}

func hostPaths(spec *yaml.Node, lines extractors.FactLines) []any {
	var out []any
	for _, vol := range yamlnode.Items(yamlnode.Get(spec, "volumes")) {
		if hp := yamlnode.Get(vol, "hostPath"); hp != nil {
			out = append(out, yamlnode.Text(yamlnode.Get(hp, "path")))
			lines.Note("host_path_volumes", yamlnode.KeyLine(vol, "hostPath"))
		}
	}
	return nonNil(out)
}

// serviceAccount names the account the pod runs as; Kubernetes gives a pod
// that names none the namespace's "default" account.
func serviceAccount(spec *yaml.Node) string {
	for _, key := range []string{"serviceAccountName", "serviceAccount"} {
		if name := yamlnode.Text(yamlnode.Get(spec, key)); name != "" {
			return name
		}
	}
	return "default"
}

// defaultTrue reads a boolean whose Kubernetes default is true.
func defaultTrue(n *yaml.Node) bool {
	v, ok := yamlnode.Bool(n)
	return !ok || v
}

// nonNil keeps empty lists as [] rather than null in the input document.
func nonNil(list []any) []any {
	if list == nil {
		return []any{}
	}
	return list
}

func anyList(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}
