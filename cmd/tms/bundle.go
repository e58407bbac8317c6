package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tms-dev/tms/bundles"
	"github.com/tms-dev/tms/engine"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

// bundleFlags choose the organisation bundles a command evaluates and how
// their signatures are verified. The names are OPA's.
type bundleFlags struct {
	refs          []string
	key           string
	keyID         string
	requireSigned optionalBool
}

// optionalBool is a boolean flag that knows whether it was given, since
// --require-signed has a default that depends on each bundle.
type optionalBool struct {
	value, set bool
}

func (b *optionalBool) String() string   { return strconv.FormatBool(b.value) }
func (b *optionalBool) Type() string     { return "bool" }
func (b *optionalBool) IsBoolFlag() bool { return true }

func (b *optionalBool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	b.value, b.set = v, true
	return nil
}

// addBundleFlags gives a command --bundle and the verification flags.
func addBundleFlags(cmd *cobra.Command, f *bundleFlags) {
	fl := cmd.Flags()
	fl.StringArrayVar(&f.refs, "bundle", nil, "organisation policy bundle: a .tar.gz file, a "+
		"directory, an https:// URL or an oci:// reference (repeatable; also bundles: in .tms.yaml)")
	addVerifyFlags(cmd, f)
	fl.Var(&f.requireSigned, "require-signed",
		"refuse bundles without a valid signature (default true for https:// and oci:// bundles)")
	fl.Lookup("require-signed").NoOptDefVal = "true"
}

func addVerifyFlags(cmd *cobra.Command, f *bundleFlags) {
	cmd.Flags().StringVar(&f.key, "verification-key", "",
		"PEM file of the public key (RSA or ECDSA) that bundle signatures must verify with; "+
			"a run with it and no bundle fails")
	cmd.Flags().StringVar(&f.keyID, "verification-key-id", bundles.DefaultKeyID,
		"name of the verification key; never empty")
}

// publicKey reads --verification-key, if given.
func (f *bundleFlags) publicKey() ([]byte, error) {
	if f.key == "" {
		return nil, nil
	}
	key, err := os.ReadFile(f.key)
	if err != nil {
		return nil, fmt.Errorf("--verification-key: %w", err)
	}
	return key, nil
}

// errNoBundle refuses a verification key with nothing to verify. CI that
// passes the organisation's key expects its bundle; without this, a
// repository that deletes bundles: from its .tms.yaml would pass unjudged.
var errNoBundle = errors.New("--verification-key is given but no bundle is: a signed " +
	"organisation bundle was expected (name it with --bundle, or bundles: in .tms.yaml)")

// loadBundles fetches and verifies the bundles that .tms.yaml and --bundle
// name, in that order, and hands them to the engine through cfg.
func (o *globalOptions) loadBundles(ctx context.Context, cfg *engine.Config) error {
	f := &o.bundle
	refs := append(append([]string{}, cfg.Bundles...), f.refs...)
	if len(refs) == 0 && f.key != "" {
		return errNoBundle
	}
	if len(refs) == 0 {
		return nil
	}
	key, err := f.publicKey()
	if err != nil {
		return err
	}
	opts := bundles.LoadOptions{Fetcher: o.fetcher(slices.ContainsFunc(refs, bundles.IsRemote)),
		Key: key, KeyID: f.keyID}
	if f.requireSigned.set {
		opts.RequireSigned = &f.requireSigned.value
	}
	loaded, err := bundles.Load(ctx, refs, opts)
	if err != nil {
		return err
	}
	fromConfig, fromFlags := loaded[:len(cfg.Bundles)], loaded[len(cfg.Bundles):]
	for i := range fromConfig {
		fromConfig[i].Origin = ".tms.yaml"
	}
	for i := range fromFlags {
		fromFlags[i].Origin = "--bundle"
	}
	cfg.LoadedBundles = append(o.dropShadowed(fromConfig, fromFlags), fromFlags...)
	return nil
}

