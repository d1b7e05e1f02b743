package markets

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

// Side is one regime in a crosswalk: a document's provisions or a
// profile's resolved provisions.
type Side struct {
	ID         string   `json:"id"`
	Kind       string   `json:"kind"` // document or profile
	Title      string   `json:"title"`
	Provisions []string `json:"provisions"`
	Practices  []string `json:"practices"` // practices its provisions map to
	provs      []*catalog.Provision
}

// ResolveSide finds a regime by id: "profile:ID" or "doc:ID" to choose, or
// a bare id, tried as a profile first (a market with its routes), then as a
// document.
func ResolveSide(c *catalog.Catalog, id string) (Side, error) {
	kind, bare, qualified := strings.Cut(id, ":")
	if !qualified {
		bare = id
		if _, ok := c.Profile(id); ok {
			kind = "profile"
		} else {
			kind = "doc"
		}
	}
	switch kind {
	case "profile":
		rp, err := c.Resolve(bare)
		if err != nil {
			return Side{}, &NotFoundError{What: "profile", Value: bare, Valid: profileIDs(c)}
		}
		return newSide(bare, "profile", rp.Profile.Title, rp.Provisions), nil
	case "doc":
		d, ok := c.Document(bare)
		if !ok {
			what := "document or profile"
			valid := append(profileIDs(c), documentsWithProvisions(c)...)
			if qualified {
				what, valid = "document", documentsWithProvisions(c)
			}
			return Side{}, &NotFoundError{What: what, Value: bare, Valid: dedupSorted(valid)}
		}
		provs := c.ProvisionsOf(bare)
		if len(provs) == 0 {
			return Side{}, &NoProvisionsError{Document: bare, Valid: documentsWithProvisions(c)}
		}
		return newSide(bare, "document", d.Title, provs), nil
	default:
		return Side{}, &NotFoundError{What: "id prefix", Value: kind, Valid: []string{"doc", "profile"}}
	}
}

// NoProvisionsError says a document exists but has no provision-level data
// to compare. Its message is safe to show a user.
type NoProvisionsError struct {
	Document string
	Valid    []string // documents that have provisions
}

func (e *NoProvisionsError) Error() string {
	return fmt.Sprintf("document %q has no provision-level data (documents with provisions: %s)", e.Document, strings.Join(e.Valid, ", "))
}

func newSide(id, kind, title string, provs []*catalog.Provision) Side {
	s := Side{ID: id, Kind: kind, Title: title, Provisions: []string{}, Practices: []string{}, provs: provs}
	for _, p := range provs {
		s.Provisions = append(s.Provisions, p.ID)
		for _, pr := range p.Practices {
			if !slices.Contains(s.Practices, pr) {
				s.Practices = append(s.Practices, pr)
			}
		}
	}
	slices.Sort(s.Practices)
	return s
}

func documentsWithProvisions(c *catalog.Catalog) []string {
	var out []string
	for _, id := range documentIDs(c) {
		if len(c.ProvisionsOf(id)) > 0 {
			out = append(out, id)
		}
	}
	return out
}

func dedupSorted(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}
