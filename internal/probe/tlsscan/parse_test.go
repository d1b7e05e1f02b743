package tlsscan

import (
	"bytes"
	"crypto/tls"
	"strings"
	"testing"
)

// serverHelloBody builds a ServerHello body for tests.
func serverHelloBody(version uint16, random []byte, suite uint16, exts []byte) []byte {
	var b builder
	b.u16(version)
	if random == nil {
		random = make([]byte, 32)
	}
	b.raw(random)
	b.vec8(make([]byte, 32))
	b.u16(suite)
	b.u8(0)
	if exts != nil {
		b.vec16(exts)
	}
	return b.b
}

func record(typ uint8, body []byte) []byte {
	var b builder
	b.u8(typ)
	b.u16(0x0303)
	b.vec16(body)
	return b.b
}

func handshakeMsg(typ uint8, body []byte) []byte {
	var b builder
	b.u8(typ)
	b.vec24(body)
	return b.b
}

func TestParseServerHello(t *testing.T) {
	var sv builder
	sv.extension(extSupportedVersions, []byte{0x03, 0x04})
	cases := []struct {
		name    string
		in      []byte
		version Version
		suite   uint16
		retry   bool
		err     string
	}{
		{"tls12 no extensions", serverHelloBody(0x0303, nil, 0xC02F, nil), VersionTLS12, 0xC02F, false, ""},
		{"tls13 via supported_versions", serverHelloBody(0x0303, nil, 0x1301, sv.b), VersionTLS13, 0x1301, false, ""},
		{"hello retry request", serverHelloBody(0x0303, helloRetryRandom, 0x1302, sv.b), VersionTLS13, 0x1302, true, ""},
		{"truncated random", []byte{3, 3, 1, 2}, 0, 0, false, "random at byte 2"},
		{"long session id", append(append([]byte{3, 3}, make([]byte, 32)...), 40), 0, 0, false, "session_id length 40"},
		{"bad extensions length", append(serverHelloBody(0x0303, nil, 0x002F, nil), 0, 9, 0), 0, 0, false, "extensions length 9"},
		{"short supported_versions", serverHelloBody(0x0303, nil, 0x1301, []byte{0, 43, 0, 1, 3}), 0, 0, false, "supported_versions extension: 1 bytes"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h, err := parseServerHello(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want it to contain %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if h.Version() != tc.version || h.CipherSuite != tc.suite || h.RetryRequest != tc.retry {
				t.Errorf("got version %v suite %04x retry %v", h.Version(), h.CipherSuite, h.RetryRequest)
			}
		})
	}
}

func TestReadFlight(t *testing.T) {
	hello := handshakeMsg(handshakeServerHello, serverHelloBody(0x0303, nil, 0x002F, nil))
	certs := handshakeMsg(handshakeCertificate, []byte{0, 0, 6, 0, 0, 3, 'a', 'b', 'c'})
	both := append(append([]byte{}, hello...), certs...)
	cases := []struct {
		name     string
		in       []byte
		wantCert bool
		suite    uint16
		alert    string
		ncerts   int
		err      string
	}{
		{"hello only", record(22, hello), false, 0x002F, "", 0, ""},
		{"hello and certificate in one record", record(22, both), true, 0x002F, "", 1, ""},
		{"handshake split across records", append(record(22, both[:10]), record(22, both[10:])...), true, 0x002F, "", 1, ""},
		{"alert", record(21, []byte{2, 40}), false, 0, "handshake_failure", 0, ""},
		{"not tls", []byte("SSH-2.0-x\r\n"), false, 0, "", 0, "not a TLS record"},
		{"oversized record", []byte{22, 3, 3, 0xff, 0xff}, false, 0, "", 0, "length 65535 exceeds"},
		{"truncated body", []byte{22, 3, 3, 0, 10, 1}, false, 0, "", 0, "record body at byte 5"},
		{"short alert", record(21, []byte{2}), false, 0, "", 0, "alert: 1 bytes"},
		{"certificate first", record(22, certs), true, 0, "", 0, "handshake type 11 before server hello"},
		{"bad certificate list", record(22, append(append([]byte{}, hello...), handshakeMsg(11, []byte{0, 0, 9, 0})...)), true, 0, "", 0, "list length 9"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fl, err := readFlight(bytes.NewReader(tc.in), readWant{cert: tc.wantCert})
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want it to contain %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.alert != "" {
				if fl.Alert == nil || fl.Alert.String() != tc.alert {
					t.Fatalf("alert = %v, want %s", fl.Alert, tc.alert)
				}
				return
			}
			if fl.Hello == nil || fl.Hello.CipherSuite != tc.suite || len(fl.Certificates) != tc.ncerts {
				t.Errorf("flight = %+v", fl)
			}
		})
	}
}

