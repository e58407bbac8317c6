package engine

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestScanProgressCountsEachFile checks that a scan with a ScanProgress in
// its context counts every file it walks once, ignored ones excepted, and
// that the probe adds nothing to the scan.
func TestScanProgressCountsEachFile(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":             "module example.com/m\n\nrequire example.com/dep v1.0.0\n",
		"README.md":          "hello\n",
		"svc/Dockerfile":     "FROM scratch\nEXPOSE 80\n",
		"node_modules/x.js":  "skipped: vendored\n",
		"svc/deep/a/b/c.txt": "text\n",
	}
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	var p ScanProgress
	ctx := WithScanProgress(context.Background(), &p)
	counted, err := ScanRepo(ctx, dir, DefaultConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Files(); got != 4 {
		t.Errorf("counted %d files, want 4 (the vendored one is not walked)", got)
	}

	plain, err := ScanRepo(context.Background(), dir, DefaultConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(counted.Items) != len(plain.Items) || len(counted.Diagnostics) != len(plain.Diagnostics) {
		t.Errorf("counting changed the scan: %d items, %d diagnostics; want %d, %d",
			len(counted.Items), len(counted.Diagnostics), len(plain.Items), len(plain.Diagnostics))
	}
}
