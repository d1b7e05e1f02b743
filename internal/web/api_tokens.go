package web

import (
	"net/http"
)

// apiRevokeToken deletes an API token: the caller's own, or anyone's for
// an admin. Another user's token answers 404 to a non-admin, as if it did
// not exist. The store audits the deletion.
func (s *Server) apiRevokeToken(w http.ResponseWriter, r *http.Request) {
	p, err := s.bearer(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, ok := pathID(r.PathValue("id"))
	if !ok {
		s.fail(w, r, errorf(http.StatusNotFound, "token not found"))
		return
	}
	if err := s.auth.RevokeTokenByID(r.Context(), p, requestID(r.Context()), s.source(r), id); err != nil {
		if he, ok := authError(err).(*httpError); ok {
			s.fail(w, r, he)
			return
		}
		s.fail(w, r, storeError(err, "token"))
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
}
