package assess

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/render"
)

// Checklist is a buyer's list of requirements: the provisions of the chosen
// markets, narrowed to the chosen practices, each once, with what a vendor
// has to declare to meet it.
type Checklist struct {
	Markets   []string        `json:"markets"`
	Practices []string        `json:"practices,omitempty"`
	Items     []ChecklistItem `json:"items"`
	index     []int           // engine provision index per item
}

// ChecklistItem is one requirement of the tender.
type ChecklistItem struct {
	ID           string   `json:"id"` // R1, R2 ...
	Provision    string   `json:"provision"`
	Title        string   `json:"title,omitempty"`
	Modality     string   `json:"modality"`
	Markets      []string `json:"markets"`
	Practices    []string `json:"practices"`
	Conditions   []string `json:"conditions,omitempty"`
	Declare      []string `json:"declare"` // what the vendor states, in words
	Verification []string `json:"verification"`
	// Instead lists the market's deemed-compliance routes: other provisions
	// met together, or a current label, that count as meeting this one.
	Instead []string `json:"instead,omitempty"`
}

// Checklist builds the requirements list. With no practices, every
// provision of the markets is listed; otherwise only those mapping to one
// of them. Unknown practice ids are an error listing the valid ones.
func (e *Engine) Checklist(practices []string) (*Checklist, error) {
	for _, p := range practices {
		if _, ok := e.pracIdx[p]; !ok {
			return nil, &InputError{Field: "practice", Msg: fmt.Sprintf("unknown practice %q (valid: %s)", p, strings.Join(e.pracIDs, ", "))}
		}
	}
	cl := &Checklist{Markets: e.Markets(), Practices: practices, Items: []ChecklistItem{}}
	pos := map[int]int{}
	for mi := 0; mi < e.chosen; mi++ {
		m := &e.markets[mi]
		for _, i := range m.provs {
			cp := &e.provs[i]
			if len(practices) > 0 && !slices.ContainsFunc(cp.practices, func(p int) bool { return slices.Contains(practices, e.pracIDs[p]) }) {
				continue
			}
			k, ok := pos[i]
			if ok {
				cl.Items[k].Markets = append(cl.Items[k].Markets, m.profile.ID)
			} else {
				k = len(cl.Items)
				pos[i] = k
				cl.index = append(cl.index, i)
				cl.Items = append(cl.Items, e.item(k+1, cp, m.profile.ID))
			}
			for _, r := range m.routes[i] {
				if t := e.routeText(m.profile.ID, &r); !slices.Contains(cl.Items[k].Instead, t) {
					cl.Items[k].Instead = append(cl.Items[k].Instead, t)
				}
			}
		}
	}
	return cl, nil
}

func (e *Engine) item(n int, cp *cprov, market string) ChecklistItem {
	it := ChecklistItem{
		ID: fmt.Sprintf("R%d", n), Provision: cp.p.ID, Title: cp.p.Title, Modality: cp.p.Modality,
		Markets: []string{market}, Practices: []string{}, Conditions: cp.p.Conditions,
		Declare: []string{}, Verification: cp.p.Verification,
	}
	for _, p := range cp.practices {
		it.Practices = append(it.Practices, e.pracIDs[p])
	}
	for _, rr := range cp.rules {
		r := &e.rules.Rules[rr.rule]
		var facts []string
		for _, t := range r.Tests {
			facts = append(facts, declPath(t.Fact))
		}
		it.Declare = append(it.Declare, fmt.Sprintf("%s (declaration: %s)", r.Summary, strings.Join(facts, ", ")))
	}
	if len(it.Declare) == 0 {
		it.Declare = append(it.Declare, fmt.Sprintf("a statement on %s with evidence (declaration: %s)", cp.p.ID, joinKey("$.provisions", cp.p.ID)))
	}
	if cp.labOnly {
		it.Declare = append(it.Declare, "a report from an approved test laboratory")
	}
	return it
}

// routeText says in a line what a route accepts instead, and in which market.
func (e *Engine) routeText(market string, r *croute) string {
	var alts []string
	if len(r.labels) > 0 {
		for _, l := range r.labels {
			alts = append(alts, fmt.Sprintf("%s level %d or above", l.Scheme, l.MinLevel))
		}
		return fmt.Sprintf("in %s: a current label (%s)", market, strings.Join(alts, ", or "))
	}
	for _, a := range r.allOf {
		alts = append(alts, e.provs[a].p.ID)
	}
	return fmt.Sprintf("in %s: meeting all of %s", market, strings.Join(alts, ", "))
}

