package web

import (
	"net/http"
	"strconv"

	"github.com/bydesign-iot/bydesign/internal/auth"
	"github.com/bydesign-iot/bydesign/internal/store"
)

// auditQuery reads the audit filters: ?actor= (user id), ?action=,
// ?target_type=, ?target_id=, and paging.
func auditQuery(q *query) (store.AuditFilter, store.Page) {
	f := store.AuditFilter{Action: q.str("action"), TargetType: q.str("target_type"), TargetID: q.str("target_id")}
	if v := q.str("actor"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			q.fail("query parameter actor: expected a user id")
		}
		f.ActorID = n
	}
	return f, page(q)
}

// apiAudit pages through the audit log, newest first. Admins only: it
// shows who did what to which record.
func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) {
	if _, err := s.apiPrincipal(r, auth.ManageAccounts); err != nil {
		s.fail(w, r, err)
		return
	}
	q := newQuery(r.URL.Query(), "actor", "action", "target_type", "target_id", "limit", "cursor")
	f, p := auditQuery(q)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	list, err := s.st.ListAudit(r.Context(), f, p)
	writeList(s, w, r, list, err, nil)
}
