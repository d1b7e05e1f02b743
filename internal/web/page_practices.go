package web

import (
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

type practicesPage struct {
	Filter    practiceFilter
	Options   options
	Practices []catalog.Practice
	Docs      map[string]int // practice id -> documents covering it
}

// pagePractices lists the canonical practices with filters.
func (s *Server) pagePractices(w http.ResponseWriter, r *http.Request) {
	f, err := s.parsePracticeFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := practicesPage{Filter: f, Options: s.options(), Practices: s.practices(f), Docs: map[string]int{}}
	for i, p := range s.cat.Practices {
		data.Docs[p.ID] = len(s.cat.PracticeDocs[i])
	}
	s.render(w, r, http.StatusOK, "practices", s.newView(r, "Practices", data))
}
