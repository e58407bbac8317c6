package engine

import (
	"testing"
	"time"

	"github.com/go-git/go-billy/v5/memfs"
	"github.com/go-git/go-billy/v5/util"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/memory"
)

// The walk for the commits that changed the model finds the newest ones and
// gives up, finding none, when they lie further back than its bound.
func TestModelCommitsStopsAtTheBound(t *testing.T) {
	fs := memfs.New()
	repo, err := git.Init(memory.NewStorage(), fs)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	commit := func(name, content string) *object.Commit {
		if err := util.WriteFile(fs, name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := wt.Add(name); err != nil {
			t.Fatal(err)
		}
		sig := &object.Signature{Name: "dev", Email: "dev@example.com", When: time.Unix(0, 0)}
		hash, err := wt.Commit("c", &git.CommitOptions{Author: sig})
		if err != nil {
			t.Fatal(err)
		}
		c, err := repo.CommitObject(hash)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	first := commit("model/threat-model.yaml", "version: 1\n")
	second := commit("model/threat-model.yaml", "version: 1\nsurface: []\n")
	var head *object.Commit
	for i := range 5 {
		head = commit("notes.txt", string(rune('a'+i)))
	}

	got := modelCommits(head, "model/threat-model.yaml", 3, 10)
	if len(got) != 2 || got[0].Hash != second.Hash || got[1].Hash != first.Hash {
		t.Fatalf("within the bound: got %d commits, want the two that changed the model", len(got))
	}
	if got := modelCommits(head, "model/threat-model.yaml", 1, 10); len(got) != 1 {
		t.Fatalf("limit 1: got %d commits", len(got))
	}
	if got := modelCommits(head, "model/threat-model.yaml", 3, 5); len(got) != 0 {
		t.Fatalf("past the bound: got %d commits, want none", len(got))
	}
}
