package web

import (
	"errors"
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/markets"
	"github.com/bydesign-iot/bydesign/internal/render"
)

// marketsError maps the markets package's safe errors to 404 or 400.
func marketsError(err error) error {
	var nf *markets.NotFoundError
	var np *markets.NoProvisionsError
	switch {
	case errors.As(err, &nf):
		return errorf(http.StatusNotFound, nf.Error())
	case errors.As(err, &np):
		return badRequest(np.Error())
	}
	return err
}

// apiMarkets lists the market and label profiles.
func (s *Server) apiMarkets(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query(), "format")
	f := parseFormat(q)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	ms, err := markets.List(s.cat)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeTabular(w, r, f, "markets", render.List[markets.Market]{Items: ms, View: markets.MarketsGrid})
}

// apiMarket shows one profile with its resolved provisions, conditions and
// deemed-compliance routes.
func (s *Server) apiMarket(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query(), "format")
	f := parseFormat(q)
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	d, err := markets.Show(s.cat, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, marketsError(err))
		return
	}
	s.writeTabular(w, r, f, "market-"+slug(d.ID), d)
}
