package catalog

import (
	"fmt"
	"strings"
)

// index builds the id maps and reports duplicate ids.
func (c *Catalog) index(errs *errorList) {
	c.refIdx = indexBy(c.References, errs, "reference", func(r *Reference) (string, Pos) { return r.ID, r.Pos })
	c.catIdx = indexBy(c.Categories, errs, "category", func(r *Category) (string, Pos) { return r.ID, r.Pos })
	c.pracIdx = indexBy(c.Practices, errs, "practice", func(r *Practice) (string, Pos) { return r.ID, r.Pos })
	c.jurIdx = indexBy(c.Jurisdictions, errs, "jurisdiction", func(r *Jurisdiction) (string, Pos) { return r.ID, r.Pos })
	c.docIdx = indexBy(c.Documents, errs, "document", func(r *Document) (string, Pos) { return r.ID, r.Pos })
	for i := range c.Provisions {
		p := &c.Provisions[i]
		p.ID = p.Document + "/" + p.Ref
	}
	c.provIdx = indexBy(c.Provisions, errs, "provision", func(r *Provision) (string, Pos) { return r.ID, r.Pos })
	c.profIdx = indexBy(c.Profiles, errs, "profile", func(r *Profile) (string, Pos) { return r.ID, r.Pos })
	c.docByNumber = map[int]int{}
	for i, d := range c.Documents {
		if d.Number == 0 {
			continue
		}
		if j, dup := c.docByNumber[d.Number]; dup {
			errs.add(d.Pos, "number", "document number %d already used by %q (%s:%d)", d.Number, c.Documents[j].ID, c.Documents[j].Pos.File, c.Documents[j].Pos.Line)
			continue
		}
		c.docByNumber[d.Number] = i
	}
	qs := indexBy(c.Questions, errs, "question", func(r *Question) (string, Pos) { return r.ID, r.Pos })
	_ = qs
	indexBy(c.Recommendations, errs, "recommendation", func(r *Recommendation) (string, Pos) { return r.ID, r.Pos })
	indexBy(c.Claims, errs, "claim", func(r *Claim) (string, Pos) { return r.ID, r.Pos })
}

func indexBy[T any](s []T, errs *errorList, what string, key func(*T) (string, Pos)) map[string]int {
	m := make(map[string]int, len(s))
	for i := range s {
		id, pos := key(&s[i])
		if id == "" {
			errs.add(pos, "id", "%s has no id", what)
			continue
		}
		if j, dup := m[id]; dup {
			_, prev := key(&s[j])
			errs.add(pos, "id", "duplicate %s id %q, first defined at %s:%d", what, id, prev.File, prev.Line)
			continue
		}
		m[id] = i
	}
	return m
}

