package web

import (
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

type documentPage struct {
	Document     *catalog.Document
	Jurisdiction *catalog.Jurisdiction
	Provisions   []*catalog.Provision
	Practices    []*catalog.Practice
}

// pageDocument shows one document, its provisions and the practices it
// maps to.
func (s *Server) pageDocument(w http.ResponseWriter, r *http.Request) {
	d, ok := s.cat.Document(r.PathValue("id"))
	if !ok {
		s.fail(w, r, errNotFound)
		return
	}
	i, _ := s.cat.DocumentIndex(d.ID)
	data := documentPage{Document: d, Jurisdiction: s.indexes.jurByID[d.Jurisdiction], Provisions: s.cat.ProvisionsOf(d.ID)}
	for _, p := range s.cat.DocPractices[i] {
		data.Practices = append(data.Practices, &s.cat.Practices[p])
	}
	s.render(w, r, http.StatusOK, "document", s.newView(r, d.Title, data))
}
