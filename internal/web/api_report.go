package web

import (
	"net/http"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/analysis"
	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/render"
)

// reportTables are the IS3C report's tables and figures, regenerated from
// the catalog, by name.
var reportTables = []struct {
	name  string
	title string
	build func(c *catalog.Catalog) render.Tabular
}{
	{"annex1", "Annex 1: source documents", func(c *catalog.Catalog) render.Tabular { return analysis.Annex1(c) }},
	{"annex2", "Annex 2: practices and the documents that contain them", func(c *catalog.Catalog) render.Tabular { return analysis.Annex2(c) }},
	{"regions", "Figure 2: documents by region", func(c *catalog.Catalog) render.Tabular { return analysis.Regions(c, true) }},
	{"consistency", "Where the report's text and annexes disagree", func(c *catalog.Catalog) render.Tabular { return analysis.Consistency(c) }},
	{"questions", "Research questions", func(c *catalog.Catalog) render.Tabular { return analysis.Questions(c) }},
	{"recommendations", "Recommendations", func(c *catalog.Catalog) render.Tabular { return analysis.Recommendations(c) }},
	{"claims", "Claims in the report's text", func(c *catalog.Catalog) render.Tabular { return analysis.Claims(c) }},
}

func reportTableNames() []string {
	out := make([]string, len(reportTables))
	for i, t := range reportTables {
		out[i] = t.name
	}
	return out
}

// apiReport returns one of the report's regenerated tables as JSON, CSV or
// Markdown.
func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query(), "format")
	f := parseFormat(q)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	name := r.PathValue("table")
	for _, t := range reportTables {
		if t.name == name {
			s.writeTabular(w, r, f, "is3c-"+name, t.build(s.cat))
			return
		}
	}
	s.fail(w, r, errorf(http.StatusNotFound, "unknown report table "+quote(name)+" (valid: "+strings.Join(reportTableNames(), ", ")+")"))
}
