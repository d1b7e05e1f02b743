package web

import (
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

// apiJurisdictions lists jurisdictions, filtered by region (the report's
// group) and m49 region.
func (s *Server) apiJurisdictions(w http.ResponseWriter, r *http.Request) {
	js, err := s.filterJurisdictions(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, js)
}

func (s *Server) filterJurisdictions(r *http.Request) ([]catalog.Jurisdiction, error) {
	q := newQuery(r.URL.Query(), "region", "m49")
	region, m49 := q.oneOf("region", s.indexes.groups), q.oneOf("m49", s.indexes.m49)
	if q.err != nil {
		return nil, q.err
	}
	out := []catalog.Jurisdiction{}
	for _, j := range s.cat.Jurisdictions {
		if (region == "" || j.Group == region) && (m49 == "" || j.M49.Region == m49) {
			out = append(out, j)
		}
	}
	return out, nil
}
