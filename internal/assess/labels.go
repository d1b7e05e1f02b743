package assess

// LabelResult is the highest level of a label ladder (such as Singapore's
// CLS levels 1 to 4) the product reaches, and what stands in the way of the
// next one.
type LabelResult struct {
	Family    string    `json:"family"`
	Reached   int       `json:"reached"` // 0: not even the first level
	ReachedID string    `json:"reached_id,omitempty"`
	Next      int       `json:"next,omitempty"` // 0 when the top level is reached
	NextID    string    `json:"next_id,omitempty"`
	Blockers  []Blocker `json:"blockers"`
}

// Blocker is a mandatory provision of the next level that is not met.
type Blocker struct {
	Provision string  `json:"provision"`
	Verdict   Verdict `json:"verdict"`
}

// labels climbs each ladder: a level counts only when every level below it
// is met too.
func (e *Engine) labels(s *Scratch) []LabelResult {
	var out []LabelResult
	for _, f := range e.families {
		lr := LabelResult{Family: f.id, Blockers: []Blocker{}}
		for _, mi := range f.levels {
			m := &e.markets[mi]
			if s.markets[mi].verdict == Pass {
				lr.Reached, lr.ReachedID = m.profile.Level, m.profile.ID
				continue
			}
			lr.Next, lr.NextID = m.profile.Level, m.profile.ID
			for j, i := range m.provs {
				v, _ := s.marketProvVerdict(e, mi, j)
				if e.provs[i].mandatory && v != Pass && v != NotApplicable {
					lr.Blockers = append(lr.Blockers, Blocker{Provision: e.provs[i].p.ID, Verdict: v})
				}
			}
			break
		}
		out = append(out, lr)
	}
	return out
}
