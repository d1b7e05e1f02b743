package assess

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/catalog/dataset"
)

var psti = []string{"uk-psti/sch1-1", "uk-psti/sch1-2", "uk-psti/sch1-3"}

// TestCLSLabelExample: the example states nothing but a current CLS label,
// and passes UK PSTI through the label routes of SI 2025/1267 alone; the
// trace names the label and its expiry.
func TestCLSLabelExample(t *testing.T) {
	e := builtinEngine(t, "uk-psti")
	d := loadExample(t, "camera-cls-label.yaml")
	if err := e.CheckReferences(d); err != nil {
		t.Fatal(err)
	}
	r := e.Assess(d, nil)
	if r.Verdict != Pass {
		t.Fatalf("verdict %s, want pass through the label", r.Verdict)
	}
	for _, id := range psti {
		p := provision(t, r, "uk-psti", id)
		step := labelStep(p)
		if p.Verdict != Pass || step == nil || step.Outcome != Pass {
			t.Fatalf("%s: %s, trace %+v; want pass through a label route", id, p.Verdict, p.Trace)
		}
		if step.Label.Scheme != "sg-cls" || step.Label.ID != "CLS-EXAMPLE-0090" || step.Label.Expires != "2029-06-30" || step.Date != "2026-06-01" {
			t.Errorf("%s: route step %+v label %+v", id, step, step.Label)
		}
		if step.Source == nil || step.Source.Ref != "uk-si-2025-1267" {
			t.Errorf("%s: route source %+v", id, step.Source)
		}
		if !strings.Contains(strings.Join(p.Reasons, "\n"), "sg-cls level 2 (CLS-EXAMPLE-0090), valid until 2029-06-30") {
			t.Errorf("%s: reasons %q do not name the label", id, p.Reasons)
		}
	}
	// Only through the label: without it nothing meets the paragraphs.
	d.Labels = nil
	if r := e.Assess(d, nil); r.Verdict == Pass {
		t.Error("the example passes without its label; it is meant to show the label route alone")
	}
}

// TestLabelRouteRefusals: a label counts only when it is current, of a
// scheme the route names and at the route's level or above.
func TestLabelRouteRefusals(t *testing.T) {
	cls := func(level int, expires string) Label {
		return Label{Scheme: "sg-cls", Level: level, ID: "CLS-T", Expires: expires}
	}
	cases := []struct {
		name   string
		labels []Label
		minCLS int // the CLS minimum level the route asks for; 0 keeps the dataset's 1
		pass   bool
		says   string // in the reasons of each paragraph
	}{
		{"current", []Label{cls(1, "2026-12-31")}, 0, true, "valid until 2026-12-31"},
		{"expires on the assessment date", []Label{cls(1, "2026-06-01")}, 0, true, "valid until 2026-06-01"},
		{"expired the day before", []Label{cls(4, "2026-05-31")}, 0, false, "was valid until 2026-05-31, before the assessment date 2026-06-01"},
		{"wrong scheme", []Label{{Scheme: "fi-cybersecurity-label", Level: 1, ID: "FI-T", Expires: "2030-01-01"}}, 0, false, ""},
		{"level too low", []Label{cls(2, "2030-01-01")}, 3, false, "is below level 3, the lowest this route accepts"},
		{"level at the minimum", []Label{cls(3, "2030-01-01")}, 3, true, "valid until 2030-01-01"},
		{"JC-STAR level 1", []Label{{Scheme: "jp-jc-star", Level: 1, ID: "JCS-T", Expires: "2027-03-31"}}, 0, true, "jp-jc-star level 1 (JCS-T)"},
		{"one scheme: expired, then current", []Label{{Scheme: "sg-cls", Level: 2, ID: "CLS-OLD", Expires: "2026-05-31"}, {Scheme: "sg-cls", Level: 1, ID: "CLS-NEW", Expires: "2028-01-31"}}, 0, true, "sg-cls level 1 (CLS-NEW)"},
		{"one scheme: current, then expired", []Label{{Scheme: "sg-cls", Level: 1, ID: "CLS-NEW", Expires: "2028-01-31"}, {Scheme: "sg-cls", Level: 2, ID: "CLS-OLD", Expires: "2026-05-31"}}, 0, true, "sg-cls level 1 (CLS-NEW)"},
		{"expired, then a current one", []Label{cls(2, "2025-01-01"), {Scheme: "jp-jc-star", Level: 1, ID: "JCS-T", Expires: "2027-03-31"}}, 0, true, "jp-jc-star level 1 (JCS-T)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := builtinEngine(t, "uk-psti")
			if tc.minCLS > 0 {
				e = engineWithCLSMinimum(t, tc.minCLS)
			}
			d := &Declaration{Bydesign: FormatVersion, Product: Product{Manufacturer: "A", Model: "B"}, Labels: tc.labels}
			if err := e.CheckReferences(d); err != nil {
				t.Fatal(err)
			}
			r := e.Assess(d, nil)
			if (r.Verdict == Pass) != tc.pass {
				t.Fatalf("verdict %s, want pass %v", r.Verdict, tc.pass)
			}
			for _, id := range psti {
				p := provision(t, r, "uk-psti", id)
				if (p.Verdict == Pass) != tc.pass {
					t.Errorf("%s: %s, want pass %v", id, p.Verdict, tc.pass)
				}
				reasons := strings.Join(p.Reasons, "\n")
				if tc.says != "" && !strings.Contains(reasons, tc.says) {
					t.Errorf("%s: reasons do not say %q:\n%s", id, tc.says, reasons)
				}
				step := labelStep(p)
				switch {
				case tc.says == "" && step != nil:
					t.Errorf("%s: a label of another scheme left a route step %+v", id, step)
				case tc.says != "" && (step == nil || (step.Outcome == Pass) != tc.pass || step.Date != "2026-06-01"):
					t.Errorf("%s: route step %+v", id, step)
				}
			}
			batchAgrees(t, e, d, r)
		})
	}
}

