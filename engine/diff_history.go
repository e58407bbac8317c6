package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/tms-dev/tms/extractors"
)

const (
	// maxRecordedCommits bounds how many commits that changed the model
	// ExplainChanges extracts, looking for the one whose items it recorded.
	maxRecordedCommits = 3

	// maxHistoryWalk bounds how many commits ExplainChanges reads looking
	// for those that changed the model, so that its cost does not grow with
	// the history.
	maxHistoryWalk = 1000
)

// ExplainChanges names, for each changed item, the security attributes that
// differ from the item the model recorded. The model keeps only a
// fingerprint, so the recorded item is looked for in git: in the last
// commits that changed the model file, then HEAD, each extracted from git's
// objects into a temporary directory. A commit whose item has the recorded
// fingerprint is the one the model saw. Outside git, or when no commit
// matches, the change keeps its general description.
func ExplainChanges(ctx context.Context, req Request, d *Diff) error {
	pending := changedItems(d)
	if len(pending) == 0 {
		return nil
	}
	repo, err := openCheckout(req.Repo)
	if err != nil {
		return nil // not in git: nothing to compare with
	}
	for _, commit := range recordedCommits(repo, req) {
		items, err := itemsAt(ctx, req, repo, commit)
		if err != nil {
			return fmt.Errorf("read the surface at commit %s: %w", commit.Hash.String()[:12], err)
		}
		for id, c := range pending {
			if before, ok := items[id]; ok && before.SecurityFingerprint() == c.recorded {
				c.Detail = describeChange(before, *c.item)
				delete(pending, id)
			}
		}
		if len(pending) == 0 {
			break
		}
	}
	return nil
}

// changedItems are the diff's changed items by id.
func changedItems(d *Diff) map[string]*SurfaceChange {
	out := map[string]*SurfaceChange{}
	for i := range d.Surface {
		if c := &d.Surface[i]; c.Change == ChangeChanged && c.recorded != "" {
			out[c.ID] = c
		}
	}
	return out
}

// recordedCommits are the commits likely to hold what the model recorded:
// the last ones that changed the model file, newest first, then HEAD.
func recordedCommits(repo *git.Repository, req Request) []*object.Commit {
	head, err := repo.Head()
	if err != nil {
		return nil
	}
	headCommit, err := repo.CommitObject(head.Hash())
	if err != nil {
		return nil
	}
	var out []*object.Commit
	if model, ok := modelInCheckout(repo, req); ok {
		out = modelCommits(headCommit, model, maxRecordedCommits, maxHistoryWalk)
	}
	if len(out) > 0 && out[0].Hash == headCommit.Hash {
		return out // HEAD changed the model: it is already first
	}
	return append(out, headCommit)
}

// modelCommits walks the first-parent history from head and returns, newest
// first, up to limit commits whose model file differs from their parent's.
// Only the model's blob hash is compared, so a commit costs one tree lookup
// whatever the size of the repository; the walk stops after maxWalk commits,
// because a model unchanged for that long is rarely what a change is
// explained against and the history of a large repository is long.
func modelCommits(head *object.Commit, model string, limit, maxWalk int) []*object.Commit {
	var out []*object.Commit
	commit, blob := head, modelBlob(head, model)
	for walked := 0; commit != nil && walked < maxWalk && len(out) < limit; walked++ {
		parent, err := commit.Parent(0)
		if err != nil {
			parent = nil // the root commit, or a shallow clone's last one
		}
		parentBlob := modelBlob(parent, model)
		if blob != parentBlob && blob != plumbing.ZeroHash {
			out = append(out, commit)
		}
		commit, blob = parent, parentBlob
	}
	return out
}

// modelBlob is the hash of the model file in commit, the zero hash when the
// commit is nil or has no such file.
func modelBlob(commit *object.Commit, model string) plumbing.Hash {
	if commit == nil {
		return plumbing.ZeroHash
	}
	tree, err := commit.Tree()
	if err != nil {
		return plumbing.ZeroHash
	}
	entry, err := tree.FindEntry(model)
	if err != nil {
		return plumbing.ZeroHash
	}
	return entry.Hash
}

// modelInCheckout is the model's path from the top of the checkout.
func modelInCheckout(repo *git.Repository, req Request) (string, bool) {
	sub, err := subdirectory(repo, req.Repo)
	if err != nil {
		return "", false
	}
	rel := repoRelative(req.Repo, req.ModelPath)
	if strings.HasPrefix(rel, "/") || strings.HasPrefix(rel, "../") {
		return "", false
	}
	if sub != "" {
		rel = sub + "/" + rel
	}
	return rel, true
}

// itemsAt extracts the surface of the repository as it was at commit.
func itemsAt(ctx context.Context, req Request, repo *git.Repository,
	commit *object.Commit) (map[string]extractors.Item, error) {
	dir, err := os.MkdirTemp("", "tms-recorded-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)

	if err := checkoutCommit(repo, commit, req.Repo, dir, req.Config.MaxFileSize); err != nil {
		return nil, err
	}
	scan, err := walkRepo(ctx, dir, req.Config, nil, true)
	if err != nil {
		return nil, err
	}
	items := make(map[string]extractors.Item, len(scan.Items))
	for _, it := range scan.Items {
		items[it.ID] = it
	}
	return items, nil
}

// describeChange lists what differs between the recorded item and the
// current one, exposure first, then the reviewed attributes by name.
func describeChange(before, after extractors.Item) string {
	var parts []string
	if before.Exposure != after.Exposure {
		parts = append(parts, fmt.Sprintf("exposure %s to %s", before.Exposure, after.Exposure))
	}
	names := map[string]bool{}
	for k := range before.Attributes {
		names[k] = true
	}
	for k := range after.Attributes {
		names[k] = true
	}
	sorted := make([]string, 0, len(names))
	for k := range names {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		old, had := before.Attributes[k]
		now, has := after.Attributes[k]
		if !extractors.ReviewedAttribute(k) || (had && has && sameValue(old, now)) {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %s to %s", k, showValue(old, had), showValue(now, has)))
	}
	if len(parts) == 0 {
		return "attributes changed since the model recorded it"
	}
	return strings.Join(parts, ", ")
}

func sameValue(a, b any) bool { return showValue(a, true) == showValue(b, true) }

// showValue writes an attribute value as compact JSON, "unset" when absent.
func showValue(v any, present bool) string {
	if !present {
		return "unset"
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}
