package tlsscan

import (
	"bytes"
	"testing"
)

// FuzzParseServerHello checks that no ServerHello body makes the parser panic.
func FuzzParseServerHello(f *testing.F) {
	var sv builder
	sv.extension(extSupportedVersions, []byte{0x03, 0x04})
	f.Add(serverHelloBody(0x0303, nil, 0xC02F, nil))
	f.Add(serverHelloBody(0x0303, helloRetryRandom, 0x1301, sv.b))
	f.Add([]byte{3, 3})
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := parseServerHello(b)
		if err == nil && h == nil {
			t.Fatal("nil hello without error")
		}
	})
}

// FuzzReadFlight feeds arbitrary server bytes to the record reader, the
// handshake reassembler, the alert and certificate-list parsers.
func FuzzReadFlight(f *testing.F) {
	hello := handshakeMsg(handshakeServerHello, serverHelloBody(0x0303, nil, 0x002F, nil))
	certs := handshakeMsg(handshakeCertificate, []byte{0, 0, 6, 0, 0, 3, 'a', 'b', 'c'})
	f.Add(record(22, append(hello, certs...)), true)
	f.Add(record(21, []byte{2, 70}), false)
	f.Add(append(record(22, hello[:7]), record(22, hello[7:])...), true)
	f.Add([]byte{22, 3, 3, 0, 4, 2, 0xff, 0xff, 0xff}, true)
	f.Add(record(20, []byte{1}), false)
	f.Fuzz(func(t *testing.T, b []byte, wantCert bool) {
		fl, err := readFlight(bytes.NewReader(b), readWant{cert: wantCert, kex: func(uint16) bool { return wantCert }})
		if err == nil && fl.KeyExchange != nil {
			_, _ = parseServerKeyExchange(VersionTLS12, "DHE_RSA", fl.KeyExchange)
			_, _ = parseServerKeyExchange(VersionTLS12, "ECDHE_RSA", fl.KeyExchange)
		}
		if err == nil && fl.Hello == nil && fl.Alert == nil {
			t.Fatal("no hello, no alert and no error")
		}
	})
}

// FuzzParseServerKeyExchange checks the DH and ECDH parameter readers.
func FuzzParseServerKeyExchange(f *testing.F) {
	f.Add([]byte{0, 2, 0xff, 0xfb, 0, 1, 2}, true)
	f.Add([]byte{3, 0, 0x17, 65}, false)
	f.Fuzz(func(t *testing.T, b []byte, dh bool) {
		kex := "ECDHE_RSA"
		if dh {
			kex = "DHE_RSA"
		}
		k, err := parseServerKeyExchange(VersionTLS12, kex, b)
		if err == nil && k == nil {
			t.Fatal("nil result without error for a DH/ECDH suite")
		}
	})
}
