package catalog

import (
	"sort"
	"strings"
)

// Catalog is the loaded, validated and indexed dataset. It is read-only after
// Load; analyses share it freely across goroutines.
type Catalog struct {
	References      []Reference
	Categories      []Category
	Practices       []Practice
	Jurisdictions   []Jurisdiction
	Documents       []Document
	Provisions      []Provision
	Mappings        []Mapping
	Coverage        []Coverage
	Questions       []Question
	Recommendations []Recommendation
	Claims          []Claim
	Profiles        []Profile

	refIdx      map[string]int
	catIdx      map[string]int
	pracIdx     map[string]int
	jurIdx      map[string]int
	docIdx      map[string]int
	docByNumber map[int]int
	provIdx     map[string]int
	profIdx     map[string]int
	// DocPractices[d] lists practice indexes that document d maps to (whole
	// document or through a provision), ascending.
	DocPractices [][]int
	// PracticeDocs[p] lists document indexes mapped to practice p, ascending.
	PracticeDocs [][]int
	// DocProvisions[d] lists provision indexes of document d in file order.
	DocProvisions [][]int
}

func (c *Catalog) add(f *file) {
	c.References = append(c.References, f.References...)
	c.Categories = append(c.Categories, f.Categories...)
	c.Practices = append(c.Practices, f.Practices...)
	c.Jurisdictions = append(c.Jurisdictions, f.Jurisdictions...)
	c.Documents = append(c.Documents, f.Documents...)
	for _, p := range f.Provisions {
		if p.Document == "" {
			p.Document = f.Document
		}
		c.Provisions = append(c.Provisions, p)
	}
	c.Mappings = append(c.Mappings, f.Mappings...)
	c.Coverage = append(c.Coverage, f.Coverage...)
	c.Questions = append(c.Questions, f.Questions...)
	c.Recommendations = append(c.Recommendations, f.Recommendations...)
	c.Claims = append(c.Claims, f.Claims...)
	c.Profiles = append(c.Profiles, f.Profiles...)
}

// build validates every record and reference, then computes the indexes.
func (c *Catalog) build() error {
	var errs errorList
	c.index(&errs)
	c.validate(&errs)
	if err := errs.err(); err != nil {
		return err
	}
	c.link()
	return nil
}

// Reference, Category, Practice, Jurisdiction, Document, Provision and Profile
// look a record up by id.
func (c *Catalog) Reference(id string) (*Reference, bool) {
	return lookup(c.References, c.refIdx, id)
}
func (c *Catalog) Category(id string) (*Category, bool) { return lookup(c.Categories, c.catIdx, id) }
func (c *Catalog) Practice(id string) (*Practice, bool) { return lookup(c.Practices, c.pracIdx, id) }
func (c *Catalog) Jurisdiction(id string) (*Jurisdiction, bool) {
	return lookup(c.Jurisdictions, c.jurIdx, strings.ToUpper(id))
}
func (c *Catalog) Document(id string) (*Document, bool) { return lookup(c.Documents, c.docIdx, id) }
func (c *Catalog) Provision(id string) (*Provision, bool) {
	return lookup(c.Provisions, c.provIdx, id)
}
func (c *Catalog) Profile(id string) (*Profile, bool) { return lookup(c.Profiles, c.profIdx, id) }

// DocumentByNumber finds a document by the report's Annex 1 number.
func (c *Catalog) DocumentByNumber(n int) (*Document, bool) {
	i, ok := c.docByNumber[n]
	if !ok {
		return nil, false
	}
	return &c.Documents[i], true
}

// PracticeIndex and DocumentIndex give the position of a record, for
// analyses that work on indexes.
func (c *Catalog) PracticeIndex(id string) (int, bool) { i, ok := c.pracIdx[id]; return i, ok }
func (c *Catalog) DocumentIndex(id string) (int, bool) { i, ok := c.docIdx[id]; return i, ok }
func (c *Catalog) JurisdictionIndex(id string) (int, bool) {
	i, ok := c.jurIdx[strings.ToUpper(id)]
	return i, ok
}

func lookup[T any](s []T, idx map[string]int, id string) (*T, bool) {
	i, ok := idx[id]
	if !ok {
		return nil, false
	}
	return &s[i], true
}

// IDs returns the ids of a record slice, for "valid choices" messages.
func IDs[T any](s []T, id func(*T) string) []string {
	out := make([]string, len(s))
	for i := range s {
		out[i] = id(&s[i])
	}
	sort.Strings(out)
	return out
}

// ProvisionsOf returns the provisions of a document in dataset order.
func (c *Catalog) ProvisionsOf(docID string) []*Provision {
	d, ok := c.docIdx[docID]
	if !ok {
		return nil
	}
	out := make([]*Provision, 0, len(c.DocProvisions[d]))
	for _, i := range c.DocProvisions[d] {
		out = append(out, &c.Provisions[i])
	}
	return out
}
