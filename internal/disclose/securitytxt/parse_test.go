package securitytxt

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

var testNow = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

const fetchedFrom = "https://vendor.example/.well-known/security.txt"

func codes(r *Result) []string {
	var out []string
	for _, p := range r.Problems {
		out = append(out, p.Code)
	}
	return out
}

// TestGolden pins the full parse of each sample file.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no samples: %v", err)
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			in, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(Parse(in, Options{Now: testNow, URL: fetchedFrom}), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(name, ".txt") + ".golden.json"
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
				t.Errorf("%s differs from golden; run go test -update and review the diff\n got:\n%s", golden, got)
			}
		})
	}
}

func TestSamples(t *testing.T) {
	cases := []struct {
		file  string
		valid bool
		want  []string // problem codes that must be present
		not   []string
	}{
		{"valid.txt", true, nil, []string{"expired", "canonical-mismatch", "field-name-typo"}},
		{"signed.txt", true, []string{"signed-unverified"}, []string{"invalid-line", "signed-without-canonical"}},
		{"expired.txt", false, []string{"expired", "email-without-encryption"}, nil},
		{"far.txt", true, []string{"expires-too-far"}, nil},
		{"broken.txt", false, []string{"space-before-colon", "contact-not-uri", "insecure-uri", "invalid-expires",
			"multiple-expires", "field-name-typo", "invalid-uri", "invalid-language-tag", "multiple-preferred-languages",
			"canonical-mismatch", "csaf-not-provider-metadata", "empty-value", "invalid-line", "no-space-after-colon",
			"no-final-newline"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			r := Parse(in, Options{Now: testNow, URL: fetchedFrom})
			if r.Valid() != tc.valid {
				t.Errorf("Valid() = %v, want %v; problems %v", r.Valid(), tc.valid, r.Problems)
			}
			got := codes(r)
			for _, c := range tc.want {
				if !slices.Contains(got, c) {
					t.Errorf("missing problem %q; got %v", c, got)
				}
			}
			for _, c := range tc.not {
				if slices.Contains(got, c) {
					t.Errorf("unexpected problem %q; got %v", c, r.Problems)
				}
			}
		})
	}
}

func TestParseRules(t *testing.T) {
	ok := "Contact: mailto:a@b.example\nExpires: 2027-01-01T00:00:00Z\n"
	cases := []struct {
		name string
		in   string
		want string // a problem code expected, "" for none at error level
		line int
	}{
		{"minimal valid", ok, "", 0},
		{"no contact", "Expires: 2027-01-01T00:00:00Z\n", "no-contact", 0},
		{"no expires", "Contact: mailto:a@b.example\n", "no-expires", 0},
		{"bare email", "Contact: a@b.example\nExpires: 2027-01-01T00:00:00Z\n", "contact-not-uri", 1},
		{"offset expires accepted", "Contact: tel:+4912345\nExpires: 2027-01-01T00:00:00+02:00\n", "", 0},
		{"case-insensitive names", "cOnTaCt: mailto:a@b.example\nexpires: 2027-01-01T00:00:00Z\n", "", 0},
		{"crlf endings", strings.ReplaceAll(ok, "\n", "\r\n"), "", 0},
		{"http policy", ok + "Policy: http://b.example/p\n", "insecure-uri", 3},
		{"encryption dns ok", ok + "Encryption: dns:5d2d3ceb7abe552344276d47d36a8175b7aeb250._openpgpkey.b.example?type=OPENPGPKEY\n", "", 0},
		{"canonical mismatch", ok + "Canonical: https://c.example/.well-known/security.txt\n", "canonical-mismatch", 3},
		{"invalid utf8", "Contact: mailto:a@b.example\nExpires: 2027-01-01T00:00:00Z\n# \xff\n", "invalid-utf8", 3},
		{"too large", ok + "# " + strings.Repeat("x", DefaultMaxSize) + "\n", "too-large", 0},
		{"data after signature", "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n" + ok +
			"-----BEGIN PGP SIGNATURE-----\nxx\n-----END PGP SIGNATURE-----\nContact: mailto:evil@x.example\n", "data-after-signature", 9},
		{"signature without header", ok + "-----BEGIN PGP SIGNATURE-----\n", "signature-without-header", 3},
		{"signed but no signature", "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n" + ok, "signature-missing", 1},
		{"dash-escaped line", "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n" + ok + "- # dash\n" +
			"-----BEGIN PGP SIGNATURE-----\nxx\n-----END PGP SIGNATURE-----\n", "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := Parse([]byte(tc.in), Options{Now: testNow, URL: fetchedFrom})
			if tc.want == "" {
				if !r.Valid() {
					t.Fatalf("want valid, got %v", r.Problems)
				}
				return
			}
			for _, p := range r.Problems {
				if p.Code == tc.want {
					if p.Line != tc.line {
						t.Errorf("%s on line %d, want %d", p.Code, p.Line, tc.line)
					}
					return
				}
			}
			t.Errorf("missing %q; got %v", tc.want, r.Problems)
		})
	}
}

func TestSignedKeepsOriginalLines(t *testing.T) {
	in, err := os.ReadFile("testdata/signed.txt")
	if err != nil {
		t.Fatal(err)
	}
	r := Parse(in, Options{Now: testNow})
	if !r.File.Signed || r.File.SignatureVerified {
		t.Fatalf("signed=%v verified=%v", r.File.Signed, r.File.SignatureVerified)
	}
	if len(r.File.Fields) == 0 || r.File.Fields[0].Line != 5 {
		t.Errorf("first field should be on line 5 of the signed file: %+v", r.File.Fields)
	}
	if len(r.File.Contact) != 2 || r.File.Expires == nil || !slices.Equal(r.File.PreferredLanguages, []string{"en", "de"}) {
		t.Errorf("fields not read: %+v", r.File)
	}
}

func TestVerifySignature(t *testing.T) {
	signed, err := os.ReadFile("testdata/signed.txt")
	if err != nil {
		t.Fatal(err)
	}
	signer, err := os.ReadFile("testdata/signer.asc")
	if err != nil {
		t.Fatal(err)
	}
	other, err := os.ReadFile("testdata/other.asc")
	if err != nil {
		t.Fatal(err)
	}
	tampered := bytes.Replace(signed, []byte("mailto:psirt@"), []byte("mailto:attacker@"), 1)
	cases := []struct {
		name     string
		in       []byte
		keyring  []byte
		verified bool
		code     string
	}{
		{"right key", signed, signer, true, "signature-verified"},
		{"wrong key", signed, other, false, "bad-signature"},
		{"tampered content", tampered, signer, false, "bad-signature"},
		{"no key given", signed, nil, false, "signed-unverified"},
		{"garbage keyring", signed, []byte("not a key"), false, "bad-keyring"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := Parse(tc.in, Options{Now: testNow, Keyring: tc.keyring})
			if r.File.SignatureVerified != tc.verified {
				t.Errorf("verified = %v, want %v; problems %v", r.File.SignatureVerified, tc.verified, r.Problems)
			}
			if !slices.Contains(codes(r), tc.code) {
				t.Errorf("missing %q in %v", tc.code, r.Problems)
			}
		})
	}
}
