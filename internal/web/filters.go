package web

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

// query reads filter parameters and rejects unknown ones and bad values
// with a message naming the parameter and the valid choices.
type query struct {
	v       url.Values
	allowed []string
	err     error
}

func newQuery(v url.Values, allowed ...string) *query {
	q := &query{v: v, allowed: allowed}
	for k := range v {
		if !slices.Contains(allowed, k) {
			q.fail("unknown query parameter %q (valid: %s)", k, strings.Join(allowed, ", "))
		}
	}
	return q
}

func (q *query) fail(format string, args ...any) {
	if q.err == nil {
		q.err = badRequest(fmt.Sprintf(format, args...))
	}
}

// str returns a free-text parameter, capped so a huge value cannot make
// every search slow. Invalid UTF-8 and NUL are refused here because
// PostgreSQL rejects them in text, which would be a 500 there; the other
// control characters, as registry fields refuse them (text).
func (q *query) str(name string) string {
	s := strings.TrimSpace(q.v.Get(name))
	switch {
	case len(s) > 200:
		q.fail("query parameter %q is longer than 200 bytes", name)
		return ""
	case !utf8.ValidString(s):
		q.fail("query parameter %q is not valid UTF-8", name)
		return ""
	case strings.ContainsFunc(s, isControl):
		q.fail("query parameter %q contains control characters", name)
		return ""
	}
	return s
}

// oneOf returns a parameter that must be one of set ("" when absent).
func (q *query) oneOf(name string, set []string) string {
	s := q.str(name)
	if s == "" {
		return ""
	}
	for _, v := range set {
		if strings.EqualFold(v, s) {
			return v
		}
	}
	q.fail("query parameter %s: unknown value %q (valid: %s)", name, s, strings.Join(set, ", "))
	return ""
}

