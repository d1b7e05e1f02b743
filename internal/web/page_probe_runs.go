package web

import (
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/auth"
	"github.com/bydesign-iot/bydesign/internal/store"
)

type probeRunsPage struct {
	Runs []store.ProbeRun
	Next string
}

// pageProbeRuns lists probe runs for signed-in users: results describe
// devices' exposed services, so they are not public.
func (s *Server) pageProbeRuns(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.signedIn(w, r, auth.ReadPrivate); !ok {
		return
	}
	q := newQuery(r.URL.Query(), "cursor")
	p := page(q)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	list, err := s.st.ListProbeRuns(r.Context(), 0, p)
	if err != nil {
		s.fail(w, r, storeError(err, "cursor"))
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "probe_runs", s.viewFor(r, "Probe runs", probeRunsPage{Runs: list.Items, Next: list.Next}))
}

type probeRunPage struct {
	Run    store.ProbeRun
	Result string
}

// pageProbeRun shows one run and its evidence.
func (s *Server) pageProbeRun(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.signedIn(w, r, auth.ReadPrivate); !ok {
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
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "probe_run", s.viewFor(r, "Probe run "+itoa64(run.ID), probeRunPage{Run: run, Result: indentJSON(run.Result)}))
}
