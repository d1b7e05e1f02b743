package catalog_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/catalog/dataset"
)

func builtin(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(dataset.FS())
	if err != nil {
		t.Fatalf("built-in dataset: %v", err)
	}
	return c
}

// The report's Annex 1 and Annex 2 shape, as facts the dataset must keep.
func TestBuiltinHoldsTheReport(t *testing.T) {
	c := builtin(t)
	numbered := map[int]bool{}
	jur := map[string]bool{}
	for _, d := range c.Documents {
		if d.Number != 0 {
			numbered[d.Number] = true
			jur[d.Jurisdiction] = true
			if d.Source.Ref != "is3c-2023" {
				t.Errorf("document #%d: source %q, want the report", d.Number, d.Source.Ref)
			}
		}
	}
	for n := 1; n <= 30; n++ {
		if !numbered[n] {
			t.Errorf("Annex 1 document #%d missing", n)
		}
	}
	if len(numbered) != 30 || len(jur) != 18 {
		t.Errorf("got %d numbered documents from %d jurisdictions, want 30 from 18", len(numbered), len(jur))
	}
	if len(c.Coverage) != 19 {
		t.Errorf("Annex 2 rows: got %d, want 19", len(c.Coverage))
	}
	two := 0
	for _, p := range c.Practices {
		if len(p.Categories) == 2 {
			two++
		}
	}
	if two != 1 {
		t.Errorf("practices in two categories: got %d, want 1", two)
	}
	if len(c.Questions) != 5 {
		t.Errorf("questions: got %d, want 5", len(c.Questions))
	}
	recs := 0
	for _, r := range c.Recommendations {
		if r.Kind == "recommendation" {
			recs++
		}
	}
	if recs != 5 {
		t.Errorf("recommendations: got %d, want 5", recs)
	}
}

// Every sourced record points at a known reference, and every mapping ends
// at records that exist (Load enforces it; this guards the guarantee).
func TestBuiltinMappingsResolveAndAreSourced(t *testing.T) {
	c := builtin(t)
	if len(c.Mappings) == 0 {
		t.Fatal("no mappings")
	}
	for _, m := range c.Mappings {
		if _, ok := c.Reference(m.Source.Ref); !ok {
			t.Errorf("mapping %s -> %s: unknown source %q", m.From, m.To, m.Source.Ref)
		}
		if !slices.Contains(catalog.Relations, m.Relation) {
			t.Errorf("mapping %s -> %s: relation %q", m.From, m.To, m.Relation)
		}
	}
	for _, p := range c.Provisions {
		if len(p.Practices) == 0 && p.NoPractice == "" {
			t.Errorf("provision %s maps to no practice and says not why", p.ID)
		}
	}
}

