package web

import (
	"net/http"
	"strconv"

	"github.com/bydesign-iot/bydesign/internal/auth"
)

// apiCreateAssessment records an assessment result for a product. A
// manufacturer may add results only to its own products; an admin to any.
func (s *Server) apiCreateAssessment(w http.ResponseWriter, r *http.Request) {
	p, err := s.apiPrincipal(r, auth.WriteProducts)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, ok := pathID(r.PathValue("id"))
	if !ok {
		s.fail(w, r, errNotFound)
		return
	}
	if _, err := s.ownedProduct(r.Context(), p, id, "add assessments"); err != nil {
		s.fail(w, r, err)
		return
	}
	var in assessmentInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.assessment(in, id, p.User.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err = s.st.CreateAssessment(r.Context(), s.actor(r, p), a)
	if err != nil {
		s.fail(w, r, storeError(err, "assessment"))
		return
	}
	w.Header().Set("Location", "/api/v1/products/"+strconv.FormatInt(id, 10)+"/assessments")
	s.writeJSON(w, r, http.StatusCreated, a)
}
