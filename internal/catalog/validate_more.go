package catalog

import (
	"sort"
	"strings"
)

func (c *Catalog) validateReport(errs *errorList) {
	for _, q := range c.Questions {
		c.need(errs, q.Pos, "topic", q.Topic)
		c.need(errs, q.Pos, "asks", q.Asks)
		c.need(errs, q.Pos, "answer", q.Answer)
		c.checkSource(errs, q.Pos, "source", q.Source)
	}
	for _, r := range c.Recommendations {
		if !oneOf(r.Kind, RecordKinds) {
			errs.add(r.Pos, "kind", "unknown kind %q (valid: %s)", r.Kind, strings.Join(RecordKinds, ", "))
		}
		c.need(errs, r.Pos, "title", r.Title)
		c.need(errs, r.Pos, "summary", r.Summary)
		for _, p := range r.Practices {
			if _, ok := c.pracIdx[p]; !ok {
				errs.add(r.Pos, "practices", "unknown practice %q", p)
			}
		}
		c.checkSource(errs, r.Pos, "source", r.Source)
	}
	qids := map[string]bool{}
	for _, q := range c.Questions {
		qids[q.ID] = true
	}
	for _, cl := range c.Claims {
		c.need(errs, cl.Pos, "summary", cl.Summary)
		c.need(errs, cl.Pos, "section", cl.Section)
		if cl.Question != "" && !qids[cl.Question] {
			errs.add(cl.Pos, "question", "unknown question %q", cl.Question)
		}
		if cl.Practice != "" {
			if _, ok := c.pracIdx[cl.Practice]; !ok {
				errs.add(cl.Pos, "practice", "unknown practice %q", cl.Practice)
			}
		}
		if cl.Category != "" {
			if _, ok := c.catIdx[cl.Category]; !ok {
				errs.add(cl.Pos, "category", "unknown category %q", cl.Category)
			}
		}
		for _, ct := range cl.Cites {
			if ct.Number <= 0 {
				errs.add(cl.Pos, "cites", "citation number %d must be positive", ct.Number)
			}
			if ct.Jurisdiction != "" {
				if _, ok := c.jurIdx[ct.Jurisdiction]; !ok {
					errs.add(cl.Pos, "cites", "unknown jurisdiction %q", ct.Jurisdiction)
				}
			}
			if ct.LegalForce != "" && !oneOf(ct.LegalForce, LegalForces) {
				errs.add(cl.Pos, "cites", "unknown legal force %q (valid: %s)", ct.LegalForce, strings.Join(LegalForces, ", "))
			}
		}
		for j := range cl.PerJurisdiction {
			if _, ok := c.jurIdx[j]; !ok {
				errs.add(cl.Pos, "per_jurisdiction", "unknown jurisdiction %q", j)
			}
		}
		c.checkSource(errs, cl.Pos, "source", cl.Source)
	}
}

