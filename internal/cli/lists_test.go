package cli

import (
	"strings"
	"testing"
)

// TestJurisdictionsKind: the international body's row says why its group
// and region cells are empty; national rows leave kind blank.
func TestJurisdictionsKind(t *testing.T) {
	code, out, errOut := run(t, "jurisdictions", "--format", "csv")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.HasSuffix(lines[0], ",kind") {
		t.Fatalf("header %q lacks kind", lines[0])
	}
	var intl, gb string
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "INT,"):
			intl = l
		case strings.HasPrefix(l, "GB,"):
			gb = l
		}
	}
	if !strings.HasSuffix(intl, ",,,,international") || !strings.HasSuffix(gb, ",") {
		t.Errorf("INT row %q, GB row %q", intl, gb)
	}
}
