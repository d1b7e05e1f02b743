package cli

import (
	"strings"
	"testing"
)

// TestDocumentsByJurisdiction: the international jurisdiction lists its
// standard; GB no longer does; an unknown id is a usage error.
func TestDocumentsByJurisdiction(t *testing.T) {
	code, out, errs := run(t, "documents", "--jurisdiction", "int", "--format", "csv")
	if code != ExitOK || !strings.Contains(out, "iso-iec-29147,INT,standard") || strings.Count(out, "\n") != 2 {
		t.Errorf("INT: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = run(t, "documents", "--jurisdiction", "GB", "--format", "csv")
	if code != ExitOK || !strings.Contains(out, "uk-psti") || strings.Contains(out, "iso-iec-29147") {
		t.Errorf("GB: exit %d\n%s", code, out)
	}
	code, _, errs = run(t, "documents", "--jurisdiction", "XX")
	if code != ExitUsage || !strings.Contains(errs, `unknown --jurisdiction "XX"`) || !strings.Contains(errs, "INT") {
		t.Errorf("XX: exit %d: %s", code, errs)
	}
	code, out, _ = run(t, "jurisdictions", "--format", "csv")
	if code != ExitOK || !strings.Contains(out, "INT,International standards bodies,,,") {
		t.Errorf("jurisdictions: exit %d\n%s", code, out)
	}
	for _, by := range []string{"region", "m49", "subregion"} {
		code, out, _ = run(t, "matrix", "--by", by, "--format", "csv")
		header, _, _ := strings.Cut(out, "\n")
		if code != ExitOK || strings.Contains(header+",", ",,") {
			t.Errorf("matrix by %s: exit %d, a column with no name: %s", by, code, header)
		}
	}
	code, out, _ = run(t, "matrix", "--by", "jurisdiction", "--format", "csv")
	if header, _, _ := strings.Cut(out, "\n"); code != ExitOK || !strings.Contains(header, ",INT,") {
		t.Errorf("matrix by jurisdiction lacks INT: %s", header)
	}
}
