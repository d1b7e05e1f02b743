package assess

import "slices"

// evalMarket folds provision verdicts into the market's, applying the
// market's deemed-compliance routes.
func (e *Engine) evalMarket(s *Scratch, mi int) {
	m := &e.markets[mi]
	me := &s.markets[mi]
	me.counts = [Incomplete]int{}
	me.viaRoute = me.viaRoute[:0]
	failed, open := false, false
	for j, i := range m.provs {
		v := s.evals[i].v
		if v != Pass && v != NotApplicable && e.routeMet(s, m, i, v) {
			v = Pass
			me.viaRoute = append(me.viaRoute, j)
		}
		me.counts[v]++
		if e.provs[i].mandatory {
			failed = failed || v == Fail
			open = open || v == NotDeclared || v == Inconclusive
		}
	}
	switch {
	case failed:
		me.verdict = Fail
	case open:
		me.verdict = Incomplete
	default:
		me.verdict = Pass
	}
}

// routeMet reports whether a route meets provision i, whose own verdict is
// v. A label route only fills a provision left open: a label is declared,
// and a failure the declaration states or the probe observes outranks it.
func (e *Engine) routeMet(s *Scratch, m *cmarket, i int, v Verdict) bool {
	for ri := range m.routes[i] {
		r := &m.routes[i][ri]
		if len(r.labels) > 0 {
			if v != Fail && s.currentLabel(r) >= 0 {
				return true
			}
			continue
		}
		ok := true
		for _, a := range r.allOf {
			if v := s.evals[a].v; v != Pass && v != NotApplicable {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// marketVerdict returns the effective verdict of provision j of market mi.
func (s *Scratch) marketProvVerdict(e *Engine, mi, j int) (Verdict, bool) {
	i := e.markets[mi].provs[j]
	if slices.Contains(s.markets[mi].viaRoute, j) {
		return Pass, true
	}
	return s.evals[i].v, false
}
