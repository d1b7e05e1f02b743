package assess

import (
	"testing"

	"github.com/bydesign-iot/bydesign/internal/probe/check"
)

// TestObservationsNameRealChecks: every check an observation rule reads is
// in the probe's registry, so renaming a check cannot silently disable a
// contradiction.
func TestObservationsNameRealChecks(t *testing.T) {
	ids := map[string]bool{}
	for _, c := range check.All() {
		ids[c.Meta().ID] = true
	}
	rs, err := BuiltinRules()
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range rs.Observations {
		if !ids[o.Check] {
			t.Errorf("observation reads check %q, which the probe registry does not have", o.Check)
		}
	}
}
