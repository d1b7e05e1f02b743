package catalog

// Question is one of the report's research questions, with our summary of
// how the report answered it.
type Question struct {
	ID      string `yaml:"id" json:"id"`
	Number  int    `yaml:"number" json:"number"`
	Topic   string `yaml:"topic" json:"topic"`     // short heading in our words
	Asks    string `yaml:"asks" json:"asks"`       // the question, paraphrased
	Answer  string `yaml:"answer" json:"answer"`   // the report's answer, paraphrased
	Section string `yaml:"section" json:"section"` // where in the report
	Source  Source `yaml:"source" json:"source"`
	Pos     Pos    `yaml:"-" json:"-"`
}

// Recommendation is one of the report's recommendations or next steps.
type Recommendation struct {
	ID        string   `yaml:"id" json:"id"`
	Kind      string   `yaml:"kind" json:"kind"` // recommendation, next-step, conclusion
	Number    int      `yaml:"number" json:"number"`
	Title     string   `yaml:"title" json:"title"` // the report's heading (a title, kept as a fact)
	Summary   string   `yaml:"summary" json:"summary"`
	Practices []string `yaml:"practices,omitempty" json:"practices,omitempty"`
	Section   string   `yaml:"section" json:"section"`
	Source    Source   `yaml:"source" json:"source"`
	Pos       Pos      `yaml:"-" json:"-"`
}

// Claim is a statement in the report's narrative that cites documents by
// number or states a count. Claims are kept as the report makes them, so the
// consistency report can compare them with the annexes.
type Claim struct {
	ID       string     `yaml:"id" json:"id"`
	Section  string     `yaml:"section" json:"section"`
	Question string     `yaml:"question,omitempty" json:"question,omitempty"`
	Summary  string     `yaml:"summary" json:"summary"`
	Cites    []Citation `yaml:"cites,omitempty" json:"cites,omitempty"`
	// The claim says its cited documents contain this practice, or a practice
	// of this category.
	Practice string `yaml:"practice,omitempty" json:"practice,omitempty"`
	Category string `yaml:"category,omitempty" json:"category,omitempty"`
	// Counts the text states, checked against the cites and the annexes.
	StatedCount         int            `yaml:"stated_count,omitempty" json:"stated_count,omitempty"`
	StatedDocuments     int            `yaml:"stated_documents,omitempty" json:"stated_documents,omitempty"`
	StatedJurisdictions int            `yaml:"stated_jurisdictions,omitempty" json:"stated_jurisdictions,omitempty"`
	PerJurisdiction     map[string]int `yaml:"per_jurisdiction,omitempty" json:"per_jurisdiction,omitempty"`
	Source              Source         `yaml:"source" json:"source"`
	Pos                 Pos            `yaml:"-" json:"-"`
}

// Citation is one document number a claim cites, with what the text says
// about it (its jurisdiction, its kind or force) where it says anything.
type Citation struct {
	Number       int    `yaml:"number" json:"number"`
	Jurisdiction string `yaml:"jurisdiction,omitempty" json:"jurisdiction,omitempty"`
	LegalForce   string `yaml:"legal_force,omitempty" json:"legal_force,omitempty"`
}

// Profile is a market or a label: a set of provisions with conditions, dates
// and deemed-compliance routes.
type Profile struct {
	ID           string     `yaml:"id" json:"id"`
	Title        string     `yaml:"title" json:"title"`
	Kind         string     `yaml:"kind" json:"kind"` // market, label
	Jurisdiction string     `yaml:"jurisdiction" json:"jurisdiction"`
	Summary      string     `yaml:"summary" json:"summary"`
	Level        int        `yaml:"level,omitempty" json:"level,omitempty"`
	Extends      string     `yaml:"extends,omitempty" json:"extends,omitempty"`
	AppliesFrom  string     `yaml:"applies_from,omitempty" json:"applies_from,omitempty"`
	Until        string     `yaml:"until,omitempty" json:"until,omitempty"`
	Include      []Selector `yaml:"include" json:"include"`
	Routes       []Route    `yaml:"routes,omitempty" json:"routes,omitempty"`
	Source       Source     `yaml:"source" json:"source"`
	Pos          Pos        `yaml:"-" json:"-"`
}

// Selector picks provisions of one document: all of them, the listed refs,
// or those with the given modalities or label level.
type Selector struct {
	Document string   `yaml:"document" json:"document"`
	Refs     []string `yaml:"refs,omitempty" json:"refs,omitempty"`
	Modality []string `yaml:"modality,omitempty" json:"modality,omitempty"`
	Levels   []string `yaml:"levels,omitempty" json:"levels,omitempty"`
}

// Route is a deemed-compliance route: meeting all the provisions in AllOf
// counts as meeting Provision (for example UK PSTI accepting EN 303 645),
// and so does holding a current label named in AnyLabel (UK PSTI accepting
// Singapore's CLS). A route gives one or the other, never both: a label
// route is a product fact, a provision route is a test of the product.
type Route struct {
	Provision string             `yaml:"provision" json:"provision"` // provision id, DOC/REF
	AllOf     []string           `yaml:"all_of,omitempty" json:"all_of"`
	AnyLabel  []LabelRequirement `yaml:"any_label,omitempty" json:"any_label,omitempty"`
	Source    Source             `yaml:"source" json:"source"`
	Pos       Pos                `yaml:"-" json:"-"`
}

// LabelRequirement is one label a route accepts: a labelling scheme (the id
// of its catalog document, e.g. sg-cls) at MinLevel or above.
type LabelRequirement struct {
	Scheme   string `yaml:"scheme" json:"scheme"`
	MinLevel int    `yaml:"min_level" json:"min_level"`
	Pos      Pos    `yaml:"-" json:"-"`
}
