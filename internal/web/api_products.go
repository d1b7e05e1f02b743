package web

import (
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/store"
)

// apiProducts lists the product registry, newest first: ?q= searches
// manufacturer and model, ?manufacturer= matches exactly, ?limit= and
// ?cursor= page. The registry is public, like a label's register, but
// declarations are shown only to token holders with read-private.
func (s *Server) apiProducts(w http.ResponseWriter, r *http.Request) {
	if s.st == nil {
		s.fail(w, r, errNoRegistry)
		return
	}
	q := newQuery(r.URL.Query(), "q", "manufacturer", "limit", "cursor")
	f := store.ProductFilter{Query: q.str("q"), Manufacturer: q.str("manufacturer")}
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
	list, err := s.st.ListProducts(r.Context(), f, p)
	writeList(s, w, r, list, err, publicIf(!private, publicProduct))
}

// apiProduct returns one product.
func (s *Server) apiProduct(w http.ResponseWriter, r *http.Request) {
	if s.st == nil {
		s.fail(w, r, errNoRegistry)
		return
	}
	id, ok := pathID(r.PathValue("id"))
	if !ok {
		s.fail(w, r, errNotFound)
		return
	}
	private, err := s.privateReader(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.st.Product(r.Context(), id)
	if err != nil {
		s.fail(w, r, storeError(err, "product"))
		return
	}
	if !private {
		p = publicProduct(p)
	}
	s.writeJSON(w, r, http.StatusOK, p)
}
