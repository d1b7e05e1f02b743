package probe

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"sync/atomic"
	"testing"
	"time"
)

// countingListener counts connections to an address the probe must never
// reach.
func countingListener(t *testing.T, addr string) *atomic.Int64 {
	t.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	t.Cleanup(func() { l.Close() })
	var n atomic.Int64
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			n.Add(1)
			c.Close()
		}
	}()
	return &n
}

func TestOutOfScopeSendsNothing(t *testing.T) {
	decoy := countingListener(t, "127.0.9.9:18080")
	sc, _ := ParseScope("127.0.8.0/24")
	cfg := Config{Scope: sc, Ports: []int{18080}, UDPPorts: []int{}}
	_, err := Run(context.Background(), cfg, []netip.Addr{netip.MustParseAddr("127.0.8.1"), netip.MustParseAddr("127.0.9.9")})
	if !errors.Is(err, ErrOutOfScope) {
		t.Fatalf("err = %v, want ErrOutOfScope", err)
	}
	time.Sleep(50 * time.Millisecond)
	if n := decoy.Load(); n != 0 {
		t.Fatalf("decoy outside the scope got %d connections", n)
	}
}

func TestUnreachableIsAStatus(t *testing.T) {
	sc, _ := ParseScope("127.0.8.0/24")
	cfg := Config{Scope: sc, Ports: []int{1, 2}, UDPPorts: []int{}, BannerWait: 50 * time.Millisecond}
	rep, err := Run(context.Background(), cfg, []netip.Addr{netip.MustParseAddr("127.0.8.2")})
	if err != nil {
		t.Fatal(err)
	}
	f := rep.Targets[0].Findings
	if len(f) != 1 || f[0].Check != "reachability" || f[0].Status != Refused {
		t.Fatalf("findings = %+v, want one reachability finding with status refused", f)
	}
}

func TestStatusOf(t *testing.T) {
	l, _ := net.Listen("tcp", "127.0.8.3:0")
	addr := l.Addr().String()
	l.Close()
	_, refused := net.Dial("tcp", addr)
	tests := []struct {
		err  error
		want Status
	}{
		{nil, Pass},
		{ErrOutOfScope, OutOfScope},
		{refused, Refused},
		{context.DeadlineExceeded, Timeout},
		{errors.New("other"), Inconclusive},
	}
	for _, tt := range tests {
		if got := StatusOf(tt.err); got != tt.want {
			t.Errorf("StatusOf(%v) = %s, want %s", tt.err, got, tt.want)
		}
	}
}

func TestPerTargetRate(t *testing.T) {
	// 30 connections at 20/s with a burst of 10 need about a second.
	port := closingPort(t, "127.0.8.4", false)
	sc, _ := ParseScope("127.0.8.4")
	cfg := Config{Scope: sc}
	cfg.Defaults()
	tg := newTarget(&cfg, netip.MustParseAddr("127.0.8.4"), nil)
	start := time.Now()
	for i := 0; i < 30; i++ {
		c, err := tg.Dial(context.Background(), port)
		if err != nil {
			t.Fatal(err)
		}
		c.Close()
	}
	if el := time.Since(start); el < 900*time.Millisecond {
		t.Fatalf("30 connections took %s; the 20/s per-target limit allows no less than ~1s", el)
	}
}
