package oscal

import (
	"regexp"
	"testing"
)

// tokenRE is the OSCAL 1.2.2 schema's TokenDatatype pattern.
var tokenRE = regexp.MustCompile(`^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$`)

func TestControlIDs(t *testing.T) {
	tests := []struct{ doc, ref, want string }{
		{"etsi-en-303-645", "5.1-1", "etsi-en-303-645_5.1-1"},
		{"eu-cra", "Annex I Part I (2)(a)", "eu-cra_Annex-I-Part-I-2-a"},
		{"us-ca-sb327", "1798.91.04(a)(1)", "us-ca-sb327_1798.91.04-a-1"},
		{"9doc", "§ 3", "x9doc_3"},
		{"jp", "★1", "jp_1"},
		{"jp", "", "jp_x"},
	}
	for _, tt := range tests {
		got := ProvisionControlID(tt.doc, tt.ref)
		if got != tt.want {
			t.Errorf("ProvisionControlID(%q, %q) = %q, want %q", tt.doc, tt.ref, got, tt.want)
		}
		if !tokenRE.MatchString(got) {
			t.Errorf("%q is not an OSCAL token", got)
		}
	}
}

func TestUUIDv5(t *testing.T) {
	// RFC 9562's DNS name space and the well-known python.org example.
	dns := [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	u := uuidV5(dns, "python.org")
	got := UUIDString(u)
	if want := "886313e1-3b8a-5372-9b90-0c9aee199e5d"; got != want {
		t.Errorf("uuidV5(DNS, python.org) = %s, want %s", got, want)
	}
	if UUID("catalog") != UUID("catalog") || UUID("catalog") == UUID("profile:x") {
		t.Error("UUID is not a stable function of its name")
	}
}

func TestRelationship(t *testing.T) {
	for rel, want := range map[string]string{"equal": "equivalent-to", "subset": "subset-of", "superset": "superset-of", "intersect": "intersects-with", "": "no-relationship"} {
		if got := Relationship(rel); got != want {
			t.Errorf("Relationship(%q) = %q, want %q", rel, got, want)
		}
	}
}

// FuzzProvisionControlID: whatever a dataset puts in a document id or a
// clause ref, the control id is a valid OSCAL token.
func FuzzProvisionControlID(f *testing.F) {
	for _, s := range [][2]string{{"etsi-en-303-645", "5.1-1"}, {"eu-cra", "Annex I (1)"}, {"", ""}, {"-", "--"}, {"1", "é"}, {"a", "\x00\xff"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, doc, ref string) {
		if id := ProvisionControlID(doc, ref); !tokenRE.MatchString(id) {
			t.Errorf("ProvisionControlID(%q, %q) = %q, not a token", doc, ref, id)
		}
		if id := PracticeControlID(doc); !tokenRE.MatchString(id) {
			t.Errorf("PracticeControlID(%q) = %q, not a token", doc, id)
		}
	})
}

func TestHref(t *testing.T) {
	for u, want := range map[string]bool{
		"https://www.etsi.org/deliver/etsi_en/303600_303699/303645/02.01.01_60/en_303645v020101p.pdf": true,
		"#3670187a-00dd-5366-9482-71a3394be33a":                                                       true,
		"":                                                                                            false,
		"https://example.org/a b":                                                                     false,
		"https://exa mple.org":                                                                        false,
		"http://[::1":                                                                                 false,
		"https://example.org/%zz":                                                                     false,
		"https://example.org/a\nb":                                                                    false,
	} {
		if got := href(u); got != want {
			t.Errorf("href(%q) = %v, want %v", u, got, want)
		}
	}
}
