package web

import (
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/auth"
	"github.com/bydesign-iot/bydesign/internal/store"
)

type productPage struct {
	Product     store.Product
	Declaration string
	Assessments []store.Assessment
	CanAssess   bool     // the signed-in user owns it or is an admin
	Markets     []option // profiles to assess against
	Error       string
}

// pageProduct shows a product with its assessments.
func (s *Server) pageProduct(w http.ResponseWriter, r *http.Request) {
	if s.st == nil {
		s.fail(w, r, errNoRegistry)
		return
	}
	id, ok := pathID(r.PathValue("id"))
	if !ok {
		s.fail(w, r, errNotFound)
		return
	}
	s.renderProduct(w, r, id, http.StatusOK, "")
}

func (s *Server) renderProduct(w http.ResponseWriter, r *http.Request, id int64, status int, msg string) {
	p, err := s.st.Product(r.Context(), id)
	if err != nil {
		s.fail(w, r, storeError(err, "product"))
		return
	}
	as, err := s.st.ListAssessments(r.Context(), id, store.Page{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := productPage{Product: p, Assessments: as.Items, Error: msg}
	if private, _ := s.privateReader(r); private {
		data.Declaration = indentJSON(p.Declaration)
	}
	if u, ok, _ := s.session(r); ok && u.Role.Can(auth.WriteProducts) && (u.User.ID == p.OwnerID || u.Role.Can(auth.ManageAccounts)) {
		data.CanAssess = true
		for _, pr := range s.cat.Profiles {
			data.Markets = append(data.Markets, option{pr.ID, pr.Title})
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "product", s.viewFor(r, p.Manufacturer+" "+p.Model, data))
}
