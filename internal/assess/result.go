package assess

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

// Result is one declaration assessed against the chosen markets.
type Result struct {
	Declaration string         `json:"declaration,omitempty"` // file name
	Evidence    string         `json:"evidence,omitempty"`
	Date        string         `json:"date"` // the assessment date (UTC day) that label expiry was judged on
	Product     ProductSummary `json:"product"`
	Verdict     Verdict        `json:"verdict"`
	Markets     []MarketResult `json:"markets"`
	Findings    []Finding      `json:"findings"`
	Labels      []LabelResult  `json:"labels,omitempty"`
}

// ProductSummary identifies the assessed product.
type ProductSummary struct {
	Manufacturer string   `json:"manufacturer"`
	Model        string   `json:"model"`
	Versions     Versions `json:"versions"`
}

// MarketResult is the verdict for one market and each of its provisions.
type MarketResult struct {
	ID         string            `json:"id"`
	Title      string            `json:"title"`
	Kind       string            `json:"kind"`
	Verdict    Verdict           `json:"verdict"`
	Counts     map[string]int    `json:"counts"`
	Provisions []ProvisionResult `json:"provisions"`
}

// ProvisionResult is one provision's verdict with the reasons in words and
// the trace as data.
type ProvisionResult struct {
	ID       string      `json:"id"`
	Ref      string      `json:"ref"`
	Document string      `json:"document"`
	Title    string      `json:"title,omitempty"`
	Modality string      `json:"modality"`
	Verdict  Verdict     `json:"verdict"`
	Reasons  []string    `json:"reasons"`
	Trace    []TraceStep `json:"trace"`
}

// TraceStep is one step of how a verdict was reached.
type TraceStep struct {
	Kind      string          `json:"kind"` // condition, statement, rule, observation, contradiction, unconfirmed, route, gap
	Outcome   Verdict         `json:"outcome"`
	Rule      string          `json:"rule,omitempty"`
	Fact      string          `json:"fact,omitempty"`
	Finding   string          `json:"finding,omitempty"`
	Practice  string          `json:"practice,omitempty"`
	Relation  string          `json:"relation,omitempty"`
	Condition string          `json:"condition,omitempty"`
	Check     string          `json:"check,omitempty"`
	Target    string          `json:"target,omitempty"`
	Port      int             `json:"port,omitempty"`
	Route     []string        `json:"route,omitempty"`
	Label     *Label          `json:"label,omitempty"` // the declared label a label route counted or refused
	Date      string          `json:"date,omitempty"`  // the assessment date a label's expiry was checked against
	Source    *catalog.Source `json:"source,omitempty"`
}

// Finding is a problem worth its own line: a failed rule test or a
// contradiction between declaration and observation, with every provision
// it breaks in the chosen markets.
type Finding struct {
	ID         string   `json:"id"`
	Kind       string   `json:"kind"` // rule, contradiction
	Message    string   `json:"message"`
	Provisions []string `json:"provisions"`
	Severity   string   `json:"severity"` // error: breaks a mandatory provision; warning otherwise
}

// Assess evaluates one declaration (and optional evidence) and returns the
// full result. For many declarations use a Scratch and Summarize.
func (e *Engine) Assess(d *Declaration, ev *ProbeResult) *Result {
	return e.AssessOn(d, ev, time.Time{})
}

// AssessOn is Assess on a given day (the engine's clock when day is zero),
// for callers that share one engine but date assessments differently.
func (e *Engine) AssessOn(d *Declaration, ev *ProbeResult, day time.Time) *Result {
	s := e.NewScratch()
	if !day.IsZero() {
		s.runDay = dayOf(day)
	}
	var pe *preparedEvidence
	if ev != nil {
		pe = e.prepare(ev)
	}
	e.evaluate(s, d, pe)
	return e.result(s)
}

func (e *Engine) result(s *Scratch) *Result {
	d := s.decl
	r := &Result{
		Date:        dayText(s.today),
		Declaration: d.name,
		Product:     ProductSummary{d.Product.Manufacturer, d.Product.Model, d.Product.Versions},
		Verdict:     Pass,
		Findings:    []Finding{},
	}
	findings := map[string]*Finding{}
	var order []string
	note := func(id, kind, msg, prov string, mandatory bool) {
		f, ok := findings[id]
		if !ok {
			f = &Finding{ID: id, Kind: kind, Message: msg, Severity: "warning"}
			findings[id] = f
			order = append(order, id)
		}
		if !contains(f.Provisions, prov) {
			f.Provisions = append(f.Provisions, prov)
		}
		if mandatory {
			f.Severity = "error"
		}
	}
	for mi := 0; mi < e.chosen; mi++ {
		mr := e.marketResult(s, mi, note)
		r.Verdict = worse(r.Verdict, mr.Verdict)
		r.Markets = append(r.Markets, mr)
	}
	for _, id := range order {
		r.Findings = append(r.Findings, *findings[id])
	}
	sort.SliceStable(r.Findings, func(i, j int) bool { return r.Findings[i].Kind < r.Findings[j].Kind })
	r.Labels = e.labels(s)
	return r
}

