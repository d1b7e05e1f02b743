package oscal

import (
	"cmp"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/markets"
)

// DefaultModified is the last-modified stamp when the caller gives none.
// A fixed stamp keeps exports byte-stable; bump it with the dataset.
var DefaultModified = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

// Options set the metadata every exported document shares.
type Options struct {
	LastModified time.Time // zero: DefaultModified
	Version      string    // the dataset or program version; empty: "dev"
	// Pairs are crosswalks to write besides those the dataset links
	// directly; each side is a document or profile id as crosswalk takes.
	Pairs []markets.Pair
}

func (o Options) metadata(title string) Metadata {
	t := o.LastModified
	if t.IsZero() {
		t = DefaultModified
	}
	return Metadata{
		Title:        line(title),
		LastModified: t.UTC().Format(time.RFC3339),
		Version:      cmp.Or(line(o.Version), "dev"),
		OSCALVersion: OSCALVersion,
	}
}

// BuildCatalog writes the whole catalog as one OSCAL catalog: practices as
// controls grouped by category, then every document as a group whose
// controls are its provisions. References become back-matter resources that
// sources link to.
func BuildCatalog(c *catalog.Catalog, o Options) (*CatalogDocument, error) {
	cat := &Catalog{
		UUID:     UUID("catalog"),
		Metadata: o.metadata("bydesign: IoT security practices and the provisions of the regimes that demand them"),
	}
	cat.Metadata.Remarks = "Practices are the IS3C report's canonical set; provisions are summarised in bydesign's own words, each with its source. Provision controls link to the practices they map to; the relation (equal, subset, superset, intersect) is the class of each practice property."
	seen := map[string]string{}
	claim := func(id, owner string) error {
		if prev, dup := seen[id]; dup {
			return fmt.Errorf("oscal: %s and %s both become id %q", prev, owner, id)
		}
		seen[id] = owner
		return nil
	}

	practices := Group{ID: "practices", Class: "practices", Title: "Practices"}
	for _, cg := range c.Categories {
		g := Group{ID: categoryGroupID(cg.ID), Class: "category", Title: line(cg.Name), Parts: overview(cg.Summary)}
		for i := range c.Practices {
			p := &c.Practices[i]
			if p.Categories[0] != cg.ID { // a practice sits under its first category
				continue
			}
			id := PracticeControlID(p.ID)
			if err := claim(id, "practice "+p.ID); err != nil {
				return nil, err
			}
			g.Controls = append(g.Controls, practiceControl(p))
		}
		practices.Groups = append(practices.Groups, g)
	}

	documents := Group{ID: "documents", Class: "documents", Title: "Documents"}
	for i := range c.Documents {
		d := &c.Documents[i]
		g := documentGroup(d)
		if err := claim(g.ID, "document "+d.ID); err != nil {
			return nil, err
		}
		for _, p := range c.ProvisionsOf(d.ID) {
			ctl := provisionControl(d, p)
			if err := claim(ctl.ID, "provision "+p.ID); err != nil {
				return nil, err
			}
			g.Controls = append(g.Controls, ctl)
		}
		documents.Groups = append(documents.Groups, g)
	}
	cat.Groups = []Group{practices, documents}
	if len(c.References) > 0 {
		cat.BackMatter = &BackMatter{}
		for _, r := range c.References {
			res := Resource{UUID: referenceUUID(r.ID), Title: line(r.Title), Props: props(nsProp("reference-id", r.ID), nsProp("kind", r.Kind), nsProp("publisher", r.Publisher))}
			if href(r.URL) {
				res.RLinks = []RLink{{Href: r.URL}}
			}
			cat.BackMatter.Resources = append(cat.BackMatter.Resources, res)
		}
	}
	return &CatalogDocument{Catalog: cat}, nil
}

func practiceControl(p *catalog.Practice) Control {
	ps := props(Property{Name: "sort-id", Value: fmt.Sprintf("%03d", p.Order)})
	for _, cg := range p.Categories {
		ps = append(ps, props(nsProp("category", cg))...)
	}
	for _, s := range p.Stakeholders {
		ps = append(ps, props(nsProp("stakeholder", s))...)
	}
	sp, sl := sourceRefs(p.Source)
	return Control{
		ID: PracticeControlID(p.ID), Class: "practice", Title: line(p.Name),
		Props: append(ps, sp...), Links: sl, Parts: statement(PracticeControlID(p.ID), p.Summary),
	}
}

