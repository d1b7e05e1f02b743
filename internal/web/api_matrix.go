package web

import (
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/analysis"
)

// matrixParams reads ?rows=, ?by= and ?evidence= for the coverage matrix.
func matrixParams(q *query) (rows, by analysis.Axis, ev analysis.Evidence) {
	rows, by = analysis.ByPractice, analysis.ByJurisdiction
	if v := q.oneOf("rows", axisNames(analysis.RowAxes)); v != "" {
		rows = analysis.Axis(v)
	}
	if v := q.oneOf("by", axisNames(analysis.ColumnAxes)); v != "" {
		by = analysis.Axis(v)
	}
	return rows, by, evidence(q)
}

func evidence(q *query) analysis.Evidence {
	if v := q.oneOf("evidence", []string{string(analysis.AllMappings), string(analysis.ReportAnnex2)}); v != "" {
		return analysis.Evidence(v)
	}
	return analysis.AllMappings
}

func axisNames(as []analysis.Axis) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = string(a)
	}
	return out
}

// apiMatrix returns the coverage matrix of practices (or categories) by
// jurisdiction, document, region, m49, subregion or category.
func (s *Server) apiMatrix(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query(), "rows", "by", "evidence", "format")
	rows, by, ev := matrixParams(q)
	f := parseFormat(q)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	m := analysis.ComputeMatrix(s.cat, rows, by, ev)
	s.writeTabular(w, r, f, "matrix-"+string(rows)+"-by-"+string(by), m)
}
