package web

import (
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/markets"
)

// pageMarkets lists the market and label profiles.
func (s *Server) pageMarkets(w http.ResponseWriter, r *http.Request) {
	if err := newQuery(r.URL.Query()).err; err != nil {
		s.fail(w, r, err)
		return
	}
	ms, err := markets.List(s.cat)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "markets", s.newView(r, "Markets and labels", ms))
}

// pageMarket shows one profile: what it demands, under which conditions,
// and which routes count as meeting it.
func (s *Server) pageMarket(w http.ResponseWriter, r *http.Request) {
	d, err := markets.Show(s.cat, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, marketsError(err))
		return
	}
	s.render(w, r, http.StatusOK, "market", s.newView(r, d.Title, d))
}
