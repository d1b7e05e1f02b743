package tlsscan

import (
	"crypto/ecdh"
	"crypto/rand"
	"fmt"
	"net/netip"
)

// helloSpec is one ClientHello the scanner sends.
type helloSpec struct {
	version    Version
	suites     []uint16
	serverName string
}

// Named groups offered (IANA "TLS Supported Groups"): x25519, secp256r1,
// secp384r1, secp521r1, x448, ffdhe2048..ffdhe8192. A wide list keeps
// servers from refusing a suite only for lack of a shared group.
var offeredGroups = []uint16{0x001d, 0x0017, 0x0018, 0x0019, 0x001e, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104}

// Signature schemes offered (IANA "TLS SignatureScheme"). SHA-384 and
// SHA-512 variants matter: a server whose certificate needs them would
// otherwise hide TLS 1.3 (the failure nmap/nmap#3147 describes).
var offeredSignatures = []uint16{
	0x0403, 0x0503, 0x0603, // ecdsa_secp256r1_sha256, secp384r1_sha384, secp521r1_sha512
	0x0807, 0x0808, // ed25519, ed448
	0x0804, 0x0805, 0x0806, // rsa_pss_rsae_sha256/384/512
	0x0809, 0x080a, 0x080b, // rsa_pss_pss_sha256/384/512
	0x0401, 0x0501, 0x0601, // rsa_pkcs1_sha256/384/512
	0x0303, 0x0301, 0x0302, 0x0203, 0x0201, 0x0202, // sha224 and sha1 variants for old servers
	0x0402, 0x0502, 0x0602, // dsa with sha256/384/512
}

// buildClientHello returns one TLS record holding a ClientHello.
func buildClientHello(s helloSpec) ([]byte, error) {
	if len(s.suites) == 0 || len(s.suites) > 0x7fff {
		return nil, fmt.Errorf("client hello: %d suites", len(s.suites))
	}
	var body builder
	legacy := s.version
	if legacy > VersionTLS12 {
		legacy = VersionTLS12 // TLS 1.3 is asked for in supported_versions
	}
	body.u16(uint16(legacy))
	random := make([]byte, 32)
	if _, err := rand.Read(random); err != nil {
		return nil, fmt.Errorf("client hello: random: %w", err)
	}
	body.raw(random)
	if s.version == VersionTLS13 {
		sid := make([]byte, 32) // middlebox compatibility mode (RFC 8446 §D.4)
		if _, err := rand.Read(sid); err != nil {
			return nil, fmt.Errorf("client hello: session id: %w", err)
		}
		body.vec8(sid)
	} else {
		body.vec8(nil)
	}
	var suites builder
	for _, id := range s.suites {
		suites.u16(id)
	}
	body.vec16(suites.b)
	body.vec8([]byte{0}) // null compression only
	if s.version > VersionSSL30 {
		ext, err := extensions(s)
		if err != nil {
			return nil, err
		}
		body.vec16(ext)
	}
	var hs builder
	hs.u8(1) // client_hello
	hs.vec24(body.b)
	var rec builder
	rec.u8(recordHandshake)
	recVersion := VersionTLS10 // what most clients put on the first record
	if s.version == VersionSSL30 {
		recVersion = VersionSSL30
	}
	rec.u16(uint16(recVersion))
	rec.vec16(hs.b)
	return rec.b, nil
}

func extensions(s helloSpec) ([]byte, error) {
	var ext builder
	if s.serverName != "" {
		if _, err := netip.ParseAddr(s.serverName); err != nil { // SNI carries host names only
			var list builder
			list.u8(0)
			list.vec16([]byte(s.serverName))
			var sni builder
			sni.vec16(list.b)
			ext.extension(extServerName, sni.b)
		}
	}
	var groups builder
	for _, g := range offeredGroups {
		groups.u16(g)
	}
	ext.extension(extSupportedGroups, vec16(groups.b))
	ext.extension(extECPointFormats, []byte{1, 0}) // uncompressed
	if s.version >= VersionTLS12 {
		var sigs builder
		for _, a := range offeredSignatures {
			sigs.u16(a)
		}
		ext.extension(extSignatureAlgorithms, vec16(sigs.b))
	}
	if s.version == VersionTLS13 {
		ext.extension(extSupportedVersions, []byte{2, 0x03, 0x04})
		key, err := ecdh.X25519().GenerateKey(rand.Reader)
		if err != nil {
			return nil, fmt.Errorf("client hello: key share: %w", err)
		}
		var entry builder
		entry.u16(0x001d)
		entry.vec16(key.PublicKey().Bytes())
		ext.extension(extKeyShare, vec16(entry.b))
	}
	ext.extension(extRenegotiationInfo, []byte{0})
	return ext.b, nil
}

// builder appends big-endian fields and length-prefixed vectors.
type builder struct{ b []byte }

func (w *builder) u8(v uint8)    { w.b = append(w.b, v) }
func (w *builder) u16(v uint16)  { w.b = append(w.b, byte(v>>8), byte(v)) }
func (w *builder) raw(p []byte)  { w.b = append(w.b, p...) }
func (w *builder) vec8(p []byte) { w.u8(uint8(len(p))); w.raw(p) }
func (w *builder) vec16(p []byte) {
	w.u16(uint16(len(p)))
	w.raw(p)
}
func (w *builder) vec24(p []byte) {
	w.b = append(w.b, byte(len(p)>>16), byte(len(p)>>8), byte(len(p)))
	w.raw(p)
}
func (w *builder) extension(typ uint16, body []byte) {
	w.u16(typ)
	w.vec16(body)
}

func vec16(p []byte) []byte {
	var w builder
	w.vec16(p)
	return w.b
}
