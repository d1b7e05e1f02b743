// Package catalog holds the policy repository as typed data: categories,
// practices, jurisdictions, documents, provisions, typed mappings and the
// report's own records (questions, recommendations, claims). Every record
// carries the source it came from.
package catalog

// Source says where a fact came from. Kind names the asserting party:
// "report" (the IS3C report), "document" (the policy text itself),
// "curator" (a person's judgement), "classifier" (ingest, with confidence).
type Source struct {
	Ref        string  `yaml:"ref" json:"ref"`                                   // a Reference id, e.g. "is3c-2023"
	Locator    string  `yaml:"locator,omitempty" json:"locator,omitempty"`       // clause, annex, page
	URL        string  `yaml:"url,omitempty" json:"url,omitempty"`               // direct link when it differs from the reference's
	Note       string  `yaml:"note,omitempty" json:"note,omitempty"`             // why, in our words
	Unverified bool    `yaml:"unverified,omitempty" json:"unverified,omitempty"` // not checked against the primary text
	Confidence float64 `yaml:"confidence,omitempty" json:"confidence,omitempty"` // classifier only
}

// Pos is where a record was read: file, line of the record, and the line of
// each field, so validation errors can point at the exact place.
type Pos struct {
	File   string
	Line   int
	Fields map[string]int
}

// At returns the line of a field, or the record's line if unknown.
func (p Pos) At(field string) int {
	if l, ok := p.Fields[field]; ok {
		return l
	}
	return p.Line
}

// Reference is a cited work: the report, a standard, a statute, a web page.
type Reference struct {
	ID        string `yaml:"id" json:"id"`
	Title     string `yaml:"title" json:"title"`
	Publisher string `yaml:"publisher,omitempty" json:"publisher,omitempty"`
	Year      int    `yaml:"year,omitempty" json:"year,omitempty"`
	URL       string `yaml:"url,omitempty" json:"url,omitempty"`
	Kind      string `yaml:"kind" json:"kind"` // report, standard, statute, web, dataset
	Pos       Pos    `yaml:"-" json:"-"`
}

// Category is one of the report's four groupings of practices.
type Category struct {
	ID      string `yaml:"id" json:"id"`
	Name    string `yaml:"name" json:"name"`
	Summary string `yaml:"summary" json:"summary"`
	Pos     Pos    `yaml:"-" json:"-"`
}

// Practice is a canonical security practice; for the IS3C set, Name is the
// report's Annex 2 name verbatim (a title, recorded as a fact).
type Practice struct {
	ID           string   `yaml:"id" json:"id"`
	Name         string   `yaml:"name" json:"name"`
	Summary      string   `yaml:"summary" json:"summary"`
	Categories   []string `yaml:"categories" json:"categories"`
	Stakeholders []string `yaml:"stakeholders" json:"stakeholders"`
	Order        int      `yaml:"order" json:"order"` // row in the report's Annex 2
	Source       Source   `yaml:"source" json:"source"`
	Pos          Pos      `yaml:"-" json:"-"`
}

// Jurisdiction is a state, a sub-national state or a union of states, or
// (kind international) the international standards bodies, which have no
// region (see Regional).
type Jurisdiction struct {
	ID     string `yaml:"id" json:"id"` // ISO 3166-1 alpha-2, ISO 3166-2 (US-CA) or EU; INT for international
	Name   string `yaml:"name" json:"name"`
	Kind   string `yaml:"kind,omitempty" json:"kind,omitempty"`     // empty, or JurisdictionInternational
	Group  string `yaml:"group" json:"group,omitempty"`             // the report's regional group, e.g. GRULAC; empty for international
	M49    M49    `yaml:"m49" json:"m49,omitzero"`                  // UN M49 standard region; empty for international
	Parent string `yaml:"parent,omitempty" json:"parent,omitempty"` // US for US-CA
	Source Source `yaml:"source" json:"source"`                     // of name and group
	Pos    Pos    `yaml:"-" json:"-"`
}

// M49 is the UN standard country or area code classification.
type M49 struct {
	Region    string `yaml:"region" json:"region"`                           // e.g. Americas
	Subregion string `yaml:"subregion,omitempty" json:"subregion,omitempty"` // e.g. Latin America and the Caribbean
	Source    Source `yaml:"source" json:"source"`
}

