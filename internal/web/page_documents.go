package web

import (
	"html/template"
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

type documentsPage struct {
	Filter    docFilter
	Options   options
	Documents []catalog.Document
	Names     map[string]string // jurisdiction id -> name
	Query     template.URL      // the filter as a query string, for the API link
}

// pageDocuments lists documents with the same filters as the API.
func (s *Server) pageDocuments(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseDocFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := documentsPage{Filter: f, Options: s.options(), Documents: s.documents(f), Names: s.jurisdictionNames(), Query: queryURL(r.URL.Query())}
	s.render(w, r, http.StatusOK, "documents", s.newView(r, "Documents", data))
}

func (s *Server) jurisdictionNames() map[string]string {
	m := make(map[string]string, len(s.cat.Jurisdictions))
	for _, j := range s.cat.Jurisdictions {
		m[j.ID] = j.Name
	}
	return m
}
