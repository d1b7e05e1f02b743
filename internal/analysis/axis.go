// Package analysis computes the catalog's analyses: coverage matrices, gaps,
// comparisons and the tables and figures of the IS3C report. Every result is
// a plain value with JSON tags and a tabular view for render.
package analysis

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

// Axis names a way of grouping documents (matrix columns) or practices
// (matrix rows).
type Axis string

const (
	ByDocument     Axis = "document"
	ByJurisdiction Axis = "jurisdiction"
	ByRegion       Axis = "region"    // the report's regional group
	ByM49          Axis = "m49"       // UN M49 region
	BySubregion    Axis = "subregion" // UN M49 sub-region
	ByCategory     Axis = "category"
	ByPractice     Axis = "practice"
)

// ColumnAxes and RowAxes list the valid choices, default first.
var (
	ColumnAxes = []Axis{ByJurisdiction, ByDocument, ByRegion, ByM49, BySubregion, ByCategory}
	RowAxes    = []Axis{ByPractice, ByCategory}
)

// ParseAxis accepts one of the allowed axes.
func ParseAxis(s string, allowed []Axis) (Axis, error) {
	for _, a := range allowed {
		if string(a) == s {
			return a, nil
		}
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	return "", fmt.Errorf("unknown axis %q (valid: %s)", s, strings.Join(names, ", "))
}

// Column is one column of a matrix or comparison.
type Column struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// docGroups returns the columns of a document axis over the documents keep
// accepts and, for each document, the column it falls in (-1 if not kept).
// Category columns are not a document attribute; the matrix handles them.
func docGroups(c *catalog.Catalog, a Axis, keep func(*catalog.Document) bool) ([]Column, []int) {
	of := make([]int, len(c.Documents))
	for i := range of {
		of[i] = -1
	}
	if a == ByDocument {
		var order []int
		for i := range c.Documents {
			if keep(&c.Documents[i]) {
				order = append(order, i)
			}
		}
		sort.SliceStable(order, func(i, j int) bool { return docLess(&c.Documents[order[i]], &c.Documents[order[j]]) })
		cols := make([]Column, len(order))
		for ci, d := range order {
			cols[ci] = Column{ID: c.Documents[d].ID, Label: DocLabel(&c.Documents[d])}
			of[d] = ci
		}
		return cols, of
	}
	if a != ByJurisdiction {
		keep = regionalOnly(c, keep)
	}
	key := func(d *catalog.Document) (string, string) {
		j, _ := c.Jurisdiction(d.Jurisdiction)
		switch a {
		case ByJurisdiction:
			return j.ID, j.Name
		case ByRegion:
			return j.Group, j.Group
		case ByM49:
			return j.M49.Region, j.M49.Region
		default: // subregion; a union without one is listed under its region
			if j.M49.Subregion == "" {
				// labelled so it does not read as a sub-region of its own
				return j.M49.Region, j.M49.Region + " (region-wide)"
			}
			return j.M49.Subregion, j.M49.Subregion
		}
	}
	idx := map[string]int{}
	var cols []Column
	for i := range c.Documents {
		if !keep(&c.Documents[i]) {
			continue
		}
		id, label := key(&c.Documents[i])
		if _, ok := idx[id]; !ok {
			idx[id] = len(cols)
			cols = append(cols, Column{ID: id, Label: label})
		}
	}
	order := make([]int, len(cols))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return cols[order[i]].ID < cols[order[j]].ID })
	rank := make([]int, len(cols))
	sorted := make([]Column, len(cols))
	for r, o := range order {
		rank[o] = r
		sorted[r] = cols[o]
	}
	for i := range c.Documents {
		if keep(&c.Documents[i]) {
			id, _ := key(&c.Documents[i])
			of[i] = rank[idx[id]]
		}
	}
	return sorted, of
}

// regionalOnly narrows keep to documents of jurisdictions with a region:
// an international body's documents (ISO/IEC) belong to no region, and an
// empty "unknown" column would count them as if they did.
func regionalOnly(c *catalog.Catalog, keep func(*catalog.Document) bool) func(*catalog.Document) bool {
	return func(d *catalog.Document) bool {
		j, ok := c.Jurisdiction(d.Jurisdiction)
		return ok && j.Regional() && keep(d)
	}
}

// keeper returns the document filter of an evidence choice: the report's
// evidence looks only at the report's own (numbered) documents.
func keeper(ev Evidence) func(*catalog.Document) bool {
	if ev == ReportAnnex2 {
		return func(d *catalog.Document) bool { return d.Number != 0 }
	}
	return func(*catalog.Document) bool { return true }
}

// docLess orders report documents by their Annex 1 number, then later
// additions by id.
func docLess(a, b *catalog.Document) bool {
	switch {
	case a.Number != 0 && b.Number != 0:
		return a.Number < b.Number
	case a.Number != 0:
		return true
	case b.Number != 0:
		return false
	}
	return a.ID < b.ID
}

// DocLabel is "#5" for report documents and the id for later additions.
func DocLabel(d *catalog.Document) string {
	if d.Number != 0 {
		return "#" + strconv.Itoa(d.Number)
	}
	return d.ID
}

// numbers formats document numbers as the report does: "#1, #2".
func numbers(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = "#" + strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
}

func categoryNames(c *catalog.Catalog, ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if cat, ok := c.Category(id); ok {
			out = append(out, cat.Name)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
