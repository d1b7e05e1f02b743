package cli

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// run calls the CLI as main does and returns its exit code and output.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from golden file; diff:\n%s", name, lineDiff(string(want), got))
	}
}

// lineDiff shows the first differing lines, enough to locate a change.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n- " + wl + "\n+ " + gl + "\n")
			shown++
		}
	}
	return b.String()
}

// The report's artefacts are pinned in every format. Analyses that would
// change as curated mappings are added use --evidence report, so these files
// change only when the report's data does.
func TestGoldenReports(t *testing.T) {
	cases := map[string][]string{
		"annex1.json":         {"report", "annex1", "--format", "json"},
		"annex1.md":           {"report", "annex1", "--format", "md"},
		"annex2.json":         {"report", "annex2", "--format", "json"},
		"annex2.txt":          {"report", "annex2"},
		"annex2.csv":          {"report", "annex2", "--format", "csv"},
		"regions.json":        {"report", "regions", "--format", "json"},
		"regions.txt":         {"report", "regions"},
		"consistency.json":    {"report", "consistency", "--format", "json"},
		"consistency.md":      {"report", "consistency", "--format", "md"},
		"questions.json":      {"report", "questions", "--format", "json"},
		"recommendations.csv": {"report", "recommendations", "--format", "csv"},
		"claims.md":           {"report", "claims", "--format", "md"},
		"matrix-jur.json":     {"matrix", "--by", "jurisdiction", "--evidence", "report", "--format", "json"},
		"matrix-doc.txt":      {"matrix", "--by", "document", "--evidence", "report"},
		"matrix-region.csv":   {"matrix", "--by", "region", "--evidence", "report", "--format", "csv"},
		"matrix-m49.md":       {"matrix", "--by", "m49", "--evidence", "report", "--format", "md"},
		"matrix-cat.json":     {"matrix", "--rows", "category", "--by", "jurisdiction", "--evidence", "report", "--format", "json"},
		"gaps-ke.json":        {"gaps", "--jurisdiction", "KE", "--evidence", "report", "--format", "json"},
		"gaps-africa.txt":     {"gaps", "--m49", "Africa", "--evidence", "report"},
		"gaps-unmapped.json":  {"gaps", "--unmapped", "--evidence", "report", "--format", "json"},
		"gaps-categories.csv": {"gaps", "--categories", "--evidence", "report", "--format", "csv"},
		"compare-us-gb.json":  {"compare", "US", "GB", "--evidence", "report", "--format", "json"},
		"compare-3.md":        {"compare", "BR", "UY", "AR", "--evidence", "report", "--format", "md"},
		"chart-regions.svg":   {"chart", "regions"},
		"chart-m49.svg":       {"chart", "regions", "--grouping", "m49"},
		"chart-heatmap.svg":   {"chart", "heatmap", "--evidence", "report"},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			code, out, errOut := run(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			golden(t, name, out)
		})
	}
}
