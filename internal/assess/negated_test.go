package assess

import (
	"strings"
	"testing"
)

// EN 303 645 5.3-2 applies "unless the device is constrained": a negated
// condition. Declared constrained, it is not applicable; declared not
// constrained or silent, it applies.
func TestNegatedCondition(t *testing.T) {
	e := builtinEngine(t, "etsi-en-303-645")
	find := func(r *Result) ProvisionResult {
		for _, p := range r.Markets[0].Provisions {
			if p.ID == "etsi-en-303-645/5.3-2" {
				return p
			}
		}
		t.Fatal("5.3-2 not in the result")
		return ProvisionResult{}
	}
	for _, tc := range []struct {
		name     string
		set      func(d *Declaration)
		na       bool
		inReason string
	}{
		{"constrained", func(d *Declaration) { d.Conditions["constrained-device"] = true }, true, "applies only without it"},
		{"not constrained", func(d *Declaration) { d.Conditions["constrained-device"] = false }, false, ""},
		{"silent", func(d *Declaration) { delete(d.Conditions, "constrained-device") }, false, "assumed not to hold"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := loadExample(t, "camera-pass.yaml")
			tc.set(d)
			p := find(e.Assess(d, nil))
			if (p.Verdict == NotApplicable) != tc.na {
				t.Errorf("verdict %s, want not-applicable=%v; reasons %v", p.Verdict, tc.na, p.Reasons)
			}
			if tc.inReason != "" && !strings.Contains(strings.Join(p.Reasons, " "), tc.inReason) {
				t.Errorf("reasons %v lack %q", p.Reasons, tc.inReason)
			}
		})
	}
}