func (c *Catalog) validate(errs *errorList) {
	for _, r := range c.References {
		c.need(errs, r.Pos, "title", r.Title)
		if !oneOf(r.Kind, SourceKinds) {
			errs.add(r.Pos, "kind", "unknown reference kind %q (valid: %s)", r.Kind, strings.Join(SourceKinds, ", "))
		}
	}
	for _, r := range c.Categories {
		c.checkID(errs, r.Pos, r.ID)
		c.need(errs, r.Pos, "name", r.Name)
		c.need(errs, r.Pos, "summary", r.Summary)
	}
	for _, p := range c.Practices {
		c.checkID(errs, p.Pos, p.ID)
		c.need(errs, p.Pos, "name", p.Name)
		c.need(errs, p.Pos, "summary", p.Summary)
		if len(p.Categories) == 0 {
			errs.add(p.Pos, "categories", "practice %q has no category", p.ID)
		}
		for _, cat := range p.Categories {
			if _, ok := c.catIdx[cat]; !ok {
				errs.add(p.Pos, "categories", "unknown category %q (valid: %s)", cat, strings.Join(IDs(c.Categories, func(x *Category) string { return x.ID }), ", "))
			}
		}
		for _, s := range p.Stakeholders {
			if !oneOf(s, Stakeholders) {
				errs.add(p.Pos, "stakeholders", "unknown stakeholder %q (valid: %s)", s, strings.Join(Stakeholders, ", "))
			}
		}
		c.checkSource(errs, p.Pos, "source", p.Source)
	}
	for i := range c.Jurisdictions {
		c.validateJurisdiction(errs, &c.Jurisdictions[i])
	}
	for _, d := range c.Documents {
		c.validateDocument(errs, &d)
	}
	for _, p := range c.Provisions {
		c.validateProvision(errs, &p)
	}
	for _, m := range c.Mappings {
		c.validateMapping(errs, &m)
	}
	for _, cv := range c.Coverage {
		if _, ok := c.pracIdx[cv.Practice]; !ok {
			errs.add(cv.Pos, "practice", "unknown practice %q", cv.Practice)
		}
		if len(cv.Numbers) == 0 {
			errs.add(cv.Pos, "numbers", "coverage of %q lists no document", cv.Practice)
		}
		for _, n := range cv.Numbers {
			if _, ok := c.docByNumber[n]; !ok {
				errs.add(cv.Pos, "numbers", "no document has number %d", n)
			}
		}
		if !oneOf(cv.Relation, Relations) {
			errs.add(cv.Pos, "relation", "unknown relation %q (valid: %s)", cv.Relation, strings.Join(Relations, ", "))
		}
		c.checkSource(errs, cv.Pos, "source", cv.Source)
	}
	c.validateReport(errs)
	for _, p := range c.Profiles {
		c.validateProfile(errs, &p)
	}
}

func (c *Catalog) validateDocument(errs *errorList, d *Document) {
	c.checkID(errs, d.Pos, d.ID)
	c.need(errs, d.Pos, "title", d.Title)
	c.need(errs, d.Pos, "issuer", d.Issuer)
	c.need(errs, d.Pos, "language", d.Language)
	if _, ok := c.jurIdx[d.Jurisdiction]; !ok {
		errs.add(d.Pos, "jurisdiction", "unknown jurisdiction %q", d.Jurisdiction)
	}
	if !oneOf(d.Kind, DocumentKinds) {
		errs.add(d.Pos, "kind", "unknown kind %q (valid: %s)", d.Kind, strings.Join(DocumentKinds, ", "))
	}
	if !oneOf(d.LegalForce, LegalForces) {
		errs.add(d.Pos, "legal_force", "unknown legal force %q (valid: %s)", d.LegalForce, strings.Join(LegalForces, ", "))
	}
	switch {
	case d.Kind == "labelling-scheme" && d.Levels < 1:
		errs.add(d.Pos, "levels", "a labelling scheme needs levels: how many levels it awards (1 for a single label)")
	case d.Kind != "labelling-scheme" && d.Levels != 0:
		errs.add(d.Pos, "levels", "only a labelling scheme has levels")
	}
	for field, v := range map[string]string{"published": d.Published, "in_force": d.InForce, "applies_from": d.AppliesFrom} {
		if v != "" && !validDate(v) {
			errs.add(d.Pos, field, "%q is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)", v)
		}
	}
	if d.Number == 0 && !d.AddedAfter {
		errs.add(d.Pos, "number", "document %q has no report number and is not marked added_after_report", d.ID)
	}
	c.checkSource(errs, d.Pos, "source", d.Source)
	if d.DetailsSource != nil {
		c.checkSource(errs, d.Pos, "details_source", *d.DetailsSource)
	}
}

