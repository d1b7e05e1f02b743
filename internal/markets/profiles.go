package markets

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/render"
)

// Market is one profile in a listing: a market or a label with its dates
// and how much it demands once its parents are expanded.
type Market struct {
	ID           string   `json:"id"`
	Title        string   `json:"title"`
	Kind         string   `json:"kind"`
	Jurisdiction string   `json:"jurisdiction"`
	Level        int      `json:"level,omitempty"`
	Extends      string   `json:"extends,omitempty"`
	AppliesFrom  string   `json:"applies_from,omitempty"`
	Until        string   `json:"until,omitempty"`
	Documents    []string `json:"documents"`  // documents its provisions come from
	Provisions   int      `json:"provisions"` // resolved, own and inherited
	Mandatory    int      `json:"mandatory"`  // of which "shall"
	Conditional  int      `json:"conditional"`
	Routes       int      `json:"routes"` // deemed-compliance routes
}

// List returns every profile in dataset order.
func List(c *catalog.Catalog) ([]Market, error) {
	out := make([]Market, 0, len(c.Profiles))
	for i := range c.Profiles {
		rp, err := c.Resolve(c.Profiles[i].ID)
		if err != nil {
			return nil, err
		}
		out = append(out, summarise(rp))
	}
	return out, nil
}

func summarise(rp *catalog.ResolvedProfile) Market {
	p := rp.Profile
	m := Market{
		ID: p.ID, Title: p.Title, Kind: p.Kind, Jurisdiction: p.Jurisdiction, Level: p.Level,
		Extends: p.Extends, AppliesFrom: p.AppliesFrom, Until: p.Until,
		Documents: []string{}, Provisions: len(rp.Provisions), Routes: len(rp.Routes),
	}
	for _, pr := range rp.Provisions {
		if !slices.Contains(m.Documents, pr.Document) {
			m.Documents = append(m.Documents, pr.Document)
		}
		if pr.Modality == "shall" {
			m.Mandatory++
		}
		if len(pr.Conditions) > 0 {
			m.Conditional++
		}
	}
	return m
}

// MarketDetail is one profile with everything it demands.
// Its Provisions list shadows Market's count in JSON; the count is the
// list's length.
type MarketDetail struct {
	Market
	Summary    string          `json:"summary"`
	Source     catalog.Source  `json:"source"`
	Chain      []string        `json:"chain"`      // the profile and the ones it extends, base first
	Regimes    []Regime        `json:"regimes"`    // the documents its provisions come from
	Conditions []ConditionUse  `json:"conditions"` // product facts that switch provisions off
	Provisions []Provision     `json:"provisions"`
	Routes     []catalog.Route `json:"routes"`
}

// Regime is a document a profile draws provisions from, with its force and
// dates.
type Regime struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Kind        string `json:"kind"`
	LegalForce  string `json:"legal_force"`
	Version     string `json:"version,omitempty"`
	Published   string `json:"published,omitempty"`
	InForce     string `json:"in_force,omitempty"`
	AppliesFrom string `json:"applies_from,omitempty"`
	Provisions  int    `json:"provisions"` // how many of its provisions the profile holds
}

// ConditionUse is a product condition and the provisions that apply only
// when it holds.
type ConditionUse struct {
	Condition  string   `json:"condition"`
	Provisions []string `json:"provisions"`
}

// Show resolves one profile: its provisions (own and inherited), the
// conditions they depend on and its deemed-compliance routes.
func Show(c *catalog.Catalog, id string) (*MarketDetail, error) {
	p, ok := c.Profile(id)
	if !ok {
		return nil, &NotFoundError{What: "profile", Value: id, Valid: profileIDs(c)}
	}
	rp, err := c.Resolve(id)
	if err != nil {
		return nil, err
	}
	d := &MarketDetail{Market: summarise(rp), Summary: p.Summary, Source: p.Source, Routes: rp.Routes}
	if d.Routes == nil {
		d.Routes = []catalog.Route{}
	}
	for cur := p; cur != nil; {
		d.Chain = append(d.Chain, cur.ID)
		if cur.Extends == "" {
			break
		}
		cur, _ = c.Profile(cur.Extends)
	}
	slices.Reverse(d.Chain)
	d.Regimes = []Regime{}
	for _, id := range d.Documents {
		doc, _ := c.Document(id)
		r := Regime{ID: doc.ID, Title: doc.Title, Kind: doc.Kind, LegalForce: doc.LegalForce, Version: doc.Version,
			Published: doc.Published, InForce: doc.InForce, AppliesFrom: doc.AppliesFrom}
		for _, pr := range rp.Provisions {
			if pr.Document == id {
				r.Provisions++
			}
		}
		d.Regimes = append(d.Regimes, r)
	}
	d.Provisions = make([]Provision, len(rp.Provisions))
	byCond := map[string][]string{}
	for i, pr := range rp.Provisions {
		d.Provisions[i] = view(pr)
		for _, cd := range pr.Conditions {
			byCond[cd] = append(byCond[cd], pr.ID)
		}
	}
	d.Conditions = []ConditionUse{}
	for _, fact := range catalog.Conditions { // vocabulary order, stable output
		for _, cd := range []string{fact, catalog.NotPrefix + fact} {
			if ps, ok := byCond[cd]; ok {
				d.Conditions = append(d.Conditions, ConditionUse{Condition: cd, Provisions: ps})
			}
		}
	}
	return d, nil
}

