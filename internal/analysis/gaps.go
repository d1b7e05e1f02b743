package analysis

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/render"
)

// Scope picks the documents a gap analysis looks at: one jurisdiction, or
// every jurisdiction of a region under a grouping.
type Scope struct {
	Kind string `json:"kind"` // jurisdiction, region, m49, subregion
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ResolveScope checks a scope value and returns it with its display name.
func ResolveScope(c *catalog.Catalog, kind, id string) (Scope, error) {
	if kind == "jurisdiction" {
		j, ok := c.Jurisdiction(id)
		if !ok {
			return Scope{}, fmt.Errorf("unknown jurisdiction %q (valid: %s)", id, strings.Join(catalog.IDs(c.Jurisdictions, func(j *catalog.Jurisdiction) string { return j.ID }), ", "))
		}
		return Scope{Kind: kind, ID: j.ID, Name: j.Name}, nil
	}
	seen := map[string]bool{}
	for _, j := range c.Jurisdictions {
		if !j.Regional() { // in no region, so no region scope can name it
			continue
		}
		v := regionOf(&j, kind)
		seen[v] = true
		if strings.EqualFold(v, id) {
			return Scope{Kind: kind, ID: v, Name: v}, nil
		}
	}
	return Scope{}, fmt.Errorf("unknown %s %q (valid: %s)", kind, id, strings.Join(sortedKeys(seen), ", "))
}

func regionOf(j *catalog.Jurisdiction, kind string) string {
	switch kind {
	case "region":
		return j.Group
	case "m49":
		return j.M49.Region
	default:
		if j.M49.Subregion == "" {
			return j.M49.Region
		}
		return j.M49.Subregion
	}
}

func (s Scope) contains(j *catalog.Jurisdiction) bool {
	if s.Kind == "jurisdiction" {
		return j.ID == s.ID
	}
	return j.Regional() && regionOf(j, s.Kind) == s.ID
}

// GapPractice is a practice that no document in the scope covers.
type GapPractice struct {
	Practice   string   `json:"practice"`
	Name       string   `json:"name"`
	Categories []string `json:"categories"`
	// Elsewhere lists jurisdictions outside the scope that do cover it.
	Elsewhere []string `json:"elsewhere"`
}

// Gaps is the gap analysis of one scope.
type Gaps struct {
	Scope     Scope         `json:"scope"`
	Evidence  Evidence      `json:"evidence"`
	Documents []string      `json:"documents"`
	Covered   int           `json:"covered"`
	Missing   []GapPractice `json:"missing"`
}

// ScopeGaps lists the practices that no document in the scope covers.
func ScopeGaps(c *catalog.Catalog, s Scope, ev Evidence) *Gaps {
	cover := Coverage(c, ev)
	in := make([]bool, len(c.Practices))
	elsewhere := make([]map[string]bool, len(c.Practices))
	g := &Gaps{Scope: s, Evidence: ev, Documents: []string{}, Missing: []GapPractice{}}
	keep := keeper(ev)
	for d, doc := range c.Documents {
		if !keep(&c.Documents[d]) {
			continue
		}
		j, _ := c.Jurisdiction(doc.Jurisdiction)
		inside := s.contains(j)
		if inside {
			g.Documents = append(g.Documents, doc.ID)
		}
		for _, p := range cover[d] {
			if inside {
				in[p] = true
				continue
			}
			if elsewhere[p] == nil {
				elsewhere[p] = map[string]bool{}
			}
			elsewhere[p][j.ID] = true
		}
	}
	for p, ok := range in {
		if ok {
			g.Covered++
			continue
		}
		pr := &c.Practices[p]
		g.Missing = append(g.Missing, GapPractice{Practice: pr.ID, Name: pr.Name, Categories: pr.Categories, Elsewhere: nonNil(sortedKeys(elsewhere[p]))})
	}
	return g
}

// Grid lists the missing practices.
func (g *Gaps) Grid() render.Grid {
	gr := render.Grid{
		Title:   fmt.Sprintf("Practices no document of %s covers (%s, %d of %d practices covered)", g.Scope.Name, plural(len(g.Documents), "document"), g.Covered, g.Covered+len(g.Missing)),
		Columns: []string{"practice", "name", "categories", "covered elsewhere by"},
	}
	for _, m := range g.Missing {
		gr.Rows = append(gr.Rows, []string{m.Practice, m.Name, strings.Join(m.Categories, ", "), plural(len(m.Elsewhere), "jurisdiction")})
	}
	return gr
}

// UnmappedDocuments lists documents that map to no practice.
func UnmappedDocuments(c *catalog.Catalog, ev Evidence) render.List[Annex1Row] {
	cover := Coverage(c, ev)
	all := Annex1(c).Items
	var out []Annex1Row
	for _, r := range all {
		di, _ := c.DocumentIndex(r.ID)
		if len(cover[di]) == 0 {
			out = append(out, r)
		}
	}
	for d, doc := range c.Documents { // later additions have no Annex 1 row
		if ev == AllMappings && doc.Number == 0 && len(cover[d]) == 0 {
			j, _ := c.Jurisdiction(doc.Jurisdiction)
			out = append(out, Annex1Row{ID: doc.ID, Title: doc.Title, Issuer: doc.Issuer, Jurisdiction: j.Name, JurisdictionID: j.ID, Region: j.Group, M49Region: j.M49.Region, Language: LanguageName(doc.Language), LanguageCode: doc.Language, Kind: doc.Kind, LegalForce: doc.LegalForce})
		}
	}
	return render.List[Annex1Row]{Items: out, View: func(rs []Annex1Row) render.Grid {
		g := render.Grid{Title: "Documents that map to no practice", Columns: []string{"doc", "title", "jurisdiction", "kind"}}
		for _, r := range rs {
			label := r.ID
			if r.Number != 0 {
				label = "#" + strconv.Itoa(r.Number)
			}
			g.Rows = append(g.Rows, []string{label, r.Title, r.Jurisdiction, r.Kind})
		}
		return g
	}}
}

// CategoryGap is a jurisdiction with no document in a category.
type CategoryGap struct {
	Jurisdiction string   `json:"jurisdiction"`
	Name         string   `json:"name"`
	Missing      []string `json:"missing_categories"`
}

// CategoryGaps lists, per jurisdiction, the categories none of its
// documents covers.
func CategoryGaps(c *catalog.Catalog, ev Evidence) render.List[CategoryGap] {
	m := ComputeMatrix(c, ByCategory, ByJurisdiction, ev)
	var out []CategoryGap
	for col, j := range m.Columns {
		var miss []string
		for r, cat := range m.RowHeads {
			if m.Count(r, col) == 0 {
				miss = append(miss, cat.ID)
			}
		}
		if len(miss) > 0 {
			out = append(out, CategoryGap{Jurisdiction: j.ID, Name: j.Label, Missing: miss})
		}
	}
	return render.List[CategoryGap]{Items: out, View: func(gs []CategoryGap) render.Grid {
		g := render.Grid{Title: "Jurisdictions with no document in a category", Columns: []string{"jurisdiction", "name", "missing categories"}}
		for _, x := range gs {
			g.Rows = append(g.Rows, []string{x.Jurisdiction, x.Name, strings.Join(x.Missing, ", ")})
		}
		return g
	}}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
