package tlsscan

import (
	"context"
	"crypto/tls"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/probe/tlsscan/tlsfixture"
)

// BenchmarkScanGoServer times a full enumeration of an in-process crypto/tls
// server (TLS 1.2 and 1.3, Go's default suites). bench/tls compares with
// sslscan on an OpenSSL server.
func BenchmarkScanGoServer(b *testing.B) {
	cert, err := tlsfixture.NewCert(tlsfixture.CertSpec{CommonName: "lab"})
	if err != nil {
		b.Fatal(err)
	}
	addr := startGoServer(b, &tls.Config{Certificates: []tls.Certificate{cert.TLS}})
	dial := loopbackDialer(addr)
	b.ResetTimer()
	for b.Loop() {
		res, err := Scan(context.Background(), dial, Options{})
		if err != nil || len(res.Accepted()) == 0 {
			b.Fatalf("scan: %v", err)
		}
	}
}
