package analysis

import (
	"slices"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/catalog/dataset"
)

// TestInternationalSkipsRegions: ISO/IEC 29147 is under INT, which has no
// region. Region groupings leave it out (no empty column), the
// jurisdiction axis and a jurisdiction scope show it.
func TestInternationalSkipsRegions(t *testing.T) {
	c, err := catalog.Load(dataset.FS())
	if err != nil {
		t.Fatal(err)
	}
	iso, ok := c.DocumentIndex("iso-iec-29147")
	if !ok {
		t.Fatal("no iso-iec-29147")
	}
	for _, a := range []Axis{ByRegion, ByM49, BySubregion} {
		cols, of := docGroups(c, a, keeper(AllMappings))
		if of[iso] != -1 {
			t.Errorf("%s: iso-iec-29147 counted in column %v", a, cols[of[iso]])
		}
		for _, col := range cols {
			if col.ID == "" {
				t.Errorf("%s: a column with no region", a)
			}
		}
	}
	cols, of := docGroups(c, ByJurisdiction, keeper(AllMappings))
	if of[iso] < 0 || cols[of[iso]].ID != "INT" {
		t.Errorf("by jurisdiction: iso-iec-29147 not under INT")
	}
	for _, r := range Regions(c, false).Items {
		if r.Region == "" || slices.Contains(r.Jurisdictions, "INT") {
			t.Errorf("region row %+v counts INT", r)
		}
	}
	if _, err := ResolveScope(c, "m49", "nowhere"); err == nil || strings.Contains(err.Error(), "(valid: ,") {
		t.Errorf("m49 scope error lists an empty region: %v", err)
	}
	s, err := ResolveScope(c, "jurisdiction", "INT")
	if err != nil {
		t.Fatal(err)
	}
	if g := ScopeGaps(c, s, AllMappings); !slices.Equal(g.Documents, []string{"iso-iec-29147"}) {
		t.Errorf("INT gaps look at %v", g.Documents)
	}
}