// list returns a comma-separated or repeated parameter, each in set.
func (q *query) list(name string, set []string) []string {
	var out []string
	for _, raw := range q.v[name] {
		for _, s := range strings.Split(raw, ",") {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			i := slices.IndexFunc(set, func(v string) bool { return strings.EqualFold(v, s) })
			if i < 0 {
				q.fail("query parameter %s: unknown value %q (valid: %s)", name, s, strings.Join(set, ", "))
				return nil
			}
			if !slices.Contains(out, set[i]) {
				out = append(out, set[i])
			}
		}
	}
	return out
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (s *Server) jurisdictionIDs() []string {
	return catalog.IDs(s.cat.Jurisdictions, func(j *catalog.Jurisdiction) string { return j.ID })
}
func (s *Server) practiceIDs() []string {
	return catalog.IDs(s.cat.Practices, func(p *catalog.Practice) string { return p.ID })
}
func (s *Server) categoryIDs() []string {
	return catalog.IDs(s.cat.Categories, func(c *catalog.Category) string { return c.ID })
}
func (s *Server) documentIDs() []string {
	return catalog.IDs(s.cat.Documents, func(d *catalog.Document) string { return d.ID })
}

// docFilter selects documents; zero fields match everything.
type docFilter struct {
	Q            string `json:"q,omitempty"`
	Region       string `json:"region,omitempty"` // the report's regional group
	M49          string `json:"m49,omitempty"`    // UN M49 region
	Jurisdiction string `json:"jurisdiction,omitempty"`
	Kind         string `json:"kind,omitempty"`
	LegalForce   string `json:"legal_force,omitempty"`
	Category     string `json:"category,omitempty"`
	Practice     string `json:"practice,omitempty"`
}

func (s *Server) parseDocFilter(v url.Values) (docFilter, error) {
	q := newQuery(v, "q", "region", "m49", "jurisdiction", "kind", "legal_force", "category", "practice")
	f := docFilter{
		Q:            q.str("q"),
		Region:       q.oneOf("region", s.indexes.groups),
		M49:          q.oneOf("m49", s.indexes.m49),
		Jurisdiction: q.oneOf("jurisdiction", s.jurisdictionIDs()),
		Kind:         q.oneOf("kind", catalog.DocumentKinds),
		LegalForce:   q.oneOf("legal_force", catalog.LegalForces),
		Category:     q.oneOf("category", s.categoryIDs()),
		Practice:     q.oneOf("practice", s.practiceIDs()),
	}
	return f, q.err
}

// documents returns the documents that pass f, in dataset order.
func (s *Server) documents(f docFilter) []catalog.Document {
	out := []catalog.Document{}
	needle := strings.ToLower(f.Q)
	for i, d := range s.cat.Documents {
		j := s.indexes.jurByID[d.Jurisdiction]
		switch {
		case f.Region != "" && j.Group != f.Region,
			f.M49 != "" && j.M49.Region != f.M49,
			f.Jurisdiction != "" && d.Jurisdiction != f.Jurisdiction && d.Subdivision != f.Jurisdiction,
			f.Kind != "" && d.Kind != f.Kind,
			f.LegalForce != "" && d.LegalForce != f.LegalForce,
			f.Category != "" && !s.indexes.docCats[i][f.Category],
			f.Practice != "" && !s.indexes.docPracs[i][f.Practice],
			needle != "" && !strings.Contains(s.indexes.docText[i], needle):
			continue
		}
		out = append(out, d)
	}
	return out
}

// practiceFilter selects practices.
type practiceFilter struct {
	Q           string `json:"q,omitempty"`
	Category    string `json:"category,omitempty"`
	Stakeholder string `json:"stakeholder,omitempty"`
}

func (s *Server) parsePracticeFilter(v url.Values) (practiceFilter, error) {
	q := newQuery(v, "q", "category", "stakeholder")
	f := practiceFilter{Q: q.str("q"), Category: q.oneOf("category", s.categoryIDs()), Stakeholder: q.oneOf("stakeholder", catalog.Stakeholders)}
	return f, q.err
}

func (s *Server) practices(f practiceFilter) []catalog.Practice {
	out := []catalog.Practice{}
	needle := strings.ToLower(f.Q)
	for i, p := range s.cat.Practices {
		switch {
		case f.Category != "" && !slices.Contains(p.Categories, f.Category),
			f.Stakeholder != "" && !slices.Contains(p.Stakeholders, f.Stakeholder),
			needle != "" && !strings.Contains(s.indexes.pracText[i], needle):
			continue
		}
		out = append(out, p)
	}
	return out
}

// provisionFilter selects provisions.
type provisionFilter struct {
	Q            string `json:"q,omitempty"`
	Document     string `json:"document,omitempty"`
	Jurisdiction string `json:"jurisdiction,omitempty"`
	Practice     string `json:"practice,omitempty"`
	Modality     string `json:"modality,omitempty"`
	Verification string `json:"verification,omitempty"`
}

func (s *Server) parseProvisionFilter(v url.Values) (provisionFilter, error) {
	q := newQuery(v, "q", "document", "jurisdiction", "practice", "modality", "verification")
	f := provisionFilter{
		Q:            q.str("q"),
		Document:     q.oneOf("document", s.documentIDs()),
		Jurisdiction: q.oneOf("jurisdiction", s.jurisdictionIDs()),
		Practice:     q.oneOf("practice", s.practiceIDs()),
		Modality:     q.oneOf("modality", catalog.Modalities),
		Verification: q.oneOf("verification", catalog.Verifications),
	}
	return f, q.err
}

func (s *Server) provisions(f provisionFilter) []catalog.Provision {
	out := []catalog.Provision{}
	needle := strings.ToLower(f.Q)
	for i, p := range s.cat.Provisions {
		d, _ := s.cat.Document(p.Document)
		switch {
		case f.Document != "" && p.Document != f.Document,
			f.Jurisdiction != "" && d.Jurisdiction != f.Jurisdiction && d.Subdivision != f.Jurisdiction,
			f.Practice != "" && !slices.Contains(p.Practices, f.Practice),
			f.Modality != "" && p.Modality != f.Modality,
			f.Verification != "" && !slices.Contains(p.Verification, f.Verification),
			needle != "" && !strings.Contains(s.indexes.provText[i], needle):
			continue
		}
		out = append(out, p)
	}
	return out
}
