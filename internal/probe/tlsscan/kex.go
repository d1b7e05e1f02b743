package tlsscan

import (
	"fmt"
	"math/big"
	"strings"
)

// KexInfo is an ephemeral key-exchange group the server used.
type KexInfo struct {
	Version Version `json:"version"`
	Kind    string  `json:"kind"` // DH or ECDH
	Group   string  `json:"group"`
	Bits    int     `json:"bits"`
}

// groups maps IANA "TLS Supported Groups" ids to names and key sizes in bits.
var groups = map[uint16]struct {
	name string
	bits int
}{
	0x0013: {"secp192r1", 192}, 0x0015: {"secp224r1", 224}, 0x0016: {"secp256k1", 256},
	0x0017: {"secp256r1", 256}, 0x0018: {"secp384r1", 384}, 0x0019: {"secp521r1", 521},
	0x001a: {"brainpoolP256r1", 256}, 0x001b: {"brainpoolP384r1", 384}, 0x001c: {"brainpoolP512r1", 512},
	0x001d: {"x25519", 255}, 0x001e: {"x448", 448},
	0x0100: {"ffdhe2048", 2048}, 0x0101: {"ffdhe3072", 3072}, 0x0102: {"ffdhe4096", 4096},
	0x0103: {"ffdhe6144", 6144}, 0x0104: {"ffdhe8192", 8192},
	0x11ec: {"X25519MLKEM768", 255},
}

// groupInfo names a group id; ffdhe groups are finite-field DH, the rest EC.
func groupInfo(v Version, id uint16) KexInfo {
	k := KexInfo{Version: v, Kind: "ECDH", Group: fmt.Sprintf("0x%04x", id)}
	if g, ok := groups[id]; ok {
		k.Group, k.Bits = g.name, g.bits
	}
	if id >= 0x0100 && id <= 0x01ff {
		k.Kind = "DH"
	}
	return k
}

// wantsKex reports whether a suite's ServerKeyExchange carries an
// ephemeral group this package reads (PSK and SRP variants do not).
func wantsKex(kex string) bool {
	return kex == "DHE_RSA" || kex == "DHE_DSS" || kex == "DH_anon" ||
		kex == "ECDHE_RSA" || kex == "ECDHE_ECDSA" || kex == "ECDH_anon"
}

// parseServerKeyExchange reads the group from a TLS 1.2-or-older
// ServerKeyExchange body (RFC 5246 §7.4.3, RFC 8422 §5.4): the prime's
// length for DH, the named curve for ECDH.
func parseServerKeyExchange(v Version, kex string, b []byte) (*KexInfo, error) {
	p := parser{b: b}
	switch {
	case strings.HasPrefix(kex, "DH"):
		n := p.u16("dh_p length")
		prime := p.bytes(n, "dh_p")
		if p.err != nil {
			return nil, p.err
		}
		bits := new(big.Int).SetBytes(prime).BitLen()
		return &KexInfo{Version: v, Kind: "DH", Group: fmt.Sprintf("%d-bit prime", bits), Bits: bits}, nil
	case strings.HasPrefix(kex, "ECDH"):
		curveType := p.u8("curve_type")
		id := p.u16("named_curve")
		if p.err != nil {
			return nil, p.err
		}
		if curveType != 3 { // explicit curves are long deprecated
			return &KexInfo{Version: v, Kind: "ECDH", Group: fmt.Sprintf("explicit curve (type %d)", curveType)}, nil
		}
		k := groupInfo(v, uint16(id))
		return &k, nil
	}
	return nil, nil
}
