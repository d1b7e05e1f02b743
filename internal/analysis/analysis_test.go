package analysis

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

func small(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(os.DirFS("testdata/small"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMatrixByJurisdiction(t *testing.T) {
	c := small(t)
	m := ComputeMatrix(c, ByPractice, ByJurisdiction, AllMappings)
	want := map[string][]int{ // practice -> counts for AA, BB, CC
		"p1": {1, 1, 0},
		"p2": {2, 0, 0},
		"p3": {0, 0, 1},
	}
	for r, h := range m.RowHeads {
		var got []int
		for col := range m.Columns {
			got = append(got, m.Count(r, col))
		}
		if !slices.Equal(got, want[h.ID]) {
			t.Errorf("%s: counts %v, want %v", h.ID, got, want[h.ID])
		}
	}
	rep := ComputeMatrix(c, ByPractice, ByJurisdiction, ReportAnnex2)
	if rep.RowTotal(2) != 0 {
		t.Errorf("report evidence must ignore the curated mapping of d5")
	}
}

func TestMatrixCategoryRowsCountDocumentsOnce(t *testing.T) {
	c := small(t)
	m := ComputeMatrix(c, ByCategory, ByJurisdiction, ReportAnnex2)
	// d1 covers p1 and p2, both in category a: counted once for AA.
	if got := m.Count(0, 0); got != 2 {
		t.Errorf("category a in AA: %d documents, want 2 (d1 once, d2)", got)
	}
	if got := m.Documents(0, 0); !slices.Equal(got, []string{"d1", "d2"}) {
		t.Errorf("documents %v", got)
	}
	// By category columns: p2 is in a and b, so it shows under both.
	mc := ComputeMatrix(c, ByPractice, ByCategory, ReportAnnex2)
	if mc.Count(1, 0) != 2 || mc.Count(1, 1) != 2 || mc.Count(0, 1) != 0 {
		t.Errorf("practice by category wrong: %d %d %d", mc.Count(1, 0), mc.Count(1, 1), mc.Count(0, 1))
	}
}

func TestGapsAndCompare(t *testing.T) {
	c := small(t)
	s, err := ResolveScope(c, "region", "g1")
	if err != nil {
		t.Fatal(err)
	}
	g := ScopeGaps(c, s, AllMappings)
	if g.Covered != 2 || len(g.Missing) != 1 || g.Missing[0].Practice != "p3" || !slices.Equal(g.Missing[0].Elsewhere, []string{"CC"}) {
		t.Errorf("gaps of G1: %+v", g)
	}
	if _, err := ResolveScope(c, "m49", "R9"); err == nil || !strings.Contains(err.Error(), "R1, R2") {
		t.Errorf("bad region error: %v", err)
	}
	// d5 is a later addition: the report's evidence does not see it, and
	// under all evidence its curated mapping covers it.
	for _, ev := range []Evidence{ReportAnnex2, AllMappings} {
		un := UnmappedDocuments(c, ev).Items
		if len(un) != 1 || un[0].ID != "d4" {
			t.Errorf("unmapped (%s): %+v", ev, un)
		}
	}
	cg := CategoryGaps(c, AllMappings).Items
	// AA covers both through p2; BB lacks b; CC (only the curated d5, p3) lacks a.
	if len(cg) != 2 || cg[0].Jurisdiction != "BB" || !slices.Equal(cg[0].Missing, []string{"b"}) || !slices.Equal(cg[1].Missing, []string{"a"}) {
		t.Errorf("category gaps: %+v", cg)
	}
	cmp := Compare(c, []string{"AA", "BB"}, ReportAnnex2)
	agree := []string{cmp.Practices[0].Agreement, cmp.Practices[1].Agreement, cmp.Practices[2].Agreement}
	if !slices.Equal(agree, []string{"all", "some", "none"}) {
		t.Errorf("agreement %v", agree)
	}
}

func TestConsistencyFindsEachKind(t *testing.T) {
	c := small(t)
	kinds := map[string]int{}
	for _, d := range Consistency(c).Items {
		kinds[d.Kind]++
	}
	want := map[string]int{
		KindCount: 1, KindJurisdiction: 1, KindPractice: 1, // c1: stated 3 of 2; #2 under BB; #2 lacks p1
		KindUnknownDoc: 1, KindLegalForce: 1, KindCategory: 2, // c2: #9; #4 voluntary; #3 (p1 only) and #4 not in b
		KindDocTotal: 1, KindJurTotal: 1, KindJurList: 2, // 5 vs 4; 2 vs 3; BB count, CC absent
	}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("kind %s: %d findings, want %d (all: %v)", k, kinds[k], n, kinds)
		}
	}
	if len(kinds) != len(want) {
		t.Errorf("unexpected kinds: %v", kinds)
	}
}

func TestRegionsReproduceFigure2(t *testing.T) {
	c := small(t)
	for _, r := range Regions(c, true).Items {
		if r.Grouping == "report" && r.Region == "G1" && (r.Documents != 3 || r.Share != 0.75) {
			t.Errorf("G1: %+v", r)
		}
		if r.Grouping == "m49" && r.Region == "R2" && r.Documents != 1 {
			t.Errorf("R2 counts only the report's document: %+v", r)
		}
	}
}
