package probe

import (
	"context"
	"crypto/tls"
	"net"
	"net/netip"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/probe/tlsscan/tlsfixture"
)

// tlsOnly answers a TLS handshake with cfg and resets a connection whose
// first bytes are not one, as a TLS-only port does to a plain-text hello.
func tlsOnly(cfg *tls.Config) func(net.Conn) {
	return func(c net.Conn) {
		tc := tls.Server(c, cfg)
		if err := tc.Handshake(); err != nil {
			c.(*net.TCPConn).SetLinger(0)
			c.Close()
			return
		}
		defer tc.Close()
		buf := make([]byte, 512)
		for {
			if _, err := tc.Read(buf); err != nil {
				return
			}
		}
	}
}

// Services that end a connection quickly by design are not taken for a
// port under lockout: a daytime-like service says its piece and closes,
// and a TLS-only port resets the plain-text probes but completes a TLS
// handshake, also one limited to the RSA key exchange old devices offer.
func TestClosedOnConnectIsNotQuickByDesign(t *testing.T) {
	const host = "127.0.8.33"
	cert, err := tlsfixture.NewCert(tlsfixture.CertSpec{CommonName: "device"})
	if err != nil {
		t.Fatal(err)
	}
	daytime := listenOn(t, host, func(c net.Conn) {
		c.Write([]byte("Sunday, November 22, 2026 02:36:02-UTC\r\n"))
		c.Close()
	})
	modern := listenOn(t, host, tlsOnly(&tls.Config{Certificates: []tls.Certificate{cert.TLS}}))
	rsaKex := listenOn(t, host, tlsOnly(&tls.Config{Certificates: []tls.Certificate{cert.TLS}, MaxVersion: tls.VersionTLS12,
		CipherSuites: []uint16{tls.TLS_RSA_WITH_AES_128_CBC_SHA}}))
	sc, _ := ParseScope(host)
	cfg := Config{Scope: sc, Ports: []int{daytime, modern, rsaKex}, UDPPorts: []int{}, PerTargetRate: 1000, PerTargetBurst: 100,
		BannerWait: 100 * time.Millisecond, IdentifyTimeout: time.Second}
	cfg.Defaults()
	tg := newTarget(&cfg, netip.MustParseAddr(host), nil)
	want := map[int]string{daytime: SvcUnknown, modern: SvcTLS, rsaKex: SvcTLS}
	for _, s := range identifyAll(context.Background(), tg, cfg.Ports) {
		if s.Name != want[s.Port] {
			t.Errorf("port %d named %q, want %q (banner %q)", s.Port, s.Name, want[s.Port], s.Banner)
		}
	}
}
