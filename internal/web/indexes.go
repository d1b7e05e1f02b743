package web

import (
	"strings"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

// indexes are lookups computed once from the immutable catalog so filters
// run without rescanning mappings.
type indexes struct {
	docText   []string          // lower-case searchable text per document
	pracText  []string          // per practice
	provText  []string          // per provision
	docCats   []map[string]bool // categories each document covers
	docPracs  []map[string]bool // practices each document covers
	groups    []string          // the report's regional groups, sorted
	m49       []string          // UN M49 regions, sorted
	jurByID   map[string]*catalog.Jurisdiction
	jurGroups map[string][]string // group -> jurisdiction ids
}

func buildIndexes(c *catalog.Catalog) *indexes {
	ix := &indexes{jurByID: map[string]*catalog.Jurisdiction{}, jurGroups: map[string][]string{}}
	groups, m49 := map[string]bool{}, map[string]bool{}
	for i := range c.Jurisdictions {
		j := &c.Jurisdictions[i]
		ix.jurByID[j.ID] = j
		if !j.Regional() { // international bodies: no region to filter by
			continue
		}
		groups[j.Group] = true
		m49[j.M49.Region] = true
		ix.jurGroups[j.Group] = append(ix.jurGroups[j.Group], j.ID)
	}
	ix.groups, ix.m49 = sortedSet(groups), sortedSet(m49)
	for _, d := range c.Documents {
		ix.docText = append(ix.docText, lower(d.ID, d.Title, d.ShortTitle, d.Issuer, d.Summary, d.Jurisdiction))
	}
	for _, p := range c.Practices {
		ix.pracText = append(ix.pracText, lower(p.ID, p.Name, p.Summary))
	}
	for _, p := range c.Provisions {
		ix.provText = append(ix.provText, lower(p.ID, p.Ref, p.Title, p.Summary))
	}
	ix.docCats = make([]map[string]bool, len(c.Documents))
	ix.docPracs = make([]map[string]bool, len(c.Documents))
	for d, ps := range c.DocPractices {
		ix.docCats[d], ix.docPracs[d] = map[string]bool{}, map[string]bool{}
		for _, p := range ps {
			ix.docPracs[d][c.Practices[p].ID] = true
			for _, cat := range c.Practices[p].Categories {
				ix.docCats[d][cat] = true
			}
		}
	}
	return ix
}

func lower(parts ...string) string { return strings.ToLower(strings.Join(parts, "\n")) }
