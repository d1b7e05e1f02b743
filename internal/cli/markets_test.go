package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The markets commands are pinned on the invented test dataset, so their
// golden files change only when the code does, not as regimes are added.
const marketsData = "../markets/testdata/dataset"

func TestGoldenMarkets(t *testing.T) {
	cases := map[string][]string{
		"markets-list.txt":             {"markets"},
		"markets-list.json":            {"markets", "list", "--format", "json"},
		"markets-show-law-b.txt":       {"markets", "show", "law-b"},
		"markets-show-label-c-2.json":  {"markets", "show", "label-c-2", "--format", "json"},
		"markets-show-law-b.md":        {"markets", "show", "law-b", "--format", "md"},
		"provisions-std-a.json":        {"provisions", "--document", "std-a", "--format", "json"},
		"provisions-std-a.csv":         {"provisions", "--document", "std-a", "--format", "csv"},
		"provisions-practice.md":       {"provisions", "--practice", "data-deletion", "--format", "md"},
		"provisions-practice.json":     {"provisions", "--practice", "no-default-passwords", "--format", "json"},
		"crosswalk-law-b-std-a.txt":    {"crosswalk", "law-b", "doc:std-a"},
		"crosswalk-law-b-std-a.json":   {"crosswalk", "law-b", "doc:std-a", "--format", "json"},
		"crosswalk-law-b-std-a.csv":    {"crosswalk", "law-b", "doc:std-a", "--format", "csv"},
		"crosswalk-label-c-2-std-a.md": {"crosswalk", "label-c-2", "std-a", "--format", "md"},
		"crosswalk-direct.txt":         {"crosswalk", "law-b", "doc:std-a", "--direct"},
		"markets-on-2024-01-01.txt":    {"markets", "--on", "2024-01-01"},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			code, out, errs := run(t, append(args, "--dataset", marketsData)...)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			golden(t, name, out)
		})
	}
}

func TestMarketsUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string // the whole stderr line
	}{
		{[]string{"provisions", "--document", "nope"}, `bydesign: unknown document "nope" (valid: guide-d, label-c, law-b, std-a)`},
		{[]string{"provisions", "--practice", "nope"}, `bydesign: unknown practice "nope" (valid: data-deletion, no-default-passwords, software-updates, vulnerability-disclosure)`},
		{[]string{"provisions"}, `bydesign: provisions: give exactly one of --document ID or --practice ID`},
		{[]string{"provisions", "--document", "std-a", "--practice", "data-deletion"}, `bydesign: provisions: give exactly one of --document ID or --practice ID`},
		{[]string{"provisions", "--document", "std-a", "extra"}, `bydesign: provisions: unexpected argument "extra"`},
		{[]string{"markets", "show", "nope"}, `bydesign: unknown profile "nope" (valid: label-c-1, label-c-2, law-b, std-a)`},
		{[]string{"markets", "show"}, `bydesign: markets show: give a profile id (valid: label-c-1, label-c-2, law-b, std-a)`},
		{[]string{"markets", "frob"}, `bydesign: markets: unknown subcommand "frob" (valid: list, show ID)`},
		{[]string{"markets", "--format", "xml"}, `bydesign: unknown format "xml" (valid: table, json, csv, md)`},
		{[]string{"markets", "--on", "2024-1-1"}, `bydesign: markets: --on "2024-1-1" is not a day of the form YYYY-MM-DD`},
		{[]string{"markets", "show", "law-b", "--on", "2024-01-01"}, `bydesign: markets show: --on applies to the listing only`},
		{[]string{"crosswalk", "law-b"}, `bydesign: crosswalk: give two document or profile ids, A and B (doc:ID or profile:ID to choose when an id is both)`},
		{[]string{"crosswalk", "law-b", "law-b"}, `bydesign: crosswalk: A and B are both "law-b"; give two different regimes`},
		{[]string{"crosswalk", "law-b", "nope"}, `bydesign: unknown document or profile "nope" (valid: label-c, label-c-1, label-c-2, law-b, std-a)`},
		{[]string{"crosswalk", "law-b", "guide-d"}, `bydesign: document "guide-d" has no provision-level data (documents with provisions: label-c, law-b, std-a)`},
		{[]string{"export", "csv", "--out", "x", "--pair", "law-b"}, `bydesign: export: invalid value "law-b" for flag -pair: "law-b" is not a pair of ids A,B`},
		{[]string{"export", "oscal", "--out", "x", "--pair", "law-b,law-b"}, `bydesign: export: invalid value "law-b,law-b" for flag -pair: "law-b,law-b" pairs law-b with itself`},
		{[]string{"export", "pdf", "--out", "x"}, `bydesign: export: give what to export (valid: csv, oscal), e.g. bydesign export oscal --out DIR`},
		{[]string{"export", "oscal"}, `bydesign: export oscal: --out DIR is required`},
		{[]string{"export", "oscal", "--out", "x", "--last-modified", "yesterday"}, `bydesign: export: --last-modified "yesterday" is not an RFC 3339 time such as 2026-01-02T15:04:05Z`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errs := run(t, append(tt.args, "--dataset", marketsData)...)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d", code, ExitUsage)
			}
			if got := strings.TrimSuffix(errs, "\n"); got != tt.want {
				t.Errorf("stderr:\n got %q\nwant %q", got, tt.want)
			}
			if out != "" {
				t.Errorf("stdout should be empty, got %q", out)
			}
		})
	}
}

