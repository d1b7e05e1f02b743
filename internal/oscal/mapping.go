package oscal

import (
	"fmt"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/markets"
)

// PracticeMappingFile holds the provision-to-practice mappings.
const PracticeMappingFile = "mapping_practices.json"

// CrosswalkFile names the mapping collection of a crosswalk.
func CrosswalkFile(x *markets.Crosswalk) string { return "mapping_" + x.Stem() + ".json" }

// Relationship turns a bydesign relation into OSCAL's vocabulary. Our
// "equal" is a judgement of meaning, so it becomes equivalent-to, not
// equal-to (which OSCAL keeps for identical text).
func Relationship(rel string) string {
	switch rel {
	case "equal":
		return "equivalent-to"
	case "subset":
		return "subset-of"
	case "superset":
		return "superset-of"
	case "intersect":
		return "intersects-with"
	default:
		return "no-relationship"
	}
}

// BuildPracticeMappings writes every provision-to-practice mapping: one
// mapping per document, from its provision controls to the practice
// controls of the same catalog, with the provisions that map to no practice
// as the source gap. It returns nil when no provision maps to a practice.
func BuildPracticeMappings(c *catalog.Catalog, o Options) *MappingDocument {
	mc := &MappingCollection{
		UUID:     UUID("mapping-collection:practices"),
		Metadata: o.metadata("bydesign: provisions mapped to practices"),
		Provenance: Provenance{
			Method: "human", MatchingRationale: "semantic", Status: "draft",
			MappingDescription: "How each provision in the catalog relates to the canonical practices, as judged by the bydesign curators from the provision's text; the rationale of each judgement is in the map's remarks.",
		},
	}
	self := ResourceRef{Type: "catalog", Href: CatalogFile}
	for i := range c.Documents {
		d := &c.Documents[i]
		m := Mapping{UUID: UUID("mapping:practices:" + d.ID), SourceResource: self, TargetResource: self, Remarks: "provisions of " + d.ID}
		var gaps []string
		for _, p := range c.ProvisionsOf(d.ID) {
			src := ProvisionControlID(p.Document, p.Ref)
			if len(p.Maps) == 0 {
				gaps = append(gaps, src)
			}
			for _, pm := range p.Maps {
				m.Maps = append(m.Maps, Map{
					UUID:         UUID("map:practices:" + p.ID + ":" + pm.Practice),
					Relationship: Relationship(pm.Relation),
					Sources:      []MappingItem{{Type: "control", IDRef: src}},
					Targets:      []MappingItem{{Type: "control", IDRef: PracticeControlID(pm.Practice)}},
					Remarks:      pm.Rationale,
				})
			}
		}
		if len(m.Maps) == 0 {
			continue
		}
		m.SourceGapSummary = gapSummary("gap:practices:"+d.ID, gaps)
		mc.Mappings = append(mc.Mappings, m)
	}
	if len(mc.Mappings) == 0 {
		return nil
	}
	return &MappingDocument{MappingCollection: mc}
}

// BuildCrosswalk writes a crosswalk as a mapping collection with one
// mapping from A to B. Links found through shared practices are marked low
// confidence; provisions only one side demands are the gap summaries.
func BuildCrosswalk(c *catalog.Catalog, x *markets.Crosswalk, o Options) (*MappingDocument, error) {
	if len(x.Links) == 0 {
		return nil, fmt.Errorf("oscal: crosswalk %s to %s has no links to write", x.A.ID, x.B.ID)
	}
	key := x.A.Kind + ":" + x.A.ID + ":" + x.B.Kind + ":" + x.B.ID
	mc := &MappingCollection{
		UUID:     UUID("mapping-collection:" + key),
		Metadata: o.metadata(fmt.Sprintf("bydesign crosswalk: %s to %s", x.A.Title, x.B.Title)),
		Provenance: Provenance{
			Method: "hybrid", MatchingRationale: "semantic", Status: "draft",
			MappingDescription: fmt.Sprintf("How the provisions of %s (%s) relate to those of %s (%s): curated provision mappings and deemed-compliance routes, plus relations derived from practices both provisions map to.", x.A.ID, x.A.Kind, x.B.ID, x.B.Kind),
			Remarks:            "Derived links carry low confidence and name the shared practices; the gap summaries list what one side demands that the other does not.",
		},
	}
	m := Mapping{UUID: UUID("mapping:" + key), SourceResource: resourceOf(x.A), TargetResource: resourceOf(x.B)}
	for _, l := range x.Links {
		a, okA := c.Provision(l.A)
		b, okB := c.Provision(l.B)
		if !okA || !okB {
			return nil, fmt.Errorf("oscal: crosswalk link %s to %s names an unknown provision", l.A, l.B)
		}
		mp := Map{
			UUID:         UUID("map:" + key + ":" + l.A + ":" + l.B),
			Relationship: Relationship(l.Relation),
			Sources:      []MappingItem{{Type: "control", IDRef: ProvisionControlID(a.Document, a.Ref)}},
			Targets:      []MappingItem{{Type: "control", IDRef: ProvisionControlID(b.Document, b.Ref)}},
			Props:        props(nsProp("basis", l.Basis), nsProp("route-profile", l.Route)),
			Remarks:      l.Rationale,
		}
		if !l.Direct() {
			mp.ConfidenceScore = &ConfidenceScore{Category: "low"}
			mp.Remarks = "derived: both map to " + strings.Join(l.Via, ", ")
			for _, v := range l.Via {
				mp.Props = append(mp.Props, props(nsProp("via-practice", v))...)
			}
		}
		m.Maps = append(m.Maps, mp)
	}
	m.SourceGapSummary = gapSummary("gap:"+key+":a", controlIDs(c, x.OnlyA))
	m.TargetGapSummary = gapSummary("gap:"+key+":b", controlIDs(c, x.OnlyB))
	mc.Mappings = []Mapping{m}
	return &MappingDocument{MappingCollection: mc}, nil
}

func resourceOf(s markets.Side) ResourceRef {
	if s.Kind == "profile" {
		return ResourceRef{Type: "profile", Href: ProfileFile(s.ID)}
	}
	return ResourceRef{Type: "catalog", Href: CatalogFile}
}

func controlIDs(c *catalog.Catalog, provIDs []string) []string {
	out := make([]string, 0, len(provIDs))
	for _, id := range provIDs {
		if p, ok := c.Provision(id); ok {
			out = append(out, ProvisionControlID(p.Document, p.Ref))
		}
	}
	return out
}

func gapSummary(name string, ids []string) *GapSummary {
	if len(ids) == 0 {
		return nil
	}
	return &GapSummary{UUID: UUID(name), UnmappedControls: []SelectControl{{WithIDs: ids}}}
}
