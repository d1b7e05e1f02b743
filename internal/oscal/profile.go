package oscal

import (
	"fmt"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

// CatalogFile is the name the catalog is written under; profiles and
// mapping collections refer to it by this relative href.
const CatalogFile = "catalog.json"

// ProfileFile names the file of a profile.
func ProfileFile(id string) string { return "profile_" + id + ".json" }

// BuildProfile writes a market or label as an OSCAL profile: it imports the
// provisions it resolves to (its own and its parents') from the catalog, and
// records each deemed-compliance route as properties added to the provision
// the route satisfies, one property group per route. A label route accepts
// no provisions but a current label, so it is added as parts instead, one
// per accepted scheme (see labelParts).
func BuildProfile(c *catalog.Catalog, id string, o Options) (*ProfileDocument, error) {
	rp, err := c.Resolve(id)
	if err != nil {
		return nil, fmt.Errorf("oscal: %w", err)
	}
	if len(rp.Provisions) == 0 {
		return nil, fmt.Errorf("oscal: profile %q resolves to no provisions", id)
	}
	p := rp.Profile
	md := o.metadata(p.Title)
	md.Props = props(
		nsProp("profile-id", p.ID), nsProp("kind", p.Kind), nsProp("jurisdiction", p.Jurisdiction),
		nsProp("extends", p.Extends), nsProp("applies-from", p.AppliesFrom), nsProp("until", p.Until),
	)
	if p.Level > 0 {
		md.Props = append(md.Props, props(nsProp("level", fmt.Sprint(p.Level)))...)
	}
	sp, sl := sourceRefs(p.Source)
	md.Props = append(md.Props, props(nsProp("source-reference", p.Source.Ref), nsProp("source-locator", p.Source.Locator))...)
	md.Props = append(md.Props, sp...)
	for _, l := range sl {
		if l.Href[0] != '#' { // back-matter lives in the catalog, not here
			md.Links = append(md.Links, l)
		}
	}
	md.Remarks = p.Summary

	ids := make([]string, len(rp.Provisions))
	for i, pr := range rp.Provisions {
		ids[i] = ProvisionControlID(pr.Document, pr.Ref)
	}
	prof := &Profile{
		UUID:     UUID("profile:" + p.ID),
		Metadata: md,
		Imports:  []Import{{Href: CatalogFile, IncludeControls: []SelectControl{{WithIDs: ids}}}},
		Merge:    &Merge{AsIs: true},
	}
	for i, r := range rp.Routes {
		target, ok := c.Provision(r.Provision)
		if !ok {
			return nil, fmt.Errorf("oscal: profile %q: route to unknown provision %q", id, r.Provision)
		}
		add := Add{Position: "ending"}
		for _, q := range r.AllOf {
			qp, ok := c.Provision(q)
			if !ok {
				return nil, fmt.Errorf("oscal: profile %q: route accepts unknown provision %q", id, q)
			}
			pr := nsProp("deemed-met-by", ProvisionControlID(qp.Document, qp.Ref))
			pr.Group = fmt.Sprintf("route-%d", i+1)
			add.Props = append(add.Props, pr)
		}
		add.Parts = labelParts(r.AnyLabel, fmt.Sprintf("route-%d", i+1))
		if prof.Modify == nil {
			prof.Modify = &Modify{}
		}
		prof.Modify.Alters = append(prof.Modify.Alters, Alter{ControlID: ProvisionControlID(target.Document, target.Ref), Adds: []Add{add}})
	}
	return &ProfileDocument{Profile: prof}, nil
}

// labelParts writes the labels a route accepts, one part each: a property
// names the scheme (its catalog document) and another the lowest level that
// counts. Parts, not bare properties, keep each scheme with its own level
// when a route accepts several.
func labelParts(ls []catalog.LabelRequirement, group string) []Part {
	if len(ls) == 0 {
		return nil
	}
	out := make([]Part, len(ls))
	for i, l := range ls {
		scheme, level := nsProp("label-scheme", l.Scheme), nsProp("label-min-level", fmt.Sprint(l.MinLevel))
		scheme.Group, level.Group = group, group
		out[i] = Part{
			Name:  "deemed-met-by-label",
			NS:    Namespace,
			Props: []Property{scheme, level},
			Prose: fmt.Sprintf("Deemed met while the product holds a current %s label at level %d or above.", l.Scheme, l.MinLevel),
		}
	}
	return out
}
