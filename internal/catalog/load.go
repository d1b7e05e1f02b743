package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/bydesign-iot/bydesign/internal/yamlx"
)

// maxFileSize bounds one dataset file; the built-in files are far smaller.
const maxFileSize = 8 << 20

// file is the shape of one dataset file: any of the record sections.
type file struct {
	Document        string           `yaml:"document"` // default document for provisions
	References      []Reference      `yaml:"references"`
	Categories      []Category       `yaml:"categories"`
	Practices       []Practice       `yaml:"practices"`
	Jurisdictions   []Jurisdiction   `yaml:"jurisdictions"`
	Documents       []Document       `yaml:"documents"`
	Provisions      []Provision      `yaml:"provisions"`
	Mappings        []Mapping        `yaml:"mappings"`
	Coverage        []Coverage       `yaml:"coverage"`
	Questions       []Question       `yaml:"questions"`
	Recommendations []Recommendation `yaml:"recommendations"`
	Claims          []Claim          `yaml:"claims"`
	Profiles        []Profile        `yaml:"profiles"`
}

// Load reads every .yaml file under fsys (in name order), then validates and
// indexes the result. Errors name the file, the line and the field.
func Load(fsys fs.FS) (*Catalog, error) {
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("catalog: list dataset: %w", err)
	}
	if len(names) == 0 {
		return nil, errors.New("catalog: dataset has no .yaml files")
	}
	sort.Strings(names)
	c := &Catalog{}
	var errs errorList
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("catalog: read %s: %w", name, err)
		}
		if len(data) > maxFileSize {
			errs = append(errs, &DataError{File: name, Msg: fmt.Sprintf("file is %d bytes, over the %d limit", len(data), maxFileSize)})
			continue
		}
		f, derrs := decodeFile(name, data)
		if len(derrs) > 0 {
			errs = append(errs, derrs...)
			continue
		}
		c.add(f)
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	if err := c.build(); err != nil {
		return nil, err
	}
	return c, nil
}

// decodeFile decodes strictly (unknown fields are errors) and records the
// position of every record and field.
func decodeFile(name string, data []byte) (*file, errorList) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlErrors(name, err, nil)
	}
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) { // an empty file
			return &f, nil
		}
		return nil, yamlErrors(name, err, &root)
	}
	positions(name, &root, &f)
	return &f, nil
}

// yamlErrors turns the decoder's messages into DataErrors, naming the field
// whose value sits on the reported line.
func yamlErrors(name string, err error, root *yaml.Node) errorList {
	var out errorList
	for _, p := range yamlx.Problems(err) {
		de := &DataError{File: name, Line: p.Line, Field: p.Field, Msg: p.Msg}
		if de.Field == "" && root != nil && p.Line > 0 {
			de.Field = keyAt(root, p.Line)
		}
		out = append(out, de)
	}
	return out
}

// keyAt finds the mapping key whose key or value starts on line.
func keyAt(n *yaml.Node, line int) string {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Line == line || (v.Line == line && v.Kind == yaml.ScalarNode) {
				return k.Value
			}
		}
	}
	for _, c := range n.Content {
		if f := keyAt(c, line); f != "" {
			return f
		}
	}
	return ""
}

// positions walks the node tree beside the decoded file and fills Pos.
func positions(name string, root *yaml.Node, f *file) {
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		items := m.Content[i+1].Content
		set := func(j int, p *Pos) {
			if j < len(items) {
				*p = posOf(name, items[j])
			}
		}
		switch m.Content[i].Value {
		case "references":
			for j := range f.References {
				set(j, &f.References[j].Pos)
			}
		case "categories":
			for j := range f.Categories {
				set(j, &f.Categories[j].Pos)
			}
		case "practices":
			for j := range f.Practices {
				set(j, &f.Practices[j].Pos)
			}
		case "jurisdictions":
			for j := range f.Jurisdictions {
				set(j, &f.Jurisdictions[j].Pos)
			}
		case "documents":
			for j := range f.Documents {
				set(j, &f.Documents[j].Pos)
			}
		case "provisions":
			for j := range f.Provisions {
				set(j, &f.Provisions[j].Pos)
			}
		case "mappings":
			for j := range f.Mappings {
				set(j, &f.Mappings[j].Pos)
			}
		case "coverage":
			for j := range f.Coverage {
				set(j, &f.Coverage[j].Pos)
			}
		case "questions":
			for j := range f.Questions {
				set(j, &f.Questions[j].Pos)
			}
		case "recommendations":
			for j := range f.Recommendations {
				set(j, &f.Recommendations[j].Pos)
			}
		case "claims":
			for j := range f.Claims {
				set(j, &f.Claims[j].Pos)
			}
		case "profiles":
			for j := range f.Profiles {
				set(j, &f.Profiles[j].Pos)
				if j < len(items) {
					routePositions(name, items[j], f.Profiles[j].Routes)
				}
			}
		}
	}
}

func posOf(name string, n *yaml.Node) Pos {
	p := Pos{File: name, Line: n.Line, Fields: map[string]int{}}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			p.Fields[n.Content[i].Value] = n.Content[i].Line
		}
	}
	return p
}

// routePositions records where each route of a profile, and each label it
// accepts, was read, so route errors point at the route's own line.
func routePositions(name string, profile *yaml.Node, routes []Route) {
	seq := valueOf(profile, "routes")
	if seq == nil {
		return
	}
	for k := range routes {
		if k >= len(seq.Content) {
			return
		}
		routes[k].Pos = posOf(name, seq.Content[k])
		if labels := valueOf(seq.Content[k], "any_label"); labels != nil {
			for l := range routes[k].AnyLabel {
				if l < len(labels.Content) {
					routes[k].AnyLabel[l].Pos = posOf(name, labels.Content[l])
				}
			}
		}
	}
}

// valueOf is the value node of key in a mapping node, or nil.
func valueOf(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
