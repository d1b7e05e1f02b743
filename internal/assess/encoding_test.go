package assess

import (
	"strings"
	"testing"
)

func TestParseRejectsNonUTF8WithPlace(t *testing.T) {
	cases := map[string]struct {
		data []byte
		want string
	}{
		"utf16":   {[]byte{0xFF, 0xFE, 'p', 0, 'r', 0}, "decl.yaml:1: file is UTF-16"},
		"latin-1": {[]byte("product:\n  manufacturer: \"M\xf6ller\"\n"), "decl.yaml:2: file is not valid UTF-8"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("decl.yaml", tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
			_, err = ParseEvidence("decl.yaml", tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("evidence: got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestParseEvidenceRejectsTrailingData(t *testing.T) {
	_, err := ParseEvidence("run.json", []byte("{\"targets\": []}\n x"))
	if err == nil || !strings.Contains(err.Error(), "run.json:2") || !strings.Contains(err.Error(), "after the probe result") {
		t.Errorf("got %v", err)
	}
	if _, err := ParseEvidence("run.json", []byte("{\"targets\": []}\n")); err != nil {
		t.Errorf("valid evidence rejected: %v", err)
	}
}
