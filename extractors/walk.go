package extractors

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/tms-dev/tms/extractors/internal/redact"
)

// DefaultMaxFileSize is the largest file an extractor reads unless Options say
// otherwise. Lockfiles of large monorepos reach a few tens of megabytes.
const DefaultMaxFileSize = 32 << 20

// skippedDirs are vendored or generated folders: their contents are someone
// else's surface, already counted as a dependency, or rebuilt from source.
var skippedDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true,
	"node_modules": true, "bower_components": true, "vendor": true,
	".terraform": true, "__pycache__": true, ".venv": true, ".tox": true,
	".gradle": true,
}

// Options configure a Walk.
type Options struct {
	Extractors  []Extractor
	Exclude     []string // doublestar globs of paths to leave out, beyond .gitignore
	MaxFileSize int64    // 0 means DefaultMaxFileSize
	Workers     int      // 0 means one per CPU
	Logger      *slog.Logger

	// GitTree says that every file under the directory was written from a
	// git tree (the merge base of a pull request), so all are tracked and
	// no .gitignore applies, as in the work tree.
	GitTree bool
}

// FileInfo is one entry of the file inventory.
type FileInfo struct {
	Path string `json:"path"`
	Size int64  `json:"size"`
}

// Result is what a walk found, each list sorted so that output is stable.
type Result struct {
	Files       []FileInfo   // by path
	Items       []Item       // by id
	Diagnostics []Diagnostic // by path, line, message
	Excluded    []Exclusion  // one per Options.Exclude glob, in its order
	// Skipped counts, per skipped folder (glob <folder>/**, by glob), the
	// files git tracks there that an extractor would have read: a
	// repository can move a service into a folder named .tox or vendor to
	// keep it from every rule, so the engine reports them.
	Skipped []Exclusion
}

// Exclusion counts the files one exclude glob kept out of the walk, so that
// whoever relies on the surface can see how much of the tree was not read.
// A file under a directory the glob matched counts, unless it was ignored
// anyway (.gitignore, vendored folders); a file two globs match counts for
// the first.
type Exclusion struct {
	Glob  string
	Files int
}

// Walk reads the tree under dir once, honouring .gitignore files (those above
// dir in its git checkout too) for files git does not track, and skipping
// vendored folders, then runs the matching extractors on the files in parallel.
// Symlinks are never followed: a link can point out of the repository or into a
// loop, and the target's own path is walked anyway when it is inside.
func Walk(ctx context.Context, dir string, opts Options) (*Result, error) {
	opts = opts.withDefaults()
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open repository: %w", err)
	}
	defer root.Close()

	w := &walker{root: root, opts: opts, files: map[string]int64{},
		excluded: make([]int, len(opts.Exclude)), git: &checkout{}}
	if !opts.GitTree {
		w.git = readCheckout(dir)
	}
	if err := w.walkDir(ctx, ".", w.git.prefix, w.git.above, notExcluded); err != nil {
		return nil, err
	}

	res := w.extract(ctx)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res.Diagnostics = append(res.Diagnostics, w.dirDiagnostics...)
	res.Files = w.inventory()
	res.Excluded = w.exclusions()
	res.Skipped = w.skipped
	sortResult(res)
	return res, nil
}

func (o Options) withDefaults() Options {
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

type job struct {
	path       string
	extractors []Extractor
}

type walker struct {
	root     *os.Root
	opts     Options
	files    map[string]int64 // inventory: path to size
	jobs     []job
	excluded []int // files left out, by index in opts.Exclude
	// dirDiagnostics are the directories the walk could not list.
	dirDiagnostics []Diagnostic
	skipped        []Exclusion
	git            *checkout
}

// notExcluded is the exclude index of a path that no exclude glob matched.
const notExcluded = -1

// walkDir inventories the files under dir. Inside a directory an exclude
// glob matched, excludedBy is that glob's index, and files are only counted.
func (w *walker) walkDir(ctx context.Context, dir string, parts []string,
	patterns []gitignore.Pattern, excludedBy int) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	entries, err := fs.ReadDir(w.root.FS(), dir)
	if err != nil {
		w.unreadableDir(dir, err)
		return nil
	}
	patterns = append(slices(patterns), readIgnorePatterns(w.root, path.Join(dir, ".gitignore"), parts)...)
	matcher := gitignore.NewMatcher(patterns)

	for _, e := range entries {
		rel := path.Join(dir, e.Name())
		entryParts := append(slices(parts), e.Name())
		if w.skip(e, rel, entryParts, matcher) {
			continue
		}
		by := excludedBy
		if by == notExcluded {
			by = w.excludeIndex(rel)
		}
		switch {
		case e.IsDir():
			if err := w.walkDir(ctx, rel, entryParts, patterns, by); err != nil {
				return err
			}
		case by != notExcluded:
			w.excluded[by]++
		default:
			w.addFile(e, rel)
		}
	}
	return nil
}

