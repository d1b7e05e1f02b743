package catalog

import (
	"fmt"
	"slices"
)

// ResolvedProfile is a profile with its selectors and parents expanded.
type ResolvedProfile struct {
	Profile    *Profile
	Provisions []*Provision // in document order, each once
	Routes     []Route      // deemed-compliance routes, own and inherited
}

// Resolve expands a profile: the provisions its parents select, then its
// own, each once, and the routes of the whole chain.
func (c *Catalog) Resolve(id string) (*ResolvedProfile, error) {
	p, ok := c.Profile(id)
	if !ok {
		return nil, fmt.Errorf("unknown profile %q (valid: %s)", id, joinIDs(IDs(c.Profiles, func(p *Profile) string { return p.ID })))
	}
	var chain []*Profile
	for cur := p; cur != nil; {
		chain = append(chain, cur)
		if cur.Extends == "" {
			break
		}
		cur, _ = c.Profile(cur.Extends) // validated at load: resolves, no cycles
	}
	slices.Reverse(chain)
	rp := &ResolvedProfile{Profile: p}
	seen := map[string]bool{}
	for _, pr := range chain {
		for _, s := range pr.Include {
			for _, prov := range c.ProvisionsOf(s.Document) {
				if !seen[prov.ID] && s.matches(prov) {
					seen[prov.ID] = true
					rp.Provisions = append(rp.Provisions, prov)
				}
			}
		}
		rp.Routes = append(rp.Routes, pr.Routes...)
	}
	return rp, nil
}

func (s Selector) matches(p *Provision) bool {
	if len(s.Refs) > 0 && !slices.Contains(s.Refs, p.Ref) {
		return false
	}
	if len(s.Modality) > 0 && !slices.Contains(s.Modality, p.Modality) {
		return false
	}
	if len(s.Levels) > 0 && !slices.Contains(s.Levels, p.Level) {
		return false
	}
	return true
}

func joinIDs(ids []string) string {
	out := ""
	for i, id := range ids {
		if i > 0 {
			out += ", "
		}
		out += id
	}
	return out
}