// dropShadowed leaves out each bundle of .tms.yaml with the same roots as
// one given with --bundle: CI names the organisation's bundle on the command
// line, and a repository that also lists it (or pins an older revision) must
// neither stop the run with an overlap nor replace what CI chose. The same
// file twice is dropped silently; another revision is dropped with a warning.
func (o *globalOptions) dropShadowed(fromConfig, fromFlags []engine.Bundle) []engine.Bundle {
	var kept []engine.Bundle
	for _, c := range fromConfig {
		i := slices.IndexFunc(fromFlags, func(f engine.Bundle) bool { return sameRoots(c, f) })
		if i < 0 {
			kept = append(kept, c)
			continue
		}
		f := fromFlags[i]
		if c.Digest == "" || c.Digest != f.Digest {
			o.log.Warn("bundle from .tms.yaml left out: --bundle names one with the same roots",
				"bundle", c.Ref, "revision", c.Revision, "instead", f.Ref,
				"instead_revision", f.Revision)
		}
	}
	return kept
}

// sameRoots reports whether two bundles claim the same set of roots.
func sameRoots(a, b engine.Bundle) bool {
	x, y := slices.Sorted(slices.Values(a.Roots)), slices.Sorted(slices.Values(b.Roots))
	return slices.Equal(x, y)
}

// fetcher reaches remote bundles, with the cache in $TMS_CACHE_DIR or the
// user cache directory when remote ones are to be read.
func (o *globalOptions) fetcher(remote bool) *bundles.Fetcher {
	dir := ""
	if remote {
		var err error
		if dir, err = bundles.DefaultCacheDir(); err != nil {
			o.log.Warn("no cache for remote bundles: each run fetches them again", "error", err)
		}
	}
	return &bundles.Fetcher{Cache: bundles.Cache{Dir: dir}, Limits: bundles.DefaultLimits,
		Log: o.log, Timeout: 30 * time.Second}
}

func newBundleCmd(opts *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bundle",
		Short: "Build, sign, verify and publish organisation policy bundles (OPA's format)",
		Long: `Organisation rules travel as OPA bundles: a .tar.gz of Rego and data files with
a .manifest, signed in .signatures.json. tms reads bundles that opa build
writes, and OPA reads those that tms writes. See docs/bundles.md.`,
	}
	cmd.AddCommand(newBundleBuildCmd(opts), newBundleSignCmd(opts), newBundleVerifyCmd(opts),
		newBundlePushCmd(opts))
	return cmd
}

// signingFlags name the private key that signs a bundle.
type signingFlags struct {
	key, alg, keyID string
}

func addSigningFlags(cmd *cobra.Command, s *signingFlags) {
	cmd.Flags().StringVar(&s.key, "signing-key", "", "PEM file of the private key (RSA or ECDSA)")
	cmd.Flags().StringVar(&s.alg, "signing-alg", "",
		"RS256, ES256, ... (default: chosen from the key, RS256 for RSA)")
	cmd.Flags().StringVar(&s.keyID, "signing-key-id", bundles.DefaultKeyID,
		"key id written in the signature, which verifiers name with --verification-key-id")
}

func (s signingFlags) signing() (*bundles.Signing, error) {
	if s.key == "" {
		return nil, nil
	}
	key, err := os.ReadFile(s.key)
	if err != nil {
		return nil, fmt.Errorf("--signing-key: %w", err)
	}
	return &bundles.Signing{Key: key, KeyID: s.keyID, Algorithm: s.alg}, nil
}

func newBundleBuildCmd(opts *globalOptions) *cobra.Command {
	var out, revision string
	var sign signingFlags
	cmd := &cobra.Command{
		Use:   "build DIR",
		Short: "Check a directory of rules as tms eval would, run its tests, and write a bundle",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			signing, err := sign.signing()
			if err != nil {
				return err
			}
			data, err := bundles.Build(cmd.Context(), args[0], bundles.BuildOptions{
				Revision: revision, Signing: signing, Limits: bundles.DefaultLimits})
			if err != nil {
				return err
			}
			if err := writeBundleFile(out, data); err != nil {
				return err
			}
			return describeBuilt(cmd.Context(), opts.stderr, out, data, signing)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "bundle.tar.gz", "bundle file to write")
	cmd.Flags().StringVarP(&revision, "revision", "r", "", "revision (default: the .manifest's)")
	addSigningFlags(cmd, &sign)
	return cmd
}

