package assess

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/catalog/dataset"
)

func TestLoadRulesRejectsBadRules(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown fact", "rules:\n  - id: r\n    summary: s\n    applies_to: [{practice: p}]\n    tests:\n      - {fact: password.colour, is: true, finding: f, fails: x}\n", `rules.yaml:2: rule "r": test 1: unknown fact "password.colour"`},
		{"wrong literal type", "rules:\n  - id: r\n    summary: s\n    applies_to: [{practice: p}]\n    tests:\n      - {fact: update.signed, is: yes please, finding: f, fails: x}\n", "is not true/false"},
		{"two operators", "rules:\n  - id: r\n    summary: s\n    applies_to: [{practice: p}]\n    tests:\n      - {fact: password.scheme, is: none, in: [none], finding: f, fails: x}\n", "exactly one of"},
		{"in on a bool", "rules:\n  - id: r\n    summary: s\n    applies_to: [{practice: p}]\n    tests:\n      - {fact: update.signed, in: [a], finding: f, fails: x}\n", "in needs a text fact"},
		{"no selector", "rules:\n  - id: r\n    summary: s\n    applies_to: []\n    tests:\n      - {fact: update.signed, is: true, finding: f, fails: x}\n", "applies_to selects nothing"},
		{"both selectors", "rules:\n  - id: r\n    summary: s\n    applies_to: [{practice: p, provision: d/1}]\n    tests:\n      - {fact: update.signed, is: true, finding: f, fails: x}\n", "exactly one of provision or practice"},
		{"bad relation", "rules:\n  - id: r\n    summary: s\n    applies_to: [{practice: p, relations: [same]}]\n    tests:\n      - {fact: update.signed, is: true, finding: f, fails: x}\n", `unknown relation "same"`},
		{"missing words", "rules:\n  - id: r\n    summary: s\n    applies_to: [{practice: p}]\n    tests:\n      - {fact: update.signed, is: true}\n", "finding and fails are required"},
		{"unknown key", "rules:\n  - id: r\n    summary: s\n    colour: red\n", "field colour not found"},
		{"duplicate id", "rules:\n  - {id: r, summary: s, applies_to: [{practice: p}], tests: [{fact: update.signed, is: true, finding: f, fails: x}]}\n  - {id: r, summary: s, applies_to: [{practice: p}], tests: [{fact: update.signed, is: true, finding: f, fails: x}]}\n", "rules.yaml:3: rule \"r\": duplicate rule id"},
		{"observation of unknown fact", "observations:\n  - {check: c, status: fail, fact: nope, value: true}\n", `rules.yaml:2: observation of "c": unknown fact "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadRules(fstest.MapFS{"rules.yaml": {Data: []byte(tt.yaml)}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestBuiltinRulesResolve: every provision a rule names exists in the
// built-in catalog, and every practice too, so a renamed provision cannot
// silently drop a rule.
func TestBuiltinRulesResolve(t *testing.T) {
	rs, err := BuiltinRules()
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Load(dataset.FS())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs.Rules {
		for _, s := range r.AppliesTo {
			if s.Provision != "" {
				if _, ok := c.Provision(s.Provision); !ok {
					t.Errorf("rule %s: provision %s is not in the built-in catalog", r.ID, s.Provision)
				}
			}
			if s.Practice != "" {
				if _, ok := c.Practice(s.Practice); !ok {
					t.Errorf("rule %s: practice %s is not in the built-in catalog", r.ID, s.Practice)
				}
			}
			if s.Document != "" {
				if _, ok := c.Document(s.Document); !ok {
					t.Errorf("rule %s: document %s is not in the built-in catalog", r.ID, s.Document)
				}
			}
		}
	}
}

// TestEveryFactIsUsedOrDocumented: a fact no rule tests is dead weight in
// the declaration format unless a statement can still use it; list them so
// a reviewer sees the gap.
func TestFactsAreTested(t *testing.T) {
	rs, _ := BuiltinRules()
	used := map[string]bool{}
	for _, r := range rs.Rules {
		for _, tt := range r.Tests {
			used[tt.Fact] = true
		}
	}
	for _, o := range rs.Observations {
		used[o.Fact] = true
	}
	var unused []string
	for _, f := range FactNames() {
		if !used[f] {
			unused = append(unused, f)
		}
	}
	t.Logf("facts no built-in rule tests yet: %v", unused)
	if len(unused) > len(FactNames())/2 {
		t.Errorf("more than half the facts are untested: %v", unused)
	}
}
