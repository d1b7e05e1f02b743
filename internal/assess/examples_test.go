package assess

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/catalog/dataset"
	"github.com/bydesign-iot/bydesign/internal/render"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "rewrite golden files")

// journeyMarkets are the markets of the manufacturer journey: a camera
// sold in the EU, the UK and Singapore.
var journeyMarkets = []string{"eu-cra", "uk-psti", "sg-cls-2"}

func builtinEngine(t testing.TB, markets ...string) *Engine {
	t.Helper()
	c, err := catalog.Load(dataset.FS())
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
	e.SetClock(testClock)
	return e
}

// testDay is the assessment date of every test engine, so label expiries
// and golden files do not move with the calendar.
var testDay = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func testClock() time.Time { return testDay }

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/assess -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run with -update and review the diff.\ngot:\n%s", name, clipText(string(got), 3000))
	}
}

func clipText(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

func loadExample(t *testing.T, name string) *Declaration {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../../examples", name))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestExamples pins each example's assessment. The verdicts and findings
// named here are the point of each example; the golden file pins the rest.
func TestExamples(t *testing.T) {
	e := builtinEngine(t, journeyMarkets...)
	tests := []struct {
		file, evidence string
		verdict        Verdict
		findings       []string
	}{
		{"camera-pass.yaml", "", Pass, nil},
		{"camera-default-password.yaml", "", Fail, []string{"universal-default-password"}},
		{"camera-short-support.yaml", "", Fail, []string{"support-shorter-than-warranty", "support-below-cra-minimum"}},
		{"camera-no-disclosure.yaml", "", Fail, []string{"no-disclosure-contact"}},
		{"camera-telnet.yaml", "", Pass, nil},
		{"camera-telnet.yaml", "evidence/camera-telnet-probe.json", Fail, []string{"contradiction:service.telnet.enabled", "telnet-enabled"}},
	}
	for _, tt := range tests {
		name := strings.TrimSuffix(tt.file, ".yaml")
		if tt.evidence != "" {
			name += "+probe"
		}
		t.Run(name, func(t *testing.T) {
			d := loadExample(t, tt.file)
			if err := e.CheckReferences(d); err != nil {
				t.Fatal(err)
			}
			var ev *ProbeResult
			if tt.evidence != "" {
				data, err := os.ReadFile(filepath.Join("../../examples", tt.evidence))
				if err != nil {
					t.Fatal(err)
				}
				if ev, err = ParseEvidence(tt.evidence, data); err != nil {
					t.Fatal(err)
				}
			}
			r := e.Assess(d, ev)
			r.Evidence = tt.evidence
			if r.Verdict != tt.verdict {
				t.Errorf("verdict %s, want %s; findings %+v", r.Verdict, tt.verdict, r.Findings)
			}
			for _, f := range tt.findings {
				if !slicesHasFinding(r.Findings, f) {
					t.Errorf("no finding %s in %+v", f, r.Findings)
				}
			}
			var js bytes.Buffer
			if err := render.Write(&js, render.JSON, r); err != nil {
				t.Fatal(err)
			}
			golden(t, name+".json", js.Bytes())
			if tt.evidence != "" || tt.verdict == Pass {
				var tab, md, html, sarif bytes.Buffer
				render.Write(&tab, render.Table, r)
				render.Write(&md, render.Markdown, r)
				if err := WriteHTML(&html, r); err != nil {
					t.Fatal(err)
				}
				if err := WriteSARIF(&sarif, r, d, "test"); err != nil {
					t.Fatal(err)
				}
				golden(t, name+".txt", tab.Bytes())
				golden(t, name+".md", md.Bytes())
				golden(t, name+".html", html.Bytes())
				golden(t, name+".sarif", sarif.Bytes())
				validateSARIF(t, sarif.Bytes())
			}
		})
	}
}

func slicesHasFinding(fs []Finding, id string) bool {
	for _, f := range fs {
		if f.ID == id {
			return true
		}
	}
	return false
}

func compileSchema(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	s, err := c.Compile(path)
	if err != nil {
		t.Fatalf("compile %s: %v", path, err)
	}
	return s
}

// validateSARIF checks a log against the subset of the SARIF 2.1.0 schema
// kept in testdata (the required properties and enumerations a code-scanning
// service enforces).
func validateSARIF(t *testing.T, data []byte) {
	t.Helper()
	s := compileSchema(t, "testdata/sarif-2.1.0-subset.schema.json")
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(v); err != nil {
		t.Fatalf("SARIF does not validate: %v", err)
	}
}

func TestSARIFSchemaCatchesBadLogs(t *testing.T) {
	s := compileSchema(t, "testdata/sarif-2.1.0-subset.schema.json")
	for _, bad := range []string{
		`{"version":"2.1.0"}`,
		`{"version":"2.0.0","runs":[]}`,
		`{"version":"2.1.0","runs":[{"tool":{"driver":{}}}]}`,
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"a","level":"fatal","message":{"text":"m"}}]}]}`,
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"a","message":{}}]}]}`,
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"region":{"startLine":0}}}]}]}]}`,
	} {
		v, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err := s.Validate(v); err == nil {
			t.Errorf("schema accepted %s", bad)
		}
	}
}

// TestDeclarationSchema: every example validates against the published
// schema, the schema's condition list matches the catalog's, and the schema
// rejects what the parser rejects.
func TestDeclarationSchema(t *testing.T) {
	s := compileSchema(t, "../../schemas/declaration.schema.json")
	files, _ := filepath.Glob("../../examples/*.yaml")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(yamlToJSONValue(t, data)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	raw, _ := os.ReadFile("../../schemas/declaration.schema.json")
	var doc struct {
		Properties struct {
			Conditions struct {
				PropertyNames struct {
					Enum []string `json:"enum"`
				} `json:"propertyNames"`
			} `json:"conditions"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if strings.Join(doc.Properties.Conditions.PropertyNames.Enum, ",") != strings.Join(catalog.Conditions, ",") {
		t.Errorf("schema conditions %v differ from catalog.Conditions %v", doc.Properties.Conditions.PropertyNames.Enum, catalog.Conditions)
	}
	for _, bad := range []string{
		minimalYAML + "  colour: red\n",
		minimalYAML + "passwords: {scheme: admin}\n",
		minimalYAML + "provisions: {a/b: {status: not-applicable}}\n",
		minimalYAML + "support: {end_date: 2027-13-01}\n",
		minimalYAML + "labels: [{scheme: sg-cls, level: 2, id: X, expires: 2029-13-01}]\n",
		minimalYAML + "labels: [{scheme: sg-cls, level: 0, id: X, expires: 2029-01-01}]\n",
		minimalYAML + "labels: [{scheme: sg-cls, level: 2, expires: 2029-01-01}]\n",
		"product: {manufacturer: A, model: B}\n",
	} {
		if err := s.Validate(yamlToJSONValue(t, []byte(bad))); err == nil {
			t.Errorf("schema accepted %q", bad)
		}
		if _, err := Parse("bad.yaml", []byte(bad)); err == nil {
			t.Errorf("parser accepted %q", bad)
		}
	}
}