func newBundleSignCmd(opts *globalOptions) *cobra.Command {
	var out string
	var sign signingFlags
	cmd := &cobra.Command{
		Use:   "sign FILE",
		Short: "Sign a bundle with a private key, replacing any signature it had",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			signing, err := sign.signing()
			if err != nil {
				return err
			}
			if signing == nil {
				return fmt.Errorf("--signing-key is required")
			}
			data, err := readBundleFile(args[0])
			if err != nil {
				return err
			}
			signed, err := bundles.Sign(data, *signing, bundles.DefaultLimits)
			if err != nil {
				return fmt.Errorf("bundle %s: %w", args[0], err)
			}
			if out == "" {
				out = args[0]
			}
			return writeBundleFile(out, signed)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "signed bundle to write (default: FILE)")
	addSigningFlags(cmd, &sign)
	return cmd
}

func newBundleVerifyCmd(opts *globalOptions) *cobra.Command {
	var f bundleFlags
	cmd := &cobra.Command{
		Use:   "verify FILE",
		Short: "Check a bundle's signature and content; exit 2 if it cannot be trusted",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			key, err := f.publicKey()
			if err != nil || key == nil {
				return fmt.Errorf("--verification-key is required%s", errSuffix(err))
			}
			data, err := readBundleFile(args[0])
			if err != nil {
				return err
			}
			b, err := bundles.Verify(data, args[0], key, f.keyID, bundles.DefaultLimits)
			if err != nil {
				return err
			}
			return writeBundleSummary(opts.stdout, b)
		},
	}
	addVerifyFlags(cmd, &f)
	return cmd
}

func newBundlePushCmd(opts *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "push FILE oci://REGISTRY/REPOSITORY:TAG",
		Short: "Publish a bundle to an OCI registry in OPA's layout (Docker credentials)",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !strings.HasPrefix(args[1], "oci://") {
				return fmt.Errorf("push: %s is not an oci:// reference", args[1])
			}
			data, err := readBundleFile(args[0])
			if err != nil {
				return err
			}
			digest, err := opts.fetcher(false).Push(cmd.Context(), data, args[1])
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(opts.stdout, "pushed %s %s\n", args[1], digest)
			return err
		},
	}
}

func errSuffix(err error) string {
	if err == nil {
		return ""
	}
	return ": " + err.Error()
}

func readBundleFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	if info.Size() > bundles.DefaultLimits.Compressed {
		return nil, fmt.Errorf("bundle %s: %d bytes, over the limit of %d", path, info.Size(),
			bundles.DefaultLimits.Compressed)
	}
	return os.ReadFile(path)
}

func writeBundleFile(path string, data []byte) error {
	return threatmodel.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// describeBuilt says on w what tms bundle build wrote: the file, the
// revision and roots that reports will show, how many rules it carries and
// whether it is signed, so a wrong directory or revision shows at once.
func describeBuilt(ctx context.Context, w io.Writer, path string, data []byte,
	signing *bundles.Signing) error {
	b, err := bundles.Read(data, path, bundles.Verification{}, bundles.DefaultLimits)
	if err != nil {
		return err
	}
	eng, err := engine.New(ctx, engine.Options{Bundles: []engine.Bundle{b}})
	if err != nil {
		return err
	}
	rules := 0
	for _, r := range eng.Rules() {
		if r.Bundle == b.Ref {
			rules++
		}
	}
	signed := "unsigned"
	if signing != nil {
		signed = "signed with key id " + signing.KeyID
	}
	_, err = fmt.Fprintf(w, "tms: wrote %s: revision %s, roots %s, %d rules, %s\n", path,
		b.Revision, strings.Join(b.Roots, ","), rules, signed)
	return err
}

func writeBundleSummary(w io.Writer, b engine.Bundle) error {
	_, err := fmt.Fprintf(w, "verified %s: revision %s, roots %s, %s\n", b.Ref, b.Revision,
		strings.Join(b.Roots, ","), b.Digest)
	return err
}
