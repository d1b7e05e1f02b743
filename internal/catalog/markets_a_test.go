package catalog_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/catalog/dataset"
)

func loadBuiltin(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(dataset.FS())
	if err != nil {
		t.Fatalf("load built-in dataset: %v", err)
	}
	return c
}

// etsiMandatory lists the V2.1.1 provisions whose status in the standard's
// Annex B table is M or M C. Written out here, independent of the dataset,
// so a changed modality in the data fails the test.
var etsiMandatory = []string{
	"4-1",
	"5.1-1", "5.1-2", "5.1-3", "5.1-4", "5.1-5",
	"5.2-1",
	"5.3-2", "5.3-3", "5.3-7", "5.3-8", "5.3-10", "5.3-13", "5.3-16",
	"5.4-1", "5.4-2", "5.4-3", "5.4-4",
	"5.5-1", "5.5-5", "5.5-7", "5.5-8",
	"5.6-1", "5.6-2", "5.6-4",
	"5.8-2", "5.8-3",
	"5.11-1",
	"5.13-1",
	"6-1", "6-2", "6-3", "6-5",
}

// etsiClauseCounts is how many provisions each clause of V2.1.1 numbers.
var etsiClauseCounts = map[string]int{
	"4": 1, "5.1": 5, "5.2": 3, "5.3": 16, "5.4": 4, "5.5": 8, "5.6": 9, "5.7": 2,
	"5.8": 3, "5.9": 3, "5.10": 1, "5.11": 4, "5.12": 3, "5.13": 1, "6": 5,
}

func TestETSIEN303645Provisions(t *testing.T) {
	c := loadBuiltin(t)
	provs := c.ProvisionsOf("etsi-en-303-645")
	if len(provs) != 68 {
		t.Fatalf("ETSI EN 303 645 V2.1.1: got %d provisions, want 68", len(provs))
	}
	seen := map[string]bool{}
	perClause := map[string]int{}
	var shall, should []string
	for _, p := range provs {
		if seen[p.Ref] {
			t.Errorf("ref %q appears twice", p.Ref)
		}
		seen[p.Ref] = true
		clause, n, ok := strings.Cut(p.Ref, "-")
		if !ok || n == "" {
			t.Errorf("ref %q is not of the form CLAUSE-N", p.Ref)
		}
		perClause[clause]++
		switch p.Modality {
		case "shall":
			shall = append(shall, p.Ref)
		case "should":
			should = append(should, p.Ref)
		default:
			t.Errorf("%s: modality %q, want shall or should", p.Ref, p.Modality)
		}
		if p.Source.Ref != "etsi-en-303-645-v2.1.1" || p.Source.Locator != "clause "+p.Ref {
			t.Errorf("%s: source %+v, want the V2.1.1 standard at clause %s", p.Ref, p.Source, p.Ref)
		}
		if p.Title == "" {
			t.Errorf("%s: no title", p.Ref)
		}
	}
	for clause, want := range etsiClauseCounts {
		if perClause[clause] != want {
			t.Errorf("clause %s: got %d provisions, want %d", clause, perClause[clause], want)
		}
	}
	if len(shall) != 33 || len(should) != 35 {
		t.Errorf("split: got %d mandatory and %d recommended, want 33 and 35", len(shall), len(should))
	}
	want := slices.Clone(etsiMandatory)
	slices.Sort(want)
	slices.Sort(shall)
	if !slices.Equal(shall, want) {
		t.Errorf("mandatory provisions differ:\n got %v\nwant %v", shall, want)
	}
}

// Provisions the standard marks conditional carry the product fact that
// decides whether they apply.
func TestETSIConditions(t *testing.T) {
	c := loadBuiltin(t)
	tests := []struct {
		ref  string
		want []string
	}{
		{"5.1-1", []string{"uses-passwords"}},
		{"5.1-4", []string{"has-user-authentication"}},
		{"5.3-10", []string{"updatable", "has-network-interface"}},
		{"5.3-14", []string{"constrained-device"}},
		{"5.4-2", []string{"has-device-identity"}},
		{"5.6-4", []string{"has-debug-interface"}},
		{"5.10-1", []string{"sends-telemetry"}},
		{"6-2", []string{"relies-on-consent"}},
		{"5.2-1", nil},
		{"5.3-13", nil},
	}
	for _, tt := range tests {
		p, ok := c.Provision("etsi-en-303-645/" + tt.ref)
		if !ok {
			t.Errorf("%s: missing", tt.ref)
			continue
		}
		if !slices.Equal(p.Conditions, tt.want) {
			t.Errorf("%s: conditions %v, want %v", tt.ref, p.Conditions, tt.want)
		}
	}
}

