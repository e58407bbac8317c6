package engine

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

// TestBaseline writes the baselines of the example repository and of a
// monorepo (services deployed by Compose and Kubernetes, databases in
// containers, Terraform modules) and compares them with golden files a
// person has read: components, boundaries, STRIDE threats per element and
// proposed mitigations.
func TestBaseline(t *testing.T) {
	tests := map[string]string{
		"../testdata/example":              "testdata/baseline/example.yaml",
		"testdata/baseline/monorepo":       "testdata/baseline/monorepo.yaml",
		"testdata/baseline/terraform-only": "testdata/baseline/terraform-only.yaml",
	}
	for repo, golden := range tests {
		t.Run(golden, func(t *testing.T) {
			model := baselineOf(t, repo)
			checkBaselineGolden(t, model, strings.TrimPrefix(repo, "../"), golden)
			for _, m := range model.Mitigations {
				if m.Status != "proposed" {
					t.Errorf("mitigation %s has status %s: a baseline only proposes", m.ID, m.Status)
				}
			}
			for _, th := range model.Threats {
				if th.Status != "unreviewed" || th.ReviewedBy != "" {
					t.Errorf("threat %s is marked reviewed by the baseline", th.ID)
				}
			}
		})
	}
}

func baselineOf(t *testing.T, repo string) *threatmodel.Model {
	t.Helper()
	templates, err := LoadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	return Baseline(scanOf(t, repo), templates)
}

func scanOf(t *testing.T, repo string) *Scan {
	t.Helper()
	scan, err := ScanRepo(context.Background(), repo, DefaultConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return scan
}

func checkBaselineGolden(t *testing.T, model *threatmodel.Model, repo, golden string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "threat-model.yaml")
	if err := threatmodel.Write(path, model, "baseline of "+repo); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", golden, diff)
	}
}

// TestMonorepoComponents states what the monorepo golden shows, so that a
// regenerated golden cannot quietly undo it: each Terraform module is its
// own component, what deploys a service joins it, and databases and caches
// in containers are data stores behind a boundary.
func TestMonorepoComponents(t *testing.T) {
	model := baselineOf(t, "testdata/baseline/monorepo")
	owner := map[string]string{}
	for _, c := range model.Components {
		for _, g := range c.Surface {
			for _, e := range model.Surface {
				if matchID(g, e.ID) {
					if prev, ok := owner[e.ID]; ok && prev != c.ID {
						t.Errorf("%s is in components %s and %s", e.ID, prev, c.ID)
					}
					owner[e.ID] = c.ID
				}
			}
		}
	}
	want := map[string]string{
		"terraform.resource:infra/terraform/modules/db/main.tf#aws_db_instance.orders": "infra/terraform/modules/db",
		"terraform.resource:infra/terraform/modules/network/main.tf#aws_vpc.main":      "infra/terraform/modules/network",
		"terraform.module:infra/terraform/main.tf#db":                                  "infra/terraform",
		"compose.service:docker-compose.yml#api":                                       "services/api",
		"compose.port:docker-compose.yml#api/8080:8080/tcp":                            "services/api",
		"k8s.workload:deploy/k8s/worker.yaml#default/Deployment/worker":                "services/worker",
		"k8s.workload:deploy/k8s/worker.yaml#default/StatefulSet/sessions":             "deploy",
		"compose.service:docker-compose.yml#db":                                        "root",
	}
	for id, comp := range want {
		if owner[id] != comp {
			t.Errorf("%s is in component %q, want %q", id, owner[id], comp)
		}
	}

	stores := map[string]bool{}
	for _, th := range model.Threats {
		if strings.Contains(th.ID, "-store-") {
			for _, g := range th.AppliesTo {
				stores[g] = true
			}
		}
	}
	for _, id := range []string{"compose.service:docker-compose.yml#db", "compose.service:docker-compose.yml#cache",
		"k8s.workload:deploy/k8s/worker.yaml#default/StatefulSet/sessions"} {
		if !stores[id] {
			t.Errorf("%s faces no data store threats", id)
		}
	}
	boundaries := map[string]bool{}
	for _, bd := range model.Boundaries {
		boundaries[bd.ID] = true
	}
	for _, id := range []string{"root-to-data-stores", "deploy-to-data-stores",
		"infra-terraform-modules-db-to-data-stores"} {
		if !boundaries[id] {
			t.Errorf("no boundary %s", id)
		}
	}
}

// TestTerraformOnlyBaseline: in a repository of Terraform alone, store
// threats apply to the resources that hold data and to nothing that only
// configures them; a public load balancer and a security group open to the
// internet face entry threats and cross the internet boundary; encryption
// set by a separate resource covers the bucket it encrypts.
func TestTerraformOnlyBaseline(t *testing.T) {
	model := baselineOf(t, "testdata/baseline/terraform-only")
	const res = "terraform.resource:main.tf#"
	applies := map[string][]string{} // class part of the threat id -> globs
	for _, th := range model.Threats {
		class := strings.Split(strings.TrimPrefix(th.ID, "T-root-"), "-")[0]
		applies[class] = th.AppliesTo
	}
	want := map[string][]string{
		"store": {res + "aws_db_instance.orders", res + "aws_s3_bucket.logs"},
		"edge":  {res + "aws_lb.web", res + "aws_security_group.web"},
	}
	if diff := cmp.Diff(want, applies); diff != "" {
		t.Errorf("threats apply to (-want +got):\n%s", diff)
	}

	var internet []string
	for _, bd := range model.Boundaries {
		if bd.From == "internet" {
			internet = append(internet, bd.CrossedBy...)
		}
	}
	if diff := cmp.Diff(want["edge"], internet); diff != "" {
		t.Errorf("internet boundary crossed by (-want +got):\n%s", diff)
	}

	for _, m := range model.Mitigations {
		if m.Control == "encryption" && !slices.Contains(m.Covers, res+"aws_s3_bucket.logs") {
			t.Errorf("encryption mitigation %s covers %v, not the bucket", m.ID, m.Covers)
		}
	}
}