// worse orders market verdicts: fail, then incomplete, then pass.
func worse(a, b Verdict) Verdict {
	rank := func(v Verdict) int {
		switch v {
		case Fail:
			return 2
		case Incomplete:
			return 1
		}
		return 0
	}
	if rank(b) > rank(a) {
		return b
	}
	return a
}

func (e *Engine) marketResult(s *Scratch, mi int, note func(id, kind, msg, prov string, mandatory bool)) MarketResult {
	m := &e.markets[mi]
	me := &s.markets[mi]
	mr := MarketResult{ID: m.profile.ID, Title: m.profile.Title, Kind: m.profile.Kind, Verdict: me.verdict, Counts: map[string]int{}}
	for v := NotDeclared; v < Incomplete; v++ {
		mr.Counts[v.String()] = me.counts[v]
	}
	for j, i := range m.provs {
		cp := &e.provs[i]
		v, viaRoute := s.marketProvVerdict(e, mi, j)
		pr := ProvisionResult{ID: cp.p.ID, Ref: cp.p.Ref, Document: cp.p.Document, Title: cp.p.Title, Modality: cp.p.Modality, Verdict: v}
		e.explain(s, i, &pr, func(id, kind, msg string) {
			if v == Fail || kind == "contradiction" {
				note(id, kind, msg, cp.p.ID, cp.mandatory && v == Fail)
			}
		})
		if viaRoute || (v != Pass && v != NotApplicable) {
			e.explainRoute(s, m, i, &pr, viaRoute)
		}
		mr.Provisions = append(mr.Provisions, pr)
	}
	return mr
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// explainRoute adds the deemed-compliance route that met the provision,
// or, when none did, why a declared label did not count.
func (e *Engine) explainRoute(s *Scratch, m *cmarket, i int, pr *ProvisionResult, met bool) {
	for ri := range m.routes[i] {
		r := &m.routes[i][ri]
		if len(r.labels) > 0 {
			if met && s.evals[i].v == Fail {
				continue // a label never outweighs a failure (routeMet): another route met it
			}
			if e.explainLabelRoute(s, r, met, pr) {
				return
			}
			continue
		}
		if !met {
			continue
		}
		ok := true
		var ids []string
		for _, a := range r.allOf {
			ids = append(ids, e.provs[a].p.ID)
			if v := s.evals[a].v; v != Pass && v != NotApplicable {
				ok = false
			}
		}
		if ok {
			src := r.source
			pr.Trace = append(pr.Trace, TraceStep{Kind: "route", Outcome: Pass, Route: ids, Source: &src})
			pr.Reasons = append(pr.Reasons, "met through the deemed-compliance route "+strings.Join(ids, " + "))
			return
		}
	}
}

// explain turns the reasons of provision i into words and trace steps.
func (e *Engine) explain(s *Scratch, i int, pr *ProvisionResult, finding func(id, kind, msg string)) {
	cp := &e.provs[i]
	pe := &s.evals[i]
	pr.Reasons, pr.Trace = []string{}, []TraceStep{}
	add := func(t TraceStep, format string, args ...any) {
		pr.Trace = append(pr.Trace, t)
		pr.Reasons = append(pr.Reasons, fmt.Sprintf(format, args...))
	}
	for _, r := range s.reasons[pe.start:pe.end] {
		switch r.kind {
		case rCondFalse:
			c := catalog.Conditions[r.a]
			if r.b == 1 {
				add(TraceStep{Kind: "condition", Outcome: NotApplicable, Condition: catalog.NotPrefix + c}, "not applicable: condition %s is declared true and the provision applies only without it", c)
				break
			}
			add(TraceStep{Kind: "condition", Outcome: NotApplicable, Condition: c}, "not applicable: condition %s is declared false", c)
		case rCondAssumed:
			c := catalog.Conditions[r.a]
			if r.b == 1 {
				add(TraceStep{Kind: "condition", Outcome: NotDeclared, Condition: catalog.NotPrefix + c}, "condition %s is not declared; assumed not to hold", c)
				break
			}
			add(TraceStep{Kind: "condition", Outcome: NotDeclared, Condition: c}, "condition %s is not declared; assumed to hold", c)
		case rStmtNA:
			add(TraceStep{Kind: "statement", Outcome: NotApplicable}, "declared not applicable: %s", s.provStmt[i].Justification)
		case rTest, rObservedTest:
			e.explainTest(s, cp, r, add, finding)
		case rStmt:
			add(TraceStep{Kind: "statement", Outcome: r.v}, "the declaration states this provision is %s%s", s.provStmt[i].Status, evidenceNote(s.provStmt[i]))
		case rPracticeStmt:
			p := e.pracIDs[cp.practices[r.a]]
			st := s.pracStmt[cp.practices[r.a]]
			add(TraceStep{Kind: "statement", Outcome: r.v, Practice: p, Relation: cp.relations[r.a]},
				"the declaration states practice %s is %s%s (provision maps to it: %s)", p, st.Status, evidenceNote(st), cp.relations[r.a])
		case rNoRule:
			add(TraceStep{Kind: "gap", Outcome: NotDeclared}, "no rule covers this provision and the declaration makes no statement on it or its practices")
		case rLabReport:
			add(TraceStep{Kind: "gap", Outcome: Inconclusive}, "only a lab test verifies this provision; the declaration cites no lab report")
		case rObserved, rObservedPrac:
			f := s.ev.result.at(r.finding)
			t := s.ev.result.Targets[r.finding.target]
			step := TraceStep{Kind: "observation", Outcome: r.v, Check: f.Check, Target: t.Address, Port: f.Port}
			how := "naming this provision"
			if r.kind == rObservedPrac {
				how = "on a practice this provision maps to"
				step.Practice = strings.Join(f.Practices, ",")
			}
			add(step, "probe check %s on %s%s reported %s%s (%s)", f.Check, t.Address, portNote(f.Port), f.Status, detailNote(f.Detail), how)
		case rUnconfirmed:
			f := s.ev.result.at(r.finding)
			t := s.ev.result.Targets[r.finding.target]
			add(TraceStep{Kind: "unconfirmed", Outcome: Inconclusive, Check: f.Check, Target: t.Address, Port: f.Port},
				"check %s on %s%s could not conclude, so it neither confirms the declaration nor a pass seen elsewhere; the provision stays inconclusive until the check can run", f.Check, t.Address, portNote(f.Port))
		case rContradiction:
			f := s.ev.result.at(r.finding)
			step := TraceStep{Kind: "contradiction", Outcome: Fail, Check: f.Check, Port: f.Port, Target: s.ev.result.Targets[r.finding.target].Address}
			msg := fmt.Sprintf("the probe contradicts the declaration: check %s%s reported %s%s", f.Check, portNote(f.Port), f.Status, detailNote(f.Detail))
			id := "contradiction:" + f.Check
			if r.a >= 0 {
				step.Fact = factTable[r.a].name
				msg = fmt.Sprintf("the declaration states %s = %s, but the probe observed %s (check %s%s, status %s)",
					step.Fact, s.facts[r.a].text(factTable[r.a].kind), s.observed[r.a].text(factTable[r.a].kind), f.Check, portNote(f.Port), f.Status)
				id = "contradiction:" + step.Fact
			}
			add(step, "%s", msg)
			finding(id, "contradiction", msg)
		}
	}
}

func (e *Engine) explainTest(s *Scratch, cp *cprov, r reason, add func(TraceStep, string, ...any), finding func(id, kind, msg string)) {
	rr := cp.rules[r.a]
	rule := &e.rules.Rules[rr.rule]
	t := &e.rules.Rules[rr.rule].Tests[r.b]
	step := TraceStep{Kind: "rule", Outcome: r.v, Rule: rule.ID, Fact: t.Fact}
	via := "provision id"
	if rr.practice >= 0 {
		step.Practice = e.pracIDs[rr.practice]
		for k, p := range cp.practices {
			if p == rr.practice {
				step.Relation = cp.relations[k]
			}
		}
		via = "mapping to practice " + step.Practice + " (" + step.Relation + ")"
	}
	src := "declared"
	if r.kind == rObservedTest {
		src = "observed"
		f := s.ev.result.at(r.finding)
		step.Kind, step.Check, step.Port = "observation", f.Check, f.Port
		src = fmt.Sprintf("observed by probe check %s%s", f.Check, portNote(f.Port))
	}
	switch r.v {
	case Pass:
		add(step, "rule %s (via %s): %s is met (%s)", rule.ID, via, t.Fact, src)
	case Fail:
		step.Finding = t.Finding
		add(step, "rule %s (via %s): %s (%s %s)", rule.ID, via, t.Fails, src, t.Fact)
		finding(t.Finding, "rule", t.Fails)
	default:
		add(step, "rule %s (via %s): the declaration does not state %s", rule.ID, via, t.Fact)
	}
}

func evidenceNote(st *Statement) string {
	if st == nil || len(st.Evidence) == 0 {
		return ""
	}
	refs := make([]string, len(st.Evidence))
	for i, e := range st.Evidence {
		refs[i] = e.Kind + " " + e.Ref
	}
	return ", evidence: " + strings.Join(refs, "; ")
}

// detailNote quotes a probe finding's own words, cut short and without
// control characters (the evidence file is untrusted input).
func detailNote(d string) string {
	d = strings.Map(func(r rune) rune {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) {
			return -1
		}
		return r
	}, d)
	if d == "" {
		return ""
	}
	if r := []rune(d); len(r) > 120 {
		d = string(r[:119]) + "…"
	}
	return ": " + d
}

func portNote(p int) string {
	if p == 0 {
		return ""
	}
	return fmt.Sprintf(" (port %d)", p)
}