// TestLabelExpiresWithTheClock: the same declaration passes before its
// label's expiry and not after; the date comes from the engine's clock.
func TestLabelExpiresWithTheClock(t *testing.T) {
	e := builtinEngine(t, "uk-psti")
	d := loadExample(t, "camera-cls-label.yaml")
	for _, tc := range []struct {
		now  time.Time
		pass bool
	}{
		{time.Date(2029, 6, 30, 23, 59, 0, 0, time.UTC), true},
		{time.Date(2029, 7, 1, 0, 0, 0, 0, time.UTC), false},
		// a clock in another zone is read as its UTC day
		{time.Date(2029, 7, 1, 1, 0, 0, 0, time.FixedZone("UTC+2", 2*3600)), true},
	} {
		e.SetClock(func() time.Time { return tc.now })
		if r := e.Assess(d, nil); (r.Verdict == Pass) != tc.pass {
			t.Errorf("at %s: verdict %s, want pass %v", tc.now, r.Verdict, tc.pass)
		}
	}
}

func TestUnknownLabelSchemeIsAnInputError(t *testing.T) {
	e := builtinEngine(t, "uk-psti")
	d, err := Parse("decl.yaml", []byte(minimalYAML+"labels:\n  - {scheme: sg-cls, level: 1, id: A, expires: 2029-01-31}\n  - {scheme: us-cyber-trust-mark, level: 1, id: B, expires: 2029-01-31}\n"))
	if err != nil {
		t.Fatal(err)
	}
	err = e.CheckReferences(d)
	if err == nil {
		t.Fatal("unknown scheme accepted")
	}
	ie := firstInputError(t, err)
	if ie.Line != 7 || ie.Path != "$.labels[1].scheme" || !strings.Contains(ie.Msg, `unknown labelling scheme "us-cyber-trust-mark" (valid: fi-cybersecurity-label, jp-jc-star, sg-cls)`) {
		t.Errorf("error %v: line %d path %s", err, ie.Line, ie.Path)
	}
}