// mutate copies the built-in dataset and replaces text in one file.
func mutate(t *testing.T, file, old, new string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(dataset.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(dataset.FS(), p)
		if err != nil {
			return err
		}
		if p == file {
			if !strings.Contains(string(b), old) {
				t.Fatalf("%s does not contain %q", file, old)
			}
			b = []byte(strings.Replace(string(b), old, new, 1))
		}
		m[p] = &fstest.MapFile{Data: b}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestBrokenDatasetIsRejectedWithPlace(t *testing.T) {
	cases := []struct {
		name, file, old, new, want string
	}{
		{"annex number", "is3c/annex2.yaml", "numbers: [7, 11, 18]", "numbers: [7, 11, 81]", "is3c/annex2.yaml:43: field numbers: no document has number 81"},
		{"practice ref", "is3c/annex2.yaml", "practice: network-security", "practice: net-sec", `field practice: unknown practice "net-sec"`},
		{"category", "practices.yaml", "categories: [secure-updating]\n    stakeholders: [manufacturer, user]", "categories: [updates]\n    stakeholders: [manufacturer, user]", `field categories: unknown category "updates"`},
		{"jurisdiction", "is3c/documents.yaml", "jurisdiction: KE", "jurisdiction: XK", `field jurisdiction: unknown jurisdiction "XK"`},
		{"duplicate id", "is3c/documents.yaml", "id: nl-roadmap-iot-2020", "id: nl-roadmap-iot", `duplicate document id "nl-roadmap-iot"`},
		{"unsourced", "practices.yaml", `source: {ref: is3c-2023, locator: "Annex 2, row 9"}`, `source: {locator: "Annex 2, row 9"}`, "field source: has no source reference"},
		{"unknown source", "practices.yaml", `source: {ref: is3c-2023, locator: "Annex 2, row 9"}`, `source: {ref: hearsay}`, `field source: unknown reference "hearsay"`},
		{"bad date", "is3c/documents.yaml", `published: "2016-11"`, `published: "2016-13"`, `field published: "2016-13" is not a valid date`},
		{"claim practice", "is3c/claims.yaml", "practice: transparency-cooperation", "practice: openness", `unknown practice "openness"`},
		{"unknown field", "categories.yaml", "  - id: privacy", "  - id: privacy\n    colour: red", "categories.yaml:5: field colour: unknown field \"colour\""},
		{"negated condition", "markets/etsi-en-303-645.yaml", "not:constrained-device]", "not:tiny]", `field conditions: unknown condition "not:tiny"`},
		{"syntax", "jurisdictions.yaml", "jurisdictions:", "jurisdictions: [", "jurisdictions.yaml"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := catalog.Load(mutate(t, tc.file, tc.old, tc.new))
			if err == nil {
				t.Fatal("broken dataset loaded without error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error does not say %q:\n%v", tc.want, err)
			}
		})
	}
}

func TestResolveProfileChain(t *testing.T) {
	m := fstest.MapFS{"d.yaml": {Data: []byte(`references: [{id: r, title: R, kind: standard}]
categories: [{id: c, name: C, summary: S}]
practices: [{id: p, name: P, summary: S, categories: [c], stakeholders: [manufacturer], source: {ref: r}}]
jurisdictions: [{id: EU, name: EU, group: G, m49: {region: Europe, source: {ref: r}}, source: {ref: r}}]
documents: [{id: std, title: T, issuer: I, jurisdiction: EU, kind: standard, legal_force: voluntary, language: en, added_after_report: true, source: {ref: r}}]
`)}, "p.yaml": {Data: []byte(`document: std
provisions:
  - {ref: "1", summary: a, modality: shall, binds: [manufacturer], verification: [declaration], maps: [{practice: p, relation: subset}], level: "1", source: {ref: r}}
  - {ref: "2", summary: b, modality: should, binds: [manufacturer], verification: [declaration], maps: [{practice: p, relation: subset}], level: "2", source: {ref: r}}
  - {ref: "3", summary: c, modality: shall, binds: [manufacturer], verification: [declaration], no_practice: "scope rule", level: "2", source: {ref: r}}
profiles:
  - {id: l1, title: L1, kind: label, jurisdiction: EU, summary: s, include: [{document: std, levels: ["1"]}], source: {ref: r}}
  - {id: l2, title: L2, kind: label, jurisdiction: EU, summary: s, extends: l1, include: [{document: std, levels: ["2"], modality: [shall]}], source: {ref: r}}
`)}}
	c, err := catalog.Load(m)
	if err != nil {
		t.Fatal(err)
	}
	rp, err := c.Resolve("l2")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range rp.Provisions {
		got = append(got, p.Ref)
	}
	if strings.Join(got, ",") != "1,3" {
		t.Errorf("l2 provisions = %v, want [1 3]", got)
	}
	if _, err := c.Resolve("l9"); err == nil || !strings.Contains(err.Error(), "l1, l2") {
		t.Errorf("unknown profile error %v should list valid ids", err)
	}
	if c.Provisions[0].Practices[0] != "p" {
		t.Errorf("provision practices not derived from maps: %v", c.Provisions[0].Practices)
	}
}