// unreadableDir records a directory the walk could not list as a diagnostic,
// like a file it could not read: the surface under it is unseen, and whoever
// relies on the result must learn that. A name that is not valid UTF-8 (which
// io/fs cannot open) is shown with the invalid bytes replaced.
func (w *walker) unreadableDir(dir string, err error) {
	reason := err.Error()
	if !utf8.ValidString(dir) {
		reason = fmt.Sprintf("its name %q is not valid UTF-8", path.Base(dir))
	}
	w.dirDiagnostics = append(w.dirDiagnostics, Diagnostic{
		Extractor: "tms",
		Message:   "directory not read, nor any file under it: " + redact.Text(reason),
		Location:  Location{Path: strings.ToValidUTF8(dir, "\uFFFD")},
	})
}

// excludeIndex is the index of the first exclude glob that matches rel.
func (w *walker) excludeIndex(rel string) int {
	for i, glob := range w.opts.Exclude {
		if ok, _ := doublestar.Match(glob, rel); ok {
			return i
		}
	}
	return notExcluded
}

func (w *walker) exclusions() []Exclusion {
	out := make([]Exclusion, len(w.opts.Exclude))
	for i, glob := range w.opts.Exclude {
		out[i] = Exclusion{Glob: glob, Files: w.excluded[i]}
	}
	return out
}

func (w *walker) skip(e fs.DirEntry, rel string, parts []string, ignored gitignore.Matcher) bool {
	log := w.opts.Logger
	switch {
	case e.Type()&fs.ModeSymlink != 0:
		log.Debug("skipping symlink: links are not followed", "path", rel)
		return true
	case e.IsDir() && skippedDirs[e.Name()]:
		w.countSkipped(rel)
		return true
	case !e.IsDir() && !e.Type().IsRegular():
		log.Debug("skipping special file", "path", rel)
		return true
	case !w.opts.GitTree && ignored.Match(parts, e.IsDir()) && !w.git.isTracked(rel, e.IsDir()):
		return true
	}
	return false
}

// countSkipped records the tracked files under a skipped folder that an
// extractor matches. Untracked vendored code (node_modules after npm
// install) is no one's change and is not counted.
func (w *walker) countSkipped(dir string) {
	if !w.git.isTracked(dir, true) {
		return
	}
	n := 0
	for file := range w.git.tracked {
		if strings.HasPrefix(file, dir+"/") && w.matched(file) {
			n++
		}
	}
	if n > 0 {
		w.opts.Logger.Debug("skipping tracked files in a tool folder", "path", dir, "files", n)
		w.skipped = append(w.skipped, Exclusion{Glob: dir + "/**", Files: n})
	}
}

// matched reports whether any extractor would read the file at rel.
func (w *walker) matched(rel string) bool {
	for _, x := range w.opts.Extractors {
		if x.Match(rel) {
			return true
		}
	}
	return false
}

func (w *walker) addFile(e fs.DirEntry, rel string) {
	info, err := e.Info()
	if err != nil {
		w.opts.Logger.Debug("skipping unreadable file", "path", rel, "error", err)
		return
	}
	w.files[rel] = info.Size()

	var mine []Extractor
	for _, x := range w.opts.Extractors {
		if x.Match(rel) {
			mine = append(mine, x)
		}
	}
	if len(mine) > 0 {
		w.jobs = append(w.jobs, job{path: rel, extractors: mine})
	}
}

