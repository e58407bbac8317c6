package threatmodel

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFileAtomic replaces the file at path with what write produces, so
// that a reader sees the old file or the new one and never a partial one,
// even if the process crashes. The data goes to a temporary file in the same
// directory, is synced, and is renamed over path, because a rename within a
// file system is atomic and writing in place is not. An existing file keeps
// its permissions, a new one gets 0644, and a symlink at path keeps pointing
// at the file it names. When write fails nothing is replaced.
func WriteFileAtomic(path string, write func(io.Writer) error) (err error) {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	perm := fs.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		perm = info.Mode().Perm()
	}

	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		// The temporary file's name means nothing to the user: name the
		// file they asked for and the folder that failed.
		return fmt.Errorf("%s: folder %s: %w", path, filepath.Dir(path), unwrapPath(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()

	if err = fill(tmp, write); err != nil {
		return err
	}
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// fill runs write through a buffer, so that callers writing small pieces do
// not make a system call each.
func fill(f *os.File, write func(io.Writer) error) error {
	buf := bufio.NewWriter(f)
	if err := write(buf); err != nil {
		return err
	}
	return buf.Flush()
}

// syncDir makes a rename durable. It is best effort: the file is already
// complete and in place, and some systems cannot sync a directory.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	defer d.Close()
	_ = d.Sync()
}

// unwrapPath drops the path a *fs.PathError carries, keeping its reason.
func unwrapPath(err error) error {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return pathErr.Err
	}
	return err
}
