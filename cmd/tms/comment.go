package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tms-dev/tms/cmd/tms/internal/forge"
	"github.com/tms-dev/tms/engine"
)

// forgeFlags name the code host, the project and the pull request where
// the CI environment does not, or override what it says.
type forgeFlags struct {
	kind    string
	project string
	number  int
}

func addForgeFlags(cmd *cobra.Command, f *forgeFlags) {
	flags := cmd.Flags()
	flags.StringVar(&f.kind, "forge", "",
		"code host: github or gitlab (default: told from the CI environment)")
	flags.StringVar(&f.project, "project", "",
		"GitHub repository owner/name, or GitLab project id or path "+
			"(default: GITHUB_REPOSITORY or CI_PROJECT_ID)")
	flags.IntVar(&f.number, "pr", 0,
		"pull request number, or merge request IID (default: from the CI environment)")
}

// check refuses a --forge value before any work is done.
func (f forgeFlags) check() error {
	switch f.kind {
	case "", forge.GitHub, forge.GitLab:
		return nil
	}
	return fmt.Errorf("--forge %q: expected github or gitlab", f.kind)
}

func (f forgeFlags) config() (forge.Config, error) {
	return forge.FromEnv(os.Getenv, forge.Flags{Kind: f.kind, Project: f.project, Number: f.number})
}

type commentOptions struct {
	*globalOptions
	forge  forgeFlags
	report string
}

func newCommentCmd(global *globalOptions) *cobra.Command {
	opts := &commentOptions{globalOptions: global}
	cmd := &cobra.Command{
		Use:   "comment --report FILE",
		Short: "Post the Markdown report on the pull request, editing tms's earlier comment",
		Long: `Post a Markdown report (tms eval --output markdown=FILE) as a comment on the
pull request, or as a note on the GitLab merge request. Later runs edit that
same comment, which they find by the hidden marker on its first line, rather
than adding one per push. The marker is <!-- tms-report --> for a report of
the checkout's root, and names the directory for one written with
--path-prefix DIR (<!-- tms-report:DIR -->), so that each directory of a
monorepo keeps its own comment.

The host, project, pull request and token come from the CI environment:
GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_TOKEN and GITHUB_API_URL (for
GitHub Enterprise) in GitHub Actions; CI_API_V4_URL, CI_PROJECT_ID,
CI_MERGE_REQUEST_IID and GITLAB_TOKEN or CI_JOB_TOKEN in GitLab CI. Flags
override them. A failed call exits 2 with the HTTP status and the API's
message.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runComment(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.report, "report", "", "Markdown report to post (required)")
	_ = cmd.MarkFlagRequired("report")
	addForgeFlags(cmd, &opts.forge)
	return cmd
}

func runComment(ctx context.Context, opts *commentOptions) error {
	if err := opts.forge.check(); err != nil {
		return err
	}
	body, err := os.ReadFile(opts.report)
	if err != nil {
		return fmt.Errorf("--report: %w", err)
	}
	cfg, err := opts.forge.config()
	if err != nil {
		return err
	}
	c, err := postComment(ctx, cfg, string(body))
	if err != nil {
		return err
	}
	fmt.Fprintln(opts.stdout, describeComment(cfg, c))
	return nil
}

// postComment posts body as the pull request's one tms comment for the
// directory its marker names. A body without a marker gets the root's, so
// that the next run finds the comment.
func postComment(ctx context.Context, cfg forge.Config, body string) (forge.Comment, error) {
	if cfg.PullRequest == 0 {
		return forge.Comment{}, fmt.Errorf("%w: pass --pr, or run in a pull request "+
			"(GitHub) or merge request (GitLab) pipeline", forge.ErrNoPullRequest)
	}
	marker := engine.ReportMarker(body)
	if marker == "" {
		marker = engine.MarkdownMarker
		body = marker + "\n" + body
	}
	f, err := forge.New(cfg)
	if err != nil {
		return forge.Comment{}, err
	}
	return f.UpsertComment(ctx, cfg.PullRequest, marker, body)
}

// describeComment says what happened, for the CI log.
func describeComment(cfg forge.Config, c forge.Comment) string {
	verb := "updated"
	if c.Created {
		verb = "created"
	}
	if cfg.Kind == forge.GitLab {
		return fmt.Sprintf("%s note %d on merge request !%d", verb, c.ID, cfg.PullRequest)
	}
	if c.URL == "" {
		return fmt.Sprintf("%s comment %d on pull request #%d", verb, c.ID, cfg.PullRequest)
	}
	return fmt.Sprintf("%s comment %s", verb, c.URL)
}

// commentLinkBase is where a comment's file links point: --link-base, or
// the commit's files on the host, in the directory evaluated, percent-encoded
// so that a space or a # in its name does not break the links. Relative
// links would resolve against the pull request's page.
func commentLinkBase(given string, cfg forge.Config, repo string) string {
	if given != "" || cfg.LinkBase == "" {
		return given
	}
	dir := checkoutDir(repo)
	if dir == "" {
		return cfg.LinkBase
	}
	return cfg.LinkBase + engine.EscapeLinkPath(dir) + "/"
}

// checkoutDir is repo as a slash-separated directory of the checkout, or ""
// for the checkout itself and for a directory outside it.
func checkoutDir(repo string) string {
	dir := filepath.ToSlash(filepath.Clean(repo))
	if dir == "." || !filepath.IsLocal(repo) {
		return ""
	}
	return dir
}

// postComment posts the Markdown report on the pull request when asked to.
// Unless --comment-required, a failure is logged and the findings alone
// decide the exit code: a fork's read-only token must not fail a change.
func (o *evalOptions) postComment(ctx context.Context, ro engine.ReportOptions,
	r engine.Report) error {
	if !o.comment && !o.commentRequired {
		return nil
	}
	err := o.commentOnPullRequest(ctx, ro, r)
	switch {
	case err == nil:
		return nil
	case o.commentRequired:
		return fmt.Errorf("--comment-required: %w", err)
	case errors.Is(err, forge.ErrNoPullRequest):
		o.log.Info("not commenting", "reason", err)
		return nil
	}
	o.log.Warn("could not comment on the pull request; the findings decide the exit code",
		"error", err)
	return nil
}

func (o *evalOptions) commentOnPullRequest(ctx context.Context, ro engine.ReportOptions,
	r engine.Report) error {
	cfg, err := o.forge.config()
	if err != nil {
		return err
	}
	if o.linkBase == "" && cfg.LinkBase != "" {
		ro.LinkBase, ro.LinkDir = commentLinkBase("", cfg, o.repo), "" // it holds the directory
	}
	if ro.PathPrefix == "" {
		// The marker names the directory, so that evaluating two directories
		// of one pull request keeps two comments; Markdown paths do not
		// depend on the prefix.
		ro.PathPrefix = checkoutDir(o.repo)
	}
	var body strings.Builder
	if err := ro.Write(&body, "markdown", r); err != nil {
		return err
	}
	c, err := postComment(ctx, cfg, body.String())
	if err == nil {
		o.log.Info(describeComment(cfg, c))
	}
	return err
}
