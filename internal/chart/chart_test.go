package chart

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/analysis"
	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/catalog/dataset"
)

// wellFormed parses the SVG as XML and counts elements by name.
func wellFormed(t *testing.T, svg string) map[string]int {
	t.Helper()
	n := map[string]int{}
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return n
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			n[se.Name.Local]++
		}
	}
}

func TestBarsEscapeAndScale(t *testing.T) {
	var b bytes.Buffer
	rows := []analysis.RegionCount{{Region: `A & <B>`, Documents: 4, Share: 0.8}, {Region: "C", Documents: 1, Share: 0.2}}
	if err := Bars(&b, `T "x"`, rows); err != nil {
		t.Fatal(err)
	}
	n := wellFormed(t, b.String())
	if n["rect"] != 2 {
		t.Errorf("%d bars, want 2", n["rect"])
	}
	if !strings.Contains(b.String(), "A &amp; &lt;B&gt;") {
		t.Error("region name not escaped")
	}
	// The longest bar spans the plot; the other is a quarter of it.
	if !strings.Contains(b.String(), `width="350"`) || !strings.Contains(b.String(), `width="87"`) {
		t.Errorf("bars not scaled to the largest count:\n%s", b.String())
	}
}

func TestHeatMapCellsAndLabels(t *testing.T) {
	c, err := catalog.Load(dataset.FS())
	if err != nil {
		t.Fatal(err)
	}
	m := analysis.ComputeMatrix(c, analysis.ByPractice, analysis.ByDocument, analysis.AllMappings)
	var b bytes.Buffer
	if err := HeatMap(&b, "H", m); err != nil {
		t.Fatal(err)
	}
	n := wellFormed(t, b.String())
	if want := len(m.RowHeads) * len(m.Columns); n["rect"] != want {
		t.Errorf("%d cells, want %d", n["rect"], want)
	}
	// The longest column label must fit above the grid: top margin grows with it.
	if !strings.Contains(b.String(), "au-smart-device-rules") {
		t.Error("document columns added after the report are missing")
	}
}

func TestRegionChartRejectsUnknownGrouping(t *testing.T) {
	c, err := catalog.Load(dataset.FS())
	if err != nil {
		t.Fatal(err)
	}
	err = RegionChart(io.Discard, c, "planet", true)
	if err == nil || !strings.Contains(err.Error(), "report, m49, m49-subregion") {
		t.Errorf("error %v should list the groupings", err)
	}
	var b bytes.Buffer
	if err := RegionChart(&b, c, "m49", true); err != nil {
		t.Fatal(err)
	}
	if n := wellFormed(t, b.String()); n["rect"] != 4 {
		t.Errorf("m49 chart of the report has %d bars, want 4 (Americas, Europe, Asia, Africa)", n["rect"])
	}
}
