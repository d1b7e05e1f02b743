package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/auth"
)

type newProductPage struct {
	Manufacturer, Model, Versions, Declaration string
	Error                                      string
}

// pageNewProduct shows the form to add a product; signed-in users whose
// role may write products only.
func (s *Server) pageNewProduct(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.signedIn(w, r, auth.WriteProducts); !ok {
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "product_new", s.viewFor(r, "Add a product", newProductPage{}))
}

// pageCreateProduct handles the form. Cross-origin posts are refused before
// this runs (http.CrossOriginProtection); the session cookie is SameSite.
func (s *Server) pageCreateProduct(w http.ResponseWriter, r *http.Request) {
	p, ok := s.signedIn(w, r, auth.WriteProducts)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.maxBody)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errTooLarge)
		return
	}
	f := r.PostForm
	data := newProductPage{Manufacturer: f.Get("manufacturer"), Model: f.Get("model"), Versions: f.Get("versions"), Declaration: f.Get("declaration")}
	in := productInput{Manufacturer: data.Manufacturer, Model: data.Model}
	for _, v := range strings.Split(data.Versions, ",") {
		if v = strings.TrimSpace(v); v != "" {
			in.Versions = append(in.Versions, v)
		}
	}
	if d := strings.TrimSpace(data.Declaration); d != "" {
		if !json.Valid([]byte(d)) {
			data.Error = "declaration: not valid JSON"
		}
		in.Declaration = json.RawMessage(d)
	}
	prod, err := in.product(s.cat, p.User.ID)
	if data.Error == "" && err != nil {
		data.Error = err.Error()
	}
	if data.Error == "" {
		prod, err = s.st.CreateProduct(r.Context(), s.actor(r, p), prod)
		if err != nil {
			he, ok := storeError(err, "product").(*httpError)
			if !ok {
				s.fail(w, r, err)
				return
			}
			data.Error = he.msg
		}
	}
	if data.Error != "" {
		s.render(w, r, http.StatusBadRequest, "product_new", s.viewFor(r, "Add a product", data))
		return
	}
	http.Redirect(w, r, "/products/"+strconv.FormatInt(prod.ID, 10), http.StatusSeeOther)
}