// yamlToJSONValue converts YAML to the generic JSON value the validator
// takes, keeping dates as strings.
func yamlToJSONValue(t *testing.T, data []byte) any {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		t.Fatal(err)
	}
	var v any
	if err := n.Decode(&v); err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(stringDates(v))
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func stringDates(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = stringDates(e)
		}
	case []any:
		for i, e := range x {
			x[i] = stringDates(e)
		}
	case time.Time:
		return x.Format("2006-01-02")
	}
	return v
}

// TestPassExampleMeetsEveryMarket: the passing example is meant as a
// template, so it must meet every built-in market and label, not only the
// journey's three. A new provision in the dataset that no rule or statement
// covers shows up here first.
func TestPassExampleMeetsEveryMarket(t *testing.T) {
	c, err := catalog.Load(dataset.FS())
	if err != nil {
		t.Fatal(err)
	}
	ids := catalog.IDs(c.Profiles, func(p *catalog.Profile) string { return p.ID })
	e := builtinEngine(t, ids...)
	r := e.Assess(loadExample(t, "camera-pass.yaml"), nil)
	for _, m := range r.Markets {
		if m.Verdict != Pass {
			var open []string
			for _, p := range m.Provisions {
				if p.Verdict != Pass && p.Verdict != NotApplicable {
					open = append(open, p.ID+" "+p.Verdict.String())
				}
			}
			t.Errorf("%s: %s; not met: %v", m.ID, m.Verdict, open)
		}
	}
}
