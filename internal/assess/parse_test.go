package assess

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const minimalYAML = "bydesign: declaration/v1\nproduct:\n  manufacturer: A\n  model: B\n"

func TestParseRejectsBadInput(t *testing.T) {
	tests := []struct {
		name, input string
		line        int
		path, field string
		msg         string
	}{
		{"yaml unknown field", minimalYAML + "  colour: red\n", 5, "$.product.colour", "colour", `unknown field "colour"`},
		{"yaml wrong type", minimalYAML + "warranty:\n  months: two\n", 6, "$.warranty.months", "months", "got text `two`, want a whole number"},
		{"yaml impossible date", minimalYAML + "support:\n  end_date: 2027-02-30\n", 6, "$.support.end_date", "end_date", "not a real calendar date"},
		{"yaml impossible month", minimalYAML + "support:\n  end_date: 2027-13\n", 6, "$.support.end_date", "end_date", "not a real month"},
		{"yaml bad date form", minimalYAML + "  placed_on_market: 2026-03\n", 5, "$.product.placed_on_market", "placed_on_market", "YYYY-MM-DD"},
		{"yaml duplicate key", minimalYAML + "  model: C\n", 5, "$.product.model", "model", "already defined"},
		{"yaml unknown condition", minimalYAML + "conditions:\n  uses-passwordz: true\n", 6, `$.conditions["uses-passwordz"]`, "uses-passwordz", "unknown condition"},
		{"yaml bad enum", minimalYAML + "passwords:\n  scheme: admin-admin\n", 6, "$.passwords.scheme", "scheme", `unknown value "admin-admin"`},
		{"yaml statement without justification", minimalYAML + "provisions:\n  eu-cra/art-13-8:\n    status: not-applicable\n", 6, `$.provisions["eu-cra/art-13-8"].justification`, "justification", "required when status is not-applicable"},
		{"yaml port out of range", minimalYAML + "  interfaces:\n    - {name: x, protocol: ssh, port: 70000}\n", 6, "$.product.interfaces[0].port", "port", "outside 0..65535"},
		{"yaml missing model", "bydesign: declaration/v1\nproduct:\n  manufacturer: A\n", 2, "$.product.model", "model", "is required"},
		{"yaml wrong version", "bydesign: declaration/v9\nproduct: {manufacturer: A, model: B}\n", 1, "$.bydesign", "bydesign", "must be"},
		{"yaml http contact", minimalYAML + "disclosure:\n  contact: http://x.example/report\n", 6, "$.disclosure.contact", "contact", "neither an https URL"},
		{"yaml not a mapping", "- a\n- b\n", 0, "", "", "mapping"},
		{"yaml two documents", minimalYAML + "---\n" + minimalYAML, 0, "", "", "one document"},
		{"json unknown field", "{\"bydesign\":\"declaration/v1\",\n\"product\":{\"manufacturer\":\"A\",\"model\":\"B\",\n\"colour\":1}}", 3, "$.product.colour", "colour", `unknown field "colour"`},
		{"json wrong type in array", "{\"bydesign\":\"declaration/v1\",\"product\":{\"manufacturer\":\"A\",\"model\":\"B\",\n\"interfaces\":[{\"name\":\"a\",\"protocol\":\"ssh\"},\n{\"name\":\"b\",\"protocol\":\"ssh\",\"port\":\"22\"}]}}", 3, "$.product.interfaces[1].port", "port", "want a whole number"},
		{"json impossible date", "{\"bydesign\":\"declaration/v1\",\"product\":{\"manufacturer\":\"A\",\"model\":\"B\"},\n\"support\":{\n\"end_date\":\"2026-02-29\"}}", 3, "$.support.end_date", "end_date", "not a real calendar date"},
		{"json syntax", "{\"bydesign\":\"declaration/v1\",\n\"product\":{,}}", 2, "", "", "invalid character"},
		{"json truncated", "{\"bydesign\":\"declaration/v1\",\n\"product\":{", 2, "", "", "unexpected end"},
		{"json trailing data", "{\"bydesign\":\"declaration/v1\",\"product\":{\"manufacturer\":\"A\",\"model\":\"B\"}} {}", 0, "", "", "after the declaration"},
		{"control characters", minimalYAML + "  device_class: \"cam\\e[2J\"\n", 5, "$.product.device_class", "device_class", "control characters"},
		{"yaml label impossible expiry", minimalYAML + "labels:\n  - scheme: sg-cls\n    level: 2\n    id: CLS-1\n    expires: 2029-02-30\n", 9, "$.labels[0].expires", "expires", "not a real calendar date"},
		{"yaml label month expiry", minimalYAML + "labels:\n  - {scheme: sg-cls, level: 2, id: CLS-1, expires: 2029-02}\n", 6, "$.labels[0].expires", "expires", "YYYY-MM-DD"},
		{"yaml label no expiry", minimalYAML + "labels:\n  - {scheme: sg-cls, level: 2, id: CLS-1}\n", 6, "$.labels[0].expires", "expires", "is required"},
		{"yaml label level zero", minimalYAML + "labels:\n  - scheme: sg-cls\n    level: 0\n    id: CLS-1\n    expires: 2029-01-31\n", 7, "$.labels[0].level", "level", "outside 1..9"},
		{"yaml label no id", minimalYAML + "labels:\n  - {scheme: sg-cls, level: 1, expires: 2029-01-31}\n", 6, "$.labels[0].id", "id", "is required"},
		{"yaml label bad scheme", minimalYAML + "labels:\n  - {scheme: SG CLS, level: 1, id: A, expires: 2029-01-31}\n", 6, "$.labels[0].scheme", "scheme", "not a scheme id"},
		{"yaml label unknown field", minimalYAML + "labels:\n  - {scheme: sg-cls, level: 1, id: A, expires: 2029-01-31, issuer: CSA}\n", 6, "$.labels[0].issuer", "issuer", `unknown field "issuer"`},
		{"yaml label declared twice", minimalYAML + "labels:\n  - {scheme: sg-cls, level: 1, id: CLS-1, expires: 2026-01-31}\n  - {scheme: sg-cls, level: 4, id: CLS-1, expires: 2031-01-31}\n", 7, "$.labels[1].id", "id", "sg-cls CLS-1 is already declared at $.labels[0]"},
		{"json label declared twice", "{\"bydesign\":\"declaration/v1\",\"product\":{\"manufacturer\":\"A\",\"model\":\"B\"},\"labels\":[\n{\"scheme\":\"jp-jc-star\",\"level\":1,\"id\":\"J-1\",\"expires\":\"2029-01-31\"},\n{\"scheme\":\"jp-jc-star\",\"level\":1,\"id\":\"J-1\",\"expires\":\"2029-01-31\"}]}", 3, "$.labels[1].id", "id", "jp-jc-star J-1 is already declared at $.labels[0]"},
		{"json label level as text", "{\"bydesign\":\"declaration/v1\",\"product\":{\"manufacturer\":\"A\",\"model\":\"B\"},\n\"labels\":[{\"scheme\":\"sg-cls\",\"level\":\"2\",\"id\":\"A\",\"expires\":\"2029-01-31\"}]}", 2, "$.labels[0].level", "level", "want a whole number"},
		{"json bool as string", "{\"bydesign\":\"declaration/v1\",\"product\":{\"manufacturer\":\"A\",\"model\":\"B\"},\n\"data\":{\"deletion\":\"yes\"}}", 2, "$.data.deletion", "deletion", "want true or false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("decl.yaml", []byte(tt.input))
			if err == nil {
				t.Fatal("Parse accepted bad input")
			}
			ie := firstInputError(t, err)
			if ie.File != "decl.yaml" {
				t.Errorf("file = %q, want decl.yaml", ie.File)
			}
			if tt.line != 0 && ie.Line != tt.line {
				t.Errorf("line = %d, want %d (error: %v)", ie.Line, tt.line, err)
			}
			if ie.Path != tt.path {
				t.Errorf("path = %q, want %q (error: %v)", ie.Path, tt.path, err)
			}
			if ie.Field != tt.field {
				t.Errorf("field = %q, want %q", ie.Field, tt.field)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not mention %q", err, tt.msg)
			}
		})
	}
}

