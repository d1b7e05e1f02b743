package tlsscan

import (
	"errors"
	"fmt"
	"io"
)

// TLS record content types and handshake message types the scanner reads.
const (
	recordChangeCipherSpec = 20
	recordAlert            = 21
	recordHandshake        = 22

	handshakeServerHello     = 2
	handshakeCertificate     = 11
	handshakeServerKeyEx     = 12
	handshakeCertRequest     = 13
	handshakeServerHelloDone = 14

	maxRecordLen    = 1<<14 + 2048 // largest ciphertext fragment (RFC 8446 §5.2)
	maxHandshakeLen = 1 << 18      // a certificate chain larger than this is refused
)

// errNotTLS marks a peer that answered with something other than TLS records.
var errNotTLS = errors.New("not a TLS record")

// Alert is a TLS alert received from the server.
type Alert struct {
	Level       uint8 `json:"level"`
	Description uint8 `json:"description"`
}

func (a Alert) String() string {
	if n, ok := alertNames[a.Description]; ok {
		return n
	}
	return fmt.Sprintf("alert %d", a.Description)
}

// alertNames holds the registered alert descriptions (RFC 8446 §6, RFC 5246
// §7.2) the scanner expects to meet while probing.
var alertNames = map[uint8]string{
	0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac", 22: "record_overflow",
	40: "handshake_failure", 41: "no_certificate", 42: "bad_certificate", 47: "illegal_parameter",
	50: "decode_error", 51: "decrypt_error", 70: "protocol_version", 71: "insufficient_security",
	80: "internal_error", 86: "inappropriate_fallback", 90: "user_canceled", 109: "missing_extension",
	110: "unsupported_extension", 112: "unrecognized_name", 120: "no_application_protocol",
}

// parseAlert decodes the two-byte body of an alert record.
func parseAlert(b []byte) (Alert, error) {
	if len(b) < 2 {
		return Alert{}, fmt.Errorf("alert: %d bytes, want 2", len(b))
	}
	return Alert{Level: b[0], Description: b[1]}, nil
}

// serverFlight is what the server sent in answer to one ClientHello.
type serverFlight struct {
	Hello        *ServerHello
	Alert        *Alert
	Certificates [][]byte // DER, leaf first; only for TLS <= 1.2 and when asked
	KeyExchange  []byte   // ServerKeyExchange body, when asked
	TimedOut     bool     // nothing complete arrived before the deadline
}

// flightReader reads TLS records from a server and reassembles handshake
// messages, tracking the byte offset so errors say where the input broke.
type flightReader struct {
	r      io.Reader
	offset int
	hs     []byte // handshake bytes not yet consumed as whole messages
}

func (f *flightReader) readRecord() (typ uint8, body []byte, err error) {
	var hdr [5]byte
	at := f.offset
	if _, err := io.ReadFull(f.r, hdr[:]); err != nil {
		return 0, nil, fmt.Errorf("record header at byte %d: %w", at, err)
	}
	typ = hdr[0]
	if typ < recordChangeCipherSpec || typ > 24 || hdr[1] != 3 {
		return 0, nil, fmt.Errorf("record header at byte %d: type %d version %d.%d: %w", at, typ, hdr[1], hdr[2], errNotTLS)
	}
	n := int(hdr[3])<<8 | int(hdr[4])
	if n > maxRecordLen {
		return 0, nil, fmt.Errorf("record at byte %d: length %d exceeds %d", at, n, maxRecordLen)
	}
	body = make([]byte, n)
	if _, err := io.ReadFull(f.r, body); err != nil {
		return 0, nil, fmt.Errorf("record body at byte %d (length %d): %w", at+5, n, err)
	}
	f.offset += 5 + n
	return typ, body, nil
}