// extract runs the queued jobs on a fixed pool of workers.
func (w *walker) extract(ctx context.Context) *Result {
	var (
		mu   sync.Mutex
		res  Result
		next = make(chan job)
		wg   sync.WaitGroup
	)
	for range w.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				items, diags := w.runJob(j)
				mu.Lock()
				res.Items = append(res.Items, items...)
				res.Diagnostics = append(res.Diagnostics, diags...)
				mu.Unlock()
			}
		}()
	}
	for _, j := range w.jobs {
		if ctx.Err() != nil {
			break
		}
		next <- j
	}
	close(next)
	wg.Wait()
	return &res
}

func (w *walker) runJob(j job) ([]Item, []Diagnostic) {
	content, err := w.ReadFile(j.path)
	if err != nil {
		// No extractor saw the file, so one diagnostic naming them all says
		// everything that one per extractor would, without the repetition.
		return nil, []Diagnostic{diagnostic(claimants(j.extractors), j.path, err)}
	}

	var items []Item
	var diags []Diagnostic
	for _, x := range j.extractors {
		found, err := w.extractSafely(x, File{Path: j.path, Content: content})
		found, garbled := dropGarbled(x.Name(), found)
		items = append(items, found...)
		diags = append(diags, garbled...)
		if err != nil {
			diags = append(diags, diagnostics(x.Name(), j.path, err)...)
		}
	}
	return items, diags
}

// dropGarbled leaves out the items whose id or name holds bytes that are not
// UTF-8, each reported at its line. Such an id cannot be written into the
// threat model or matched by a glob, and would read differently in every
// report, so the file is treated as one the extractor could not read.
func dropGarbled(extractor string, items []Item) ([]Item, []Diagnostic) {
	var diags []Diagnostic
	kept := items[:0]
	for _, it := range items {
		if utf8.ValidString(it.ID) && utf8.ValidString(it.Name) {
			kept = append(kept, it)
			continue
		}
		diags = append(diags, Diagnostic{Extractor: extractor, Location: it.Location,
			Message: "left out a " + it.Kind + " whose name holds bytes that are not UTF-8"})
	}
	return kept, diags
}

// errPanicked stands for an extractor that panicked: a bug in tms that one odd
// file must not turn into a failed run.
var errPanicked = errors.New("the extractor failed on this file (a bug in tms; " +
	"run with --log-level debug for the stack to report)")

// extractSafely runs one extractor on one file, turning a panic into an error.
// The panic's value is left out of the diagnostic because it may quote the
// file, which can hold secrets; the stack, which does not, goes to the log.
func (w *walker) extractSafely(x Extractor, f File) (items []Item, err error) {
	defer func() {
		if r := recover(); r != nil {
			w.opts.Logger.Debug("extractor panicked", "extractor", x.Name(), "path", f.Path,
				"stack", string(debug.Stack()))
			items, err = nil, errPanicked
		}
	}()
	return x.Extract(f, w)
}

