package assess

import (
	"fmt"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/render"
)

// Grid is the terminal and Markdown view: one summary row per market, then
// a row for every provision that is not met or not applicable, with the
// reason that decided it.
func (r *Result) Grid() render.Grid {
	g := render.Grid{
		Title:   fmt.Sprintf("Assessment of %s %s on %s: %s", r.Product.Manufacturer, r.Product.Model, r.Date, r.Verdict),
		Columns: []string{"market", "provision", "verdict", "detail"},
	}
	for _, m := range r.Markets {
		g.Rows = append(g.Rows, []string{m.ID, "", m.Verdict.String(), countsLine(m.Counts)})
		for _, p := range m.Provisions {
			if p.Verdict == Pass || p.Verdict == NotApplicable {
				continue
			}
			g.Rows = append(g.Rows, []string{m.ID, p.ID + " (" + p.Modality + ")", p.Verdict.String(), decisive(p)})
		}
	}
	for _, f := range r.Findings {
		g.Notes = append(g.Notes, fmt.Sprintf("%s %s: %s; breaks %s", f.Severity, f.ID, f.Message, strings.Join(f.Provisions, ", ")))
	}
	for _, l := range r.Labels {
		g.Notes = append(g.Notes, l.line())
	}
	return g
}

func countsLine(c map[string]int) string {
	return fmt.Sprintf("%d pass, %d fail, %d not declared, %d inconclusive, %d not applicable",
		c["pass"], c["fail"], c["not-declared"], c["inconclusive"], c["not-applicable"])
}

// decisive picks the reason that best explains a verdict: a contradiction,
// then, for a provision left open, a declared label its route refused, then
// a failed rule, then the last step.
func decisive(p ProvisionResult) string {
	for i, t := range p.Trace {
		if t.Kind == "contradiction" {
			return p.Reasons[i]
		}
	}
	if i := refusedLabel(p); i >= 0 {
		return p.Reasons[i]
	}
	for i, t := range p.Trace {
		if t.Outcome == p.Verdict && t.Kind != "condition" {
			return p.Reasons[i]
		}
	}
	if len(p.Reasons) > 0 {
		return p.Reasons[len(p.Reasons)-1]
	}
	return ""
}

func (l LabelResult) line() string {
	var b strings.Builder
	if l.Reached == 0 {
		fmt.Fprintf(&b, "label %s: no level reached", l.Family)
	} else {
		fmt.Fprintf(&b, "label %s: level %d reached (%s)", l.Family, l.Reached, l.ReachedID)
	}
	if l.Next > 0 {
		ids := make([]string, len(l.Blockers))
		for i, bl := range l.Blockers {
			ids[i] = bl.Provision + " " + bl.Verdict.String()
		}
		fmt.Fprintf(&b, "; level %d (%s) blocked by %s", l.Next, l.NextID, strings.Join(ids, ", "))
	}
	return b.String()
}

// refusedLabel is the trace index of a declared label that a label route
// did not count, when the provision is left open (not failed), or -1. A
// product that relies on its label learns that the label lapsed, rather
// than which facts it never meant to declare.
func refusedLabel(p ProvisionResult) int {
	if p.Verdict != NotDeclared && p.Verdict != Inconclusive {
		return -1
	}
	for i, t := range p.Trace {
		if t.Kind == "route" && t.Label != nil && t.Outcome == Fail {
			return i
		}
	}
	return -1
}
