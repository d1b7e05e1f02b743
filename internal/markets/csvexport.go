package markets

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/render"
)

// Table is one flat table of an export: a file name and its rows.
type Table struct {
	Name string
	Grid render.Grid
}

// Tables flattens the catalog into spreadsheet-friendly tables: practices,
// documents, provisions, typed mappings, profiles with their resolved
// provisions and routes, and a crosswalk for each pair of documents the
// dataset links directly, plus any extra pairs asked for. Lists inside a
// cell are joined with "; ".
func Tables(c *catalog.Catalog, extra ...Pair) ([]Table, error) {
	ts := []Table{practiceTable(c), documentTable(c), provisionTable(c), mappingTable(c)}
	pt, err := profileTables(c)
	if err != nil {
		return nil, err
	}
	ts = append(ts, pt...)
	seen := map[string]bool{}
	for _, p := range WithExtra(LinkedPairs(c), extra) {
		x, err := Compare(c, p.A, p.B)
		if err != nil {
			return nil, fmt.Errorf("markets: crosswalk %s to %s: %w", p.A, p.B, err)
		}
		name := "crosswalk_" + x.Stem() + ".csv"
		if seen[name] { // the same regimes named two ways
			continue
		}
		seen[name] = true
		g := x.Grid()
		g.Notes = nil // CSV carries rows only
		ts = append(ts, Table{Name: name, Grid: g})
	}
	return ts, nil
}

func practiceTable(c *catalog.Catalog) Table {
	g := render.Grid{Columns: []string{"id", "order", "name", "categories", "stakeholders", "summary", "source_ref", "source_locator"}}
	for _, p := range c.Practices {
		g.Rows = append(g.Rows, []string{p.ID, strconv.Itoa(p.Order), p.Name, cell(p.Categories), cell(p.Stakeholders), p.Summary, p.Source.Ref, p.Source.Locator})
	}
	return Table{Name: "practices.csv", Grid: g}
}

func documentTable(c *catalog.Catalog) Table {
	g := render.Grid{Columns: []string{"id", "report_number", "title", "short_title", "issuer", "jurisdiction", "subdivision", "kind", "legal_force", "language", "version", "published", "in_force", "applies_from", "status", "url", "added_after_report", "provisions", "source_ref", "source_locator"}}
	for _, d := range c.Documents {
		num := ""
		if d.Number > 0 {
			num = strconv.Itoa(d.Number)
		}
		g.Rows = append(g.Rows, []string{d.ID, num, d.Title, d.ShortTitle, d.Issuer, d.Jurisdiction, d.Subdivision, d.Kind, d.LegalForce, d.Language, d.Version,
			d.Published, d.InForce, d.AppliesFrom, d.Status, d.URL, strconv.FormatBool(d.AddedAfter), strconv.Itoa(len(c.ProvisionsOf(d.ID))), d.Source.Ref, d.Source.Locator})
	}
	return Table{Name: "documents.csv", Grid: g}
}

func provisionTable(c *catalog.Catalog) Table {
	g := render.Grid{Columns: []string{"id", "document", "ref", "title", "modality", "binds", "verification", "conditions", "level", "practices", "no_practice", "summary", "source_ref", "source_locator", "source_url", "unverified"}}
	for _, p := range c.Provisions {
		var maps []string
		for _, m := range p.Maps {
			maps = append(maps, m.Practice+" ("+m.Relation+")")
		}
		g.Rows = append(g.Rows, []string{p.ID, p.Document, p.Ref, p.Title, p.Modality, cell(p.Binds), cell(p.Verification), cell(p.Conditions), p.Level,
			cell(maps), p.NoPractice, p.Summary, p.Source.Ref, p.Source.Locator, p.Source.URL, strconv.FormatBool(p.Source.Unverified)})
	}
	return Table{Name: "provisions.csv", Grid: g}
}

// mappingTable holds every typed mapping after loading: the report's
// document-level coverage, provision-to-practice links and provision-to-
// provision crosswalk entries.
func mappingTable(c *catalog.Catalog) Table {
	g := render.Grid{Columns: []string{"from", "to", "relation", "strength", "rationale", "source_ref", "source_locator"}}
	for _, m := range c.Mappings {
		s := ""
		if m.Strength > 0 {
			s = strconv.Itoa(m.Strength)
		}
		g.Rows = append(g.Rows, []string{m.From, m.To, m.Relation, s, m.Rationale, m.Source.Ref, m.Source.Locator})
	}
	return Table{Name: "mappings.csv", Grid: g}
}

func profileTables(c *catalog.Catalog) ([]Table, error) {
	ps := render.Grid{Columns: []string{"id", "title", "kind", "jurisdiction", "level", "extends", "applies_from", "until", "provisions", "routes", "summary", "source_ref", "source_locator"}}
	members := render.Grid{Columns: []string{"profile", "provision", "document", "ref", "modality", "conditions", "deemed_met_by"}}
	routes := render.Grid{Columns: []string{"profile", "provision", "all_of", "any_label", "source_ref", "source_locator"}}
	for _, p := range c.Profiles {
		rp, err := c.Resolve(p.ID)
		if err != nil {
			return nil, fmt.Errorf("markets: %w", err)
		}
		ps.Rows = append(ps.Rows, []string{p.ID, p.Title, p.Kind, p.Jurisdiction, levelCell(p.Level), p.Extends, p.AppliesFrom, p.Until,
			strconv.Itoa(len(rp.Provisions)), strconv.Itoa(len(rp.Routes)), p.Summary, p.Source.Ref, p.Source.Locator})
		for _, pr := range rp.Provisions {
			members.Rows = append(members.Rows, []string{p.ID, pr.ID, pr.Document, pr.Ref, pr.Modality, cell(pr.Conditions), routesFor(rp.Routes, pr.ID)})
		}
		for _, r := range p.Routes { // own routes only; inherited ones appear under their profile
			routes.Rows = append(routes.Rows, []string{p.ID, r.Provision, cell(r.AllOf), labelCell(r.AnyLabel), r.Source.Ref, r.Source.Locator})
		}
	}
	return []Table{{"profiles.csv", ps}, {"profile_provisions.csv", members}, {"routes.csv", routes}}, nil
}

func cell(s []string) string { return strings.Join(s, "; ") }