func documentGroup(d *catalog.Document) Group {
	ps := props(
		nsProp("document-id", d.ID), nsProp("short-title", d.ShortTitle), nsProp("issuer", d.Issuer),
		nsProp("jurisdiction", d.Jurisdiction), nsProp("subdivision", d.Subdivision),
		nsProp("kind", d.Kind), nsProp("legal-force", d.LegalForce), nsProp("language", d.Language),
		nsProp("version", d.Version), nsProp("published", d.Published), nsProp("in-force", d.InForce),
		nsProp("applies-from", d.AppliesFrom), nsProp("status", d.Status),
	)
	if d.Number > 0 {
		ps = append(ps, props(nsProp("report-number", fmt.Sprint(d.Number)))...)
	}
	if d.AddedAfter {
		ps = append(ps, props(nsProp("added-after-report", "true"))...)
	}
	sp, sl := sourceRefs(d.Source)
	ps = append(ps, sp...)
	if href(d.URL) {
		sl = append([]Link{{Href: d.URL, Rel: "alternate", Text: "the document"}}, sl...)
	}
	return Group{ID: DocumentGroupID(d.ID), Class: "document", Title: line(d.Title), Props: ps, Links: sl, Parts: overview(d.Summary)}
}

func provisionControl(d *catalog.Document, p *catalog.Provision) Control {
	id := ProvisionControlID(p.Document, p.Ref)
	title := line(p.Title)
	if title == "" {
		title = line(cmp.Or(d.ShortTitle, d.ID) + " " + p.Ref)
	}
	ps := props(Property{Name: "label", Value: line(p.Ref)}, nsProp("modality", p.Modality), nsProp("level", p.Level))
	for _, v := range p.Verification {
		ps = append(ps, props(nsProp("verification", v))...)
	}
	for _, b := range p.Binds {
		ps = append(ps, props(nsProp("binds", b))...)
	}
	for _, cd := range p.Conditions {
		ps = append(ps, props(nsProp("condition", cd))...)
	}
	var links []Link
	for _, m := range p.Maps {
		pr := nsProp("practice", m.Practice)
		pr.Class = m.Relation
		pr.Remarks = m.Rationale
		ps = append(ps, pr)
		links = append(links, Link{Href: "#" + PracticeControlID(m.Practice), Rel: "related"})
	}
	ps = append(ps, props(nsProp("no-practice", p.NoPractice))...)
	sp, sl := sourceRefs(p.Source)
	return Control{ID: id, Class: "provision", Title: title, Props: append(ps, sp...), Links: append(links, sl...), Parts: statement(id, p.Summary)}
}

// sourceRefs records a source as a link to its reference in back-matter
// (with the locator as the link text), a direct link when the source has
// its own URL, and an "unverified" flag where the fact was not checked.
func sourceRefs(s catalog.Source) ([]Property, []Link) {
	links := []Link{{Href: "#" + referenceUUID(s.Ref), Rel: "reference", Text: line(s.Locator)}}
	if href(s.URL) {
		links = append(links, Link{Href: s.URL, Rel: "reference", Text: line(s.Locator)})
	}
	var ps []Property
	if s.Unverified {
		ps = props(nsProp("unverified", "true"))
	}
	return ps, links
}

// href reports whether u can stand as an OSCAL link: present and a valid
// URI reference. A malformed URL in the data is left out rather than making
// the whole document invalid; the dataset's own tests are where it is fixed.
func href(u string) bool {
	if u == "" || strings.ContainsAny(u, " \t\n") {
		return false
	}
	_, err := url.Parse(u)
	return err == nil
}

func referenceUUID(ref string) string { return UUID("reference:" + ref) }

func statement(controlID, prose string) []Part {
	if line(prose) == "" {
		return nil
	}
	return []Part{{ID: controlID + "_smt", Name: "statement", Prose: prose}}
}

func overview(prose string) []Part {
	if line(prose) == "" {
		return nil
	}
	return []Part{{Name: "overview", Prose: prose}}
}

// nsProp is a bydesign-namespaced property; an empty value yields a
// property props drops.
func nsProp(name, value string) Property {
	return Property{Name: name, Value: line(value), NS: Namespace}
}

// props keeps the properties with a value.
func props(ps ...Property) []Property {
	out := make([]Property, 0, len(ps))
	for _, p := range ps {
		if p.Value != "" {
			p.Value = line(p.Value)
			p.Remarks = line(p.Remarks)
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
