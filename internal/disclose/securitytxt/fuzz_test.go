package securitytxt

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that no input panics the parser and that every problem
// points inside the input.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("-----BEGIN PGP SIGNED MESSAGE-----\n\n-----BEGIN PGP SIGNATURE-----\n"))
	f.Add([]byte("Contact:\r\n\r\n:x\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := Parse(b, Options{Now: testNow, URL: fetchedFrom})
		if r == nil || r.File == nil {
			t.Fatal("nil result")
		}
		lines := 1
		for _, c := range b {
			if c == '\n' {
				lines++
			}
		}
		for _, p := range r.Problems {
			if p.Line < 0 || p.Line > lines || p.Code == "" || p.Severity == "" {
				t.Fatalf("bad problem %+v for %d lines", p, lines)
			}
		}
	})
}