// Grid lists the requirements for a tender document.
func (cl *Checklist) Grid() render.Grid {
	g := render.Grid{
		Title:   "Requirements checklist for " + strings.Join(cl.Markets, ", "),
		Columns: []string{"id", "provision", "requirement", "modality", "markets", "vendor declares", "or instead"},
	}
	for _, it := range cl.Items {
		g.Rows = append(g.Rows, []string{it.ID, it.Provision, it.Title, it.Modality, strings.Join(it.Markets, ", "), strings.Join(it.Declare, "; "), strings.Join(it.Instead, "; ")})
	}
	if len(cl.Practices) > 0 {
		g.Notes = append(g.Notes, "limited to practices: "+strings.Join(cl.Practices, ", "))
	}
	g.Notes = append(g.Notes, "vendors answer with a bydesign declaration (schemas/declaration.schema.json); 'bydesign procure --evaluate DIR' scores them against this list")
	return g
}

// Evaluation is every vendor's declaration scored against one checklist.
type Evaluation struct {
	Checklist *Checklist    `json:"checklist"`
	Vendors   []VendorScore `json:"vendors"`
}

// VendorScore is one declaration's outcome on each requirement.
type VendorScore struct {
	Source       string    `json:"source"`
	Manufacturer string    `json:"manufacturer,omitempty"`
	Model        string    `json:"model,omitempty"`
	Error        string    `json:"error,omitempty"`
	Met          int       `json:"met"`
	Failed       int       `json:"failed"`
	Open         int       `json:"open"`
	Verdict      Verdict   `json:"verdict"`
	Verdicts     []Verdict `json:"verdicts"` // one per checklist item, in order
}

// Score evaluates one declaration against the checklist with scratch s.
// A requirement counts as met when the provision is met in every market
// listing it, including through a deemed-compliance route.
func (e *Engine) Score(cl *Checklist, s *Scratch, source string, d *Declaration) VendorScore {
	e.evaluate(s, d, nil)
	vs := VendorScore{Source: source, Manufacturer: d.Product.Manufacturer, Model: d.Product.Model, Verdict: Pass}
	for k, i := range cl.index {
		v := s.evals[i].v
		for mi := 0; mi < e.chosen; mi++ {
			if j := slices.Index(e.markets[mi].provs, i); j >= 0 {
				if mv, route := s.marketProvVerdict(e, mi, j); route {
					v = mv
				}
			}
		}
		vs.Verdicts = append(vs.Verdicts, v)
		mandatory := cl.Items[k].Modality == "shall"
		switch {
		case v == Pass || v == NotApplicable:
			vs.Met++
		case v == Fail:
			vs.Failed++
			if mandatory {
				vs.Verdict = Fail
			}
		default:
			vs.Open++
			if mandatory && vs.Verdict == Pass {
				vs.Verdict = Incomplete
			}
		}
	}
	return vs
}

// Grid puts requirements in rows and vendors in columns, the shape of an
// award table; the last row totals each vendor.
func (ev *Evaluation) Grid() render.Grid {
	g := render.Grid{Title: "Vendors against the requirements of " + strings.Join(ev.Checklist.Markets, ", "), Columns: []string{"id", "provision"}}
	for _, v := range ev.Vendors {
		name := strings.TrimSpace(v.Manufacturer + " " + v.Model)
		if name == "" {
			name = v.Source
		}
		g.Columns = append(g.Columns, name)
	}
	for k, it := range ev.Checklist.Items {
		row := []string{it.ID, it.Provision}
		for _, v := range ev.Vendors {
			cell := "-"
			if k < len(v.Verdicts) {
				cell = v.Verdicts[k].String()
			}
			row = append(row, cell)
		}
		g.Rows = append(g.Rows, row)
	}
	total := []string{"total", "met/failed/open"}
	for _, v := range ev.Vendors {
		if v.Error != "" {
			total = append(total, "invalid")
			g.Notes = append(g.Notes, v.Error) // input errors name their file
			continue
		}
		total = append(total, fmt.Sprintf("%s %d/%d/%d", v.Verdict, v.Met, v.Failed, v.Open))
	}
	g.Rows = append(g.Rows, total)
	return g
}
