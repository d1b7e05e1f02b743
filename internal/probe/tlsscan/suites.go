package tlsscan

import (
	"fmt"
	"strings"
)

// Suite describes one cipher suite by its IANA id and name, with the
// attributes that grading needs, derived from the registered name.
type Suite struct {
	ID   uint16 `json:"id"`
	Name string `json:"name"`
	// KeyExchange is the part of the name before _WITH_ (for example
	// ECDHE_RSA), or "TLS13" for TLS 1.3 suites, which negotiate it apart.
	KeyExchange string `json:"key_exchange"`
	Null        bool   `json:"null,omitempty"`       // no encryption at all
	Export      bool   `json:"export,omitempty"`     // export-grade, 40/56-bit keys
	RC4         bool   `json:"rc4,omitempty"`        // RC4 stream cipher
	TripleDES   bool   `json:"triple_des,omitempty"` // 3DES (64-bit block, Sweet32)
	WeakCipher  bool   `json:"weak_cipher,omitempty"`
	Anonymous   bool   `json:"anonymous,omitempty"` // no server authentication
	CBC         bool   `json:"cbc,omitempty"`
	AEAD        bool   `json:"aead,omitempty"`
	Forward     bool   `json:"forward_secrecy,omitempty"`
	TLS13       bool   `json:"tls13,omitempty"`
	// NeedsTLS12 marks suites defined only for TLS 1.2 (SHA-2 MACs, AEAD).
	NeedsTLS12 bool `json:"-"`
}

var suiteByID = func() map[uint16]Suite {
	m := make(map[uint16]Suite, len(ianaSuites))
	for _, s := range ianaSuites {
		m[s.id] = classify(s.id, s.name)
	}
	return m
}()

// LookupSuite returns the suite registered under id. Unknown ids get a
// placeholder name so that a server's odd choice is still reported.
func LookupSuite(id uint16) (Suite, bool) {
	s, ok := suiteByID[id]
	if !ok {
		return Suite{ID: id, Name: fmt.Sprintf("UNKNOWN_0x%04X", id)}, false
	}
	return s, true
}

// Suites returns every suite in the table, in registry order.
func Suites() []Suite {
	out := make([]Suite, 0, len(ianaSuites))
	for _, s := range ianaSuites {
		out = append(out, suiteByID[s.id])
	}
	return out
}

func classify(id uint16, name string) Suite {
	s := Suite{ID: id, Name: name}
	if id>>8 == 0x13 {
		s.KeyExchange, s.TLS13, s.AEAD, s.Forward, s.NeedsTLS12 = "TLS13", true, true, true, false
		return s
	}
	rest := strings.TrimPrefix(name, "TLS_")
	kex, cipher, found := strings.Cut(rest, "_WITH_")
	if !found { // TLS_SHA256_SHA256, TLS_SM4_GCM_SM3 and similar
		kex, cipher = "", rest
	}
	s.KeyExchange = kex
	s.Null = strings.HasPrefix(cipher, "NULL") || strings.HasPrefix(rest, "SHA256_") || strings.HasPrefix(rest, "SHA384_")
	s.Export = strings.Contains(name, "EXPORT")
	s.RC4 = strings.Contains(cipher, "RC4")
	s.TripleDES = strings.Contains(cipher, "3DES")
	single := strings.HasPrefix(cipher, "DES_") || strings.HasPrefix(cipher, "DES40") || strings.Contains(cipher, "RC2") || strings.Contains(cipher, "IDEA")
	s.Anonymous = strings.Contains(kex, "anon") || kex == "NULL"
	s.CBC = strings.Contains(cipher, "CBC")
	s.AEAD = strings.Contains(cipher, "GCM") || strings.Contains(cipher, "CCM") || strings.Contains(cipher, "POLY1305")
	s.Forward = strings.HasPrefix(kex, "DHE") || strings.HasPrefix(kex, "ECDHE") || strings.HasPrefix(kex, "PSK_DHE")
	s.WeakCipher = s.Null || s.Export || s.RC4 || s.TripleDES || single
	s.NeedsTLS12 = s.AEAD || strings.HasSuffix(name, "SHA256") || strings.HasSuffix(name, "SHA384")
	return s
}

// candidates returns the suites worth offering for a protocol version.
func candidates(v Version) []uint16 {
	var out []uint16
	for _, e := range ianaSuites {
		s := suiteByID[e.id]
		switch {
		case v == VersionTLS13:
			if s.TLS13 {
				out = append(out, s.ID)
			}
		case s.TLS13:
		case s.NeedsTLS12 && v < VersionTLS12:
		default:
			out = append(out, s.ID)
		}
	}
	return out
}