// TestLabelLevelTheSchemeDoesNotAward: CLS has four levels, so a declared
// level 9 is refused with its line, here and through the catalog alone.
func TestLabelLevelTheSchemeDoesNotAward(t *testing.T) {
	e := builtinEngine(t, "uk-psti")
	d, err := Parse("decl.yaml", []byte(minimalYAML+"labels:\n  - {scheme: sg-cls, level: 9, id: A, expires: 2029-01-31}\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{e.CheckReferences(d), CheckReferences(e.cat, d)} {
		if err == nil {
			t.Fatal("level 9 of a four-level scheme accepted")
		}
		ie := firstInputError(t, err)
		if ie.Line != 6 || ie.Path != "$.labels[0].level" || !strings.Contains(ie.Msg, "sg-cls awards levels 1 to 4, not 9") {
			t.Errorf("error %v: line %d path %s", err, ie.Line, ie.Path)
		}
	}
}

// TestISO29147RouteMeetsReporting: the Schedule 2 alternative for the
// reporting paragraph, the three ISO/IEC 29147 clauses together.
func TestISO29147RouteMeetsReporting(t *testing.T) {
	e := builtinEngine(t, "uk-psti")
	st := map[string]*Statement{}
	for _, c := range []string{"6.2.2", "6.2.5", "6.5"} {
		st["iso-iec-29147/"+c] = &Statement{Status: "implemented"}
	}
	d := &Declaration{Bydesign: FormatVersion, Product: Product{Manufacturer: "A", Model: "B"}, Provisions: st}
	p := provision(t, e.Assess(d, nil), "uk-psti", "uk-psti/sch1-2")
	if p.Verdict != Pass || !strings.Contains(strings.Join(p.Reasons, "\n"), "route iso-iec-29147/6.2.2 + iso-iec-29147/6.2.5 + iso-iec-29147/6.5") {
		t.Fatalf("sch1-2: %s, %q", p.Verdict, p.Reasons)
	}
	delete(st, "iso-iec-29147/6.5")
	if p := provision(t, e.Assess(d, nil), "uk-psti", "uk-psti/sch1-2"); p.Verdict == Pass {
		t.Errorf("two of the three clauses met the paragraph: %q", p.Reasons)
	}
}

// TestEvaluateWithLabelsDoesNotAllocate: label routes keep evaluation
// allocation-free.
func TestEvaluateWithLabelsDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	e := builtinEngine(t, sixMarkets...)
	d := loadExample(t, "camera-cls-label.yaml")
	d.Labels = append(d.Labels, Label{Scheme: "jp-jc-star", Level: 1, ID: "J", Expires: "2020-01-01"})
	s := e.NewScratch()
	e.evaluate(s, d, nil)
	if n := testing.AllocsPerRun(100, func() { e.evaluate(s, d, nil) }); n != 0 {
		t.Fatalf("evaluate allocates %.1f times per run", n)
	}
}

func labelStep(p ProvisionResult) *TraceStep {
	for i := range p.Trace {
		if p.Trace[i].Kind == "route" && p.Trace[i].Label != nil {
			return &p.Trace[i]
		}
	}
	return nil
}

// batchAgrees runs d through the batch path as a JSON line and compares
// its verdicts with the single assessment r.
func batchAgrees(t *testing.T, e *Engine, d *Declaration, r *Result) {
	t.Helper()
	js, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := e.Batch(context.Background(), LinesSource(bytes.NewReader(js), "in"), &out, 1); err != nil {
		t.Fatal(err)
	}
	var l batchLineOut
	if err := json.Unmarshal(out.Bytes(), &l); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	if l.Verdict != r.Verdict.String() || len(l.Markets) != len(r.Markets) {
		t.Fatalf("batch %+v, single %s", l, r.Verdict)
	}
	for i, m := range l.Markets {
		if m.Verdict != r.Markets[i].Verdict.String() {
			t.Errorf("%s: batch %s, single %s", m.ID, m.Verdict, r.Markets[i].Verdict)
		}
	}
}