func (c *Catalog) validateProfile(errs *errorList, p *Profile) {
	c.checkID(errs, p.Pos, p.ID)
	c.need(errs, p.Pos, "title", p.Title)
	c.need(errs, p.Pos, "summary", p.Summary)
	if !oneOf(p.Kind, ProfileKinds) {
		errs.add(p.Pos, "kind", "unknown kind %q (valid: %s)", p.Kind, strings.Join(ProfileKinds, ", "))
	}
	if _, ok := c.jurIdx[p.Jurisdiction]; !ok {
		errs.add(p.Pos, "jurisdiction", "unknown jurisdiction %q", p.Jurisdiction)
	}
	for field, v := range map[string]string{"applies_from": p.AppliesFrom, "until": p.Until} {
		if v != "" && !validDate(v) {
			errs.add(p.Pos, field, "%q is not a valid date", v)
		}
	}
	if p.Extends != "" {
		seen := map[string]bool{p.ID: true}
		for cur := p.Extends; cur != ""; {
			if seen[cur] {
				errs.add(p.Pos, "extends", "profile %q extends itself through %q", p.ID, cur)
				break
			}
			seen[cur] = true
			i, ok := c.profIdx[cur]
			if !ok {
				errs.add(p.Pos, "extends", "unknown profile %q", cur)
				break
			}
			cur = c.Profiles[i].Extends
		}
	}
	if len(p.Include) == 0 && p.Extends == "" {
		errs.add(p.Pos, "include", "profile %q selects no provisions", p.ID)
	}
	for _, s := range p.Include {
		if _, ok := c.docIdx[s.Document]; !ok {
			errs.add(p.Pos, "include", "unknown document %q", s.Document)
			continue
		}
		for _, r := range s.Refs {
			if _, ok := c.provIdx[s.Document+"/"+r]; !ok {
				errs.add(p.Pos, "include", "document %q has no provision %q", s.Document, r)
			}
		}
		for _, m := range s.Modality {
			if !oneOf(m, Modalities) {
				errs.add(p.Pos, "include", "unknown modality %q", m)
			}
		}
	}
	for _, r := range p.Routes {
		rp := r.Pos
		if rp.File == "" {
			rp = p.Pos // built in code, not read from a file
		}
		if _, ok := c.provIdx[r.Provision]; !ok {
			errs.add(rp, "provision", "unknown provision %q", r.Provision)
		}
		switch {
		case len(r.AllOf) == 0 && len(r.AnyLabel) == 0:
			errs.add(rp, "all_of", "route for %q lists no accepted provisions (all_of) or labels (any_label)", r.Provision)
		case len(r.AllOf) > 0 && len(r.AnyLabel) > 0:
			errs.add(rp, "any_label", "route for %q gives both all_of and any_label; write them as two routes", r.Provision)
		}
		for _, a := range r.AllOf {
			if _, ok := c.provIdx[a]; !ok {
				errs.add(rp, "all_of", "unknown provision %q", a)
			}
		}
		for _, l := range r.AnyLabel {
			lp := l.Pos
			if lp.File == "" {
				lp = rp
			}
			if d, ok := c.Document(l.Scheme); !ok || d.Kind != "labelling-scheme" {
				errs.add(lp, "scheme", "route for %q: %q is not a known labelling scheme (valid: %s)", r.Provision, l.Scheme, strings.Join(c.LabelSchemes(), ", "))
			} else if l.MinLevel > d.Levels {
				errs.add(lp, "min_level", "route for %q: %q awards levels 1 to %d, not %d", r.Provision, l.Scheme, d.Levels, l.MinLevel)
			}
			if l.MinLevel < 1 {
				errs.add(lp, "min_level", "route for %q: min_level of %q is %d; give the lowest accepted level, 1 or more", r.Provision, l.Scheme, l.MinLevel)
			}
		}
		c.checkSource(errs, rp, "source", r.Source)
	}
	c.checkSource(errs, p.Pos, "source", p.Source)
}

// link expands coverage and provision links into mappings and builds the
// document-practice indexes. It runs only on a valid catalog.
func (c *Catalog) link() {
	for _, cv := range c.Coverage {
		for _, n := range cv.Numbers {
			d := c.Documents[c.docByNumber[n]]
			c.Mappings = append(c.Mappings, Mapping{
				From: "doc:" + d.ID, To: "practice:" + cv.Practice, Relation: cv.Relation,
				Source: cv.Source, Pos: cv.Pos,
			})
		}
	}
	for i := range c.Provisions {
		p := &c.Provisions[i]
		p.Practices = p.Practices[:0]
		for _, m := range p.Maps {
			src := p.Source
			if m.Source != nil {
				src = *m.Source
			}
			src.Note = m.Rationale
			c.Mappings = append(c.Mappings, Mapping{
				From: "prov:" + p.ID, To: "practice:" + m.Practice, Relation: m.Relation,
				Rationale: m.Rationale, Source: src, Pos: p.Pos,
			})
			p.Practices = append(p.Practices, m.Practice)
		}
	}
	nd, np := len(c.Documents), len(c.Practices)
	c.DocProvisions = make([][]int, nd)
	for i, p := range c.Provisions {
		d := c.docIdx[p.Document]
		c.DocProvisions[d] = append(c.DocProvisions[d], i)
	}
	seen := make(map[[2]int]bool, len(c.Mappings))
	c.DocPractices = make([][]int, nd)
	c.PracticeDocs = make([][]int, np)
	for _, m := range c.Mappings {
		kind, pid, _ := strings.Cut(m.To, ":")
		if kind != "practice" {
			continue
		}
		fk, fid, _ := strings.Cut(m.From, ":")
		var d int
		switch fk {
		case "doc":
			d = c.docIdx[fid]
		case "prov":
			d = c.docIdx[c.Provisions[c.provIdx[fid]].Document]
		default:
			continue
		}
		p := c.pracIdx[pid]
		if seen[[2]int{d, p}] {
			continue
		}
		seen[[2]int{d, p}] = true
		c.DocPractices[d] = append(c.DocPractices[d], p)
		c.PracticeDocs[p] = append(c.PracticeDocs[p], d)
	}
	for _, s := range c.DocPractices {
		sort.Ints(s)
	}
	for _, s := range c.PracticeDocs {
		sort.Ints(s)
	}
}

// LabelSchemes lists the ids of the labelling-scheme documents, which are
// the schemes a route's any_label and a declaration's labels may name.
func (c *Catalog) LabelSchemes() []string {
	var out []string
	for _, d := range c.Documents {
		if d.Kind == "labelling-scheme" {
			out = append(out, d.ID)
		}
	}
	sort.Strings(out)
	return out
}
