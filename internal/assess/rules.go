package assess

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/bydesign-iot/bydesign/internal/assess/rules"
	"github.com/bydesign-iot/bydesign/internal/catalog"

	"go.yaml.in/yaml/v3"
)

// RuleFile is the shape of one rules data file.
type RuleFile struct {
	Rules        []Rule        `yaml:"rules"`
	Observations []Observation `yaml:"observations"`
}

// Rule says which facts a group of provisions needs. A provision is
// governed by every rule that applies to it; a rule applies through an
// exact provision id, or through a practice the provision maps to
// (optionally only within one document).
type Rule struct {
	ID        string     `yaml:"id"`
	Summary   string     `yaml:"summary"`
	AppliesTo []Selector `yaml:"applies_to"`
	Tests     []Test     `yaml:"tests"`
	line      int
}

// Selector picks provisions for a rule: one provision by id, or the
// provisions mapped to a practice, optionally only within one document and
// only through the given mapping relations (equal, subset, superset,
// intersect; default all).
type Selector struct {
	Provision string   `yaml:"provision,omitempty"`
	Practice  string   `yaml:"practice,omitempty"`
	Document  string   `yaml:"document,omitempty"`
	Relations []string `yaml:"relations,omitempty"`
}

// Test is one condition on one fact. Exactly one of Is, In, AtMost,
// Present is given. Finding names what a failure means, Fails says it in
// words.
type Test struct {
	Fact    string   `yaml:"fact"`
	Is      any      `yaml:"is,omitempty"`
	In      []string `yaml:"in,omitempty"`
	AtMost  *int     `yaml:"at_most,omitempty"`
	Present bool     `yaml:"present,omitempty"`
	// Consistent tests nothing on its own: it fails when a probe observes
	// a value the declaration does not state (an open service missing from
	// the interface list), and is skipped when nothing was observed.
	Consistent bool   `yaml:"consistent,omitempty"`
	Finding    string `yaml:"finding"`
	Fails      string `yaml:"fails"`
}

// Observation turns a probe finding into an observed fact value: a finding
// of Check with Status means Fact has Value on the device.
type Observation struct {
	Check  string `yaml:"check"`
	Status string `yaml:"status"`
	Fact   string `yaml:"fact"`
	Value  any    `yaml:"value"`
	line   int
}

// RuleSet is decoded and checked rules data, independent of any catalog.
type RuleSet struct {
	Rules        []Rule
	Observations []Observation
	tests        [][]ctest // per rule
	obs          []cobs
}

type ctest struct {
	fact    int
	op      testOp
	kind    factKind
	b       bool
	s       []string
	n       int
	finding string
	fails   string
}

type testOp uint8

const (
	opIs testOp = iota
	opIn
	opAtMost
	opPresent
	opConsistent
)

type cobs struct {
	check, status string
	fact          int
	v             value
}

// factTable is built once: the fact names the rules may use.
var (
	factTable = facts()
	factIndex = func() map[string]int {
		m := make(map[string]int, len(factTable))
		for i, f := range factTable {
			m[f.name] = i
		}
		return m
	}()
)

// FactNames lists every fact a rule can test, for documentation and errors.
func FactNames() []string {
	out := make([]string, len(factTable))
	for i, f := range factTable {
		out[i] = f.name
	}
	return out
}

// LoadRules reads every .yaml file in fsys, strictly, and checks each rule
// and observation against the fact table. All problems are reported
// together with file and line.
func LoadRules(fsys fs.FS) (*RuleSet, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, fmt.Errorf("assess: list rules: %w", err)
	}
	sort.Strings(names)
	rs := &RuleSet{}
	var errs []error
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("assess: read rules %s: %w", name, err)
		}
		f, err := decodeRuleFile(name, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, r := range f.Rules {
			errs = append(errs, rs.addRule(name, r)...)
		}
		for _, o := range f.Observations {
			errs = append(errs, rs.addObservation(name, o)...)
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("assess: rules: %w", errors.Join(errs...))
	}
	return rs, nil
}

