package securitytxt

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

func TestGenerate(t *testing.T) {
	spec := Spec{
		Comment:            []string{"Example Vendor product security"},
		Contact:            []string{"mailto:psirt@vendor.example", "https://vendor.example/report"},
		Expires:            testNow.AddDate(0, 6, 0),
		Encryption:         []string{"https://vendor.example/psirt.asc"},
		PreferredLanguages: []string{"en", "ja"},
		Canonical:          []string{"https://vendor.example/.well-known/security.txt"},
		Policy:             []string{"https://vendor.example/cvd"},
		CSAF:               []string{"https://vendor.example/.well-known/csaf/provider-metadata.json"},
	}
	got, err := Generate(spec, testNow)
	if err != nil {
		t.Fatal(err)
	}
	golden := "testdata/generated.golden"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("generated file differs from %s:\n%s", golden, got)
	}
	r := Parse(got, Options{Now: testNow, URL: spec.Canonical[0]})
	if !r.Valid() {
		t.Errorf("generated file does not validate: %v", r.Problems)
	}
}

func TestGenerateRefusesBadSpecs(t *testing.T) {
	future := testNow.AddDate(0, 3, 0)
	cases := []struct {
		name string
		spec Spec
		want string
	}{
		{"no contact", Spec{Expires: future}, "no-contact"},
		{"no expires", Spec{Contact: []string{"mailto:a@b.example"}}, "no-expires"},
		{"past expires", Spec{Contact: []string{"mailto:a@b.example"}, Expires: testNow.Add(-time.Hour)}, "expired"},
		{"http policy", Spec{Contact: []string{"mailto:a@b.example"}, Expires: future, Policy: []string{"http://b.example"}}, "insecure-uri"},
		{"header injection", Spec{Contact: []string{"mailto:a@b.example\nContact: mailto:evil@x.example"}, Expires: future}, "line breaks"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Generate(tc.spec, testNow)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

func TestCheckContentType(t *testing.T) {
	cases := map[string]string{
		"text/plain; charset=utf-8": "",
		"text/plain; charset=UTF-8": "",
		"text/plain":                "bad-charset",
		"text/html; charset=utf-8":  "bad-content-type",
		"":                          "no-content-type",
		"text/plain; charset":       "bad-content-type",
	}
	for in, want := range cases {
		p := CheckContentType(in)
		got := ""
		if p != nil {
			got = p.Code
		}
		if got != want {
			t.Errorf("CheckContentType(%q) = %q, want %q", in, got, want)
		}
	}
}
