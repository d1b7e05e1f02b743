package oscal

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var testOptions = Options{LastModified: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Version: "test"}

func testCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(os.DirFS("../markets/testdata/dataset"))
	if err != nil {
		t.Fatalf("load test dataset: %v", err)
	}
	return c
}

func TestExportValidatesAndMatchesGolden(t *testing.T) {
	files, err := Export(testCatalog(t), testOptions)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
		validate(t, f.Name, f.Data)
		golden := filepath.Join("testdata", "golden", f.Name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create)", err)
		}
		if !bytes.Equal(f.Data, want) {
			t.Errorf("%s differs from %s; run go test -update after checking the change", f.Name, golden)
		}
	}
	want := []string{"catalog.json", "profile_label-c-1.json", "profile_label-c-2.json", "profile_law-b.json", "profile_std-a.json", "mapping_practices.json", "mapping_law-b_std-a.json"}
	if !slices.Equal(names, want) {
		t.Errorf("files = %v, want %v", names, want)
	}
}

func TestExportIsDeterministic(t *testing.T) {
	c := testCatalog(t)
	a, err := Export(c, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Export(c, testOptions)
	for i := range a {
		if !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s differs between two runs", a[i].Name)
		}
	}
}

// TestExportContent reads back the decoded documents and checks that the
// facts made it across, not just that the shape is valid.
func TestExportContent(t *testing.T) {
	c := testCatalog(t)
	files, err := Export(c, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string][]byte{}
	for _, f := range files {
		byName[f.Name] = f.Data
	}

	var cd CatalogDocument
	mustDecode(t, byName["catalog.json"], &cd)
	controls := map[string]Control{}
	var walk func(gs []Group)
	walk = func(gs []Group) {
		for _, g := range gs {
			for _, ctl := range g.Controls {
				controls[ctl.ID] = ctl
			}
			walk(g.Groups)
		}
	}
	walk(cd.Catalog.Groups)
	if len(controls) != len(c.Practices)+len(c.Provisions) {
		t.Errorf("catalog has %d controls, want %d practices + %d provisions", len(controls), len(c.Practices), len(c.Provisions))
	}
	ctl, ok := controls["std-a_5.1-1"]
	if !ok {
		t.Fatalf("no control std-a_5.1-1")
	}
	if got := propValues(ctl.Props, "label"); !slices.Equal(got, []string{"5.1-1"}) {
		t.Errorf("label = %v", got)
	}
	if got := propValues(ctl.Props, "condition"); !slices.Equal(got, []string{"uses-passwords"}) {
		t.Errorf("conditions = %v", got)
	}
	if got := propValues(ctl.Props, "verification"); !slices.Equal(got, []string{"declaration", "network-probe"}) {
		t.Errorf("verification = %v", got)
	}
	if ctl.Parts[0].Prose != "Passwords in any state other than factory default are unique per device or set by the user." {
		t.Errorf("statement = %q", ctl.Parts[0].Prose)
	}

	var pd ProfileDocument
	mustDecode(t, byName["profile_label-c-2.json"], &pd)
	if got := pd.Profile.Imports[0].IncludeControls[0].WithIDs; !slices.Equal(got, []string{"label-c_L1-1", "std-a_5.2-1", "label-c_L2-1"}) {
		t.Errorf("label-c-2 imports %v", got)
	}
	mustDecode(t, byName["profile_law-b.json"], &pd)
	if pd.Profile.Modify == nil || pd.Profile.Modify.Alters[0].ControlID != "law-b_1" || pd.Profile.Modify.Alters[0].Adds[0].Props[0].Value != "std-a_5.1-1" {
		t.Errorf("law-b route not recorded: %+v", pd.Profile.Modify)
	}
	// the label route: no provision to name, so a part names scheme and level
	if alters := pd.Profile.Modify.Alters; len(alters) != 2 || alters[1].ControlID != "law-b_3" || len(alters[1].Adds[0].Parts) != 1 {
		t.Fatalf("law-b label route not recorded: %+v", alters)
	} else if p := alters[1].Adds[0].Parts[0]; p.Name != "deemed-met-by-label" || !slices.Equal(propValues(p.Props, "label-scheme"), []string{"label-c"}) ||
		!slices.Equal(propValues(p.Props, "label-min-level"), []string{"2"}) || len(alters[1].Adds[0].Props) != 0 {
		t.Errorf("label route part = %+v", alters[1].Adds[0])
	}

	var md MappingDocument
	mustDecode(t, byName["mapping_law-b_std-a.json"], &md)
	m := md.MappingCollection.Mappings[0]
	var rels []string
	for _, mp := range m.Maps {
		rels = append(rels, mp.Sources[0].IDRef+" "+mp.Relationship+" "+mp.Targets[0].IDRef)
	}
	want := []string{"law-b_1 equivalent-to std-a_5.1-1", "law-b_2 subset-of std-a_5.2-1", "law-b_3 intersects-with std-a_5.3-1"}
	if !slices.Equal(rels, want) {
		t.Errorf("maps = %v, want %v", rels, want)
	}
	if m.Maps[2].ConfidenceScore == nil || m.Maps[2].ConfidenceScore.Category != "low" {
		t.Errorf("derived map lacks low confidence: %+v", m.Maps[2])
	}
	if m.SourceGapSummary == nil || !slices.Equal(m.SourceGapSummary.UnmappedControls[0].WithIDs, []string{"law-b_4"}) {
		t.Errorf("source gap = %+v", m.SourceGapSummary)
	}
	if m.TargetGapSummary == nil || !slices.Equal(m.TargetGapSummary.UnmappedControls[0].WithIDs, []string{"std-a_5.11-1"}) {
		t.Errorf("target gap = %+v", m.TargetGapSummary)
	}
}

func mustDecode(t *testing.T, data []byte, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatal(err)
	}
}

func propValues(ps []Property, name string) []string {
	var out []string
	for _, p := range ps {
		if p.Name == name {
			out = append(out, p.Value)
		}
	}
	return out
}
