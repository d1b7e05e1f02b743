package web

import (
	"html/template"
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

type provisionsPage struct {
	Filter     provisionFilter
	Options    options
	Provisions []catalog.Provision
	Query      template.URL
}

// pageProvisions lists provisions with the API's filters.
func (s *Server) pageProvisions(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseProvisionFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := provisionsPage{Filter: f, Options: s.options(), Provisions: s.provisions(f), Query: queryURL(r.URL.Query())}
	s.render(w, r, http.StatusOK, "provisions", s.newView(r, "Provisions", data))
}
