package web

import (
	"bytes"
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/analysis"
	"github.com/bydesign-iot/bydesign/internal/chart"
)

// svgPolicy lets a chart's own <style> apply and nothing else; charts
// carry no script.
const svgPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"

// apiChart draws a figure as SVG: regions.svg (?grouping=report|m49|
// m49-subregion, ?all=true to count documents added after the report) or
// heatmap.svg (the matrix parameters rows, by and evidence).
func (s *Server) apiChart(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	var err error
	switch r.PathValue("name") {
	case "regions.svg":
		q := newQuery(r.URL.Query(), "grouping", "all")
		grouping := q.oneOf("grouping", chart.RegionGroupings)
		all := q.oneOf("all", []string{"true", "false"}) == "true"
		if q.err != nil {
			s.fail(w, r, q.err)
			return
		}
		if grouping == "" {
			grouping = "report"
		}
		err = chart.RegionChart(&b, s.cat, grouping, !all)
	case "heatmap.svg":
		q := newQuery(r.URL.Query(), "rows", "by", "evidence")
		rows, by, ev := matrixParams(q)
		if q.err != nil {
			s.fail(w, r, q.err)
			return
		}
		m := analysis.ComputeMatrix(s.cat, rows, by, ev)
		err = chart.HeatMap(&b, "Coverage of "+string(rows)+" by "+string(by), m)
	default:
		s.fail(w, r, errorf(http.StatusNotFound, "unknown chart (valid: regions.svg, heatmap.svg)"))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Content-Security-Policy", svgPolicy)
	w.Write(b.Bytes())
}
