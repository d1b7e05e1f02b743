package web

import (
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

type jurisdictionRow struct {
	catalog.Jurisdiction
	Documents, Mandatory int
}

type jurisdictionsPage struct {
	Options options
	Region  string
	M49     string
	Rows    []jurisdictionRow
}

// pageJurisdictions lists jurisdictions with their regions and how many
// documents (and binding ones) each has.
func (s *Server) pageJurisdictions(w http.ResponseWriter, r *http.Request) {
	js, err := s.filterJurisdictions(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := jurisdictionsPage{Options: s.options(), Region: r.URL.Query().Get("region"), M49: r.URL.Query().Get("m49")}
	for _, j := range js {
		row := jurisdictionRow{Jurisdiction: j}
		for _, d := range s.cat.Documents {
			if d.Jurisdiction == j.ID {
				row.Documents++
				if d.LegalForce == "mandatory" {
					row.Mandatory++
				}
			}
		}
		data.Rows = append(data.Rows, row)
	}
	s.render(w, r, http.StatusOK, "jurisdictions", s.newView(r, "Jurisdictions", data))
}
