package assess

import (
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

var testCatalog = sync.OnceValues(func() (*catalog.Catalog, error) { return catalog.Load(os.DirFS("testdata/dataset")) })

func testEngine(t testing.TB, markets ...string) *Engine {
	t.Helper()
	c, err := testCatalog()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := BuiltinRules()
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewEngine(c, rs, markets)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// base is a declaration meeting every test-dataset provision; cases edit it.
const base = `bydesign: declaration/v1
product:
  manufacturer: Test
  model: T1
  versions: {firmware: "1.0"}
  placed_on_market: 2026-03-01
  interfaces:
    - {name: web, protocol: https, port: 443, authentication: password}
    - {name: shell, protocol: telnet, port: 23, enabled: false}
conditions: {uses-passwords: true, updatable: true, has-network-interface: true, sends-telemetry: true}
passwords: {scheme: unique-per-device, brute_force_protection: true, not_derived_from_identifiers: true, changeable: true}
updates: {mechanism: ota, signed: true, automatic: true, free_of_charge: true}
support: {end_date: 2031-03-01, published: true}
warranty: {months: 24}
disclosure: {contact: security@test.example, policy_url: "https://test.example/policy", acknowledge_within_days: 7}
data: {deletion: true, encrypted_in_transit: true}
security: {no_hardcoded_secrets: true, input_validation: true, logging: true, secure_by_default: true}
practices:
  telemetry-data: {status: implemented}
provisions:
  sg-cls/level-3-binary-analysis: {status: implemented, evidence: [{kind: lab-report, ref: LAB-1}]}
`

func assessYAML(t *testing.T, e *Engine, decl, evidence string) *Result {
	t.Helper()
	d, err := Parse("t.yaml", []byte(decl))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	if err := e.CheckReferences(d); err != nil {
		t.Fatalf("references: %v", err)
	}
	var ev *ProbeResult
	if evidence != "" {
		if ev, err = ParseEvidence("ev.json", []byte(evidence)); err != nil {
			t.Fatalf("evidence: %v", err)
		}
	}
	return e.Assess(d, ev)
}

func provision(t *testing.T, r *Result, market, id string) ProvisionResult {
	t.Helper()
	for _, m := range r.Markets {
		if m.ID != market {
			continue
		}
		for _, p := range m.Provisions {
			if p.ID == id {
				return p
			}
		}
	}
	t.Fatalf("no provision %s in market %s", id, market)
	return ProvisionResult{}
}

func edit(s string, pairs ...string) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			panic("edit: no " + pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func hasStep(p ProvisionResult, kind string) bool {
	for _, s := range p.Trace {
		if s.Kind == kind {
			return true
		}
	}
	return false
}

func TestEngineVerdicts(t *testing.T) {
	e := testEngine(t, "eu-cra", "uk-psti", "sg-cls-2", "etsi-en-303-645")
	tests := []struct {
		name, decl, evidence string
		market, prov         string
		want                 Verdict
		step                 string // a trace step kind that must be present
		finding              string // a finding id that must be reported
	}{
		{"baseline passes", base, "", "uk-psti", "uk-psti/sch1-1", Pass, "rule", ""},
		{"condition false is not applicable", edit(base, "uses-passwords: true", "uses-passwords: false"), "", "sg-cls-2", "etsi-en-303-645/5.1-1", NotApplicable, "condition", ""},
		{"condition silent is assumed", edit(base, "uses-passwords: true, ", ""), "", "sg-cls-2", "etsi-en-303-645/5.1-1", Pass, "condition", ""},
		{"universal default password fails", edit(base, "scheme: unique-per-device", "scheme: universal-default"), "", "uk-psti", "uk-psti/sch1-1", Fail, "rule", "universal-default-password"},
		{"silent fact is not declared", edit(base, "brute_force_protection: true, ", ""), "", "sg-cls-2", "etsi-en-303-645/5.1-5", NotDeclared, "rule", ""},
		{"statement fills a gap", edit(base, "brute_force_protection: true, ", "", "provisions:\n", "provisions:\n  etsi-en-303-645/5.1-5: {status: implemented}\n"), "", "sg-cls-2", "etsi-en-303-645/5.1-5", Pass, "statement", ""},
		{"declared not implemented fails", edit(base, "provisions:\n", "provisions:\n  etsi-en-303-645/5.11-1: {status: not-implemented}\n"), "", "sg-cls-2", "etsi-en-303-645/5.11-1", Fail, "statement", ""},
		{"declared not applicable", edit(base, "provisions:\n", "provisions:\n  etsi-en-303-645/5.11-1: {status: not-applicable, justification: stores no user data}\n"), "", "sg-cls-2", "etsi-en-303-645/5.11-1", NotApplicable, "statement", ""},
		{"practice statement not applicable", edit(base, "telemetry-data: {status: implemented}", "telemetry-data: {status: not-applicable, justification: none sent}", "security: {no_hardcoded_secrets: true, input_validation: true, logging: true,", "security: {no_hardcoded_secrets: true, input_validation: true,"), "", "etsi-en-303-645", "etsi-en-303-645/5.10-1", NotApplicable, "statement", ""},
		{"support shorter than warranty", edit(base, "end_date: 2031-03-01", "end_date: 2028-02-29"), "", "uk-psti", "uk-psti/sch1-3", Fail, "rule", "support-shorter-than-warranty"},
		{"support equal to warranty", edit(base, "end_date: 2031-03-01", "end_date: 2028-03-01", "support: {", "support: {expected_use_years: 2, justification: short-lived, "), "", "eu-cra", "eu-cra/art-13-8", Pass, "rule", ""},
		{"support below CRA minimum", edit(base, "end_date: 2031-03-01", "end_date: 2031-02"), "", "eu-cra", "eu-cra/art-13-8", Fail, "rule", "support-below-cra-minimum"},
		{"shorter expected use justified", edit(base, "end_date: 2031-03-01", "end_date: 2029-03-01", "support: {", "support: {expected_use_years: 3, justification: single-season device, "), "", "eu-cra", "eu-cra/art-13-8", Pass, "rule", ""},
		{"support not published", edit(base, "published: true", "published: false"), "", "uk-psti", "uk-psti/sch1-3", Fail, "rule", "support-period-not-published"},
		{"no disclosure contact", edit(base, "contact: security@test.example, ", ""), "", "uk-psti", "uk-psti/sch1-2", Fail, "rule", "no-disclosure-contact"},
		{"route meets PSTI passwords", edit(base, "passwords: {scheme: unique-per-device, brute_force_protection: true, not_derived_from_identifiers: true, changeable: true}\n", "", "provisions:\n", "provisions:\n  etsi-en-303-645/5.1-1: {status: implemented}\n  etsi-en-303-645/5.1-2: {status: implemented}\n"), "", "uk-psti", "uk-psti/sch1-1", Pass, "route", ""},
		{"lab-only provision needs a lab report", edit(base, "evidence: [{kind: lab-report, ref: LAB-1}]", "evidence: [{kind: document, ref: DOC-1}]"), "", "eu-cra", "eu-cra/CRA-AI-P1-2b", Pass, "rule", ""},
		{"observed open telnet contradicts", base, `{"targets":[{"address":"127.0.0.1","findings":[{"check":"open-ports","status":"observed","port":23,"service":"telnet","practices":["attack-surface-minimisation"]}]}]}`, "eu-cra", "eu-cra/CRA-AI-P1-2j", Fail, "contradiction", "contradiction:service.telnet.enabled"},
		{"observed default password contradicts", base, `{"targets":[{"address":"127.0.0.1","findings":[{"check":"default-credentials","status":"fail","port":443,"service":"https"}]}]}`, "uk-psti", "uk-psti/sch1-1", Fail, "contradiction", "contradiction:password.scheme"},
		{"observed pass outranks declared fail", edit(base, "brute_force_protection: true", "brute_force_protection: false"), `{"targets":[{"address":"127.0.0.1","findings":[{"check":"brute-force-protection","status":"pass","port":443,"service":"https"}]}]}`, "sg-cls-2", "etsi-en-303-645/5.1-5", Pass, "contradiction", "contradiction:password.brute_force_protection"},
		{"finding naming the provision fails it", base, `{"targets":[{"address":"127.0.0.1","findings":[{"check":"x","status":"fail","provisions":["etsi-en-303-645/5.11-1"]}]}]}`, "sg-cls-2", "etsi-en-303-645/5.11-1", Fail, "contradiction", ""},
		{"passing finding fills a gap", edit(base, "brute_force_protection: true, ", ""), `{"targets":[{"address":"127.0.0.1","findings":[{"check":"y","status":"pass","provisions":["etsi-en-303-645/5.1-5"]}]}]}`, "sg-cls-2", "etsi-en-303-645/5.1-5", Pass, "observation", ""},
		{"passing finding does not overturn a failure", edit(base, "brute_force_protection: true", "brute_force_protection: false"), `{"targets":[{"address":"127.0.0.1","findings":[{"check":"y","status":"pass","provisions":["etsi-en-303-645/5.1-5"]}]}]}`, "sg-cls-2", "etsi-en-303-645/5.1-5", Fail, "contradiction", "contradiction:y"},
		{"inconclusive observation leaves a silent provision inconclusive", edit(base, "brute_force_protection: true, ", ""), `{"targets":[{"address":"127.0.0.1","findings":[{"check":"y","status":"lockout-observed","provisions":["etsi-en-303-645/5.1-5"]}]}]}`, "sg-cls-2", "etsi-en-303-645/5.1-5", Inconclusive, "observation", ""},
		{"unreached service observes nothing", base, `{"targets":[{"address":"127.0.0.1","findings":[{"check":"open-ports","status":"refused","port":23,"service":"telnet"}]}]}`, "eu-cra", "eu-cra/CRA-AI-P1-2j", Pass, "rule", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := assessYAML(t, e, tt.decl, tt.evidence)
			p := provision(t, r, tt.market, tt.prov)
			if p.Verdict != tt.want {
				t.Fatalf("%s in %s = %s, want %s; reasons:\n  %s", tt.prov, tt.market, p.Verdict, tt.want, strings.Join(p.Reasons, "\n  "))
			}
			if len(p.Reasons) != len(p.Trace) {
				t.Errorf("%d reasons but %d trace steps", len(p.Reasons), len(p.Trace))
			}
			if tt.step != "" && !hasStep(p, tt.step) {
				t.Errorf("no %q step in trace %+v", tt.step, p.Trace)
			}
			if tt.finding != "" {
				found := false
				for _, f := range r.Findings {
					if f.ID == tt.finding {
						found = true
						if !contains(f.Provisions, tt.prov) {
							t.Errorf("finding %s lists %v, not %s", f.ID, f.Provisions, tt.prov)
						}
					}
				}
				if !found {
					t.Errorf("no finding %s in %+v", tt.finding, r.Findings)
				}
			}
		})
	}
}

func TestLabOnlyProvision(t *testing.T) {
	e := testEngine(t, "sg-cls-3")
	r := assessYAML(t, e, edit(base, "evidence: [{kind: lab-report, ref: LAB-1}]", "evidence: [{kind: document, ref: DOC-1}]"), "")
	if p := provision(t, r, "sg-cls-3", "sg-cls/level-3-binary-analysis"); p.Verdict != Inconclusive {
		t.Fatalf("without a lab report: %s, want inconclusive (%v)", p.Verdict, p.Reasons)
	}
	r = assessYAML(t, e, base, "")
	if p := provision(t, r, "sg-cls-3", "sg-cls/level-3-binary-analysis"); p.Verdict != Pass {
		t.Fatalf("with a lab report: %s, want pass (%v)", p.Verdict, p.Reasons)
	}
}

func TestMarketVerdicts(t *testing.T) {
	e := testEngine(t, "eu-cra", "uk-psti", "sg-cls-2")
	tests := []struct {
		name, decl string
		want       map[string]Verdict
	}{
		{"all pass", base, map[string]Verdict{"eu-cra": Pass, "uk-psti": Pass, "sg-cls-2": Pass}},
		{"a fail", edit(base, "scheme: unique-per-device", "scheme: universal-default"), map[string]Verdict{"eu-cra": Fail, "uk-psti": Fail, "sg-cls-2": Fail}},
		{"open mandatory provision", edit(base, "brute_force_protection: true, ", ""), map[string]Verdict{"eu-cra": Pass, "uk-psti": Pass, "sg-cls-2": Incomplete}},
		{"should-provision failing keeps the market", edit(base, "input_validation: true", "input_validation: false"), map[string]Verdict{"sg-cls-2": Pass}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := assessYAML(t, e, tt.decl, "")
			for _, m := range r.Markets {
				if w, ok := tt.want[m.ID]; ok && m.Verdict != w {
					t.Errorf("%s = %s, want %s", m.ID, m.Verdict, w)
				}
			}
		})
	}
}

func TestLabelLadder(t *testing.T) {
	e := testEngine(t, "sg-cls-2")
	tests := []struct {
		name, decl string
		reached    int
		next       int
		blocker    string
	}{
		{"top level", base, 3, 0, ""},
		{"blocked at 3 by the lab", edit(base, "evidence: [{kind: lab-report, ref: LAB-1}]", "evidence: [{kind: document, ref: DOC-1}]"), 2, 3, "sg-cls/level-3-binary-analysis"},
		{"blocked at 2", edit(base, "no_hardcoded_secrets: true", "no_hardcoded_secrets: false"), 1, 2, "etsi-en-303-645/5.4-3"},
		{"nothing reached", edit(base, "scheme: unique-per-device", "scheme: universal-default"), 0, 1, "etsi-en-303-645/5.1-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := assessYAML(t, e, tt.decl, "")
			if len(r.Labels) != 1 {
				t.Fatalf("labels = %+v, want one ladder", r.Labels)
			}
			l := r.Labels[0]
			if l.Family != "sg-cls" || l.Reached != tt.reached || l.Next != tt.next {
				t.Fatalf("got %+v, want reached %d next %d", l, tt.reached, tt.next)
			}
			if tt.blocker != "" && !contains(blockerIDs(l), tt.blocker) {
				t.Errorf("blockers %v lack %s", blockerIDs(l), tt.blocker)
			}
		})
	}
}

func blockerIDs(l LabelResult) []string {
	var out []string
	for _, b := range l.Blockers {
		out = append(out, b.Provision)
	}
	return out
}

func TestUnknownReferences(t *testing.T) {
	e := testEngine(t, "eu-cra")
	d, err := Parse("t.yaml", []byte(edit(base, "provisions:\n", "provisions:\n  eu-cra/nope: {status: implemented}\n", "practices:\n", "practices:\n  no-such-practice: {status: implemented}\n")))
	if err != nil {
		t.Fatal(err)
	}
	err = e.CheckReferences(d)
	if err == nil {
		t.Fatal("unknown provision and practice accepted")
	}
	msg := err.Error()
	for _, want := range []string{`t.yaml:19: $.practices["no-such-practice"]`, `t.yaml:22: $.provisions["eu-cra/nope"]: unknown provision "eu-cra/nope"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
}

func TestUnknownMarket(t *testing.T) {
	c, _ := testCatalog()
	rs, _ := BuiltinRules()
	if _, err := NewEngine(c, rs, []string{"atlantis"}); err == nil || !strings.Contains(err.Error(), "atlantis") {
		t.Fatalf("got %v", err)
	}
}