func TestMarketsAProfilesResolve(t *testing.T) {
	c := loadBuiltin(t)
	tests := []struct {
		id       string
		kind     string
		count    int      // exact number of provisions, 0 to skip
		contains []string // provision ids that must be selected
		excludes []string // provision ids that must not be selected
	}{
		{id: "etsi-en-303-645", kind: "market", count: 68, contains: []string{"etsi-en-303-645/4-1", "etsi-en-303-645/6-5"}},
		{id: "uk-psti", kind: "market", count: 3, contains: []string{"uk-psti/sch1-1", "uk-psti/sch1-2", "uk-psti/sch1-3"}},
		{id: "sg-cls-1", kind: "label", count: 10,
			contains: []string{"etsi-en-303-645/5.1-1", "etsi-en-303-645/5.3-13", "sg-cls/level-1-declaration"},
			excludes: []string{"etsi-en-303-645/5.5-1", "sg-cls/level-3-security-by-design"}},
		{id: "sg-cls-2", kind: "label", count: 33 + 2,
			contains: []string{"etsi-en-303-645/5.5-1", "etsi-en-303-645/6-1", "sg-cls/level-1-validity"},
			excludes: []string{"etsi-en-303-645/5.3-4", "sg-cls/level-3-security-by-design", "sg-cls/level-3-binary-analysis"}},
		{id: "sg-cls-3", kind: "label", count: 37,
			contains: []string{"sg-cls/level-3-security-by-design", "sg-cls/level-3-binary-analysis"},
			excludes: []string{"sg-cls/level-4-penetration-test"}},
		{id: "sg-cls-4", kind: "label", count: 38, contains: []string{"sg-cls/level-4-penetration-test", "sg-cls/level-1-validity"}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			rp, err := c.Resolve(tt.id)
			if err != nil {
				t.Fatal(err)
			}
			if rp.Profile.Kind != tt.kind {
				t.Errorf("kind %q, want %q", rp.Profile.Kind, tt.kind)
			}
			if len(rp.Provisions) == 0 {
				t.Fatal("resolves to no provisions")
			}
			if tt.count != 0 && len(rp.Provisions) != tt.count {
				t.Errorf("got %d provisions, want %d", len(rp.Provisions), tt.count)
			}
			got := map[string]bool{}
			for _, p := range rp.Provisions {
				got[p.ID] = true
			}
			for _, id := range tt.contains {
				if !got[id] {
					t.Errorf("does not select %s", id)
				}
			}
			for _, id := range tt.excludes {
				if got[id] {
					t.Errorf("selects %s, which belongs to a higher level or another regime", id)
				}
			}
		})
	}
	// Each CLS level keeps everything the level below demands.
	for lvl := 2; lvl <= 4; lvl++ {
		lo, _ := c.Resolve("sg-cls-" + string(rune('0'+lvl-1)))
		hi, _ := c.Resolve("sg-cls-" + string(rune('0'+lvl)))
		if !containsAll(hi.Provisions, lo.Provisions) || len(hi.Provisions) <= len(lo.Provisions) {
			t.Errorf("sg-cls-%d does not strictly extend sg-cls-%d", lvl, lvl-1)
		}
	}
}

func containsAll(big, small []*catalog.Provision) bool {
	for _, s := range small {
		if !slices.Contains(big, s) {
			return false
		}
	}
	return true
}

// Every provision in these regimes maps to a practice or says why not, and
// names its source clause.
func TestMarketsAProvisionsMappedAndSourced(t *testing.T) {
	c := loadBuiltin(t)
	for _, doc := range []string{"etsi-en-303-645", "uk-psti", "sg-cls"} {
		provs := c.ProvisionsOf(doc)
		if len(provs) == 0 {
			t.Errorf("%s: no provisions", doc)
		}
		for _, p := range provs {
			if len(p.Practices) == 0 && p.NoPractice == "" {
				t.Errorf("%s: maps to no practice and gives no reason", p.ID)
			}
			if len(p.Practices) > 0 && p.NoPractice != "" {
				t.Errorf("%s: both maps and no_practice", p.ID)
			}
			if p.Source.Locator == "" {
				t.Errorf("%s: source has no locator", p.ID)
			}
			if ref, ok := c.Reference(p.Source.Ref); !ok || ref.URL == "" {
				t.Errorf("%s: source reference %q has no URL", p.ID, p.Source.Ref)
			}
		}
	}
}

