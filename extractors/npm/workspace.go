package npm

import (
	"encoding/json"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/tms-dev/tms/extractors/internal/depset"
)

// importer is the package.json a lockfile is read for. A workspace keeps one
// lockfile at its root for every member, so the folder says which part of
// the lockfile is this package.json's.
type importer struct {
	dir  string            // relative to the lockfile's folder: "." beside it
	deps map[string]direct // what package.json declares
	// workspaces is whether the package.json beside the lockfile declares
	// workspaces, which npm's format needs to tell a member from a folder
	// some dependency points at.
	workspaces bool
}

func (imp importer) member() bool { return imp.dir != "." }

// declaresWorkspaces reports whether a package.json has a workspaces field.
// A broken file declares none; its own extraction reports it.
func declaresWorkspaces(data []byte) bool {
	var m struct {
		Workspaces json.RawMessage `json:"workspaces"`
	}
	return json.Unmarshal(data, &m) == nil && m.Workspaces != nil
}

// forImporter keeps what a package-lock.json installs for one package.json
// of a workspace. npm hoists the packages of every member to the root's
// node_modules, so whose they are is found by following what each package
// requires the way Node resolves it, from the member's folder upwards. The
// root also keeps what no member reaches, such as packages nothing requires
// any more: a lockfile entry is never dropped unless a member reports it.
// It returns nil when the lockfile has no such member.
func (l *lockfile) forImporter(imp importer) *lockfile {
	folder := strings.TrimPrefix(imp.dir, ".")
	if _, ok := l.installs[folder]; folder != "" && !ok {
		return nil
	}

	own := l.reach(folder, slices.Collect(maps.Keys(imp.deps)))
	claimed := map[string]bool{}
	if folder == "" {
		for _, f := range l.memberFolders() {
			maps.Copy(claimed, l.reach(f, requires(l.installs[f], true)))
		}
	}

	packages := map[string]*lockEntry{}
	for name := range imp.deps {
		if key := l.resolve(folder, name); key != "" {
			packages[name] = l.installs[key]
		}
	}
	for _, key := range slices.Sorted(maps.Keys(l.installs)) {
		name, installed := installedName(key)
		_, declared := imp.deps[name]
		mine := own[key] || folder == "" && !claimed[key]
		if installed && !declared && mine && !l.linksMember(l.installs[key]) {
			keep(packages, name, l.installs[key])
		}
	}
	return &lockfile{packages: packages}
}

// memberFolders are the workspace folders the lockfile lists: keys outside
// node_modules other than the root's "".
func (l *lockfile) memberFolders() []string {
	var folders []string
	for key := range l.installs {
		if _, installed := installedName(key); !installed && key != "" {
			folders = append(folders, key)
		}
	}
	slices.Sort(folders)
	return folders
}

// linksMember reports whether an entry is the link npm installs for a
// workspace member, which its own package.json reports.
func (l *lockfile) linksMember(e *lockEntry) bool {
	if !e.Link {
		return false
	}
	_, listed := l.installs[e.Resolved]
	return listed
}

// reach returns the install keys that the named packages, required from
// folder, lead to. A link is not followed: the folder it points at is a
// package.json of its own.
func (l *lockfile) reach(folder string, names []string) map[string]bool {
	type edge struct{ from, name string }
	queue := make([]edge, 0, len(names))
	for _, n := range slices.Sorted(slices.Values(names)) {
		queue = append(queue, edge{folder, n})
	}
	seen := map[string]bool{}
	for len(queue) > 0 {
		next := queue[0]
		queue = queue[1:]
		key := l.resolve(next.from, next.name)
		if key == "" || seen[key] {
			continue
		}
		seen[key] = true
		if e := l.installs[key]; !e.Link {
			for _, n := range requires(e, false) {
				queue = append(queue, edge{key, n})
			}
		}
	}
	return seen
}

// resolve finds the package a name required from an install key (or
// folder) loads: the nearest node_modules on the way up to the root.
func (l *lockfile) resolve(from, name string) string {
	for p := from; ; p = parentInstall(p) {
		key := path.Join(p, "node_modules", name)
		if _, ok := l.installs[key]; ok {
			return key
		}
		if p == "" {
			return ""
		}
	}
}

// parentInstall is where Node looks next: the package a nested install sits
// in, or the root.
func parentInstall(key string) string {
	if i := strings.LastIndex(key, "/node_modules/"); i >= 0 {
		return key[:i]
	}
	return ""
}

// installedName is the package name an install key holds, and false for a
// folder.
func installedName(key string) (string, bool) {
	i := strings.LastIndex(key, "node_modules/")
	if i < 0 {
		return "", false
	}
	return key[i+len("node_modules/"):], true
}

// requires lists the names an entry depends on. Development dependencies
// count only for a workspace folder: npm installs none of a package's own.
func requires(e *lockEntry, folder bool) []string {
	sections := []map[string]string{e.Dependencies, e.OptionalDependencies, e.PeerDependencies}
	if folder {
		sections = append(sections, e.DevDependencies)
	}
	var names []string
	for _, m := range sections {
		for name := range m {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// localInRepository reports whether a local spec of the package.json in dir
// names a folder inside the repository, whose commit then fixes its content.
// The workspace: protocol names a member of the same workspace, by name or
// by a path.
func localInRepository(dir, spec string) bool {
	spec = strings.TrimSpace(spec)
	if rest, ok := strings.CutPrefix(spec, "workspace:"); ok {
		if !strings.Contains(rest, "/") && !strings.HasPrefix(rest, ".") {
			return true // a range or alias such as *, ^ or ~1.2.0
		}
		spec = rest
	}
	for _, prefix := range []string{"file:", "link:", "portal:"} {
		spec = strings.TrimPrefix(spec, prefix)
	}
	return depset.InsideRepository(dir, spec)
}
