package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/tms-dev/tms/engine"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

// request gathers what every reading command needs: the repository, the
// model path, the settings from .tms.yaml and the date of the run.
func (o *globalOptions) request(ctx context.Context) (engine.Request, error) {
	info, err := os.Stat(o.repo)
	if err != nil {
		return engine.Request{}, fmt.Errorf("--repo: %w", err)
	}
	if !info.IsDir() {
		return engine.Request{}, fmt.Errorf("--repo %s: not a directory", o.repo)
	}
	cfg, err := o.loadConfig()
	if err != nil {
		return engine.Request{}, err
	}
	today, err := today()
	if err != nil {
		return engine.Request{}, err
	}
	return engine.Request{
		Repo:      o.repo,
		ModelPath: engine.ModelPath(o.repo, o.model),
		Config:    cfg,
		Today:     today,
		Logger:    o.log,
		Base:      o.base,
	}, nil
}

// loadConfig reads the settings file and adds the --policy directories.
func (o *globalOptions) loadConfig() (engine.Config, error) {
	cfg, err := engine.LoadConfig(o.configPath())
	if err != nil {
		return cfg, err
	}
	cfg.Policies = append(cfg.Policies, o.policies...)
	return cfg, nil
}

// configPath is --config, or .tms.yaml in the repository when it exists.
func (o *globalOptions) configPath() string {
	if o.config != "" {
		return o.config
	}
	p := filepath.Join(o.repo, ".tms.yaml")
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// today honours SOURCE_DATE_EPOCH, the reproducible-builds convention, so a
// CI job or a test can pin the date that acceptance expiry is judged by.
func today() (time.Time, error) {
	epoch := os.Getenv("SOURCE_DATE_EPOCH")
	if epoch == "" {
		return time.Now().UTC(), nil
	}
	secs, err := strconv.ParseInt(epoch, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q: expected seconds since 1970", epoch)
	}
	return time.Unix(secs, 0).UTC(), nil
}

// writeOutput sends a report to stdout, or to a file replaced atomically so a
// failed run never leaves half a report behind.
func writeOutput(stdout io.Writer, path string, write func(io.Writer) error) error {
	if path == "" {
		return write(stdout)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("--output: %w", err)
	}
	return threatmodel.WriteFileAtomic(path, write)
}
