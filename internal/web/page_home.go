package web

import "net/http"

type homePage struct {
	Documents, Jurisdictions, Practices, Categories int
}

// pageHome is the start page: what is in the catalog and where to go.
func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) {
	data := homePage{len(s.cat.Documents), len(s.cat.Jurisdictions), len(s.cat.Practices), len(s.cat.Categories)}
	v := s.newView(r, "Security by design for IoT, as data", data)
	s.render(w, r, http.StatusOK, "home", v)
}
