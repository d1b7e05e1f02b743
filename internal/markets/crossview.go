package markets

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/render"
)

// Grid is the tabular view of a crosswalk: one row per link, then one row
// per provision that only one side demands, with its summary.
func (x *Crosswalk) Grid() render.Grid {
	g := render.Grid{
		Title:   fmt.Sprintf("crosswalk %s (%s) to %s (%s)", x.A.ID, x.A.Kind, x.B.ID, x.B.Kind),
		Columns: []string{"a", "relation", "b", "basis", "via or note"},
	}
	for _, l := range x.Links {
		note := strings.Join(l.Via, ", ")
		if l.Route != "" {
			note = "route in profile " + l.Route
		}
		g.Rows = append(g.Rows, []string{l.A, l.Relation, l.B, l.Basis, note})
	}
	byID := map[string]*catalog.Provision{}
	for _, p := range append(slices.Clone(x.A.provs), x.B.provs...) {
		byID[p.ID] = p
	}
	for _, id := range x.OnlyA {
		g.Rows = append(g.Rows, []string{id, "", "", "only in " + x.A.ID, summaryOf(byID, id)})
	}
	for _, id := range x.OnlyB {
		g.Rows = append(g.Rows, []string{"", "", id, "only in " + x.B.ID, summaryOf(byID, id)})
	}
	direct := 0
	for _, l := range x.Links {
		if l.Direct() {
			direct++
		}
	}
	g.Notes = []string{
		fmt.Sprintf("%s: %d provisions, %d only in %s; %s: %d provisions, %d only in %s", x.A.ID, len(x.A.Provisions), len(x.OnlyA), x.A.ID, x.B.ID, len(x.B.Provisions), len(x.OnlyB), x.B.ID),
		fmt.Sprintf("%d links, %d direct (same, mapping, route) and %d through shared practices", len(x.Links), direct, len(x.Links)-direct),
		"relation reads: the provision in a is <relation> the provision in b",
		"practices in both: " + orNone(x.SharedPractices),
		"practices only in " + x.A.ID + ": " + orNone(x.PracticesOnlyA),
		"practices only in " + x.B.ID + ": " + orNone(x.PracticesOnlyB),
	}
	return g
}

func summaryOf(m map[string]*catalog.Provision, id string) string {
	if p, ok := m[id]; ok {
		return p.Summary
	}
	return ""
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

// Pair names two documents joined by at least one curated provision
// mapping or deemed-compliance route, as qualified side ids.
type Pair struct{ A, B string }

// LinkedPairs lists the document pairs the dataset links directly, in the
// order the links first appear: the crosswalks worth exporting.
func LinkedPairs(c *catalog.Catalog) []Pair {
	var out []Pair
	seen := map[[2]string]bool{}
	add := func(fromProv, toProv string) {
		fp, ok1 := c.Provision(fromProv)
		tp, ok2 := c.Provision(toProv)
		if !ok1 || !ok2 || fp.Document == tp.Document {
			return
		}
		k := [2]string{fp.Document, tp.Document}
		if seen[k] || seen[[2]string{k[1], k[0]}] {
			return
		}
		seen[k] = true
		out = append(out, Pair{A: "doc:" + k[0], B: "doc:" + k[1]})
	}
	for _, m := range c.Mappings {
		fk, from, _ := strings.Cut(m.From, ":")
		tk, to, _ := strings.Cut(m.To, ":")
		if fk == "prov" && tk == "prov" {
			add(from, to)
		}
	}
	for _, p := range c.Profiles {
		for _, r := range p.Routes {
			for _, q := range r.AllOf {
				add(r.Provision, q)
			}
		}
	}
	return out
}

// WithExtra appends the extra pairs that are not in pairs already, in
// either order.
func WithExtra(pairs, extra []Pair) []Pair {
	out := slices.Clone(pairs)
	for _, e := range extra {
		if !slices.Contains(out, e) && !slices.Contains(out, Pair{A: e.B, B: e.A}) {
			out = append(out, e)
		}
	}
	return out
}

// ParsePair reads "A,B", the form --pair takes.
func ParsePair(s string) (Pair, error) {
	a, b, ok := strings.Cut(s, ",")
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if !ok || a == "" || b == "" || strings.Contains(b, ",") {
		return Pair{}, fmt.Errorf("%q is not a pair of ids A,B", s)
	}
	if a == b {
		return Pair{}, fmt.Errorf("%q pairs %s with itself", s, a)
	}
	return Pair{A: a, B: b}, nil
}

// Stem names a crosswalk in file names: the two side ids joined by "_"
// (which ids never contain), a profile side as "profile-ID" so it cannot
// clash with the document of the same id.
func (x *Crosswalk) Stem() string {
	return x.A.stem() + "_" + x.B.stem()
}

func (s Side) stem() string {
	if s.Kind == "profile" {
		return "profile-" + s.ID
	}
	return s.ID
}