func (c *Catalog) validateProvision(errs *errorList, p *Provision) {
	if p.Document == "" {
		errs.add(p.Pos, "document", "provision %q has no document: set one at the top of the file or on the provision", p.Ref)
	} else if _, ok := c.docIdx[p.Document]; !ok {
		errs.add(p.Pos, "document", "unknown document %q", p.Document)
	}
	c.need(errs, p.Pos, "ref", p.Ref)
	c.need(errs, p.Pos, "summary", p.Summary)
	if !oneOf(p.Modality, Modalities) {
		errs.add(p.Pos, "modality", "unknown modality %q (valid: %s)", p.Modality, strings.Join(Modalities, ", "))
	}
	if len(p.Binds) == 0 {
		errs.add(p.Pos, "binds", "provision %q binds no one", p.ID)
	}
	for _, b := range p.Binds {
		if !oneOf(b, Stakeholders) {
			errs.add(p.Pos, "binds", "unknown stakeholder %q (valid: %s)", b, strings.Join(Stakeholders, ", "))
		}
	}
	if len(p.Verification) == 0 {
		errs.add(p.Pos, "verification", "provision %q says no way to verify it", p.ID)
	}
	for _, v := range p.Verification {
		if !oneOf(v, Verifications) {
			errs.add(p.Pos, "verification", "unknown verification %q (valid: %s)", v, strings.Join(Verifications, ", "))
		}
	}
	for _, cd := range p.Conditions {
		if fact, _ := ParseCondition(cd); !oneOf(fact, Conditions) {
			errs.add(p.Pos, "conditions", "unknown condition %q (valid: %s, each optionally prefixed with %q)", cd, strings.Join(Conditions, ", "), NotPrefix)
		}
	}
	if len(p.Maps) == 0 && p.NoPractice == "" {
		errs.add(p.Pos, "maps", "provision %q maps to no practice and gives no no_practice reason", p.ID)
	}
	for _, m := range p.Maps {
		if _, ok := c.pracIdx[m.Practice]; !ok {
			errs.add(p.Pos, "maps", "unknown practice %q", m.Practice)
		}
		if !oneOf(m.Relation, Relations) {
			errs.add(p.Pos, "maps", "unknown relation %q (valid: %s)", m.Relation, strings.Join(Relations, ", "))
		}
		if m.Source != nil {
			c.checkSource(errs, p.Pos, "maps", *m.Source)
		}
	}
	c.checkSource(errs, p.Pos, "source", p.Source)
}

func (c *Catalog) validateMapping(errs *errorList, m *Mapping) {
	for field, end := range map[string]string{"from": m.From, "to": m.To} {
		if err := c.resolveEnd(end); err != nil {
			errs.add(m.Pos, field, "%v", err)
		}
	}
	if !oneOf(m.Relation, Relations) {
		errs.add(m.Pos, "relation", "unknown relation %q (valid: %s)", m.Relation, strings.Join(Relations, ", "))
	}
	if m.Strength < 0 || m.Strength > 10 {
		errs.add(m.Pos, "strength", "strength %d outside 0..10", m.Strength)
	}
	c.checkSource(errs, m.Pos, "source", m.Source)
}

// resolveEnd checks one end of a mapping: doc:ID, prov:DOC/REF or practice:ID.
func (c *Catalog) resolveEnd(end string) error {
	kind, id, ok := strings.Cut(end, ":")
	if !ok {
		return fmt.Errorf("%q is not of the form doc:ID, prov:DOC/REF or practice:ID", end)
	}
	var found bool
	switch kind {
	case "doc":
		_, found = c.docIdx[id]
	case "prov":
		_, found = c.provIdx[id]
	case "practice":
		_, found = c.pracIdx[id]
	default:
		return fmt.Errorf("unknown end kind %q in %q (valid: doc, prov, practice)", kind, end)
	}
	if !found {
		return fmt.Errorf("%s %q does not exist", kind, id)
	}
	return nil
}

func (c *Catalog) checkID(errs *errorList, p Pos, id string) {
	if id != "" && !idRE.MatchString(id) {
		errs.add(p, "id", "id %q must be lower-case letters, digits, dots and dashes", id)
	}
}

func (c *Catalog) need(errs *errorList, p Pos, field, v string) {
	if strings.TrimSpace(v) == "" {
		errs.add(p, field, "is required")
	}
}

// checkSource requires a resolvable reference on every sourced record.
func (c *Catalog) checkSource(errs *errorList, p Pos, field string, s Source) {
	if s.Ref == "" {
		errs.add(p, field, "has no source reference (every fact needs one)")
		return
	}
	if _, ok := c.refIdx[s.Ref]; !ok {
		errs.add(p, field, "unknown reference %q", s.Ref)
	}
	if s.Confidence < 0 || s.Confidence > 1 {
		errs.add(p, field, "confidence %v outside 0..1", s.Confidence)
	}
}
