package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/analysis"
)

type comparePage struct {
	Options  options
	Selected []string
	Evidence string
	Result   *analysis.Comparison
	Agree    int          // practices every selected jurisdiction covers
	Missing  int          // practices none covers
	Query    template.URL // encoded here, so the template need not escape it
}

// pageCompare sets chosen jurisdictions side by side (journey 1: which
// practices do binding regimes agree on, which are missing everywhere).
func (s *Server) pageCompare(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query(), "j", "evidence")
	ids := s.compareParams(q)
	ev := evidence(q)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	data := comparePage{Options: s.options(), Selected: ids, Evidence: string(ev)}
	if len(ids) >= 2 {
		data.Result = analysis.Compare(s.cat, ids, ev)
		for _, p := range data.Result.Practices {
			switch p.Agreement {
			case "all":
				data.Agree++
			case "none":
				data.Missing++
			}
		}
		data.Query = queryURL(url.Values{"j": {strings.Join(ids, ",")}, "evidence": {string(ev)}})
	}
	s.render(w, r, http.StatusOK, "compare", s.newView(r, "Compare jurisdictions", data))
}