func TestUKPSTI(t *testing.T) {
	c := loadBuiltin(t)
	d, ok := c.Document("uk-psti")
	if !ok {
		t.Fatal("document uk-psti missing")
	}
	if d.Jurisdiction != "GB" || d.Kind != "regulation" || d.LegalForce != "mandatory" || d.InForce != "2024-04-29" || !d.AddedAfter {
		t.Errorf("document facts: %+v", d)
	}
	rp, err := c.Resolve("uk-psti")
	if err != nil {
		t.Fatal(err)
	}
	routed := map[string][][]string{}
	labelled := map[string][]catalog.LabelRequirement{}
	for _, r := range rp.Routes {
		for _, a := range r.AllOf {
			if _, ok := c.Provision(a); !ok {
				t.Errorf("route for %s: %s does not resolve", r.Provision, a)
			}
		}
		if len(r.AllOf) > 0 {
			routed[r.Provision] = append(routed[r.Provision], r.AllOf)
		}
		if len(r.AnyLabel) > 0 {
			if labelled[r.Provision] != nil {
				t.Errorf("two label routes for %s", r.Provision)
			}
			labelled[r.Provision] = r.AnyLabel
			if r.Source.Ref != "uk-si-2025-1267" || !r.Source.Unverified {
				t.Errorf("label route for %s: source %+v, want the unverified (No. 2) Regulations 2025", r.Provision, r.Source)
			}
		}
	}
	// Schedule 2 routes, as read in the published text; paragraph 3 has
	// no provision route encoded (see uk-psti.yaml).
	wantRoutes := map[string][][]string{
		"uk-psti/sch1-1": {{"etsi-en-303-645/5.1-1", "etsi-en-303-645/5.1-2"}},
		"uk-psti/sch1-2": {{"etsi-en-303-645/5.2-1"}, {"iso-iec-29147/6.2.2", "iso-iec-29147/6.2.5", "iso-iec-29147/6.5"}},
	}
	if len(routed) != len(wantRoutes) {
		t.Errorf("routes for %d provisions, want %d: %v", len(routed), len(wantRoutes), routed)
	}
	for prov, all := range wantRoutes {
		if !slices.EqualFunc(routed[prov], all, slices.Equal) {
			t.Errorf("routes for %s: got %v, want %v", prov, routed[prov], all)
		}
	}
	// SI 2025/1267: a current JC-STAR level 1 or CLS label of any level
	// meets each of the three paragraphs.
	wantLabels := []catalog.LabelRequirement{{Scheme: "sg-cls", MinLevel: 1}, {Scheme: "jp-jc-star", MinLevel: 1}}
	for _, prov := range []string{"uk-psti/sch1-1", "uk-psti/sch1-2", "uk-psti/sch1-3"} {
		got := labelled[prov]
		if !slices.EqualFunc(got, wantLabels, func(a, b catalog.LabelRequirement) bool { return a.Scheme == b.Scheme && a.MinLevel == b.MinLevel }) {
			t.Errorf("label route for %s: got %+v, want %+v", prov, got, wantLabels)
		}
	}
	if len(labelled) != 3 {
		t.Errorf("label routes for %d provisions, want 3", len(labelled))
	}
	iso := c.ProvisionsOf("iso-iec-29147")
	if len(iso) != 3 {
		t.Fatalf("ISO/IEC 29147 provisions: got %d, want the 3 clauses PSTI accepts", len(iso))
	}
	for _, p := range iso {
		if !p.Source.Unverified || p.Source.Ref != "uk-si-2023-1007" || !slices.Contains(p.Practices, "vulnerability-disclosure") {
			t.Errorf("%s: source %+v, practices %v; want unverified, from the regulation, mapped to vulnerability-disclosure", p.ID, p.Source, p.Practices)
		}
	}
	// Each Schedule 1 paragraph has a typed crosswalk entry to ETSI.
	want := map[string]string{
		"uk-psti/sch1-1": "etsi-en-303-645/5.1-1",
		"uk-psti/sch1-2": "etsi-en-303-645/5.2-1",
		"uk-psti/sch1-3": "etsi-en-303-645/5.3-13",
	}
	for prov, etsi := range want {
		found := false
		for _, m := range c.Mappings {
			if m.From == "prov:"+prov && m.To == "prov:"+etsi {
				found = true
			}
		}
		if !found {
			t.Errorf("no mapping from %s to %s", prov, etsi)
		}
	}
}
