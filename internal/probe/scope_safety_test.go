package probe

import (
	"context"
	"io"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestScopeRefusesWideOrSloppyPrefixes(t *testing.T) {
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in      string
		wantErr []string
	}{
		{"0.0.0.0/0", []string{"0.0.0.0/0", "/0"}},
		{"::/0", []string{"::/0", "/0"}},
		{"10.0.0.5/24", []string{"10.0.0.5/24", "10.0.0.0/24"}},
		{"127.0.0.1/8", []string{"127.0.0.1/8", "127.0.0.0/8"}},
		{"::ffff:0.0.0.0/96", []string{"/0"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseScope(tt.in)
			for _, w := range tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Fatalf("ParseScope err = %v, want naming %q", err, w)
				}
			}
			file := "owner: x\nexpires: 2026-12-01\nallow: [\"" + tt.in + "\"]\n"
			if _, err := ParseScopeFile("scope.yaml", []byte(file), now); err == nil || !strings.Contains(err.Error(), "allow[0]") {
				t.Fatalf("scope file err = %v, want naming allow[0]", err)
			}
			if _, err := ParseTargets([]string{tt.in}); err == nil {
				t.Fatalf("ParseTargets(%q) accepted it", tt.in)
			}
		})
	}
}

func TestTargetsRefuseNonDevices(t *testing.T) {
	for _, in := range []string{"0.0.0.0", "::", "224.0.0.1", "239.255.255.250", "ff02::1", "ff01::1", "255.255.255.255", "255.255.255.252/30", "::ffff:224.0.0.251"} {
		t.Run(in, func(t *testing.T) {
			_, err := ParseTargets([]string{in})
			if err == nil || !strings.Contains(err.Error(), "not a device") {
				t.Fatalf("err = %v, want a refusal naming why", err)
			}
		})
	}
	sc, _ := ParseScope("224.0.0.0/4,0.0.0.0/8")
	cfg := Config{Scope: sc}
	for _, a := range []string{"224.0.0.1", "0.0.0.0"} {
		if err := cfg.Validate([]netip.Addr{netip.MustParseAddr(a)}); err == nil {
			t.Errorf("Validate accepted target %s", a)
		}
	}
	wide := &Scope{Prefixes: []netip.Prefix{netip.MustParsePrefix("0.0.0.0/0")}}
	if err := (&Config{Scope: wide}).Validate([]netip.Addr{netip.MustParseAddr("127.0.0.1")}); err == nil {
		t.Error("Validate accepted a /0 scope built in code")
	}
}

func TestMappedAddressesAreOneTarget(t *testing.T) {
	got, err := ParseTargets([]string{"10.0.0.1,::ffff:10.0.0.1", "::ffff:10.0.0.2/127"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"10.0.0.1", "10.0.0.2", "10.0.0.3"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("target %d = %s, want %s", i, got[i], want[i])
		}
	}
	sc, err := ParseScope("::ffff:10.0.0.1/128")
	if err != nil {
		t.Fatal(err)
	}
	if sc.Prefixes[0].String() != "10.0.0.1/32" {
		t.Errorf("scope prefix = %s, want 10.0.0.1/32", sc.Prefixes[0])
	}
	cfg := Config{Scope: sc}
	if err := cfg.Validate(got[:1]); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

// loopbackListener accepts and holds connections until the client closes.
func loopbackListener(t *testing.T) (netip.Addr, int) {
	t.Helper()
	port := listenOn(t, "127.0.0.1", func(c net.Conn) {
		defer c.Close()
		io.Copy(io.Discard, c)
	})
	return netip.MustParseAddr("127.0.0.1"), port
}

func TestDialChecksExpiryEveryTime(t *testing.T) {
	addr, port := loopbackListener(t)
	sc, _ := ParseScope("127.0.0.0/8")
	sc.Expires = time.Now().Add(300 * time.Millisecond)
	cfg := Config{Scope: sc}
	cfg.Defaults()
	tg := newTarget(&cfg, addr, nil)
	c, err := tg.Dial(context.Background(), port)
	if err != nil {
		t.Fatalf("dial before expiry: %v", err)
	}
	c.Close()
	time.Sleep(time.Until(sc.Expires) + 10*time.Millisecond)
	for name, dial := range map[string]func() (net.Conn, error){
		"tcp":   func() (net.Conn, error) { return tg.Dial(context.Background(), port) },
		"udp":   func() (net.Conn, error) { return tg.DialUDP(context.Background(), port) },
		"flood": func() (net.Conn, error) { cfg.AllowFlood = true; return tg.DialFlood(context.Background(), port) },
	} {
		c, err := dial()
		if err == nil {
			c.Close()
			t.Errorf("%s: dial after the scope expired succeeded", name)
			continue
		}
		if StatusOf(err) != OutOfScope {
			t.Errorf("%s: status of %v = %s, want out of scope", name, err, StatusOf(err))
		}
	}
	before := tg.Connections()
	if _, err := tg.HTTPClient(port, false).Get(tg.URL(port, false, "/")); err == nil || tg.Connections() != before {
		t.Errorf("http after expiry: err = %v, connections %d -> %d", err, before, tg.Connections())
	}
}

func TestFloodRespectsGlobalRate(t *testing.T) {
	addr, port := loopbackListener(t)
	sc, _ := ParseScope("127.0.0.0/8")
	// 50 new connections a second overall (burst 5); the flood cap alone
	// would allow 500.
	cfg := Config{Scope: sc, AllowFlood: true, GlobalRate: 50, FloodRate: 500}
	cfg.Defaults()
	tg := newTarget(&cfg, addr, nil)
	start := time.Now()
	const n = 25
	for range n {
		c, err := tg.DialFlood(context.Background(), port)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
	}
	// (n - burst) / rate = 20/50 s is the least the global cap allows.
	if took := time.Since(start); took < 350*time.Millisecond {
		t.Fatalf("%d flood connections in %v: faster than the global cap of 50/s", n, took)
	}
}

func FuzzParseTargets(f *testing.F) {
	for _, s := range []string{"127.0.0.1", "10.0.0.1,::ffff:10.0.0.1", "::ffff:10.0.0.2/127", "0.0.0.0/0", "224.0.0.1", "10.0.0.5/24", "::1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseTargets([]string{s})
		if err != nil {
			return
		}
		seen := map[netip.Addr]bool{}
		for _, a := range got {
			if a.Is4In6() || checkTarget(a) != nil || seen[a] {
				t.Fatalf("ParseTargets(%q) accepted %s (mapped, non-device or repeated)", s, a)
			}
			seen[a] = true
		}
	})
}
