package web

import "net/http"

// apiPractices lists practices, filtered by category, stakeholder and q.
func (s *Server) apiPractices(w http.ResponseWriter, r *http.Request) {
	f, err := s.parsePracticeFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, s.practices(f))
}

// practiceDetail is a practice with the documents that cover it.
type practiceDetail struct {
	Practice  any      `json:"practice"`
	Documents []string `json:"documents"`
}

// apiPractice returns one practice and the documents that map to it.
func (s *Server) apiPractice(w http.ResponseWriter, r *http.Request) {
	p, ok := s.cat.Practice(r.PathValue("id"))
	if !ok {
		s.fail(w, r, errNotFound)
		return
	}
	s.writeJSON(w, r, http.StatusOK, s.practiceDetail(p.ID))
}

func (s *Server) practiceDetail(id string) practiceDetail {
	p, _ := s.cat.Practice(id)
	i, _ := s.cat.PracticeIndex(id)
	docs := []string{}
	for _, d := range s.cat.PracticeDocs[i] {
		docs = append(docs, s.cat.Documents[d].ID)
	}
	return practiceDetail{Practice: p, Documents: docs}
}