func decodeRuleFile(name string, data []byte) (*RuleFile, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var f RuleFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && err != io.EOF {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	// record each record's line for later messages
	loc := yamlLocator{root: &root}
	for i := range f.Rules {
		f.Rules[i].line = loc.line(joinIndex("$.rules", i))
	}
	for i := range f.Observations {
		f.Observations[i].line = loc.line(joinIndex("$.observations", i))
	}
	return &f, nil
}

func (rs *RuleSet) addRule(file string, r Rule) []error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: rule %q: %s", file, r.line, r.ID, fmt.Sprintf(format, args...)))
	}
	if r.ID == "" || strings.TrimSpace(r.Summary) == "" {
		bad("id and summary are required")
	}
	if slices.ContainsFunc(rs.Rules, func(o Rule) bool { return o.ID == r.ID }) {
		bad("duplicate rule id")
	}
	if len(r.AppliesTo) == 0 {
		bad("applies_to selects nothing")
	}
	for _, s := range r.AppliesTo {
		if (s.Provision == "") == (s.Practice == "") {
			bad("each applies_to entry needs exactly one of provision or practice")
		}
		if s.Provision != "" && (s.Document != "" || len(s.Relations) > 0) {
			bad("document and relations narrow a practice selector, not a provision")
		}
		for _, rel := range s.Relations {
			if !slices.Contains(catalog.Relations, rel) {
				bad("unknown relation %q (valid: %s)", rel, strings.Join(catalog.Relations, ", "))
			}
		}
	}
	if len(r.Tests) == 0 {
		bad("no tests")
	}
	var cts []ctest
	for i, t := range r.Tests {
		ct, err := compileTest(t)
		if err != nil {
			bad("test %d: %v", i+1, err)
			continue
		}
		cts = append(cts, ct)
	}
	if len(errs) == 0 {
		rs.Rules = append(rs.Rules, r)
		rs.tests = append(rs.tests, cts)
	}
	return errs
}

func compileTest(t Test) (ctest, error) {
	fi, ok := factIndex[t.Fact]
	if !ok {
		return ctest{}, fmt.Errorf("unknown fact %q (valid: %s)", t.Fact, strings.Join(FactNames(), ", "))
	}
	if t.Finding == "" || strings.TrimSpace(t.Fails) == "" {
		return ctest{}, errors.New("finding and fails are required")
	}
	ct := ctest{fact: fi, finding: t.Finding, fails: t.Fails}
	kind := factTable[fi].kind
	ct.kind = kind
	ops := 0
	if t.Is != nil {
		ops++
		ct.op = opIs
		v, err := literal(kind, t.Is)
		if err != nil {
			return ct, err
		}
		ct.b, ct.n = v.b, v.n
		if kind == stringFact {
			ct.s = []string{v.s}
		}
	}
	if len(t.In) > 0 {
		ops++
		ct.op, ct.s = opIn, t.In
		if kind != stringFact {
			return ct, fmt.Errorf("in needs a text fact; %s is %s", t.Fact, kind)
		}
	}
	if t.AtMost != nil {
		ops++
		ct.op, ct.n = opAtMost, *t.AtMost
		if kind != numberFact {
			return ct, fmt.Errorf("at_most needs a number fact; %s is %s", t.Fact, kind)
		}
	}
	if t.Present {
		ops++
		ct.op = opPresent
	}
	if t.Consistent {
		ops++
		ct.op = opConsistent
	}
	if ops != 1 {
		return ct, errors.New("give exactly one of is, in, at_most, present, consistent")
	}
	return ct, nil
}

// literal checks a rule's YAML value against a fact's kind.
func literal(kind factKind, x any) (value, error) {
	switch kind {
	case boolFact:
		if b, ok := x.(bool); ok {
			return value{set: true, b: b}, nil
		}
	case stringFact:
		if s, ok := x.(string); ok {
			return value{set: true, s: s}, nil
		}
	case numberFact:
		if n, ok := x.(int); ok {
			return value{set: true, n: n}, nil
		}
	}
	return value{}, fmt.Errorf("value %v is not %s", x, kind)
}

func (rs *RuleSet) addObservation(file string, o Observation) []error {
	fi, ok := factIndex[o.Fact]
	if !ok {
		return []error{fmt.Errorf("%s:%d: observation of %q: unknown fact %q", file, o.line, o.Check, o.Fact)}
	}
	if o.Check == "" || o.Status == "" {
		return []error{fmt.Errorf("%s:%d: observation: check and status are required", file, o.line)}
	}
	v, err := literal(factTable[fi].kind, o.Value)
	if err != nil {
		return []error{fmt.Errorf("%s:%d: observation of %q: %v", file, o.line, o.Check, err)}
	}
	rs.Observations = append(rs.Observations, o)
	rs.obs = append(rs.obs, cobs{check: o.Check, status: o.Status, fact: fi, v: v})
	return nil
}

var builtinRules = sync.OnceValues(func() (*RuleSet, error) { return LoadRules(rules.FS()) })

// BuiltinRules returns the rules shipped with bydesign, loaded once.
func BuiltinRules() (*RuleSet, error) { return builtinRules() }
