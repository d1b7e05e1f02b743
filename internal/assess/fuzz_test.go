package assess

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzParse: any bytes give a declaration or an InputError naming the
// file; never a panic, never a bare error.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../examples/*")
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		minimalYAML,
		minimalYAML + "support: {end_date: 2027-02-30}\n",
		minimalYAML + "provisions: {a/b: }\n",
		minimalYAML + "product: &a {manufacturer: *a}\n",
		minimalYAML + "labels: [{scheme: sg-cls, level: 2, id: CLS-1, expires: 2029-06-30}, {scheme: jp-jc-star, level: 1, id: J, expires: 2029-13-01}]\n",
		minimalYAML + "labels: [{scheme: '', level: -1, id: \"\\e\", expires: ''}]\n",
		`{"bydesign":"declaration/v1","product":{"manufacturer":"A","model":"B"},"labels":[{"scheme":"sg-cls","level":1e1,"id":"x","expires":"2029-01-01"}]}`,
		`{"bydesign":"declaration/v1","product":{"manufacturer":"A","model":"B","interfaces":[{"port":"x"}]}}`,
		`{"product":{"manufacturer":"A"},"provisions":{"x":{"status":"not-applicable","evidence":[{}]}}}`,
		"{", "[]", "\x00", "a: [", "--- !!binary", "conditions: {uses-passwords: maybe}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse("fuzz.yaml", data)
		if err == nil {
			if d == nil || d.Product.Manufacturer == "" || d.Product.Model == "" {
				t.Fatalf("accepted a declaration without identity: %+v", d)
			}
			return
		}
		var ie *InputError
		var ies InputErrors
		switch {
		case errors.As(err, &ies):
			for _, e := range ies {
				if e.File != "fuzz.yaml" || e.Msg == "" {
					t.Fatalf("error without file or message: %#v", e)
				}
			}
		case errors.As(err, &ie):
			if ie.File != "fuzz.yaml" {
				t.Fatalf("error without file: %#v", ie)
			}
		default:
			t.Fatalf("error %T is not an InputError: %v", err, err)
		}
	})
}

// FuzzParseEvidence does the same for probe results.
func FuzzParseEvidence(f *testing.F) {
	if data, err := os.ReadFile("../../examples/evidence/camera-telnet-probe.json"); err == nil {
		f.Add(data)
	}
	for _, s := range []string{`{"targets":[]}`, `{"targets":[{"findings":[{"check":"x","status":"fail","port":-1}]}]}`, `{"targets":null}`, `{`, `[]`, `{"targets":[{"findings":[{"port":"23"}]}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseEvidence("ev.json", data)
		if err == nil {
			if r == nil || r.Targets == nil {
				t.Fatal("accepted evidence without targets")
			}
			return
		}
		var ie *InputError
		var ies InputErrors
		if !errors.As(err, &ies) && !errors.As(err, &ie) {
			t.Fatalf("error %T is not an InputError: %v", err, err)
		}
	})
}

// FuzzFastDecode: whenever the fast JSON path accepts input, the strict
// decoder accepts it too and produces the same declaration.
func FuzzFastDecode(f *testing.F) {
	for _, name := range []string{"camera-pass.yaml", "camera-telnet.yaml", "camera-cls-label.yaml"} {
		data, err := os.ReadFile("../../examples/" + name)
		if err != nil {
			f.Fatal(err)
		}
		d, err := Parse(name, data)
		if err != nil {
			f.Fatal(err)
		}
		js, _ := json.Marshal(d)
		f.Add(js)
	}
	for _, s := range []string{
		`{"bydesign":"declaration/v1","product":{"manufacturer":"A","model":"B","interfaces":[]}}`,
		`{"product":{"manufacturer":"A","Model":"B"}}`,
		`{"product":{"manufacturer":"A","model":"B"},"product":{"model":"C"}}`,
		`{"warranty":{"months":024}}`, `{"warranty":{"months":1e2}}`, `{"conditions":{"updatable":truex}}`,
		`{"product":{"manufacturer":"\u0041"}}`, `{"labels":[]}`, `{"labels":null}`, `{"labels":[{"level":2,"level":3}]}`, `{"labels":[{"scheme":"sg-cls","expires":null}]}`, `{"sbom":null}`, `{"provisions":{"a":{"status":"implemented","evidence":[{"kind":"url","ref":"r"}]}}} x`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var fast Declaration
		if fastDecode(data, &fast) != nil {
			return
		}
		var strict Declaration
		if err := decodeJSON(data, &strict); err != nil {
			t.Fatalf("fast path accepted what the strict decoder rejects (%v): %q", err, data)
		}
		if !reflect.DeepEqual(fast, strict) {
			t.Fatalf("decoders disagree on %q:\nfast   %+v\nstrict %+v", data, fast, strict)
		}
	})
}
