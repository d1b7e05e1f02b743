package markets

import (
	"cmp"
	"slices"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

// Link relates a provision of A to a provision of B.
type Link struct {
	A        string `json:"a"`
	B        string `json:"b"`
	Relation string `json:"relation"` // of A's provision to B's: equal, subset, superset, intersect
	// Basis says why they are linked: "same" (one provision in both
	// regimes), "mapping" (a curated provision-to-provision mapping), "route"
	// (a deemed-compliance route) or "practice" (both map to the practices
	// in Via; derived, so weaker).
	Basis     string          `json:"basis"`
	Via       []string        `json:"via,omitempty"`
	Route     string          `json:"route,omitempty"` // profile whose route also links them
	Rationale string          `json:"rationale,omitempty"`
	Source    *catalog.Source `json:"source,omitempty"`
}

// Direct reports whether the link rests on a recorded fact rather than on
// shared practices.
func (l Link) Direct() bool { return l.Basis != "practice" }

// Crosswalk is how two regimes relate, provision by provision.
type Crosswalk struct {
	A     Side   `json:"a"`
	B     Side   `json:"b"`
	Links []Link `json:"links"`
	// OnlyA lists what A demands that B does not: provisions of A with no
	// link of any kind to B. OnlyB is the converse.
	OnlyA           []string `json:"only_a"`
	OnlyB           []string `json:"only_b"`
	SharedPractices []string `json:"shared_practices"`
	PracticesOnlyA  []string `json:"practices_only_a"`
	PracticesOnlyB  []string `json:"practices_only_b"`
}

// Options tune a crosswalk.
type Options struct {
	// DirectOnly leaves out links inferred from shared practices, so only
	// recorded facts link provisions and everything else counts as demanded
	// by one side alone.
	DirectOnly bool
}

// Compare builds the crosswalk of A to B. Links come from, strongest first:
// provisions both regimes contain, curated provision mappings, deemed-
// compliance routes, and practices both provisions map to.
func Compare(c *catalog.Catalog, a, b string) (*Crosswalk, error) {
	return CompareWith(c, a, b, Options{})
}

// CompareWith is Compare with options.
func CompareWith(c *catalog.Catalog, a, b string, o Options) (*Crosswalk, error) {
	sa, err := ResolveSide(c, a)
	if err != nil {
		return nil, err
	}
	sb, err := ResolveSide(c, b)
	if err != nil {
		return nil, err
	}
	w := &walker{c: c, a: index(sa.provs), b: index(sb.provs), links: map[[2]string]*Link{}}
	w.same()
	w.mappings()
	w.routes()
	if !o.DirectOnly {
		w.practices(sa.provs, sb.provs)
	}
	x := &Crosswalk{A: sa, B: sb, Links: w.sorted()}
	x.OnlyA, x.OnlyB = w.unlinked(sa.provs, 0), w.unlinked(sb.provs, 1)
	for _, p := range sa.Practices {
		if slices.Contains(sb.Practices, p) {
			x.SharedPractices = append(x.SharedPractices, p)
		} else {
			x.PracticesOnlyA = append(x.PracticesOnlyA, p)
		}
	}
	for _, p := range sb.Practices {
		if !slices.Contains(sa.Practices, p) {
			x.PracticesOnlyB = append(x.PracticesOnlyB, p)
		}
	}
	x.SharedPractices, x.PracticesOnlyA, x.PracticesOnlyB = nonNil(x.SharedPractices), nonNil(x.PracticesOnlyA), nonNil(x.PracticesOnlyB)
	return x, nil
}

type walker struct {
	c     *catalog.Catalog
	a, b  map[string]int // provision id -> position in its side
	links map[[2]string]*Link
}

func index(ps []*catalog.Provision) map[string]int {
	m := make(map[string]int, len(ps))
	for i, p := range ps {
		m[p.ID] = i
	}
	return m
}

// add records a link unless a stronger one already joins the pair.
func (w *walker) add(l Link) *Link {
	k := [2]string{l.A, l.B}
	if old, ok := w.links[k]; ok {
		return old
	}
	w.links[k] = &l
	return &l
}

func (w *walker) same() {
	for id := range w.a {
		if _, ok := w.b[id]; ok {
			w.add(Link{A: id, B: id, Relation: "equal", Basis: "same"})
		}
	}
}

func (w *walker) mappings() {
	for i := range w.c.Mappings {
		m := &w.c.Mappings[i]
		fk, from, _ := strings.Cut(m.From, ":")
		tk, to, _ := strings.Cut(m.To, ":")
		if fk != "prov" || tk != "prov" {
			continue
		}
		src := m.Source
		if w.inA(from) && w.inB(to) {
			w.add(Link{A: from, B: to, Relation: m.Relation, Basis: "mapping", Rationale: m.Rationale, Source: &src})
		}
		if w.inB(from) && w.inA(to) {
			w.add(Link{A: to, B: from, Relation: inverse(m.Relation), Basis: "mapping", Rationale: m.Rationale, Source: &src})
		}
	}
}

// routes: meeting all of a route's accepted provisions counts as meeting its
// provision, so the provision demands no more than one accepted provision
// alone (subset), or than several together (each then intersects it).
// A label route accepts a scheme's label, not provisions, so it links
// nothing here: holding a label is not the same as meeting its provisions
// one by one, and the crosswalk only relates provisions.
func (w *walker) routes() {
	for i := range w.c.Profiles {
		p := &w.c.Profiles[i]
		for _, r := range p.Routes {
			rel := "subset"
			if len(r.AllOf) > 1 {
				rel = "intersect"
			}
			src := r.Source
			note := "deemed met when all of " + strings.Join(r.AllOf, ", ") + " are met"
			for _, q := range r.AllOf {
				var l *Link
				switch {
				case w.inA(r.Provision) && w.inB(q):
					l = w.add(Link{A: r.Provision, B: q, Relation: rel, Basis: "route", Rationale: note, Source: &src})
				case w.inB(r.Provision) && w.inA(q):
					l = w.add(Link{A: q, B: r.Provision, Relation: inverse(rel), Basis: "route", Rationale: note, Source: &src})
				default:
					continue
				}
				if l.Route == "" {
					l.Route = p.ID
				}
			}
		}
	}
}

// practices links provisions that map to the same practice, where nothing
// stronger links them already.
func (w *walker) practices(as, bs []*catalog.Provision) {
	type end struct {
		id, rel string
	}
	byPractice := map[string][]end{}
	for _, p := range bs {
		for _, m := range p.Maps {
			byPractice[m.Practice] = append(byPractice[m.Practice], end{p.ID, m.Relation})
		}
	}
	for _, pa := range as {
		derived := map[string]*Link{}
		var order []string
		for _, ma := range pa.Maps {
			for _, eb := range byPractice[ma.Practice] {
				if _, strong := w.links[[2]string{pa.ID, eb.id}]; strong {
					continue
				}
				rel := compose(ma.Relation, eb.rel)
				l, ok := derived[eb.id]
				if !ok {
					l = &Link{A: pa.ID, B: eb.id, Relation: rel, Basis: "practice"}
					derived[eb.id] = l
					order = append(order, eb.id)
				} else if l.Relation != rel {
					l.Relation = "intersect"
				}
				l.Via = append(l.Via, ma.Practice)
			}
		}
		for _, id := range order {
			w.add(*derived[id])
		}
	}
}

// compose infers how a relates to b from how each relates to a shared
// practice p: a ⊆ p ⊆ b gives subset, a ⊇ p ⊇ b superset, a = p = b equal;
// anything else only says they overlap.
func compose(ra, rb string) string {
	switch {
	case ra == "equal" && rb == "equal":
		return "equal"
	case (ra == "equal" || ra == "subset") && (rb == "equal" || rb == "superset"):
		return "subset"
	case (ra == "equal" || ra == "superset") && (rb == "equal" || rb == "subset"):
		return "superset"
	default:
		return "intersect"
	}
}

func inverse(rel string) string {
	switch rel {
	case "subset":
		return "superset"
	case "superset":
		return "subset"
	default:
		return rel
	}
}

func (w *walker) inA(id string) bool { _, ok := w.a[id]; return ok }
func (w *walker) inB(id string) bool { _, ok := w.b[id]; return ok }

var basisRank = map[string]int{"same": 0, "mapping": 1, "route": 2, "practice": 3}

func (w *walker) sorted() []Link {
	out := make([]Link, 0, len(w.links))
	for _, l := range w.links {
		out = append(out, *l)
	}
	slices.SortFunc(out, func(x, y Link) int {
		return cmp.Or(cmp.Compare(w.a[x.A], w.a[y.A]), cmp.Compare(basisRank[x.Basis], basisRank[y.Basis]), cmp.Compare(w.b[x.B], w.b[y.B]))
	})
	return out
}

// unlinked lists the provisions of one side (0 = A, 1 = B) that no link
// touches.
func (w *walker) unlinked(ps []*catalog.Provision, side int) []string {
	touched := map[string]bool{}
	for k := range w.links {
		touched[k[side]] = true
	}
	out := []string{}
	for _, p := range ps {
		if !touched[p.ID] {
			out = append(out, p.ID)
		}
	}
	return out
}
