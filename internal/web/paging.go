package web

import (
	"strconv"

	"github.com/bydesign-iot/bydesign/internal/store"
)

// page reads ?limit= and ?cursor= for registry lists.
func page(q *query) store.Page {
	var p store.Page
	if v := q.str("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > store.MaxLimit {
			q.fail("query parameter limit: expected 1 to %d", store.MaxLimit)
		}
		p.Limit = n
	}
	p.Cursor = q.str("cursor")
	return p
}

// pathID reads a numeric id from the path; anything else is not found.
func pathID(s string) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n > 0
}
