package web

import (
	"html/template"
	"net/http"
	"net/url"

	"github.com/bydesign-iot/bydesign/internal/markets"
)

type crosswalkPage struct {
	A, B    string
	Direct  bool
	Regimes []option
	Result  *markets.Crosswalk
	Query   template.URL
}

// pageCrosswalk relates two regimes provision by provision: links, and
// what each demands that the other does not.
func (s *Server) pageCrosswalk(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query(), "a", "b", "direct")
	a, b, direct := crosswalkParams(q)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	data := crosswalkPage{A: a, B: b, Direct: direct, Regimes: s.regimes()}
	if a != "" && b != "" {
		x, err := markets.CompareWith(s.cat, a, b, markets.Options{DirectOnly: direct})
		if err != nil {
			s.fail(w, r, marketsError(err))
			return
		}
		data.Result = x
		data.Query = queryURL(url.Values{"a": {a}, "b": {b}, "direct": {boolString(direct)}})
	}
	s.render(w, r, http.StatusOK, "crosswalk", s.newView(r, "Crosswalk", data))
}

// regimes are the choices of a crosswalk: profiles, then documents that
// have provisions.
func (s *Server) regimes() []option {
	var out []option
	for _, p := range s.cat.Profiles {
		out = append(out, option{"profile:" + p.ID, p.Title + " (profile)"})
	}
	for i, d := range s.cat.Documents {
		if len(s.cat.DocProvisions[i]) > 0 {
			out = append(out, option{"doc:" + d.ID, d.Title})
		}
	}
	return out
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