func TestClientHelloRoundTrip(t *testing.T) {
	// The hello we build must be a well-formed record holding every suite.
	for _, v := range AllVersions {
		suites := candidates(v)
		rec, err := buildClientHello(helloSpec{version: v, suites: suites, serverName: "device.example"})
		if err != nil {
			t.Fatal(err)
		}
		if rec[0] != recordHandshake || int(rec[3])<<8|int(rec[4]) != len(rec)-5 || rec[5] != 1 {
			t.Fatalf("%v: malformed record header % x", v, rec[:6])
		}
		hsLen := int(rec[6])<<16 | int(rec[7])<<8 | int(rec[8])
		if hsLen != len(rec)-9 {
			t.Fatalf("%v: handshake length %d, have %d", v, hsLen, len(rec)-9)
		}
	}
}

func TestSuiteTable(t *testing.T) {
	seen := map[uint16]bool{}
	for _, s := range Suites() {
		if seen[s.ID] {
			t.Errorf("duplicate id %04x", s.ID)
		}
		seen[s.ID] = true
	}
	// crypto/tls knows the IANA names of the suites it implements.
	for _, cs := range append(tls.CipherSuites(), tls.InsecureCipherSuites()...) {
		s, ok := LookupSuite(cs.ID)
		if !ok || s.Name != cs.Name {
			t.Errorf("suite %04x: table says %q, crypto/tls says %q", cs.ID, s.Name, cs.Name)
		}
	}
	checks := []struct {
		id   uint16
		test func(Suite) bool
		what string
	}{
		{0x0003, func(s Suite) bool { return s.Export && s.RC4 && s.WeakCipher }, "export RC4"},
		{0x000A, func(s Suite) bool { return s.TripleDES && s.CBC && !s.Forward }, "3DES CBC static RSA"},
		{0x0034, func(s Suite) bool { return s.Anonymous }, "anonymous DH"},
		{0x003B, func(s Suite) bool { return s.Null && s.NeedsTLS12 }, "NULL SHA256"},
		{0xC02F, func(s Suite) bool { return s.AEAD && s.Forward && !s.WeakCipher }, "ECDHE GCM"},
		{0x1301, func(s Suite) bool { return s.TLS13 && s.AEAD }, "TLS 1.3"},
		{0x0009, func(s Suite) bool { return s.WeakCipher && !s.TripleDES }, "single DES"},
	}
	for _, c := range checks {
		if s, _ := LookupSuite(c.id); !c.test(s) {
			t.Errorf("%04x (%s): wrong attributes %+v", c.id, c.what, s)
		}
	}
	if s, ok := LookupSuite(0xFAFA); ok || s.Name != "UNKNOWN_0xFAFA" {
		t.Errorf("unknown id: %v %v", s, ok)
	}
}

func TestParseServerKeyExchange(t *testing.T) {
	prime := append([]byte{0x80}, make([]byte, 127)...) // a 1024-bit number
	var dh builder
	dh.vec16(prime)
	dh.vec16([]byte{2})
	cases := []struct {
		name  string
		kex   string
		in    []byte
		group string
		bits  int
		err   string
	}{
		{"dhe 1024", "DHE_RSA", dh.b, "1024-bit prime", 1024, ""},
		{"ecdhe x25519", "ECDHE_ECDSA", []byte{3, 0x00, 0x1d, 32}, "x25519", 255, ""},
		{"ecdhe unknown group", "ECDHE_RSA", []byte{3, 0xfe, 0x01}, "0xfe01", 0, ""},
		{"explicit curve", "ECDHE_RSA", []byte{1, 0, 0}, "explicit curve (type 1)", 0, ""},
		{"truncated prime", "DHE_RSA", []byte{0, 200, 1}, "", 0, "dh_p at byte 2"},
		{"truncated curve", "ECDHE_RSA", []byte{3, 0}, "", 0, "named_curve at byte 1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			k, err := parseServerKeyExchange(VersionTLS12, tc.kex, tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || k == nil || k.Group != tc.group || k.Bits != tc.bits {
				t.Errorf("got %+v, %v; want group %q bits %d", k, err, tc.group, tc.bits)
			}
		})
	}
}
