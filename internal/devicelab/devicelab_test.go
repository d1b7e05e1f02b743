package devicelab

import (
	"context"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestParseProfileErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"unknown key", "name: x\ncolour: red\n", `p.yaml:2: unknown field "colour"`},
		{"bad duration", "lockout: {after: 3, duration: soon}\n", `p.yaml:1: "soon" is not a duration`},
		{"bad auth", "http: {port: 80, auth: magic}\n", "field http.auth"},
		{"lockout zero", "lockout: {after: 0, duration: 1s}\n", "field lockout.after"},
		{"empty user", "credentials: [{user: \"\", password: x}]\n", "credentials[0].user"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseProfile("p.yaml", []byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "p.yaml") {
				t.Fatalf("err = %v, want naming p.yaml and %q", err, tt.want)
			}
		})
	}
	for _, name := range BuiltinProfiles() {
		if _, err := LoadProfile(name); err != nil {
			t.Errorf("built-in profile %s: %v", name, err)
		}
	}
}

func FuzzParseProfile(f *testing.F) {
	f.Add([]byte("name: x\ncredentials: [{user: a, password: b}]\nlockout: {after: 2, duration: 1s}\n"))
	f.Add([]byte(`{"http": {"port": 80, "auth": "basic"}}`))
	f.Add([]byte("http: {port: 80}\nftp: {port: 21, anonymous: true}\nssdp: {port: 1900, location: x, description: {serial_number: s}}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ParseProfile("fuzz", b)
	})
}

func TestFleetAddrs(t *testing.T) {
	got, err := FleetAddrs(netip.MustParseAddr("127.0.1.254"), 3)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"127.0.1.254", "127.0.2.1", "127.0.2.2"}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("addr %d = %s, want %s", i, got[i], want[i])
		}
	}
	if _, err := FleetAddrs(netip.MustParseAddr("10.0.0.1"), 1); err == nil {
		t.Error("a non-loopback base was accepted")
	}
	if _, err := Start(context.Background(), netip.MustParseAddr("192.0.2.1"), &Profile{}, nil); err == nil {
		t.Error("Start accepted a non-loopback address")
	}
}

// The shared authenticator: lockout after N consecutive failures for all
// services, reset by a success; throttling delays failures.
func TestLockoutAndThrottle(t *testing.T) {
	d := &Device{Profile: &Profile{Credentials: []Credential{{User: "admin", Password: "admin"}},
		Lockout: &Lockout{After: 3, Duration: Duration(200 * time.Millisecond)}}}
	seq := []struct {
		user, pass string
		want       loginResult
	}{
		{"admin", "x", loginBad}, {"admin", "x", loginBad}, {"admin", "admin", loginOK},
		{"admin", "x", loginBad}, {"admin", "x", loginBad}, {"admin", "x", loginBad},
		{"admin", "admin", loginLocked},
	}
	for i, s := range seq {
		if got := d.login(s.user, s.pass); got != s.want {
			t.Fatalf("step %d: login(%s, %s) = %d, want %d", i, s.user, s.pass, got, s.want)
		}
	}
	time.Sleep(250 * time.Millisecond)
	if got := d.login("admin", "admin"); got != loginOK {
		t.Fatalf("after the lockout expired: %d, want ok", got)
	}
	th := &Device{Profile: &Profile{Throttle: &Throttle{Step: Duration(30 * time.Millisecond)}}}
	start := time.Now()
	th.login("a", "b")
	th.login("a", "b")
	if el := time.Since(start); el < 90*time.Millisecond {
		t.Fatalf("two throttled failures took %s, want >= 90ms (30ms + 60ms)", el)
	}
}

func TestFloodLimit(t *testing.T) {
	// A recovery long enough that a paused test process still checks
	// within it; the return is then awaited, not timed.
	p := &Profile{Flood: &Flood{MaxConns: 2, Recovery: Duration(2 * time.Second)}, FTP: &FTP{Port: 2121}}
	d, err := Start(context.Background(), netip.MustParseAddr("127.0.90.1"), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var held []net.Conn
	defer func() { // before d.Close, which waits for open connections
		for _, c := range held {
			c.Close()
		}
	}()
	greet := func() bool {
		c, err := net.Dial("tcp", "127.0.90.1:2121")
		if err != nil {
			return false
		}
		c.SetReadDeadline(time.Now().Add(time.Second))
		n, _ := c.Read(make([]byte, 64))
		if n == 0 {
			c.Close()
			return false
		}
		held = append(held, c)
		return true
	}
	if !greet() || !greet() {
		t.Fatal("the first two connections should be served")
	}
	if greet() {
		t.Fatal("a third concurrent connection should be refused")
	}
	for _, c := range held {
		c.Close()
	}
	held = nil
	time.Sleep(50 * time.Millisecond)
	if greet() {
		t.Fatal("the device should stay down during its recovery time")
	}
	back := false
	for deadline := time.Now().Add(15 * time.Second); !back && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		back = greet()
	}
	if !back {
		t.Fatal("the device should be back after its recovery time")
	}
}
