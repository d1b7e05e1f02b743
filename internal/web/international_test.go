package web

import (
	"strings"
	"testing"
)

// TestNoEmptyRegionOption: the international jurisdiction has no region, so
// region and M49 filters offer no blank choice beside "Any".
func TestNoEmptyRegionOption(t *testing.T) {
	h := catalogOnly(t).Handler()
	for _, path := range []string{"/documents", "/gaps", "/coverage"} {
		body := do(h, "GET", path, "", "").Body.String()
		blank, anyOpt := strings.Count(body, `<option value=""`), strings.Count(body, `<option value="">Any</option>`)
		if blank != anyOpt {
			t.Errorf("%s: %d options with no value, %d of them Any", path, blank, anyOpt)
		}
	}
}
