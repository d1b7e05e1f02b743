package web

import "net/http"

// apiDocuments lists documents, filtered by region, m49, jurisdiction,
// kind, legal_force, category, practice and free text q.
func (s *Server) apiDocuments(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseDocFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, s.documents(f))
}

// documentDetail is a document with its provisions and the practices it
// maps to.
type documentDetail struct {
	Document   any      `json:"document"`
	Provisions any      `json:"provisions"`
	Practices  []string `json:"practices"`
}

// apiDocument returns one document with its provisions.
func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) {
	d, ok := s.cat.Document(r.PathValue("id"))
	if !ok {
		s.fail(w, r, errNotFound)
		return
	}
	s.writeJSON(w, r, http.StatusOK, s.documentDetail(d.ID))
}

func (s *Server) documentDetail(id string) documentDetail {
	d, _ := s.cat.Document(id)
	i, _ := s.cat.DocumentIndex(id)
	pracs := []string{}
	for _, p := range s.cat.DocPractices[i] {
		pracs = append(pracs, s.cat.Practices[p].ID)
	}
	provs := s.cat.ProvisionsOf(id)
	if provs == nil {
		return documentDetail{Document: d, Provisions: []any{}, Practices: pracs}
	}
	return documentDetail{Document: d, Provisions: provs, Practices: pracs}
}
