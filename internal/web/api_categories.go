package web

import "net/http"

// apiCategories lists the report's four categories.
func (s *Server) apiCategories(w http.ResponseWriter, r *http.Request) {
	if err := newQuery(r.URL.Query()).err; err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, s.cat.Categories)
}