// engineWithCLSMinimum builds a uk-psti engine whose label routes ask for
// CLS level min or above, to test a route minimum above 1.
func engineWithCLSMinimum(t *testing.T, min int) *Engine {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(dataset.FS(), ".", func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		b, err := fs.ReadFile(dataset.FS(), p)
		if p == "markets/uk-psti.yaml" {
			b = bytes.Replace(b, []byte("{scheme: sg-cls, min_level: 1}"), []byte("{scheme: sg-cls, min_level: "+string(rune('0'+min))+"}"), 1)
		}
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Load(m)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := BuiltinRules()
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewEngine(c, rs, []string{"uk-psti"})
	if err != nil {
		t.Fatal(err)
	}
	e.SetClock(testClock)
	return e
}

// TestISO29147ClausesFromFacts: the clauses are decided by the declared
// disclosure facts too; the acknowledgement clause needs a timescale.
func TestISO29147ClausesFromFacts(t *testing.T) {
	e := builtinEngine(t, "uk-psti")
	d := &Declaration{Bydesign: FormatVersion, Product: Product{Manufacturer: "A", Model: "B"},
		Disclosure: &Disclosure{Contact: "https://example.com/security"}}
	for _, ack := range []int{0, 5} {
		d.Disclosure.AcknowledgeWithinDays = ack
		s := e.NewScratch()
		e.evaluate(s, d, nil)
		got := s.evals[e.provIdx["iso-iec-29147/6.2.5"]].v
		if want := map[int]Verdict{0: NotDeclared, 5: Pass}[ack]; got != want {
			t.Errorf("acknowledge within %d days: 6.2.5 %s, want %s", ack, got, want)
		}
		if v := s.evals[e.provIdx["iso-iec-29147/6.2.2"]].v; v != Pass {
			t.Errorf("6.2.2 with a published contact: %s", v)
		}
	}
}

// TestRefusedLabelIsTheDecisiveReason: a product that relies on its label
// and is assessed after the label expired is told so in the table, Markdown
// and SARIF, not only about the facts it never meant to declare; SARIF
// points at the label.
func TestRefusedLabelIsTheDecisiveReason(t *testing.T) {
	e := builtinEngine(t, "uk-psti")
	e.SetClock(func() time.Time { return time.Date(2029, 7, 1, 0, 0, 0, 0, time.UTC) })
	d := loadExample(t, "camera-cls-label.yaml")
	r := e.Assess(d, nil)
	const says = "was valid until 2029-06-30, before the assessment date 2029-07-01"
	rows := 0
	for _, row := range r.Grid().Rows {
		if row[1] == "" {
			continue
		}
		rows++
		if !strings.Contains(row[3], says) {
			t.Errorf("%s: detail %q does not say the label expired", row[1], row[3])
		}
	}
	if rows != len(psti) {
		t.Fatalf("%d provision rows, want %d", rows, len(psti))
	}
	var out bytes.Buffer
	if err := WriteSARIF(&out, r, d, "test"); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						Region struct{ StartLine int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results
	if len(res) != len(psti) {
		t.Fatalf("%d SARIF results, want %d", len(res), len(psti))
	}
	for _, x := range res {
		// line 15 of the example: "  - scheme: sg-cls"
		if !strings.Contains(x.Message.Text, says) || x.Locations[0].PhysicalLocation.Region.StartLine != 15 {
			t.Errorf("SARIF result %q at line %d", x.Message.Text, x.Locations[0].PhysicalLocation.Region.StartLine)
		}
	}
	// A provision that fails on its own keeps its failure as the reason.
	d.Passwords = &Passwords{Scheme: "universal-default"}
	p := provision(t, e.Assess(d, nil), "uk-psti", "uk-psti/sch1-1")
	if got := decisive(p); p.Verdict != Fail || strings.Contains(got, says) {
		t.Errorf("failing sch1-1: %s, decisive %q", p.Verdict, got)
	}
}

// TestLabelDoesNotOutweighAFailure: a current label meets a paragraph the
// declaration leaves open, but does not turn a stated failure into a pass
// or hide its finding; the trace says the label was not counted.
func TestLabelDoesNotOutweighAFailure(t *testing.T) {
	e := builtinEngine(t, "uk-psti")
	d := loadExample(t, "camera-cls-label.yaml")
	d.Passwords = &Passwords{Scheme: "universal-default"}
	r := e.Assess(d, nil)
	p := provision(t, r, "uk-psti", "uk-psti/sch1-1")
	step := labelStep(p)
	if p.Verdict != Fail || r.Verdict != Fail || step == nil || step.Outcome != Fail {
		t.Fatalf("sch1-1 %s, market %s, label step %+v; want the failure to stand", p.Verdict, r.Verdict, step)
	}
	if !strings.Contains(strings.Join(p.Reasons, "\n"), "is current, but does not outweigh") {
		t.Errorf("reasons %q do not say why the label was not counted", p.Reasons)
	}
	if !slicesHasFinding(r.Findings, "universal-default-password") {
		t.Errorf("findings %+v lack the default password", r.Findings)
	}
	for _, id := range psti[1:] {
		if p := provision(t, r, "uk-psti", id); p.Verdict != Pass {
			t.Errorf("%s: %s; the label still meets paragraphs left open", id, p.Verdict)
		}
	}
	batchAgrees(t, e, d, r)
}

// TestBatchDatesTheWholeRunOnce: a batch reads the clock once, so a run
// that crosses midnight does not date its declarations differently. The
// clock here moves past the label's expiry after its first reading.
func TestBatchDatesTheWholeRunOnce(t *testing.T) {
	e := builtinEngine(t, "uk-psti")
	var calls int
	e.SetClock(func() time.Time {
		calls++
		if calls == 1 {
			return time.Date(2029, 6, 30, 23, 59, 0, 0, time.UTC)
		}
		return time.Date(2029, 7, 1, 0, 1, 0, 0, time.UTC)
	})
	data, err := os.ReadFile("../../examples/camera-cls-label.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, n := range []string{"a.yaml", "b.yaml", "c.yaml"} {
		if err := os.WriteFile(filepath.Join(dir, n), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	st, err := e.Batch(context.Background(), DirSource(dir), &out, 2)
	if err != nil {
		t.Fatal(err)
	}
	if st.Passed != 3 || calls != 1 {
		t.Errorf("stats %+v after %d clock readings, want 3 passed on one reading:\n%s", st, calls, out.String())
	}
}
