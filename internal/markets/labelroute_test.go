package markets

import (
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/catalog/dataset"
)

// TestLabelRoutesShown checks that the built-in UK PSTI profile names its
// label routes in the "deemed met by" column, after its provision routes.
func TestLabelRoutesShown(t *testing.T) {
	c, err := catalog.Load(dataset.FS())
	if err != nil {
		t.Fatal(err)
	}
	d, err := Show(c, "uk-psti")
	if err != nil {
		t.Fatal(err)
	}
	g := d.Grid()
	col := -1
	for i, h := range g.Columns {
		if h == "deemed met by" {
			col = i
		}
	}
	label := "a current sg-cls (level 1+) or jp-jc-star (level 1+) label"
	want := map[string]string{
		"sch1-1": "etsi-en-303-645/5.1-1, etsi-en-303-645/5.1-2 or " + label,
		"sch1-2": "etsi-en-303-645/5.2-1 or iso-iec-29147/6.2.2, iso-iec-29147/6.2.5, iso-iec-29147/6.5 or " + label,
		"sch1-3": label,
	}
	for _, row := range g.Rows {
		if w, ok := want[row[1]]; ok {
			if row[col] != w {
				t.Errorf("%s deemed met by %q, want %q", row[1], row[col], w)
			}
			delete(want, row[1])
		}
	}
	if len(want) != 0 {
		t.Errorf("rows missing: %v", want)
	}
}

// TestCrosswalkLeavesLabelRoutesOut: law-b/3 has only a label route to
// label-c, which relates no provisions, so no route link appears for it.
func TestCrosswalkLeavesLabelRoutesOut(t *testing.T) {
	cw, err := Compare(testCatalog(t), "law-b", "doc:label-c")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range cw.Links {
		if l.Basis == "route" || strings.Contains(l.Rationale, "all of  are met") {
			t.Errorf("label route became a link: %+v", l)
		}
	}
}
