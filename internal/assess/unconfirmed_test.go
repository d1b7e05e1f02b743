package assess

import (
	"fmt"
	"testing"
)

// TestInconclusiveCheckOutweighsDeclaredPass: when the probe tried the
// default-password test and could not conclude (a lockout in force), a
// declaration that claims no default password is not confirmed, and a pass
// on another port does not settle it either. A failure still wins. The
// findings name the provisions the real check names, so the PSTI route
// through ETSI 5.1-1 sees the same evidence.
func TestInconclusiveCheckOutweighsDeclaredPass(t *testing.T) {
	e := builtinEngine(t, "uk-psti")
	d := loadExample(t, "camera-pass.yaml")
	finding := func(port int, status string) string {
		return fmt.Sprintf(`{"check":"default-credentials","status":%q,"port":%d,"service":"telnet","provisions":["etsi-en-303-645/5.1-1","uk-psti/sch1-1","eu-cra/CRA-AI-P1-2d"]}`, status, port)
	}
	tests := []struct {
		name     string
		findings []string
		want     Verdict
		trace    string
	}{
		{"no evidence", nil, Pass, ""},
		{"pass", []string{finding(23, "pass")}, Pass, ""},
		{"inconclusive", []string{finding(23, "inconclusive")}, Inconclusive, "unconfirmed"},
		{"pass and inconclusive", []string{finding(22, "pass"), finding(23, "inconclusive")}, Inconclusive, "unconfirmed"},
		{"fail and inconclusive", []string{finding(22, "fail"), finding(23, "inconclusive")}, Fail, "contradiction"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ev *ProbeResult
			if tt.findings != nil {
				js := `{"tool":"bydesign probe","targets":[{"address":"192.0.2.7","findings":[`
				for i, f := range tt.findings {
					if i > 0 {
						js += ","
					}
					js += f
				}
				var err error
				if ev, err = ParseEvidence("probe.json", []byte(js+`]}]}`)); err != nil {
					t.Fatal(err)
				}
			}
			r := e.Assess(d, ev)
			var got *ProvisionResult
			for i, p := range r.Markets[0].Provisions {
				if p.ID == "uk-psti/sch1-1" {
					got = &r.Markets[0].Provisions[i]
				}
			}
			if got == nil {
				t.Fatal("uk-psti/sch1-1 not in the result")
			}
			if got.Verdict != tt.want {
				t.Errorf("verdict %s, want %s; reasons %q", got.Verdict, tt.want, got.Reasons)
			}
			found := tt.trace == ""
			for _, s := range got.Trace {
				found = found || s.Kind == tt.trace
			}
			if !found {
				t.Errorf("trace lacks a %q step: %+v", tt.trace, got.Trace)
			}
		})
	}
}

// TestInconclusiveCheckLeavesNotApplicable: a check that concludes nothing
// does not show that a provision the declaration justifies as not
// applicable applies after all.
func TestInconclusiveCheckLeavesNotApplicable(t *testing.T) {
	e := builtinEngine(t, "uk-psti")
	// Stated on the practice, the statement reaches the provision through
	// its mapping; stated on the provision, it never meets the observation.
	d, err := Parse("d.yaml", []byte(minimalYAML+"practices:\n  no-default-passwords: {status: not-applicable, justification: the product has no password of any kind}\n"))
	if err != nil {
		t.Fatal(err)
	}
	ev, err := ParseEvidence("probe.json", []byte(`{"tool":"bydesign probe","targets":[{"address":"192.0.2.7","findings":[`+
		`{"check":"default-credentials","status":"inconclusive","port":23,"service":"telnet","provisions":["etsi-en-303-645/5.1-1","uk-psti/sch1-1","eu-cra/CRA-AI-P1-2d"]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	r := e.Assess(d, ev)
	for _, p := range r.Markets[0].Provisions {
		if p.ID == "uk-psti/sch1-1" && p.Verdict != NotApplicable {
			t.Errorf("verdict %s, want not-applicable; reasons %q", p.Verdict, p.Reasons)
		}
	}
}
