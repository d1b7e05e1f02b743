package web

import (
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/analysis"
)

// scopeKinds are the ways a gap analysis can be scoped, as query names.
var scopeKinds = []string{"jurisdiction", "region", "m49", "subregion"}

// gapsScope reads exactly one of ?jurisdiction=, ?region=, ?m49=,
// ?subregion=; ok is false when none is given.
func (s *Server) gapsScope(q *query) (sc analysis.Scope, ok bool) {
	var kind, id string
	for _, k := range scopeKinds {
		if v := q.str(k); v != "" {
			if kind != "" {
				q.fail("give one of %s, not both %s and %s", "jurisdiction, region, m49, subregion", kind, k)
				return sc, false
			}
			kind, id = k, v
		}
	}
	if kind == "" {
		return sc, false
	}
	sc, err := analysis.ResolveScope(s.cat, kind, id)
	if err != nil {
		q.fail("query parameter %s: %v", kind, err)
		return sc, false
	}
	return sc, true
}

// apiGaps lists the practices no document of a scope covers; without a
// scope it lists, per jurisdiction, the categories none of its documents
// covers. ?unmapped=true lists documents mapped to no practice.
func (s *Server) apiGaps(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query(), "jurisdiction", "region", "m49", "subregion", "unmapped", "evidence", "format")
	sc, scoped := s.gapsScope(q)
	unmapped := q.oneOf("unmapped", []string{"true", "false"}) == "true"
	ev, f := evidence(q), parseFormat(q)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	switch {
	case unmapped:
		s.writeTabular(w, r, f, "unmapped-documents", analysis.UnmappedDocuments(s.cat, ev))
	case scoped:
		s.writeTabular(w, r, f, "gaps-"+slug(sc.ID), analysis.ScopeGaps(s.cat, sc, ev))
	default:
		s.writeTabular(w, r, f, "category-gaps", analysis.CategoryGaps(s.cat, ev))
	}
}
