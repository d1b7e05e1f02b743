package check

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/catalog/dataset"
	"github.com/bydesign-iot/bydesign/internal/devicelab"
	"github.com/bydesign-iot/bydesign/internal/probe"
	"github.com/bydesign-iot/bydesign/internal/probe/tlsscan/tlsfixture"
)

// probeOne runs the engine with one check against one port and returns that
// check's findings: the same path a real run takes, scope and dialers included.
func probeOne(t *testing.T, c probe.Check, addr netip.Addr, port int) []probe.Finding {
	t.Helper()
	scope, err := probe.ParseScope("127.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := probe.Run(context.Background(), probe.Config{Scope: scope, Ports: []int{port}, UDPPorts: []int{},
		Checks: []probe.Check{c}, PerTargetRate: 1000, PerTargetBurst: 100}, []netip.Addr{addr})
	if err != nil {
		t.Fatal(err)
	}
	var out []probe.Finding
	for _, f := range rep.Targets[0].Findings {
		if f.Check == c.Meta().ID {
			out = append(out, f)
		}
	}
	return out
}

func startLab(t *testing.T, addr string, p *devicelab.Profile) netip.Addr {
	t.Helper()
	a := netip.MustParseAddr(addr)
	d, err := devicelab.Start(context.Background(), a, p, nil)
	if err != nil {
		t.Skipf("skipping: cannot start lab device on %s: %v", addr, err)
	}
	t.Cleanup(func() { d.Close() })
	return a
}

func splitAddr(t *testing.T, hostport string) (netip.Addr, int) {
	t.Helper()
	h, p, err := net.SplitHostPort(hostport)
	if err != nil {
		t.Fatal(err)
	}
	port, _ := strconv.Atoi(p)
	return netip.MustParseAddr(h), port
}

func TestTLSConfigAgainstLab(t *testing.T) {
	addr := startLab(t, "127.77.5.1", &devicelab.Profile{Name: "cam", HTTP: &devicelab.HTTP{Port: 18443, TLS: true, Auth: "none"}})
	fs := probeOne(t, TLSConfig{}, addr, 18443)
	if len(fs) != 1 {
		t.Fatalf("want one finding, got %+v", fs)
	}
	f := fs[0]
	// The lab serves TLS 1.2 and 1.3 with Go's defaults: nothing weak.
	if f.Status != probe.Pass || !strings.Contains(f.Detail, "TLS1.2, TLS1.3") {
		t.Errorf("status %s detail %q; want pass on TLS1.2, TLS1.3", f.Status, f.Detail)
	}
	if !strings.Contains(f.Detail, "self-signed-certificate") {
		t.Errorf("self-signed lab certificate not noted: %q", f.Detail)
	}
	if len(f.Provisions) == 0 || len(f.Practices) == 0 {
		t.Errorf("finding not mapped: %+v", f)
	}
}

func TestTLSConfigLegacyOpenSSL(t *testing.T) {
	cert, err := tlsfixture.NewCert(tlsfixture.CertSpec{CommonName: "legacy", IPs: []net.IP{net.IPv4(127, 0, 0, 1)}})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		want []string // weaknesses named in the detail
	}{
		// Go's crypto/tls cannot handshake with this server (static RSA key
		// exchange only): the check must find it by its own ClientHello.
		{"tls1.0 static RSA only", []string{"-tls1", "-cipher", "AES128-SHA:@SECLEVEL=0"},
			[]string{"legacy-protocol", "no-modern-protocol", "cbc-only"}},
		{"tls1.0 to 1.3", []string{"-cipher", "DEFAULT:@SECLEVEL=0"}, []string{"legacy-protocol"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, err := tlsfixture.StartOpenSSL(context.Background(), t.TempDir(), cert, tc.args...)
			if errors.Is(err, tlsfixture.ErrMissing) {
				t.Skipf("skipping: %v", err)
			}
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(srv.Close)
			addr, port := splitAddr(t, srv.Addr)
			fs := probeOne(t, TLSConfig{}, addr, port)
			if len(fs) != 1 || fs[0].Status != probe.Fail {
				t.Fatalf("want one failing finding, got %+v", fs)
			}
			for _, w := range tc.want {
				if !strings.Contains(fs[0].Detail, w) {
					t.Errorf("detail %q lacks %q", fs[0].Detail, w)
				}
			}
		})
	}
}

func TestTLSConfigIgnoresPlainServices(t *testing.T) {
	addr := startLab(t, "127.77.5.2", &devicelab.Profile{Name: "plain", HTTP: &devicelab.HTTP{Port: 18080, Auth: "none"}})
	if fs := probeOne(t, TLSConfig{}, addr, 18080); len(fs) != 0 {
		t.Errorf("plain HTTP graded as TLS: %+v", fs)
	}
}

// TestTLSAndSecurityTxtMappings resolves the practice and provision ids of
// the two checks against the built-in catalog.
func TestTLSAndSecurityTxtMappings(t *testing.T) {
	cat, err := catalog.Load(dataset.FS())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []probe.Check{TLSConfig{}, SecurityTxt{}} {
		m := c.Meta()
		found := false
		for _, r := range All() {
			found = found || r.Meta().ID == m.ID
		}
		if !found {
			t.Errorf("%s is not in the registry", m.ID)
		}
		for _, p := range m.Practices {
			if _, ok := cat.Practice(p); !ok {
				t.Errorf("%s: unknown practice %q", m.ID, p)
			}
		}
		for _, p := range m.Provisions {
			if _, ok := cat.Provision(p); !ok {
				t.Errorf("%s: unknown provision %q", m.ID, p)
			}
		}
	}
}

// BenchmarkTLSConfigOpenSSL times the whole check through the engine at its
// default per-target rate (20 new connections/s, burst 10), identification
// included, on an OpenSSL server offering TLS 1.0 to 1.3.
func BenchmarkTLSConfigOpenSSL(b *testing.B) {
	cert, err := tlsfixture.NewCert(tlsfixture.CertSpec{CommonName: "bench", IPs: []net.IP{net.IPv4(127, 0, 0, 1)}})
	if err != nil {
		b.Fatal(err)
	}
	srv, err := tlsfixture.StartOpenSSL(context.Background(), b.TempDir(), cert, "-cipher", "DEFAULT:@SECLEVEL=0")
	if errors.Is(err, tlsfixture.ErrMissing) {
		b.Skipf("skipping: %v", err)
	}
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	h, p, _ := net.SplitHostPort(srv.Addr)
	port, _ := strconv.Atoi(p)
	scope, _ := probe.ParseScope("127.0.0.0/8")
	for b.Loop() {
		rep, err := probe.Run(context.Background(), probe.Config{Scope: scope, Ports: []int{port}, UDPPorts: []int{},
			Checks: []probe.Check{TLSConfig{}}}, []netip.Addr{netip.MustParseAddr(h)})
		if err != nil || len(rep.Targets[0].Findings) == 0 {
			b.Fatalf("run: %v", err)
		}
	}
}
