package tlsscan

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"sort"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/probe/tlsscan/tlsfixture"
)

// loopbackDialer dials one fixed loopback address, as the probe engine would.
func loopbackDialer(addr string) DialFunc {
	return func(ctx context.Context) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "tcp", addr)
	}
}

func newCert(t *testing.T, spec tlsfixture.CertSpec) *tlsfixture.Cert {
	t.Helper()
	if spec.CommonName == "" {
		spec.CommonName = "lab-device"
		spec.IPs = []net.IP{net.IPv4(127, 0, 0, 1)}
	}
	c, err := tlsfixture.NewCert(spec)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// startGoServer runs an in-process crypto/tls server on loopback that
// completes a handshake per connection and closes it.
func startGoServer(t testing.TB, cfg *tls.Config) string {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_ = c.SetDeadline(time.Now().Add(5 * time.Second))
				_ = c.(*tls.Conn).Handshake()
			}()
		}
	}()
	return ln.Addr().String()
}

func startOpenSSL(t *testing.T, cert *tlsfixture.Cert, args ...string) string {
	t.Helper()
	s, err := tlsfixture.StartOpenSSL(context.Background(), t.TempDir(), cert, args...)
	if errors.Is(err, tlsfixture.ErrMissing) {
		t.Skipf("skipping: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s.Addr
}

// pairs flattens a result to sorted "VERSION 0xID" strings for comparison.
func pairs(r *Result) []string {
	var out []string
	for v, ids := range r.Accepted() {
		for _, id := range ids {
			out = append(out, v.String()+" "+hex4(id))
		}
	}
	sort.Strings(out)
	return out
}

func hex4(id uint16) string {
	const digits = "0123456789ABCDEF"
	return "0x" + string([]byte{digits[id>>12], digits[id>>8&15], digits[id>>4&15], digits[id&15]})
}

func findingIDs(r *Result) map[string]bool {
	out := map[string]bool{}
	for _, f := range r.Findings {
		out[f.ID] = true
	}
	return out
}

// startSizeIntolerant fronts a TLS server with a gate that closes, without
// an alert, any connection whose first record is longer than limit bytes:
// the behaviour of old stacks that choke on large ClientHellos.
func startSizeIntolerant(t *testing.T, backend string, limit int) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				hdr := make([]byte, 5)
				if _, err := io.ReadFull(c, hdr); err != nil || int(hdr[3])<<8|int(hdr[4]) > limit {
					return
				}
				b, err := net.Dial("tcp", backend)
				if err != nil {
					return
				}
				defer b.Close()
				_, _ = b.Write(hdr)
				go func() { _, _ = io.Copy(b, c) }()
				_, _ = io.Copy(c, b)
			}()
		}
	}()
	return ln.Addr().String()
}

// startSilent accepts connections and never answers, like a service that
// waits for something other than a ClientHello.
func startSilent(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { close(done); ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { <-done; c.Close() }()
		}
	}()
	return ln.Addr().String()
}
