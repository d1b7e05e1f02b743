package web

import (
	"html/template"
	"net/http"
	"net/url"

	"github.com/bydesign-iot/bydesign/internal/analysis"
	"github.com/bydesign-iot/bydesign/internal/chart"
)

type matrixCellView struct {
	Count int
	Title string
}

type matrixRowView struct {
	ID, Label string
	Total     int
	Cells     []matrixCellView
}

type coveragePage struct {
	Rows, By, Evidence string
	RowAxes, ByAxes    []option
	Columns            []analysis.Column
	Matrix             []matrixRowView
	ChartQuery         template.URL
	Grouping           string
	Groupings          []option
	Regions            []analysis.RegionCount
}

// pageCoverage shows the coverage heat map (an SVG with the same matrix as
// a table for screen readers and copying) and the regional chart.
func (s *Server) pageCoverage(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query(), "rows", "by", "evidence", "grouping")
	rows, by, ev := matrixParams(q)
	grouping := q.oneOf("grouping", chart.RegionGroupings)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	if grouping == "" {
		grouping = "report"
	}
	m := analysis.ComputeMatrix(s.cat, rows, by, ev)
	data := coveragePage{
		Rows: string(rows), By: string(by), Evidence: string(ev),
		RowAxes: plain(axisNames(analysis.RowAxes)), ByAxes: plain(axisNames(analysis.ColumnAxes)),
		Columns:    m.Columns,
		ChartQuery: queryURL(url.Values{"rows": {string(rows)}, "by": {string(by)}, "evidence": {string(ev)}}),
		Grouping:   grouping, Groupings: plain(chart.RegionGroupings),
	}
	for ri, h := range m.RowHeads {
		row := matrixRowView{ID: h.ID, Label: h.Label, Total: m.RowTotal(ri)}
		for ci, c := range m.Columns {
			row.Cells = append(row.Cells, matrixCellView{Count: m.Count(ri, ci), Title: c.Label})
		}
		data.Matrix = append(data.Matrix, row)
	}
	for _, rc := range analysis.Regions(s.cat, true).Items {
		if rc.Grouping == grouping {
			data.Regions = append(data.Regions, rc)
		}
	}
	s.render(w, r, http.StatusOK, "coverage", s.newView(r, "Coverage", data))
}