// TestExportWritesValidOSCAL runs the export command and validates every
// file it wrote against the OSCAL 1.2.2 schema shipped with the oscal
// package: the catalog, each profile and each mapping collection.
func TestExportWritesValidOSCAL(t *testing.T) {
	for _, dataset := range []string{marketsData, ""} { // the test data, then the built-in data
		t.Run("dataset="+dataset, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "oscal")
			args := []string{"export", "oscal", "--out", dir, "--format", "json"}
			if dataset != "" {
				// an extra crosswalk of two profiles, and the reverse of a
				// linked pair, which must not be written twice
				args = append(args, "--dataset", dataset, "--pair", "label-c-2,std-a", "--pair", "doc:std-a,doc:law-b")
			}
			code, out, errs := run(t, args...)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var listed []exported
			if err := json.Unmarshal([]byte(out), &listed); err != nil {
				t.Fatalf("listing is not JSON: %v\n%s", err, out)
			}
			sch := compileOSCAL(t)
			models := map[string]int{}
			for _, f := range listed {
				models[f.Kind]++
				fh, err := os.Open(filepath.Join(dir, f.Name))
				if err != nil {
					t.Fatal(err)
				}
				inst, err := jsonschema.UnmarshalJSON(fh)
				fh.Close()
				if err != nil {
					t.Fatalf("%s: %v", f.Name, err)
				}
				if err := sch.Validate(inst); err != nil {
					t.Errorf("%s is not valid OSCAL 1.2.2: %v", f.Name, err)
				}
			}
			if models["catalog"] != 1 || models["profile"] == 0 || models["mapping-collection"] == 0 {
				t.Errorf("wrote %v; want a catalog, profiles and mapping collections", models)
			}
			if dataset != "" {
				names := []string{}
				for _, f := range listed {
					names = append(names, f.Name)
				}
				want := []string{"catalog.json", "profile_label-c-1.json", "profile_label-c-2.json", "profile_law-b.json", "profile_std-a.json", "mapping_practices.json", "mapping_law-b_std-a.json", "mapping_profile-label-c-2_profile-std-a.json"}
				if !slices.Equal(names, want) {
					t.Errorf("wrote %v, want %v", names, want)
				}
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != len(listed) {
				t.Errorf("directory holds %d files, listing names %d", len(entries), len(listed))
			}
		})
	}
}