// claimants names the extractors that matched a file, sorted and comma-separated.
func claimants(xs []Extractor) string {
	names := make([]string, len(xs))
	for i, x := range xs {
		names[i] = x.Name()
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// ErrTooLarge and ErrBinary are returned by Repo.ReadFile for files that no
// extractor should parse.
var (
	ErrTooLarge = errors.New("file is larger than the size limit")
	ErrBinary   = errors.New("file is binary")
)

// ReadFile implements Repo. It reads only inventoried files, through os.Root so
// that no path can escape the repository.
func (w *walker) ReadFile(p string) ([]byte, error) {
	size, ok := w.files[p]
	if !ok {
		return nil, fmt.Errorf("%s: %w", p, ErrNotInInventory)
	}
	if size > w.opts.MaxFileSize {
		w.opts.Logger.Debug("file not read: larger than the size limit",
			"path", p, "size", size, "limit", w.opts.MaxFileSize)
		return nil, fmt.Errorf("%w of %d bytes (size %d)", ErrTooLarge, w.opts.MaxFileSize, size)
	}
	f, err := w.root.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()

	content, err := io.ReadAll(io.LimitReader(f, w.opts.MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if int64(len(content)) > w.opts.MaxFileSize {
		return nil, fmt.Errorf("%w of %d bytes", ErrTooLarge, w.opts.MaxFileSize)
	}
	if isBinary(content) {
		return nil, ErrBinary
	}
	return content, nil
}

func (w *walker) inventory() []FileInfo {
	files := make([]FileInfo, 0, len(w.files))
	for p, size := range w.files {
		files = append(files, FileInfo{Path: p, Size: size})
	}
	return files
}

// isBinary uses git's own heuristic: a NUL byte in the first 8000 bytes.
func isBinary(content []byte) bool {
	return bytes.IndexByte(content[:min(len(content), 8000)], 0) >= 0
}

// diagnostics turns an extraction error into one diagnostic per joined
// error: a manifest and its lockfile can both be broken, each at its own
// file and line.
func diagnostics(extractor, p string, err error) []Diagnostic {
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []Diagnostic{diagnostic(extractor, p, err)}
	}
	var out []Diagnostic
	for _, e := range joined.Unwrap() {
		out = append(out, diagnostics(extractor, p, e)...)
	}
	return out
}

// diagnostic places err at the file it names, p unless it is a FileError,
// and at its line when it has one. A parser may quote the line it failed
// on, so URL credentials are redacted from the message as from any item.
func diagnostic(extractor, p string, err error) Diagnostic {
	d := Diagnostic{Extractor: extractor, Message: err.Error(), Location: Location{Path: p}}
	var fe *FileError
	if errors.As(err, &fe) {
		d.Message, d.Location.Path, err = fe.Err.Error(), fe.Path, fe.Err
	}
	var le *LineError
	if errors.As(err, &le) {
		d.Message = le.Err.Error()
		d.Location.Line = le.Line
	}
	d.Message = redact.Text(d.Message)
	return d
}

// readIgnorePatterns parses an ignore file; a missing or unreadable one adds
// no patterns. domain is the directory the file applies to.
func readIgnorePatterns(root *os.Root, name string, domain []string) []gitignore.Pattern {
	f, err := root.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	return parseIgnore(f, domain)
}

func parseIgnore(r io.Reader, domain []string) []gitignore.Pattern {
	var patterns []gitignore.Pattern
	scanner := bufio.NewScanner(r)
	for scanner.Scan() {
		line := strings.TrimRight(scanner.Text(), "\r")
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		patterns = append(patterns, gitignore.ParsePattern(line, domain))
	}
	return patterns
}

// slices returns a copy with room for one more element, so that siblings never
// share a backing array.
func slices[T any](s []T) []T {
	return append(make([]T, 0, len(s)+1), s...)
}

func sortResult(r *Result) {
	sort.Slice(r.Files, func(i, j int) bool { return r.Files[i].Path < r.Files[j].Path })
	sort.Slice(r.Skipped, func(i, j int) bool { return r.Skipped[i].Glob < r.Skipped[j].Glob })
	sort.SliceStable(r.Items, func(i, j int) bool { return itemLess(r.Items[i], r.Items[j]) })
	r.Items = dedupe(r.Items)
	sort.Slice(r.Diagnostics, func(i, j int) bool {
		a, b := r.Diagnostics[i], r.Diagnostics[j]
		if a.Location != b.Location {
			return locationLess(a.Location, b.Location)
		}
		if a.Extractor != b.Extractor {
			return a.Extractor < b.Extractor
		}
		return a.Message < b.Message
	})
}

func itemLess(a, b Item) bool {
	if a.ID != b.ID {
		return a.ID < b.ID
	}
	return locationLess(a.Location, b.Location)
}

func locationLess(a, b Location) bool {
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	return a.Line < b.Line
}

// dedupe keeps the first-located item of each id. Two extractors, or one file
// naming the same thing twice, may report one item; the model lists it once.
func dedupe(items []Item) []Item {
	out := items[:0]
	for _, it := range items {
		if len(out) > 0 && it.ID == out[len(out)-1].ID {
			continue
		}
		out = append(out, it)
	}
	return out
}