func firstInputError(t *testing.T, err error) *InputError {
	t.Helper()
	var ies InputErrors
	if errors.As(err, &ies) && len(ies) > 0 {
		return ies[0]
	}
	var ie *InputError
	if errors.As(err, &ie) {
		return ie
	}
	t.Fatalf("error %T %v is not an InputError", err, err)
	return nil
}

func TestParseSizeLimit(t *testing.T) {
	big := append([]byte(minimalYAML), bytes.Repeat([]byte("#"), MaxDeclarationSize)...)
	_, err := Parse("big.yaml", big)
	if err == nil || !strings.Contains(err.Error(), "over the") || !strings.HasPrefix(err.Error(), "big.yaml") {
		t.Fatalf("got %v, want a size error naming the file", err)
	}
}

// TestParseYAMLAndJSONAgree: the same declaration in both syntaxes decodes
// to the same value.
func TestParseYAMLAndJSONAgree(t *testing.T) {
	y := minimalYAML + "conditions: {uses-passwords: true}\npasswords: {scheme: user-set, changeable: true}\nsupport: {end_date: 2031-06}\n"
	j := `{"bydesign":"declaration/v1","product":{"manufacturer":"A","model":"B"},"conditions":{"uses-passwords":true},"passwords":{"scheme":"user-set","changeable":true},"support":{"end_date":"2031-06"}}`
	dy, err := Parse("a.yaml", []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	dj, err := Parse("a.json", []byte(j))
	if err != nil {
		t.Fatal(err)
	}
	if dy.Passwords.Scheme != dj.Passwords.Scheme || *dy.Passwords.Changeable != *dj.Passwords.Changeable ||
		dy.Support.EndDate != dj.Support.EndDate || dy.Conditions["uses-passwords"] != dj.Conditions["uses-passwords"] {
		t.Fatalf("YAML and JSON decode differently: %+v vs %+v", dy, dj)
	}
}

func TestExamplesParse(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.yaml")
	if len(files) < 5 {
		t.Fatalf("found %d examples, want at least 5", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(f, data); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
