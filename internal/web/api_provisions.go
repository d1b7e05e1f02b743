package web

import "net/http"

// apiProvisions lists provisions, filtered by document, jurisdiction,
// practice, modality, verification and q.
func (s *Server) apiProvisions(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseProvisionFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, s.provisions(f))
}
