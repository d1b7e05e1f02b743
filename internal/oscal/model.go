// Package oscal writes the catalog, the market profiles and the crosswalks
// as OSCAL 1.2 JSON: a catalog, one profile per market or label, and
// mapping collections. The structs below cover only what bydesign writes;
// field names follow the OSCAL 1.2.2 JSON schema, which the tests validate
// every output against.
package oscal

// OSCALVersion is the model version every document declares.
const OSCALVersion = "1.2.2"

// Namespace qualifies bydesign's own property names, as OSCAL asks of
// properties it does not define itself.
const Namespace = "https://github.com/bydesign-iot/bydesign/ns/oscal"

// CatalogDocument, ProfileDocument and MappingDocument are the top-level
// JSON objects of each model.
type CatalogDocument struct {
	Catalog *Catalog `json:"catalog"`
}

type ProfileDocument struct {
	Profile *Profile `json:"profile"`
}

type MappingDocument struct {
	MappingCollection *MappingCollection `json:"mapping-collection"`
}

type Metadata struct {
	Title        string     `json:"title"`
	LastModified string     `json:"last-modified"`
	Version      string     `json:"version"`
	OSCALVersion string     `json:"oscal-version"`
	Props        []Property `json:"props,omitempty"`
	Links        []Link     `json:"links,omitempty"`
	Remarks      string     `json:"remarks,omitempty"`
}

type Property struct {
	Name    string `json:"name"`
	Value   string `json:"value"`
	NS      string `json:"ns,omitempty"`
	Class   string `json:"class,omitempty"`
	Group   string `json:"group,omitempty"`
	Remarks string `json:"remarks,omitempty"`
}

type Link struct {
	Href string `json:"href"`
	Rel  string `json:"rel,omitempty"`
	Text string `json:"text,omitempty"`
}

type Part struct {
	ID    string     `json:"id,omitempty"`
	Name  string     `json:"name"`
	NS    string     `json:"ns,omitempty"`
	Class string     `json:"class,omitempty"`
	Title string     `json:"title,omitempty"`
	Props []Property `json:"props,omitempty"`
	Prose string     `json:"prose,omitempty"`
	Parts []Part     `json:"parts,omitempty"`
}

type Control struct {
	ID    string     `json:"id"`
	Class string     `json:"class,omitempty"`
	Title string     `json:"title"`
	Props []Property `json:"props,omitempty"`
	Links []Link     `json:"links,omitempty"`
	Parts []Part     `json:"parts,omitempty"`
}

type Group struct {
	ID       string     `json:"id,omitempty"`
	Class    string     `json:"class,omitempty"`
	Title    string     `json:"title"`
	Props    []Property `json:"props,omitempty"`
	Links    []Link     `json:"links,omitempty"`
	Parts    []Part     `json:"parts,omitempty"`
	Groups   []Group    `json:"groups,omitempty"`
	Controls []Control  `json:"controls,omitempty"`
}

type Catalog struct {
	UUID       string      `json:"uuid"`
	Metadata   Metadata    `json:"metadata"`
	Groups     []Group     `json:"groups,omitempty"`
	BackMatter *BackMatter `json:"back-matter,omitempty"`
}

type BackMatter struct {
	Resources []Resource `json:"resources"`
}

type Resource struct {
	UUID   string     `json:"uuid"`
	Title  string     `json:"title,omitempty"`
	Props  []Property `json:"props,omitempty"`
	RLinks []RLink    `json:"rlinks,omitempty"`
}

type RLink struct {
	Href string `json:"href"`
}

type Profile struct {
	UUID     string   `json:"uuid"`
	Metadata Metadata `json:"metadata"`
	Imports  []Import `json:"imports"`
	Merge    *Merge   `json:"merge,omitempty"`
	Modify   *Modify  `json:"modify,omitempty"`
}

type Import struct {
	Href            string          `json:"href"`
	IncludeControls []SelectControl `json:"include-controls"`
}

type SelectControl struct {
	WithIDs []string `json:"with-ids"`
}

type Merge struct {
	AsIs bool `json:"as-is"`
}

type Modify struct {
	Alters []Alter `json:"alters"`
}

type Alter struct {
	ControlID string `json:"control-id"`
	Adds      []Add  `json:"adds"`
}

type Add struct {
	Position string     `json:"position,omitempty"`
	Props    []Property `json:"props,omitempty"`
	Parts    []Part     `json:"parts,omitempty"`
}

type MappingCollection struct {
	UUID       string     `json:"uuid"`
	Metadata   Metadata   `json:"metadata"`
	Provenance Provenance `json:"provenance"`
	Mappings   []Mapping  `json:"mappings"`
}

type Provenance struct {
	Method             string `json:"method"`             // human, automation, hybrid
	MatchingRationale  string `json:"matching-rationale"` // syntactic, semantic, functional
	Status             string `json:"status"`
	MappingDescription string `json:"mapping-description"`
	Remarks            string `json:"remarks,omitempty"`
}

type Mapping struct {
	UUID             string      `json:"uuid"`
	SourceResource   ResourceRef `json:"source-resource"`
	TargetResource   ResourceRef `json:"target-resource"`
	Maps             []Map       `json:"maps"`
	SourceGapSummary *GapSummary `json:"source-gap-summary,omitempty"`
	TargetGapSummary *GapSummary `json:"target-gap-summary,omitempty"`
	Remarks          string      `json:"remarks,omitempty"`
}

type ResourceRef struct {
	Type string `json:"type"` // catalog or profile
	Href string `json:"href"`
}

type Map struct {
	UUID              string           `json:"uuid"`
	Relationship      string           `json:"relationship"`
	MatchingRationale string           `json:"matching-rationale,omitempty"`
	Sources           []MappingItem    `json:"sources"`
	Targets           []MappingItem    `json:"targets"`
	ConfidenceScore   *ConfidenceScore `json:"confidence-score,omitempty"`
	Props             []Property       `json:"props,omitempty"`
	Remarks           string           `json:"remarks,omitempty"`
}

type MappingItem struct {
	Type  string `json:"type"` // control or statement
	IDRef string `json:"id-ref"`
}

type ConfidenceScore struct {
	Category string `json:"category"` // high, medium, low, unspecified
}

type GapSummary struct {
	UUID             string          `json:"uuid"`
	UnmappedControls []SelectControl `json:"unmapped-controls"`
}
