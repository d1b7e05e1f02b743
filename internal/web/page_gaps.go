package web

import (
	"html/template"
	"net/http"
	"net/url"

	"github.com/bydesign-iot/bydesign/internal/analysis"
)

type gapsPage struct {
	Options    options
	Kind, ID   string
	Evidence   string
	Scoped     *analysis.Gaps
	Categories []analysis.CategoryGap
	Query      template.URL
	Subregions []option
}

// pageGaps shows the practices a jurisdiction or region lacks, or, with
// no scope, the categories each jurisdiction lacks.
func (s *Server) pageGaps(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query(), "jurisdiction", "region", "m49", "subregion", "evidence")
	sc, scoped := s.gapsScope(q)
	ev := evidence(q)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	data := gapsPage{Options: s.options(), Evidence: string(ev), Subregions: s.subregions()}
	if scoped {
		data.Kind, data.ID = sc.Kind, sc.ID
		data.Scoped = analysis.ScopeGaps(s.cat, sc, ev)
		data.Query = queryURL(url.Values{sc.Kind: {sc.ID}, "evidence": {string(ev)}})
	} else {
		data.Categories = analysis.CategoryGaps(s.cat, ev).Items
		data.Query = queryURL(url.Values{"evidence": {string(ev)}})
	}
	s.render(w, r, http.StatusOK, "gaps", s.newView(r, "Gaps", data))
}

func (s *Server) subregions() []option {
	set := map[string]bool{}
	for _, j := range s.cat.Jurisdictions {
		if !j.Regional() {
			continue
		}
		if j.M49.Subregion != "" {
			set[j.M49.Subregion] = true
		} else {
			set[j.M49.Region] = true
		}
	}
	return plain(sortedSet(set))
}
