// Package sarif writes SARIF 2.1.0 logs: only the parts the specification
// requires and code-scanning services read. assess and probe both report
// through it, so the two outputs stay alike.
package sarif

import (
	"encoding/json"
	"io"
)

// SchemaURI is the published location of the SARIF 2.1.0 schema.
const SchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

// InformationURI is the project's home, named in every log.
const InformationURI = "https://github.com/bydesign-iot/bydesign"

// Log is a SARIF log.
type Log struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []Run  `json:"runs"`
}

// Run is one tool's results.
type Run struct {
	Tool    Tool     `json:"tool"`
	Results []Result `json:"results"`
	index   map[string]int
}

// Tool wraps the driver, as the format requires.
type Tool struct {
	Driver Driver `json:"driver"`
}

// Driver describes the tool and its rules.
type Driver struct {
	Name           string `json:"name"`
	Version        string `json:"version,omitempty"`
	InformationURI string `json:"informationUri,omitempty"`
	Rules          []Rule `json:"rules"`
}

// Rule is one check or provision a result can refer to.
type Rule struct {
	ID               string         `json:"id"`
	Name             string         `json:"name,omitempty"`
	ShortDescription Message        `json:"shortDescription"`
	Properties       map[string]any `json:"properties,omitempty"`
}

// Message is a plain-text message.
type Message struct {
	Text string `json:"text"`
}

// Result is one finding.
type Result struct {
	RuleID     string         `json:"ruleId"`
	RuleIndex  int            `json:"ruleIndex"`
	Level      string         `json:"level"` // error, warning, note
	Message    Message        `json:"message"`
	Locations  []Location     `json:"locations"`
	Properties map[string]any `json:"properties,omitempty"`
}

// Location points at an artifact and, optionally, a line in it.
type Location struct {
	PhysicalLocation Physical `json:"physicalLocation"`
}

// Physical is an artifact and an optional region.
type Physical struct {
	ArtifactLocation Artifact `json:"artifactLocation"`
	Region           *Region  `json:"region,omitempty"`
}

// Artifact names a file or a network endpoint by URI.
type Artifact struct {
	URI string `json:"uri"`
}

// Region is a line in the artifact.
type Region struct {
	StartLine int `json:"startLine"`
}

// NewRun starts a run for a tool.
func NewRun(name, version string) *Run {
	return &Run{
		Tool:    Tool{Driver: Driver{Name: name, Version: version, InformationURI: InformationURI, Rules: []Rule{}}},
		Results: []Result{},
		index:   map[string]int{},
	}
}

// Rule adds a rule once and returns its index; later calls with the same
// id return the first index.
func (r *Run) Rule(rule Rule) int {
	if i, ok := r.index[rule.ID]; ok {
		return i
	}
	r.index[rule.ID] = len(r.Tool.Driver.Rules)
	r.Tool.Driver.Rules = append(r.Tool.Driver.Rules, rule)
	return r.index[rule.ID]
}

// Add records a result against a rule added before.
func (r *Run) Add(res Result) {
	res.RuleIndex = r.index[res.RuleID]
	r.Results = append(r.Results, res)
}

// At is a location in an artifact; a line below 1 means no region.
func At(uri string, line int) []Location {
	p := Physical{ArtifactLocation: Artifact{URI: uri}}
	if line > 0 {
		p.Region = &Region{StartLine: line}
	}
	return []Location{{PhysicalLocation: p}}
}

// Write writes the runs as one indented SARIF 2.1.0 log.
func Write(w io.Writer, runs ...*Run) error {
	log := Log{Schema: SchemaURI, Version: "2.1.0"}
	for _, r := range runs {
		log.Runs = append(log.Runs, *r)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}
