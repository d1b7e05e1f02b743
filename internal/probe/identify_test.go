package probe

import (
	"context"
	"io"
	"net"
	"net/netip"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/devicelab"
)

// silentPorts listens on n ports of addr that accept and never speak, so
// identification tries every client-first probe on each.
func silentPorts(t *testing.T, addr string, n int) []int {
	t.Helper()
	var ports []int
	for range n {
		ports = append(ports, listenOn(t, addr, func(c net.Conn) { // hold until the client goes away
			defer c.Close()
			io.Copy(io.Discard, c)
		}))
	}
	return ports
}

func TestIdentifyHoldsAtMostFourConnections(t *testing.T) {
	ports := silentPorts(t, "127.0.8.30", 6)
	sc, _ := ParseScope("127.0.8.30")
	cfg := Config{Scope: sc, Ports: ports, UDPPorts: []int{}, PerTargetRate: 1000, PerTargetBurst: 100,
		BannerWait: 50 * time.Millisecond, IdentifyTimeout: 200 * time.Millisecond}
	cfg.Defaults()
	tg := newTarget(&cfg, netip.MustParseAddr("127.0.8.30"), nil)
	open, _ := scanPorts(context.Background(), tg)
	if len(open) != len(ports) {
		t.Fatalf("scan found %v, want %v", open, ports)
	}
	svcs := identifyAll(context.Background(), tg, open)
	for _, s := range svcs {
		if s.Name != SvcUnknown {
			t.Errorf("silent port %d named %q", s.Port, s.Name)
		}
	}
	if p := tg.peak.Load(); p > perTargetParallel {
		t.Fatalf("identification held %d connections at once, want at most %d", p, perTargetParallel)
	}
	if tg.Connections() < int64(len(ports)*5) {
		t.Fatalf("only %d connections: the client-first probes did not run", tg.Connections())
	}
	// Probes that lost the race close their connections shortly after.
	for deadline := time.Now().Add(5 * time.Second); tg.open.Load() != 0 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if o := tg.open.Load(); o != 0 {
		t.Fatalf("%d connections still hold a slot after identification", o)
	}
}

func TestSlowRateStillIdentifiesHTTPS(t *testing.T) {
	addr := netip.MustParseAddr("127.0.8.31")
	const port = 18443
	d, err := devicelab.Start(context.Background(), addr, &devicelab.Profile{Name: "https-only",
		HTTP: &devicelab.HTTP{Port: port, TLS: true, Auth: "none"}}, nil)
	if err != nil {
		t.Skipf("cannot start a lab device on %s: %v", addr, err)
	}
	defer d.Close()
	sc, _ := ParseScope("127.0.8.31")
	// 0.8 connections a second, burst 1: every probe waits about 1.25 s
	// for its turn, longer than the 1 s each may take to answer, which is
	// ample for a TLS handshake and a request even on a loaded machine.
	cfg := Config{Scope: sc, Ports: []int{port}, UDPPorts: []int{}, PerTargetRate: 0.8, PerTargetBurst: 1,
		BannerWait: 100 * time.Millisecond, IdentifyTimeout: time.Second}
	cfg.Defaults()
	tg := newTarget(&cfg, addr, nil)
	svcs := identifyAll(context.Background(), tg, []int{port})
	if len(svcs) != 1 || svcs[0].Name != SvcHTTPS || !svcs[0].TLS {
		t.Fatalf("services = %+v, want https with TLS", svcs)
	}
}

// closingPort listens on addr and ends every connection at once without a
// byte: with a FIN, or with a reset when reset is set.
func closingPort(t *testing.T, addr string, reset bool) int {
	t.Helper()
	return listenOn(t, addr, func(c net.Conn) {
		if reset {
			c.(*net.TCPConn).SetLinger(0)
		}
		c.Close()
	})
}

// A port that accepts and at once closes or resets (as a device under a
// login lockout does) is told apart from a silent one: checks must not
// read it as a port without a login.
func TestIdentifyClosedOnConnect(t *testing.T) {
	const host = "127.0.8.32"
	closed, reset := closingPort(t, host, false), closingPort(t, host, true)
	silent := silentPorts(t, host, 1)[0]
	sc, _ := ParseScope(host)
	cfg := Config{Scope: sc, Ports: []int{closed, reset, silent}, UDPPorts: []int{}, PerTargetRate: 1000, PerTargetBurst: 100,
		BannerWait: 50 * time.Millisecond, IdentifyTimeout: 200 * time.Millisecond}
	cfg.Defaults()
	tg := newTarget(&cfg, netip.MustParseAddr(host), nil)
	want := map[int]string{closed: SvcClosedOnConnect, reset: SvcClosedOnConnect, silent: SvcUnknown}
	for _, s := range identifyAll(context.Background(), tg, cfg.Ports) {
		if s.Name != want[s.Port] {
			t.Errorf("port %d named %q, want %q", s.Port, s.Name, want[s.Port])
		}
	}
}