func profileIDs(c *catalog.Catalog) []string {
	return catalog.IDs(c.Profiles, func(p *catalog.Profile) string { return p.ID })
}

// MarketsGrid is the tabular view of a profile listing.
func MarketsGrid(ms []Market) render.Grid {
	g := render.Grid{Columns: []string{"id", "kind", "jurisdiction", "level", "applies_from", "until", "provisions", "shall", "conditional", "routes", "title"}}
	for _, m := range ms {
		g.Rows = append(g.Rows, []string{m.ID, m.Kind, m.Jurisdiction, levelCell(m.Level), m.AppliesFrom, m.Until,
			strconv.Itoa(m.Provisions), strconv.Itoa(m.Mandatory), strconv.Itoa(m.Conditional), strconv.Itoa(m.Routes), m.Title})
	}
	return g
}

// Grid is the tabular view of one profile: a row per provision, with the
// routes that can satisfy it; the profile's facts go in the notes.
func (d *MarketDetail) Grid() render.Grid {
	g := render.Grid{
		Title:   d.ID + ": " + d.Title,
		Columns: []string{"document", "ref", "modality", "verification", "conditions", "practices", "deemed met by", "summary"},
	}
	for _, p := range d.Provisions {
		g.Rows = append(g.Rows, []string{p.Document, p.Ref, p.Modality, join(p.Verification), join(p.Conditions), practicesCell(p), routesFor(d.Routes, p.ID), p.Summary})
	}
	g.Notes = append(g.Notes, "kind: "+d.Kind+"; jurisdiction: "+d.Jurisdiction+levelNote(d.Level)+datesNote(d.AppliesFrom, d.Until))
	if len(d.Chain) > 1 {
		g.Notes = append(g.Notes, "chain, base first: "+strings.Join(d.Chain, " > "))
	}
	g.Notes = append(g.Notes, fmt.Sprintf("%s, %d shall, %d conditional, %s", Count(d.Market.Provisions, "provision"), d.Mandatory, d.Conditional, Count(len(d.Routes), "deemed-compliance route")))
	for _, r := range d.Regimes {
		g.Notes = append(g.Notes, regimeNote(r))
	}
	for _, cu := range d.Conditions {
		g.Notes = append(g.Notes, "applies only if "+cu.Condition+": "+join(cu.Provisions))
	}
	return g
}

func routesFor(rs []catalog.Route, provID string) string {
	var out []string
	for _, r := range rs {
		if r.Provision == provID {
			out = append(out, routeText(r))
		}
	}
	return strings.Join(out, " or ")
}

func levelCell(l int) string {
	if l == 0 {
		return ""
	}
	return strconv.Itoa(l)
}

func levelNote(l int) string {
	if l == 0 {
		return ""
	}
	return "; level " + strconv.Itoa(l)
}

func datesNote(from, until string) string {
	s := ""
	if from != "" {
		s += "; applies from " + from
	}
	if until != "" {
		s += "; until " + until
	}
	return s
}

func regimeNote(r Regime) string {
	s := fmt.Sprintf("%d from %s, %s (%s, %s", r.Provisions, r.ID, r.Title, r.Kind, r.LegalForce)
	for _, kv := range [][2]string{{"version", r.Version}, {"published", r.Published}, {"in force", r.InForce}, {"applies from", r.AppliesFrom}} {
		if kv[1] != "" {
			s += "; " + kv[0] + " " + kv[1]
		}
	}
	return s + ")"
}

// Count writes "1 route" or "2 routes".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
