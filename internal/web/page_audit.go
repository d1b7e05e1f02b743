package web

import (
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/auth"
	"github.com/bydesign-iot/bydesign/internal/store"
)

type auditPage struct {
	Entries []store.AuditEntry
	Next    string
	Action  string
}

// pageAudit shows the audit log to admins.
func (s *Server) pageAudit(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.signedIn(w, r, auth.ManageAccounts); !ok {
		return
	}
	q := newQuery(r.URL.Query(), "actor", "action", "target_type", "target_id", "limit", "cursor")
	f, p := auditQuery(q)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	list, err := s.st.ListAudit(r.Context(), f, p)
	if err != nil {
		s.fail(w, r, storeError(err, "cursor"))
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "audit", s.viewFor(r, "Audit log", auditPage{Entries: list.Items, Next: list.Next, Action: f.Action}))
}
