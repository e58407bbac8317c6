package bundles

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// CacheDirEnv overrides where fetched bundles are kept.
const CacheDirEnv = "TMS_CACHE_DIR"

// DefaultCacheDir is $TMS_CACHE_DIR, else tms/bundles in the user's cache
// directory.
func DefaultCacheDir() (string, error) {
	if dir := os.Getenv(CacheDirEnv); dir != "" {
		return dir, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("bundle cache: %w (set %s)", err, CacheDirEnv)
	}
	return filepath.Join(base, "tms", "bundles"), nil
}

// Cache keeps fetched bundles on disk. Content is stored by its digest, so
// a file that changed on disk is noticed and never used; each reference
// remembers the digest and ETag it last resolved to.
type Cache struct {
	Dir string
}

// entry is what a reference last resolved to.
type entry struct {
	Digest string `json:"digest"`
	ETag   string `json:"etag,omitempty"`
}

func (c Cache) blobPath(digest string) string {
	return filepath.Join(c.Dir, "blobs", "sha256", strings.TrimPrefix(digest, "sha256:"))
}

func (c Cache) refPath(ref string) string {
	sum := sha256.Sum256([]byte(ref))
	return filepath.Join(c.Dir, "refs", hex.EncodeToString(sum[:])+".json")
}

// get returns cached content by digest, or an error when it is missing or
// no longer matches its digest.
func (c Cache) get(digest string) ([]byte, error) {
	if c.Dir == "" {
		return nil, errors.New("no cache")
	}
	data, err := os.ReadFile(c.blobPath(digest))
	if err != nil {
		return nil, err
	}
	if Digest(data) != digest {
		return nil, fmt.Errorf("cached bundle %s changed on disk", digest)
	}
	return data, nil
}

// put stores content under its digest.
func (c Cache) put(data []byte) error {
	if c.Dir == "" {
		return nil
	}
	return writeAtomic(c.blobPath(Digest(data)), data)
}

// lookup returns the cached content a reference last resolved to.
func (c Cache) lookup(ref string) (entry, []byte, bool) {
	if c.Dir == "" {
		return entry{}, nil, false
	}
	raw, err := os.ReadFile(c.refPath(ref))
	if err != nil {
		return entry{}, nil, false
	}
	var e entry
	if json.Unmarshal(raw, &e) != nil {
		return entry{}, nil, false
	}
	data, err := c.get(e.Digest)
	if err != nil {
		return entry{}, nil, false
	}
	return e, data, true
}

// remember stores content and records it as what ref resolves to.
func (c Cache) remember(ref string, data []byte, etag string) error {
	if c.Dir == "" {
		return nil
	}
	if err := c.put(data); err != nil {
		return fmt.Errorf("bundle cache: %w", err)
	}
	raw, err := json.Marshal(entry{Digest: Digest(data), ETag: etag})
	if err != nil {
		return err
	}
	if err := writeAtomic(c.refPath(ref), raw); err != nil {
		return fmt.Errorf("bundle cache: %w", err)
	}
	return nil
}

// writeAtomic replaces a file through a temporary one in its directory, so
// a reader never sees half a bundle.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
