package check

import (
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/catalog/dataset"
	"github.com/bydesign-iot/bydesign/internal/probe"
)

// TestRegistry walks the explicit registry: ids unique, metadata complete,
// and every practice and provision a check names exists in the built-in
// catalog, so a finding never points at nothing.
func TestRegistry(t *testing.T) {
	cat, err := catalog.Load(dataset.FS())
	if err != nil {
		t.Fatalf("built-in catalog: %v", err)
	}
	seen := map[string]bool{}
	for _, c := range All() {
		m := c.Meta()
		if m.ID == "" || m.Title == "" || m.Phase < probe.PhaseCredentials || m.Phase > probe.PhaseFlood {
			t.Errorf("check %T: incomplete meta %+v", c, m)
		}
		if seen[m.ID] {
			t.Errorf("duplicate check id %q", m.ID)
		}
		seen[m.ID] = true
		if len(m.Practices) == 0 {
			t.Errorf("%s names no practice", m.ID)
		}
		for _, p := range m.Practices {
			if _, ok := cat.Practice(p); !ok {
				t.Errorf("%s: practice %q not in the catalog", m.ID, p)
			}
		}
		for _, p := range m.Provisions {
			if _, ok := cat.Provision(p); !ok {
				t.Errorf("%s: provision %q not in the catalog", m.ID, p)
			}
		}
		if m.Phase == probe.PhaseCredentials && !m.Needs.Credentials {
			t.Errorf("%s runs in the credential phase without needing --allow-credentials", m.ID)
		}
	}
}

func TestBuiltinCredentials(t *testing.T) {
	es, err := BuiltinCredentials()
	if err != nil {
		t.Fatal(err)
	}
	mirai := 0
	for _, e := range es {
		if e.List == "mirai" {
			mirai++
		}
	}
	// 61 distinct Mirai pairs, minus those already in the vendor list.
	if mirai < 50 || len(es) < 61 {
		t.Fatalf("%d entries, %d from Mirai: the list looks truncated", len(es), mirai)
	}
	if es[0].User != "admin" || es[0].Password != "admin" {
		t.Errorf("first pair = %+v, want admin/admin (the most common vendor default)", es[0].Credential)
	}
	if _, err := ParseCredentials("bad.yaml", []byte("lists:\n  - id: x\n    pairs: []\n    colour: red\n")); err == nil {
		t.Error("unknown key accepted")
	}
}

func FuzzParseCredentials(f *testing.F) {
	f.Add(credentialsYAML)
	f.Add([]byte("lists:\n  - id: x\n    source: {title: t}\n    pairs: [{user: a, password: b}]\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		es, err := ParseCredentials("fuzz", b)
		for _, e := range es {
			if err == nil && e.User == "" {
				t.Fatal("accepted a pair without a user")
			}
			if err == nil && strings.ContainsFunc(e.User+e.Password, isControl) {
				t.Fatalf("accepted a control character in %q/%q", e.User, e.Password)
			}
		}
	})
}

// A line break in a user or password would end the login line and send
// the rest to the device as a command of its own (an FTP DELE, a shell
// line after a telnet login); such a file is refused, naming the pair.
func TestCredentialsRefuseControlCharacters(t *testing.T) {
	for _, tc := range []struct{ pair, want string }{
		{`{user: "admin\r\nDELE config.bin", password: x}`, "lists[0].pairs[1]: field user: control character '\\r'"},
		{`{user: admin, password: "x\nreboot"}`, "lists[0].pairs[1]: field password: control character '\\n'"},
		{`{user: admin, password: "x\u0000"}`, "lists[0].pairs[1]: field password: control character '\\x00'"},
	} {
		data := "lists:\n  - id: vendor\n    source: {title: manual}\n    pairs: [{user: a, password: b}, " + tc.pair + "]\n"
		_, err := ParseCredentials("vendor.yaml", []byte(data))
		if err == nil || !strings.Contains(err.Error(), "credentials vendor.yaml: "+tc.want) {
			t.Errorf("%s: err = %v, want it to name %q", tc.pair, err, tc.want)
		}
	}
}
