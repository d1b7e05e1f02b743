package web

import (
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

type practicePage struct {
	Practice   *catalog.Practice
	Documents  []*catalog.Document
	Provisions []catalog.Provision
}

// pagePractice shows one practice with the documents and provisions that
// map to it.
func (s *Server) pagePractice(w http.ResponseWriter, r *http.Request) {
	p, ok := s.cat.Practice(r.PathValue("id"))
	if !ok {
		s.fail(w, r, errNotFound)
		return
	}
	i, _ := s.cat.PracticeIndex(p.ID)
	data := practicePage{Practice: p, Provisions: s.provisions(provisionFilter{Practice: p.ID})}
	for _, d := range s.cat.PracticeDocs[i] {
		data.Documents = append(data.Documents, &s.cat.Documents[d])
	}
	s.render(w, r, http.StatusOK, "practice", s.newView(r, p.Name, data))
}
