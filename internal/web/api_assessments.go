package web

import (
	"net/http"
)

// apiAssessments lists a product's assessments, newest first; the full
// results only for token holders with read-private.
func (s *Server) apiAssessments(w http.ResponseWriter, r *http.Request) {
	if s.st == nil {
		s.fail(w, r, errNoRegistry)
		return
	}
	id, ok := pathID(r.PathValue("id"))
	if !ok {
		s.fail(w, r, errNotFound)
		return
	}
	q := newQuery(r.URL.Query(), "limit", "cursor")
	p := page(q)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	private, err := s.privateReader(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.st.Product(r.Context(), id); err != nil {
		s.fail(w, r, storeError(err, "product"))
		return
	}
	list, err := s.st.ListAssessments(r.Context(), id, p)
	writeList(s, w, r, list, err, publicIf(!private, publicAssessment))
}
