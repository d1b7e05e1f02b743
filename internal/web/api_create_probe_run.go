package web

import (
	"net/http"
	"strconv"

	"github.com/bydesign-iot/bydesign/internal/auth"
)

// apiCreateProbeRun stores a probe run's evidence, optionally tied to a
// product the caller owns (or any product, for an admin).
func (s *Server) apiCreateProbeRun(w http.ResponseWriter, r *http.Request) {
	p, err := s.apiPrincipal(r, auth.WriteProducts)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in probeRunInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	run, err := in.probeRun(p.User.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if run.ProductID != 0 {
		if _, err := s.ownedProduct(r.Context(), p, run.ProductID, "add probe runs to it"); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	run, err = s.st.CreateProbeRun(r.Context(), s.actor(r, p), run)
	if err != nil {
		s.fail(w, r, storeError(err, "probe run"))
		return
	}
	w.Header().Set("Location", "/api/v1/probe-runs/"+strconv.FormatInt(run.ID, 10))
	s.writeJSON(w, r, http.StatusCreated, run)
}
