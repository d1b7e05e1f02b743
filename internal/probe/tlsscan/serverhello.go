package tlsscan

import (
	"bytes"
	"fmt"
)

// Extension numbers (IANA "TLS ExtensionType Values").
const (
	extServerName          = 0
	extSupportedGroups     = 10
	extECPointFormats      = 11
	extSignatureAlgorithms = 13
	extSupportedVersions   = 43
	extKeyShare            = 51
	extRenegotiationInfo   = 0xff01
)

// helloRetryRandom is the fixed Random value that marks a HelloRetryRequest
// (RFC 8446 §4.1.3).
var helloRetryRandom = []byte{
	0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
	0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
}

// ServerHello holds the fields of a ServerHello the scanner uses.
type ServerHello struct {
	LegacyVersion Version
	// SelectedVersion is the supported_versions value (TLS 1.3), or 0.
	SelectedVersion Version
	CipherSuite     uint16
	Compression     uint8
	RetryRequest    bool // a HelloRetryRequest: the suite is chosen, a new key share is wanted
	// KeyShareGroup is the TLS 1.3 group of the server's key share, or the
	// group a HelloRetryRequest asks for; 0 when absent.
	KeyShareGroup uint16
	Extensions    []uint16
}

// Version is the negotiated protocol version.
func (h *ServerHello) Version() Version {
	if h.SelectedVersion != 0 {
		return h.SelectedVersion
	}
	return h.LegacyVersion
}

// parseServerHello decodes a ServerHello body (RFC 5246 §7.4.1.3, RFC 8446
// §4.1.3). Errors name the field that broke.
func parseServerHello(b []byte) (*ServerHello, error) {
	p := parser{b: b}
	h := &ServerHello{}
	h.LegacyVersion = Version(p.u16("version"))
	random := p.bytes(32, "random")
	sid := p.u8("session_id length")
	if p.err == nil && sid > 32 {
		return nil, fmt.Errorf("session_id length %d exceeds 32", sid)
	}
	p.bytes(int(sid), "session_id")
	h.CipherSuite = uint16(p.u16("cipher_suite"))
	h.Compression = p.u8("compression_method")
	if p.err != nil {
		return nil, p.err
	}
	h.RetryRequest = bytes.Equal(random, helloRetryRandom)
	if p.empty() { // SSLv3 and early TLS servers may omit extensions
		return h, nil
	}
	extLen := p.u16("extensions length")
	if p.err == nil && extLen != len(p.b)-p.off {
		return nil, fmt.Errorf("extensions length %d, %d bytes left", extLen, len(p.b)-p.off)
	}
	for p.err == nil && !p.empty() {
		typ := p.u16("extension type")
		n := p.u16("extension length")
		body := p.bytes(n, fmt.Sprintf("extension %d body", typ))
		if p.err != nil {
			break
		}
		h.Extensions = append(h.Extensions, uint16(typ))
		if typ == extKeyShare {
			if len(body) < 2 {
				return nil, fmt.Errorf("key_share extension: %d bytes, want at least 2", len(body))
			}
			h.KeyShareGroup = uint16(body[0])<<8 | uint16(body[1])
		}
		if typ == extSupportedVersions {
			if len(body) != 2 {
				return nil, fmt.Errorf("supported_versions extension: %d bytes, want 2", len(body))
			}
			h.SelectedVersion = Version(uint16(body[0])<<8 | uint16(body[1]))
		}
	}
	if p.err != nil {
		return nil, p.err
	}
	return h, nil
}

// parser reads big-endian fields, keeping the first error with the field name
// and offset where the input ran out.
type parser struct {
	b   []byte
	off int
	err error
}

func (p *parser) empty() bool { return p.off >= len(p.b) }

func (p *parser) bytes(n int, field string) []byte {
	if p.err != nil {
		return nil
	}
	if n < 0 || len(p.b)-p.off < n {
		p.err = fmt.Errorf("%s at byte %d: need %d bytes, have %d", field, p.off, n, len(p.b)-p.off)
		return nil
	}
	out := p.b[p.off : p.off+n]
	p.off += n
	return out
}

func (p *parser) u8(field string) uint8 {
	b := p.bytes(1, field)
	if b == nil {
		return 0
	}
	return b[0]
}

func (p *parser) u16(field string) int {
	b := p.bytes(2, field)
	if b == nil {
		return 0
	}
	return int(b[0])<<8 | int(b[1])
}
