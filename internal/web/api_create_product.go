package web

import (
	"net/http"
	"strconv"

	"github.com/bydesign-iot/bydesign/internal/auth"
)

// apiCreateProduct adds a product to the registry. It needs a bearer token
// whose role may write products; the caller becomes the owner. The store
// writes the audit entry in the same transaction.
func (s *Server) apiCreateProduct(w http.ResponseWriter, r *http.Request) {
	p, err := s.apiPrincipal(r, auth.WriteProducts)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in productInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	prod, err := in.product(s.cat, p.User.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	prod, err = s.st.CreateProduct(r.Context(), s.actor(r, p), prod)
	if err != nil {
		s.fail(w, r, storeError(err, "product"))
		return
	}
	w.Header().Set("Location", "/api/v1/products/"+strconv.FormatInt(prod.ID, 10))
	s.writeJSON(w, r, http.StatusCreated, prod)
}
