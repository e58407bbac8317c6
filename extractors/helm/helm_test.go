package helm

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

const digest = "sha256:4b3c6a1e9f0d2c8b7a6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a"

func extract(t *testing.T, p string) ([]extractors.Item, error) {
	t.Helper()
	return extractortest.ExtractFixture(t, New(), "testdata", p)
}

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		"Chart.yaml": true, "charts/shop/Chart.yaml": true, "charts/shop/values.yaml": true,
		"values-prod.yml": true, "env/values.staging.yaml": true,
		"values.schema.json": false, "values.schema.yaml": false, "chart.yaml": false,
		"Chart.lock": false, "myvalues.yaml": false, "values.txt": false,
	}
	for p, want := range tests {
		if got := New().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

func wantDependency(line int, name, version, repository, alias, condition, source string,
	pinned bool) extractors.Item {
	const chart = "shop/Chart.yaml"
	return extractors.Item{
		ID: "helm.dependency:" + chart + "#" + name, Kind: "helm.dependency", Name: name,
		Exposure: extractors.ExposureInternal,
		Attributes: map[string]any{
			"name": name, "version": version, "repository": repository, "alias": alias,
			"condition": condition, "source": source, "pinned": pinned,
			"chart": "shop", "chart_version": "1.4.0",
		},
		Location: extractors.Location{Path: chart, Line: line},
	}
}

func TestChart(t *testing.T) {
	const bitnami = "oci://registry-1.docker.io/bitnamicharts"
	tests := []struct {
		path     string
		want     []extractors.Item
		wantLine int
		wantErr  string
	}{
		{path: "shop/Chart.yaml", wantLine: 1, wantErr: errTemplatesUnseen.Error(),
			want: []extractors.Item{
				wantDependency(8, "redis", "18.6.1", "https://charts.bitnami.com/bitnami", "",
					"redis.enabled", "repository", true),
				wantDependency(12, "postgresql", "~13.2.0", bitnami, "db", "", "oci", false),
				wantDependency(16, "common", "=2.14.1", bitnami, "", "", "oci", true),
				wantDependency(19, "metrics", "0.3.0", "file://../metrics", "", "", "local", true),
				wantDependency(22, "outside", "1.0.0", "file://../../../elsewhere", "", "",
					"local", false),
				wantDependency(25, "vendored", "0.1.0", "", "", "", "vendored", true),
				wantDependency(27, "partial", "1.2", "@stable", "", "", "repository", false),
			}},
		{path: "lib/Chart.yaml"},
		{path: "broken/Chart.yaml", wantLine: 5,
			wantErr: "parse yaml: did not find expected ',' or ']'"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, err := extract(t, tt.path)
			extractortest.CheckResult(t, got, err, tt.want, tt.wantLine, "")
			if err != nil && errorText(err) != tt.wantErr {
				t.Errorf("error %q, want %q", errorText(err), tt.wantErr)
			}
		})
	}
}

func errorText(err error) string {
	if le, ok := err.(*extractors.LineError); ok {
		return le.Err.Error()
	}
	return err.Error()
}

func image(p, at string, line int, ref, name, tag, dig string, unresolved bool) extractors.Item {
	return extractors.Item{
		ID: "helm.image:" + p + "#" + at, Kind: "helm.image", Name: ref,
		Exposure: extractors.ExposureInternal,
		Attributes: map[string]any{
			"image": name, "tag": tag, "digest": dig, "pinned": dig != "" && !unresolved,
			"unresolved": unresolved, "reference": ref,
		},
		Location: extractors.Location{Path: p, Line: line},
	}
}

func TestValues(t *testing.T) {
	const v = "shop/values.yaml"
	tests := []struct {
		path string
		want []extractors.Item
	}{
		{path: v, want: []extractors.Item{
			image(v, "image", 2, "ghcr.io/example/shop", "ghcr.io/example/shop", "", "", false),
			image(v, "migrations.image", 9, "ghcr.io/example/shop-migrate:2.3.1",
				"ghcr.io/example/shop-migrate", "2.3.1", "", false),
			image(v, "proxy.image", 12, "docker.io/envoyproxy/envoy:v1.29.1@"+digest,
				"envoyproxy/envoy", "v1.29.1", digest, false),
			image(v, "sidecars[0].image", 20, "busybox:latest", "busybox", "latest", "", false),
			image(v, "defaults.initImage", 25, "alpine", "alpine", "", "", false),
			image(v, "worker.initImage", 25, "alpine", "alpine", "", "", false),
			image(v, "images.exporter", 31, "prom/statsd-exporter:0.26.0",
				"prom/statsd-exporter", "0.26.0", "", false),
		}},
		{path: "shop/values-prod.yaml", want: []extractors.Item{
			image("shop/values-prod.yaml", "image", 1, "ghcr.io/example/shop:2.3.1@"+digest,
				"ghcr.io/example/shop", "2.3.1", digest, false),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, err := extract(t, tt.path)
			extractortest.CheckResult(t, got, err, tt.want, 0, "")
		})
	}
}

func TestBrokenValuesKeepTheDocumentsThatParse(t *testing.T) {
	content := []byte("image: nginx:1.25\n---\nimage: [\n")
	got, err := New().Extract(extractors.File{Path: "values.yaml", Content: content}, nil)
	if len(got) != 1 || got[0].ID != "helm.image:values.yaml#image" {
		t.Errorf("items %v", got)
	}
	if line := extractortest.ErrorLine(err); line != 4 {
		t.Errorf("error %v at line %d, want 4", err, line)
	}
}

func TestExactVersion(t *testing.T) {
	tests := map[string]bool{
		"1.2.3": true, "v1.2.3": true, "=1.2.3": true, " = 1.2.3 ": true, "1.2.3-rc.1": true,
		"1.2.3+build.5": true, "1.2": false, "1.2.x": false, "^1.2.3": false, "~1.2.3": false,
		">=1.0.0 <2.0.0": false, "*": false, "": false, "1.2.3 || 1.2.4": false,
	}
	for in, want := range tests {
		if got := exactVersion(in); got != want {
			t.Errorf("exactVersion(%q) = %v, want %v", in, got, want)
		}
	}
}