// nextMessage returns the next complete handshake message, reading records
// as needed. Alerts end the flight and are returned as such.
func (f *flightReader) nextMessage() (msgType uint8, body []byte, alert *Alert, err error) {
	for {
		if len(f.hs) >= 4 {
			n := int(f.hs[1])<<16 | int(f.hs[2])<<8 | int(f.hs[3])
			if n > maxHandshakeLen {
				return 0, nil, nil, fmt.Errorf("handshake message type %d before byte %d: length %d exceeds %d", f.hs[0], f.offset, n, maxHandshakeLen)
			}
			if len(f.hs) >= 4+n {
				msgType, body = f.hs[0], f.hs[4:4+n]
				f.hs = f.hs[4+n:]
				return msgType, body, nil, nil
			}
		}
		typ, rec, err := f.readRecord()
		if err != nil {
			return 0, nil, nil, err
		}
		switch typ {
		case recordAlert:
			a, err := parseAlert(rec)
			if err != nil {
				return 0, nil, nil, fmt.Errorf("record before byte %d: %w", f.offset, err)
			}
			return 0, nil, &a, nil
		case recordHandshake:
			if len(f.hs)+len(rec) > maxHandshakeLen+4 {
				return 0, nil, nil, fmt.Errorf("handshake data before byte %d exceeds %d bytes", f.offset, maxHandshakeLen)
			}
			f.hs = append(f.hs, rec...)
		case recordChangeCipherSpec:
			// TLS 1.3 middlebox compatibility sends one; nothing to read.
		default:
			return 0, nil, nil, fmt.Errorf("record before byte %d: unexpected content type %d", f.offset, typ)
		}
	}
}

// readWant says how far into the server's flight to read. The ServerHello
// is always read; the Certificate (TLS 1.2 and below) when cert is set; the
// ServerKeyExchange when kex returns true for the chosen suite.
type readWant struct {
	cert bool
	kex  func(suite uint16) bool
}

// readFlight reads the server's answer as far as want asks.
func readFlight(r io.Reader, want readWant) (*serverFlight, error) {
	f := &flightReader{r: r}
	out := &serverFlight{}
	wantKex := false
	for {
		typ, body, alert, err := f.nextMessage()
		if err != nil {
			return out, err
		}
		if alert != nil {
			out.Alert = alert
			return out, nil
		}
		if typ != handshakeServerHello && out.Hello == nil {
			return out, fmt.Errorf("handshake type %d before server hello, before byte %d", typ, f.offset)
		}
		switch typ {
		case handshakeServerHello:
			if out.Hello != nil {
				return out, fmt.Errorf("second server hello before byte %d", f.offset)
			}
			h, err := parseServerHello(body)
			if err != nil {
				return out, fmt.Errorf("server hello before byte %d: %w", f.offset, err)
			}
			out.Hello = h
			wantKex = want.kex != nil && want.kex(h.CipherSuite)
			if (!want.cert && !wantKex) || h.Version() >= VersionTLS13 || h.RetryRequest {
				return out, nil
			}
		case handshakeCertificate:
			certs, err := parseCertificateList(body)
			if err != nil {
				return out, fmt.Errorf("certificate message before byte %d: %w", f.offset, err)
			}
			out.Certificates = certs
			if !wantKex {
				return out, nil
			}
		case handshakeServerKeyEx:
			out.KeyExchange = body
			return out, nil
		case handshakeCertRequest, handshakeServerHelloDone:
			return out, nil // nothing more that was asked for comes before these
		default:
			return out, fmt.Errorf("unexpected handshake type %d before byte %d", typ, f.offset)
		}
	}
}

// parseCertificateList decodes a TLS 1.2 Certificate message body: a 24-bit
// length, then DER certificates each with a 24-bit length.
func parseCertificateList(b []byte) ([][]byte, error) {
	if len(b) < 3 {
		return nil, fmt.Errorf("list length: %d bytes, want 3", len(b))
	}
	n := int(b[0])<<16 | int(b[1])<<8 | int(b[2])
	b = b[3:]
	if n != len(b) {
		return nil, fmt.Errorf("list length %d, message holds %d", n, len(b))
	}
	var out [][]byte
	for i := 0; len(b) > 0; i++ {
		if len(b) < 3 {
			return nil, fmt.Errorf("certificate %d: truncated length", i)
		}
		m := int(b[0])<<16 | int(b[1])<<8 | int(b[2])
		if m > len(b)-3 {
			return nil, fmt.Errorf("certificate %d: length %d, %d bytes left", i, m, len(b)-3)
		}
		out = append(out, b[3:3+m])
		b = b[3+m:]
	}
	return out, nil
}
