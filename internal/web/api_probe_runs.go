package web

import (
	"net/http"
	"strconv"

	"github.com/bydesign-iot/bydesign/internal/auth"
)

// apiProbeRuns lists probe runs, newest first, optionally of one product
// (?product=ID). Probe results describe devices' exposed services, so
// reading them needs a token with read-private.
func (s *Server) apiProbeRuns(w http.ResponseWriter, r *http.Request) {
	if _, err := s.apiPrincipal(r, auth.ReadPrivate); err != nil {
		s.fail(w, r, err)
		return
	}
	q := newQuery(r.URL.Query(), "product", "limit", "cursor")
	var product int64
	if v := q.str("product"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			q.fail("query parameter product: expected a product id")
		}
		product = n
	}
	p := page(q)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	list, err := s.st.ListProbeRuns(r.Context(), product, p)
	writeList(s, w, r, list, err, nil)
}

// apiProbeRun returns one probe run.
func (s *Server) apiProbeRun(w http.ResponseWriter, r *http.Request) {
	if _, err := s.apiPrincipal(r, auth.ReadPrivate); err != nil {
		s.fail(w, r, err)
		return
	}
	id, ok := pathID(r.PathValue("id"))
	if !ok {
		s.fail(w, r, errNotFound)
		return
	}
	run, err := s.st.ProbeRun(r.Context(), id)
	if err != nil {
		s.fail(w, r, storeError(err, "probe run"))
		return
	}
	s.writeJSON(w, r, http.StatusOK, run)
}
