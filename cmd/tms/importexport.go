package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/tms-dev/tms/engine"
	"github.com/tms-dev/tms/extractors/threatmodel"
	"github.com/tms-dev/tms/extractors/threatmodel/convert"
)

const importHeader = `Threat model imported by tms import from %s (%s).
Surface entries came in unreviewed, and every status the source could not
back with a named person and evidence came in as unreviewed or proposed: tms
import listed each one. Review the model, then commit it.`

type importOptions struct {
	*globalOptions
	output string
	force  bool
}

func newImportCmd(global *globalOptions) *cobra.Command {
	opts := &importOptions{globalOptions: global}
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Convert an OTM, Threagile or Threat Dragon model into a tms threat model",
		Long: `Convert another tool's threat model into a tms threat model. The format is
recognised from the content: the Open Threat Model format (OTM, JSON or YAML,
as IriusRisk and StartLeft write it), Threagile YAML, or OWASP Threat Dragon
v2 JSON. Ids, threats, mitigations and statuses are kept by the crosswalk in
docs/threat-model.md.

tms import never approves on anyone's behalf: imported surface is
unreviewed, and a "mitigated" or "accepted" status becomes an implemented
mitigation or an acceptance only when the source names a person and
evidence; otherwise it comes in as proposed or unreviewed. Every element or
status not carried over as it was is listed on stderr, one line each.

The model is written atomically; an existing file is kept unless --force is
given.`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return runImport(opts, args[0])
		},
	}
	cmd.Flags().StringVar(&opts.output, "output", "threat-model.yaml",
		"model file to write, YAML or JSON by its extension")
	cmd.Flags().BoolVar(&opts.force, "force", false, "replace an existing file at --output")
	return cmd
}

func runImport(opts *importOptions, path string) error {
	if err := refuseOverwrite(opts.output, opts.force); err != nil {
		return err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	format, err := convert.Detect(data, path)
	if err != nil {
		return err
	}
	model, unmapped, err := format.Import(data, path)
	if err != nil {
		return err
	}

	for _, u := range unmapped {
		fmt.Fprintf(opts.stderr, "tms import: %s\n", u)
	}
	header := fmt.Sprintf(importHeader, filepath.Base(path), format.Title)
	// Like eval's --output, the file may go into a directory that does not
	// exist yet.
	if err := os.MkdirAll(filepath.Dir(opts.output), 0o755); err != nil {
		return fmt.Errorf("--output: %w", err)
	}
	if err := threatmodel.Write(opts.output, model, header); err != nil {
		return err
	}
	writeImportSummary(opts.stderr, opts.output, path, format, model, len(unmapped))
	return nil
}

// writeImportSummary says what was written, what of it a person in the
// source stands behind, and how much was not carried over.
func writeImportSummary(w io.Writer, output, source string, format convert.Format,
	m *threatmodel.Model, unmapped int) {
	fmt.Fprintf(w, "tms: wrote %s from %s (%s): %d surface entries, %d components, "+
		"%d boundaries, %d threats, %d mitigations, %d acceptances\n",
		output, source, format.Title, len(m.Surface), len(m.Components), len(m.Boundaries),
		len(m.Threats), len(m.Mitigations), len(m.Acceptances))

	reviewed := countFunc(m.Threats,
		func(t threatmodel.Threat) bool { return t.Status == "reviewed" })
	implemented := countFunc(m.Mitigations,
		func(x threatmodel.Mitigation) bool { return x.Status == "implemented" })
	if reviewed+implemented+len(m.Acceptances) > 0 {
		fmt.Fprintf(w, "tms: kept because the source names a person: %d reviewed threats, "+
			"%d implemented mitigations, %d acceptances\n",
			reviewed, implemented, len(m.Acceptances))
	}
	if unmapped > 0 {
		fmt.Fprintf(w, "tms: %d elements or statuses were not carried over as they were "+
			"(listed above); review the model before you commit it\n", unmapped)
	}
}

func countFunc[T any](list []T, keep func(T) bool) int {
	return len(slices.DeleteFunc(slices.Clone(list), func(v T) bool { return !keep(v) }))
}

type exportOptions struct {
	*globalOptions
	format      string
	output      string
	withSurface bool
}

func newExportCmd(global *globalOptions) *cobra.Command {
	opts := &exportOptions{globalOptions: global}
	cmd := &cobra.Command{
		Use:   "export --format otm",
		Short: "Write the threat model in the Open Threat Model format (OTM)",
		Long: `Write the repository's threat model as an Open Threat Model (OTM) JSON
document, for IriusRisk, Threat Dragon and other tools that read OTM. Surface
entries become components grouped in trust zones by exposure; threats and
mitigations keep their ids and are attached to the components their globs
match. What OTM has no field for travels in tms.* attributes, so that
tms import reads the document back with the same threats and mitigations.
What OTM cannot hold is listed on stderr.

With --with-surface, surface found in the repository that the model does
not list yet is exported too, as unreviewed entries.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runExport(cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "otm", "the format to write: otm")
	cmd.Flags().StringVar(&opts.output, "output", "", "file to write (default: stdout)")
	cmd.Flags().BoolVar(&opts.withSurface, "with-surface", false,
		"also export surface the repository has and the model does not list yet")
	return cmd
}

func runExport(cmd *cobra.Command, opts *exportOptions) error {
	if opts.format != "otm" {
		return fmt.Errorf("--format %q: expected otm", opts.format)
	}
	modelPath := engine.ModelPath(opts.repo, opts.model)
	model, err := engine.LoadModel(modelPath)
	if err != nil {
		return err
	}
	if opts.withSurface {
		if err := addUnlistedSurface(cmd, opts.globalOptions, model); err != nil {
			return err
		}
	}

	abs, err := filepath.Abs(opts.repo)
	if err != nil {
		return err
	}
	data, skipped, err := convert.ExportOTM(model, filepath.Base(abs))
	if err != nil {
		return err
	}
	for _, s := range skipped {
		fmt.Fprintf(opts.stderr, "tms export: %s\n", s)
	}
	err = writeOutput(opts.stdout, opts.output, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	if err == nil && opts.output != "" {
		fmt.Fprintf(opts.stderr, "tms: wrote %s from %s: %d surface entries, %d threats, "+
			"%d mitigations\n", opts.output, modelPath, len(model.Surface), len(model.Threats),
			len(model.Mitigations))
	}
	return err
}

// addUnlistedSurface scans the repository and adds what the model does not
// list yet, unreviewed, as tms sync would.
func addUnlistedSurface(cmd *cobra.Command, opts *globalOptions, model *threatmodel.Model) error {
	cfg, err := opts.loadConfig()
	if err != nil {
		return err
	}
	scan, err := engine.ScanRepo(cmd.Context(), opts.repo, cfg, opts.log)
	if err != nil {
		return err
	}
	listed := map[string]bool{}
	for _, s := range model.Surface {
		listed[s.ID] = true
	}
	for _, item := range scan.Items {
		if !listed[item.ID] {
			model.Surface = append(model.Surface, engine.NewSurfaceEntry(item))
		}
	}
	return nil
}
