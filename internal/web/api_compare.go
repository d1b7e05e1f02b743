package web

import (
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/analysis"
)

// maxCompare bounds a comparison to what a page can show side by side.
const maxCompare = 12

// compareParams reads ?j= (repeated or comma-separated jurisdiction ids).
func (s *Server) compareParams(q *query) []string {
	ids := q.list("j", s.jurisdictionIDs())
	if len(ids) > maxCompare {
		q.fail("query parameter j: at most %d jurisdictions", maxCompare)
	}
	return ids
}

// apiCompare sets two or more jurisdictions side by side, practice by
// practice: ?j=GB,US,SG&evidence=all&format=json|csv|md.
func (s *Server) apiCompare(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query(), "j", "evidence", "format")
	ids := s.compareParams(q)
	ev, f := evidence(q), parseFormat(q)
	if q.err == nil && len(ids) < 2 {
		q.fail("query parameter j: name at least two jurisdictions, e.g. j=GB,US")
	}
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	s.writeTabular(w, r, f, "compare", analysis.Compare(s.cat, ids, ev))
}
