package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/bydesign-iot/bydesign/internal/auth"
)

// pageRunAssessment handles the product page's "Assess" form: it runs the
// built-in assessment for the ticked markets and shows the product again.
func (s *Server) pageRunAssessment(w http.ResponseWriter, r *http.Request) {
	p, ok := s.signedIn(w, r, auth.WriteProducts)
	if !ok {
		return
	}
	id, ok := pathID(r.PathValue("id"))
	if !ok {
		s.fail(w, r, errNotFound)
		return
	}
	if !s.parseForm(w, r) {
		return
	}
	if _, err := s.assessProduct(r, p, id, r.PostForm["market"], time.Time{}); err != nil {
		he, ok := err.(*httpError)
		if !ok || he.status == http.StatusNotFound {
			s.fail(w, r, err)
			return
		}
		s.renderProduct(w, r, id, he.status, he.msg)
		return
	}
	http.Redirect(w, r, "/products/"+strconv.FormatInt(id, 10)+"#assessments", http.StatusSeeOther)
}