// TestBaselineIDsIgnoreTheCheckoutFolder: two clones of one repository in
// folders of different names derive the same component, threat, mitigation
// and boundary ids; only titles name the folder.
func TestBaselineIDsIgnoreTheCheckoutFolder(t *testing.T) {
	scan, err := ScanRepo(context.Background(), "testdata/baseline/monorepo", DefaultConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	templates, err := LoadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	idsOf := func(root string) []string {
		scan.Root = root
		m := Baseline(scan, templates)
		var ids []string
		for _, c := range m.Components {
			ids = append(ids, c.ID)
		}
		for _, th := range m.Threats {
			ids = append(ids, th.ID)
		}
		for _, mi := range m.Mitigations {
			ids = append(ids, mi.ID)
		}
		for _, bd := range m.Boundaries {
			ids = append(ids, bd.ID, bd.From, bd.To)
		}
		return ids
	}
	first, second := idsOf("monorepo"), idsOf("monorepo-clone")
	if diff := cmp.Diff(first, second); diff != "" {
		t.Errorf("ids depend on the folder name (-monorepo +monorepo-clone):\n%s", diff)
	}
	if !slices.Contains(first, "root") {
		t.Errorf("no component root among %v", first)
	}
}

// TestPlaceItemsLeavesAmbiguousDeploymentsAlone: a workload whose image
// names two service directories, or none, stays with its manifest.
func TestPlaceItemsLeavesAmbiguousDeploymentsAlone(t *testing.T) {
	file := func(p string) extractors.Item {
		return extractors.Item{ID: "container.image:" + p, Kind: "container.image",
			Location: extractors.Location{Path: p}}
	}
	workload := func(images ...string) extractors.Item {
		var list []any
		for _, img := range images {
			list = append(list, map[string]any{"image": img})
		}
		return extractors.Item{ID: "k8s.workload:deploy/app.yaml#x", Kind: "k8s.workload",
			Attributes: map[string]any{"images": list}, Location: extractors.Location{Path: "deploy/app.yaml"}}
	}
	tests := []struct {
		name string
		item extractors.Item
		want string
	}{
		{"one match", workload("ghcr.io/shop/api:1"), "services/api"},
		{"same name in two places", workload("shop/web:1"), "deploy"},
		{"two services in one pod", workload("shop/api:1", "shop/worker:1"), "deploy"},
		{"no match", workload("nginx:1.27"), "deploy"},
		{"templated image", workload("{{ .Values.image }}"), "deploy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := []extractors.Item{file("services/api/Dockerfile"), file("services/worker/Dockerfile"),
				file("apps/web/Dockerfile"), file("services/web/Dockerfile"), tt.item}
			if got := placeItems(newLayout(items), items)[len(items)-1]; got != tt.want {
				t.Errorf("placed in %q, want %q", got, tt.want)
			}
		})
	}
}

func TestComponentOf(t *testing.T) {
	tests := map[string]string{
		"Dockerfile":                         ".",
		"web/package.json":                   "web",
		"web/src/app/routes.ts":              "web",
		"services/api/Dockerfile":            "services/api",
		"services/api/internal/server.go":    "services/api",
		"services/Dockerfile":                "services",
		".github/workflows/ci.yml":           ".github",
		"infra/terraform/modules/db/main.tf": "infra/terraform/modules/db",
		"infra/terraform/main.tf":            "infra/terraform",
		"main.tf":                            ".",
	}
	for file, want := range tests {
		if got := newLayout(nil).componentOf(file); got != want {
			t.Errorf("componentOf(%q) = %q, want %q", file, got, want)
		}
	}
}

func TestTemplatesAreChecked(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"classes:\n  - name: x\n    kinds: [k]\n    threats:\n" +
			"      - {stride: sneaking, severity: high, title: t}\n",
			"needs a STRIDE category"},
		{"classes:\n  - name: x\n    kinds: [k]\n    colour: blue\n", "field colour not found"},
		{"classes:\n  - name: x\n    kinds: [k]\n    type_pattern: \"(\"\n", "type_pattern"},
		{"classes:\n  - name: x\n    kinds: [k]\n    image_pattern: \"[\"\n", "image_pattern"},
		{"controls:\n  - title: c\n    mitigates: [luck]\n", `"luck" is not a STRIDE category`},
		{"controls:\n  - title: c\n    control: firewall\n", `control "firewall" is not one tms can check`},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), "templates.yaml")
		if err := os.WriteFile(path, []byte(tt.yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := LoadTemplates(path)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("LoadTemplates(%q) = %v, want an error mentioning %q", tt.yaml, err, tt.want)
		}
	}
}
