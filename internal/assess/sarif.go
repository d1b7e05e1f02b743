package assess

import (
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/sarif"
)

// SARIF output: each result is one provision not met (or left open) in the
// chosen markets, located at the declaration line of the fact that decided it.

// factPaths says where in a declaration each fact is stated, so a SARIF
// result can point at the line to change.
var factPaths = map[string]string{
	"support.covers_warranty":      "$.support.end_date",
	"support.meets_cra_minimum":    "$.support.end_date",
	"support.published":            "$.support",
	"disclosure.contact_published": "$.disclosure",
	"disclosure.policy_published":  "$.disclosure",
	"sbom.available":               "$.sbom",
	"product.identified":           "$.product",
	"interfaces.authenticated":     "$.product.interfaces",
}

// declPath maps a fact name to its JSON path in the declaration.
func declPath(fact string) string {
	if p, ok := factPaths[fact]; ok {
		return p
	}
	if strings.HasPrefix(fact, "service.") {
		return "$.product.interfaces"
	}
	section, field, _ := strings.Cut(fact, ".")
	switch section {
	case "password":
		section = "passwords"
	case "update":
		section = "updates"
	}
	return "$." + section + "." + field
}

// WriteSARIF writes the result as a SARIF 2.1.0 log. version is the tool's.
func WriteSARIF(w io.Writer, r *Result, d *Declaration, version string) error {
	uri := r.Declaration
	if uri == "" {
		uri = "declaration"
	}
	type hit struct {
		level, msg, path string
		markets          []string
	}
	hits := map[string]*hit{}
	titles := map[string]string{}
	for _, m := range r.Markets {
		for _, p := range m.Provisions {
			level := sarifLevel(p)
			if level == "" {
				continue
			}
			h, ok := hits[p.ID]
			if !ok {
				h = &hit{level: level, msg: decisive(p), path: provisionPath(p, d)}
				hits[p.ID] = h
				titles[p.ID] = p.Title
			}
			h.markets = append(h.markets, m.ID)
		}
	}
	ids := make([]string, 0, len(hits))
	for id := range hits {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	run := sarif.NewRun("bydesign", version)
	for _, id := range ids {
		h := hits[id]
		title := titles[id]
		if title == "" {
			title = id
		}
		run.Rule(sarif.Rule{ID: id, Name: id, ShortDescription: sarif.Message{Text: title}})
		line := 1
		if d != nil && d.loc != nil {
			if l := d.loc.line(h.path); l > 0 {
				line = l
			}
		}
		run.Add(sarif.Result{
			RuleID: id, Level: h.level,
			Message:   sarif.Message{Text: h.msg + " [markets: " + strings.Join(h.markets, ", ") + "]"},
			Locations: sarif.At(uri, line),
		})
	}
	return sarif.Write(w, run)
}

// sarifLevel: a failed mandatory provision is an error, a failed
// recommendation a warning, an open mandatory one a note; the rest is not
// reported.
func sarifLevel(p ProvisionResult) string {
	switch {
	case p.Verdict == Fail && p.Modality == "shall":
		return "error"
	case p.Verdict == Fail:
		return "warning"
	case (p.Verdict == NotDeclared || p.Verdict == Inconclusive) && p.Modality == "shall":
		return "note"
	}
	return ""
}

// provisionPath finds the declaration path behind the decisive reason.
func provisionPath(p ProvisionResult, d *Declaration) string {
	if i := refusedLabel(p); i >= 0 && d != nil {
		t := p.Trace[i]
		// labels are unique by scheme and id (validate)
		k := slices.IndexFunc(d.Labels, func(l Label) bool { return l.Scheme == t.Label.Scheme && l.ID == t.Label.ID })
		if k >= 0 {
			return joinIndex("$.labels", k) // refused for its expiry or its level
		}
	}
	for _, t := range p.Trace {
		if t.Outcome == p.Verdict && t.Fact != "" {
			return declPath(t.Fact)
		}
	}
	if d != nil {
		if _, ok := d.Provisions[p.ID]; ok {
			return joinKey("$.provisions", p.ID)
		}
	}
	return "$"
}