func compileOSCAL(t *testing.T) *jsonschema.Schema {
	t.Helper()
	const path = "../oscal/testdata/oscal_complete_schema-1.2.2.json"
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(path, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func TestExportCSV(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := run(t, "export", "csv", "--out", dir, "--dataset", marketsData, "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	golden(t, "export-csv.json", out)
	got, err := os.ReadFile(filepath.Join(dir, "routes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "profile,provision,all_of,any_label,source_ref,source_locator\nlaw-b,law-b/1,std-a/5.1-1,,test-ref,Schedule 2\nlaw-b,law-b/3,,label-c:2,test-ref,Schedule 2A\n"; string(got) != want {
		t.Errorf("routes.csv = %q, want %q", got, want)
	}
}

func TestExportLastModified(t *testing.T) {
	read := func(args ...string) string {
		dir := t.TempDir()
		code, _, errs := run(t, append([]string{"export", "oscal", "--out", dir, "--dataset", marketsData}, args...)...)
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		b, err := os.ReadFile(filepath.Join(dir, "catalog.json"))
		if err != nil {
			t.Fatal(err)
		}
		var d struct {
			Catalog struct {
				Metadata struct {
					LastModified string `json:"last-modified"`
				} `json:"metadata"`
			} `json:"catalog"`
		}
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatal(err)
		}
		return d.Catalog.Metadata.LastModified
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	if got := read(); got != "2026-11-21T00:00:00Z" {
		t.Errorf("default last-modified = %s", got)
	}
	if got := read("--last-modified", "2025-05-06T07:08:09+02:00"); got != "2025-05-06T05:08:09Z" {
		t.Errorf("flag last-modified = %s", got)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	if got := read(); got != "2023-11-14T22:13:20Z" {
		t.Errorf("SOURCE_DATE_EPOCH last-modified = %s", got)
	}
}

func TestWriteFilesStaysInDir(t *testing.T) {
	dir := t.TempDir()
	err := writeFiles(filepath.Join(dir, "out"), []exported{{Name: "../escape.csv", data: []byte("x")}})
	if err == nil || !strings.Contains(err.Error(), "escape.csv") {
		t.Errorf("writing outside the directory: err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "escape.csv")); err == nil {
		t.Error("a file was written outside the output directory")
	}
}

// TestBuiltinMarketsContract checks the commands' published contract on the
// built-in dataset: field names and the regimes the issue names.
func TestBuiltinMarketsContract(t *testing.T) {
	code, out, errs := run(t, "provisions", "--document", "etsi-en-303-645", "--format", "json")
	if code != ExitOK {
		t.Fatalf("provisions exit %d: %s", code, errs)
	}
	var provs []map[string]any
	if err := json.Unmarshal([]byte(out), &provs); err != nil {
		t.Fatalf("provisions output is not a JSON array: %v", err)
	}
	refs := []string{}
	for _, p := range provs {
		for _, k := range []string{"id", "document", "ref", "summary", "modality", "verification", "practices", "conditions", "source"} {
			if _, ok := p[k]; !ok {
				t.Errorf("provision %v lacks %q", p["id"], k)
			}
		}
		refs = append(refs, p["ref"].(string))
	}
	if !slices.Contains(refs, "5.1-1") {
		t.Errorf("etsi-en-303-645 has no provision 5.1-1; refs %v", refs)
	}

	code, out, errs = run(t, "markets", "--format", "json")
	if code != ExitOK {
		t.Fatalf("markets exit %d: %s", code, errs)
	}
	var ms []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal([]byte(out), &ms); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range ms {
		if m.Title == "" {
			t.Errorf("profile %s has no title", m.ID)
		}
		ids = append(ids, m.ID)
	}
	for _, want := range []string{"eu-cra", "uk-psti", "etsi-en-303-645", "us-ca-sb327", "sg-cls-1", "sg-cls-2", "sg-cls-3", "sg-cls-4"} {
		if !slices.Contains(ids, want) {
			t.Errorf("markets lacks %s (has %v)", want, ids)
		}
	}
	for _, id := range ids {
		if code, _, errs := run(t, "markets", "show", id, "--format", "json"); code != ExitOK {
			t.Errorf("markets show %s: exit %d: %s", id, code, errs)
		}
	}
	if code, _, errs := run(t, "crosswalk", "uk-psti", "etsi-en-303-645", "--format", "csv"); code != ExitOK {
		t.Errorf("crosswalk uk-psti etsi-en-303-645: exit %d: %s", code, errs)
	}
}
