package web

import (
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/store"
)

type productsPage struct {
	Q        string
	Products []store.Product
	Next     string
}

// pageProducts lists the registry (public), with search and paging.
func (s *Server) pageProducts(w http.ResponseWriter, r *http.Request) {
	if s.st == nil {
		s.fail(w, r, errNoRegistry)
		return
	}
	q := newQuery(r.URL.Query(), "q", "cursor", "limit")
	data := productsPage{Q: q.str("q")}
	p := page(q)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	list, err := s.st.ListProducts(r.Context(), store.ProductFilter{Query: data.Q}, p)
	if err != nil {
		s.fail(w, r, storeError(err, "cursor"))
		return
	}
	data.Products, data.Next = list.Items, list.Next
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "products", s.viewFor(r, "Products", data))
}
