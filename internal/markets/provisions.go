// Package markets answers questions about the regimes a product must meet:
// which provisions a document brings or a practice draws in, what a market or
// label profile demands, and how two regimes relate provision by provision.
// It reads a loaded catalog and never changes it.
package markets

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/render"
)

// NotFoundError names an id that matches nothing and the ids that would.
// Its message is safe to show a user.
type NotFoundError struct {
	What  string // "document", "practice", "profile", ...
	Value string
	Valid []string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("unknown %s %q (valid: %s)", e.What, e.Value, strings.Join(e.Valid, ", "))
}

// Provision is the query view of a provision: the catalog record without
// the loader's bookkeeping, with every list present (empty, never null) so
// JSON consumers need no null checks.
type Provision struct {
	ID           string         `json:"id"`
	Document     string         `json:"document"`
	Ref          string         `json:"ref"`
	Title        string         `json:"title,omitempty"`
	Summary      string         `json:"summary"`
	Modality     string         `json:"modality"`
	Binds        []string       `json:"binds"`
	Verification []string       `json:"verification"`
	Conditions   []string       `json:"conditions"`
	Level        string         `json:"level,omitempty"`
	Practices    []string       `json:"practices"`
	NoPractice   string         `json:"no_practice,omitempty"`
	Source       catalog.Source `json:"source"`
}

func view(p *catalog.Provision) Provision {
	return Provision{
		ID: p.ID, Document: p.Document, Ref: p.Ref, Title: p.Title, Summary: p.Summary,
		Modality: p.Modality, Binds: nonNil(p.Binds), Verification: nonNil(p.Verification),
		Conditions: nonNil(p.Conditions), Level: p.Level, Practices: nonNil(p.Practices),
		NoPractice: p.NoPractice, Source: p.Source,
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clone(s)
}

// ByDocument lists a document's provisions in the order the dataset gives.
func ByDocument(c *catalog.Catalog, docID string) ([]Provision, error) {
	if _, ok := c.Document(docID); !ok {
		return nil, &NotFoundError{What: "document", Value: docID, Valid: documentIDs(c)}
	}
	provs := c.ProvisionsOf(docID)
	out := make([]Provision, len(provs))
	for i, p := range provs {
		out[i] = view(p)
	}
	return out, nil
}

// PracticeProvision is a provision seen from a practice: how it relates to
// the practice and which regime it belongs to.
type PracticeProvision struct {
	Provision
	Relation     string `json:"relation"` // of the provision to the practice
	Rationale    string `json:"rationale,omitempty"`
	Jurisdiction string `json:"jurisdiction"`
	LegalForce   string `json:"legal_force"`
}

// ByPractice lists every provision, in every regime, that maps to the
// practice: the developer's view of what one practice must satisfy. Results
// are grouped by document (mandatory regimes first, then by id) and keep
// dataset order within a document.
func ByPractice(c *catalog.Catalog, practiceID string) ([]PracticeProvision, error) {
	if _, ok := c.Practice(practiceID); !ok {
		return nil, &NotFoundError{What: "practice", Value: practiceID, Valid: catalog.IDs(c.Practices, func(p *catalog.Practice) string { return p.ID })}
	}
	var out []PracticeProvision
	for i := range c.Provisions {
		p := &c.Provisions[i]
		for _, m := range p.Maps {
			if m.Practice != practiceID {
				continue
			}
			d, _ := c.Document(p.Document)
			out = append(out, PracticeProvision{
				Provision: view(p), Relation: m.Relation, Rationale: m.Rationale,
				Jurisdiction: jurisdictionOf(d), LegalForce: d.LegalForce,
			})
			break
		}
	}
	slices.SortStableFunc(out, func(a, b PracticeProvision) int {
		return cmp.Or(
			cmp.Compare(forceRank(a.LegalForce), forceRank(b.LegalForce)),
			cmp.Compare(a.Document, b.Document),
		)
	})
	return out, nil
}

// WholeDocuments lists documents mapped to the practice only as a whole (the
// report's Annex 2 level), with no provision of theirs mapped to it.
func WholeDocuments(c *catalog.Catalog, practiceID string) []string {
	pi, ok := c.PracticeIndex(practiceID)
	if !ok {
		return nil
	}
	var out []string
	for _, di := range c.PracticeDocs[pi] {
		d := c.Documents[di]
		hit := false
		for _, p := range c.ProvisionsOf(d.ID) {
			if slices.Contains(p.Practices, practiceID) {
				hit = true
				break
			}
		}
		if !hit {
			out = append(out, d.ID)
		}
	}
	return out
}

func forceRank(f string) int {
	switch f {
	case "mandatory":
		return 0
	case "proposed":
		return 1
	default:
		return 2
	}
}

func jurisdictionOf(d *catalog.Document) string {
	return cmp.Or(d.Subdivision, d.Jurisdiction)
}

func documentIDs(c *catalog.Catalog) []string {
	return catalog.IDs(c.Documents, func(d *catalog.Document) string { return d.ID })
}

// ProvisionGrid is the tabular view of a document's provisions.
func ProvisionGrid(ps []Provision) render.Grid {
	g := render.Grid{Columns: []string{"document", "ref", "modality", "verification", "conditions", "practices", "summary"}}
	for _, p := range ps {
		g.Rows = append(g.Rows, []string{p.Document, p.Ref, p.Modality, join(p.Verification), join(p.Conditions), practicesCell(p), p.Summary})
	}
	return g
}

// PracticeGrid is the tabular view of a practice's provisions.
func PracticeGrid(ps []PracticeProvision) render.Grid {
	g := render.Grid{Columns: []string{"document", "jurisdiction", "force", "ref", "relation", "modality", "verification", "conditions", "summary"}}
	for _, p := range ps {
		g.Rows = append(g.Rows, []string{p.Document, p.Jurisdiction, p.LegalForce, p.Ref, p.Relation, p.Modality, join(p.Verification), join(p.Conditions), p.Summary})
	}
	return g
}

func practicesCell(p Provision) string {
	if len(p.Practices) == 0 && p.NoPractice != "" {
		return "none: " + p.NoPractice
	}
	return join(p.Practices)
}

func join(s []string) string { return strings.Join(s, ", ") }