// Document is a policy, law, standard or scheme.
type Document struct {
	ID           string `yaml:"id" json:"id"`
	Number       int    `yaml:"number,omitempty" json:"number,omitempty"` // the report's Annex 1 number; 0 if added later
	Title        string `yaml:"title" json:"title"`
	ShortTitle   string `yaml:"short_title,omitempty" json:"short_title,omitempty"`
	Issuer       string `yaml:"issuer" json:"issuer"`
	Jurisdiction string `yaml:"jurisdiction" json:"jurisdiction"`
	Subdivision  string `yaml:"subdivision,omitempty" json:"subdivision,omitempty"` // ISO 3166-2, e.g. US-CA
	Kind         string `yaml:"kind" json:"kind"`
	LegalForce   string `yaml:"legal_force" json:"legal_force"`
	Language     string `yaml:"language" json:"language"`
	Version      string `yaml:"version,omitempty" json:"version,omitempty"`
	Published    string `yaml:"published,omitempty" json:"published,omitempty"` // YYYY, YYYY-MM or YYYY-MM-DD
	InForce      string `yaml:"in_force,omitempty" json:"in_force,omitempty"`
	AppliesFrom  string `yaml:"applies_from,omitempty" json:"applies_from,omitempty"`
	Status       string `yaml:"status,omitempty" json:"status,omitempty"`
	URL          string `yaml:"url,omitempty" json:"url,omitempty"`
	Researcher   string `yaml:"researcher,omitempty" json:"researcher,omitempty"` // the report's assigned researcher
	AddedAfter   bool   `yaml:"added_after_report,omitempty" json:"added_after_report,omitempty"`
	Summary      string `yaml:"summary,omitempty" json:"summary,omitempty"`
	// Levels is how many levels a labelling scheme awards (1 for a single
	// label); declared labels and label routes are checked against it.
	Levels int    `yaml:"levels,omitempty" json:"levels,omitempty"`
	Source Source `yaml:"source" json:"source"` // of number, title, issuer, jurisdiction, language
	// DetailsSource backs kind, legal force, version, dates and URL when
	// they do not come from Source.
	DetailsSource *Source `yaml:"details_source,omitempty" json:"details_source,omitempty"`
	Pos           Pos     `yaml:"-" json:"-"`
}

// Provision is one clause of a document, summarised in our own words.
type Provision struct {
	ID string `yaml:"id" json:"id"` // document id + "/" + ref, set at load
	// Document defaults to the file's top-level document; a provision may
	// name its own so one file can hold a regime spread over several
	// documents (a regulation and the standards it relies on).
	Document     string         `yaml:"document,omitempty" json:"document"`
	Ref          string         `yaml:"ref" json:"ref"` // clause as the document numbers it, e.g. "5.1-1"
	Title        string         `yaml:"title,omitempty" json:"title,omitempty"`
	Summary      string         `yaml:"summary" json:"summary"`
	Modality     string         `yaml:"modality" json:"modality"` // shall, should, may
	Binds        []string       `yaml:"binds" json:"binds"`       // manufacturer, importer, distributor, service-provider, user, retailer, government
	Verification []string       `yaml:"verification" json:"verification"`
	Conditions   []string       `yaml:"conditions,omitempty" json:"conditions,omitempty"` // all must hold for it to apply; see vocab.go
	Maps         []PracticeLink `yaml:"maps,omitempty" json:"maps,omitempty"`
	NoPractice   string         `yaml:"no_practice,omitempty" json:"no_practice,omitempty"` // why it maps to none
	Practices    []string       `yaml:"-" json:"practices"`                                 // derived from Maps
	Level        string         `yaml:"level,omitempty" json:"level,omitempty"`             // label tier, e.g. CLS level
	Source       Source         `yaml:"source" json:"source"`
	Pos          Pos            `yaml:"-" json:"-"`
}

// Mapping relates a document or a provision to a practice (or to another
// provision, for crosswalks), typed as in NIST IR 8477 set relations.
type Mapping struct {
	From      string `yaml:"from" json:"from"` // "doc:ID" or "prov:DOC/REF"
	To        string `yaml:"to" json:"to"`     // "practice:ID" or "prov:DOC/REF"
	Relation  string `yaml:"relation" json:"relation"`
	Strength  int    `yaml:"strength,omitempty" json:"strength,omitempty"` // 1..10, optional
	Rationale string `yaml:"rationale,omitempty" json:"rationale,omitempty"`
	Source    Source `yaml:"source" json:"source"`
	Pos       Pos    `yaml:"-" json:"-"`
}

// PracticeLink is a typed mapping written inside a provision record; the
// loader expands it into a Mapping from the provision.
type PracticeLink struct {
	Practice  string  `yaml:"practice" json:"practice"`
	Relation  string  `yaml:"relation" json:"relation"`
	Rationale string  `yaml:"rationale,omitempty" json:"rationale,omitempty"`
	Source    *Source `yaml:"source,omitempty" json:"source,omitempty"` // defaults to a curator source
}

// Coverage is the report's Annex 2 form: the documents, by Annex 1 number,
// in which a practice was found. The loader expands it into Mappings.
type Coverage struct {
	Practice string `yaml:"practice" json:"practice"`
	Numbers  []int  `yaml:"numbers" json:"numbers"`
	Relation string `yaml:"relation" json:"relation"`
	Source   Source `yaml:"source" json:"source"`
	Pos      Pos    `yaml:"-" json:"-"`
}
