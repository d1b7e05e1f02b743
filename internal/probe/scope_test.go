package probe

import (
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestParseScope(t *testing.T) {
	tests := []struct {
		in      string
		inside  []string
		outside []string
		wantErr string
	}{
		{in: "127.0.0.0/8", inside: []string{"127.0.0.1", "127.255.0.9"}, outside: []string{"10.0.0.1", "::1"}},
		{in: "192.168.1.7, ::1", inside: []string{"192.168.1.7", "::1"}, outside: []string{"192.168.1.8"}},
		{in: "10.0.0.0/24", inside: []string{"10.0.0.200"}, outside: []string{"10.0.1.1"}},
		{in: "", wantErr: "no CIDR"},
		{in: "example.com", wantErr: "neither an address nor a CIDR"},
		{in: "10.0.0.0/33", wantErr: "not a CIDR"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			sc, err := ParseScope(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range tt.inside {
				if !sc.Contains(netip.MustParseAddr(a)) {
					t.Errorf("%s should be inside %s", a, tt.in)
				}
			}
			for _, a := range tt.outside {
				if sc.Contains(netip.MustParseAddr(a)) {
					t.Errorf("%s should be outside %s", a, tt.in)
				}
			}
		})
	}
}

func TestParseScopeFile(t *testing.T) {
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, in, wantErr string
	}{
		{"ok", "owner: Lab team\nexpires: 2026-12-01\nallow: [127.0.0.0/8]\n", ""},
		{"ok json", `{"owner": "x", "expires": "2026-11-23T00:00:00Z", "allow": ["::1"]}`, ""},
		{"expired", "owner: x\nexpires: 2026-11-01\nallow: [127.0.0.0/8]\n", "expired"},
		{"no owner", "expires: 2026-12-01\nallow: [127.0.0.0/8]\n", "field owner"},
		{"bad cidr", "owner: x\nexpires: 2026-12-01\nallow: [127.0.0.0/8, nope]\n", "allow[1]"},
		{"unknown key", "owner: x\nexpires: 2026-12-01\nallow: [127.0.0.0/8]\nports: [1]\n", `scope.yaml:4: unknown field "ports"`},
		{"bad date", "owner: x\nexpires: soon\nallow: [127.0.0.0/8]\n", "field expires"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := ParseScopeFile("scope.yaml", []byte(tt.in), now)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "scope.yaml") {
					t.Fatalf("err = %v, want naming scope.yaml and containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || sc.Owner == "" || len(sc.Prefixes) != 1 {
				t.Fatalf("got %+v, %v", sc, err)
			}
		})
	}
}

func TestParseTargets(t *testing.T) {
	got, err := ParseTargets([]string{"127.0.0.1", "127.0.1.0/30,127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"127.0.0.1", "127.0.1.0", "127.0.1.1", "127.0.1.2", "127.0.1.3"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("target %d = %s, want %s", i, got[i], want[i])
		}
	}
	if _, err := ParseTargets([]string{"device.local"}); err == nil || !strings.Contains(err.Error(), "not resolved") {
		t.Errorf("host name: err = %v", err)
	}
	if _, err := ParseTargets([]string{"10.0.0.0/8"}); err == nil {
		t.Error("a /8 target should exceed the target limit")
	}
}

func TestLoginBudget(t *testing.T) {
	b := NewLoginBudget(3)
	for i := 0; i < 2; i++ {
		if err := b.Take(); err != nil {
			t.Fatal(err)
		}
		b.Failed()
	}
	b.Succeeded(Credential{User: "admin", Password: "admin"})
	if b.Consecutive() != 0 {
		t.Fatalf("consecutive = %d after a success", b.Consecutive())
	}
	b.Take()
	b.Failed()
	if err := b.Take(); err == nil {
		t.Fatal("budget of 3 failures allowed a fourth attempt")
	}
	b2 := NewLoginBudget(10)
	b2.Take()
	b2.Failed()
	lk := b2.ObserveLockout("telnet", 23, "closed")
	if lk.AfterFailures != 1 {
		t.Fatalf("lockout after %d, want 1", lk.AfterFailures)
	}
	if err := b2.Take(); err != ErrLockedOut {
		t.Fatalf("Take under lockout = %v, want ErrLockedOut", err)
	}
}

func FuzzParseScopeFile(f *testing.F) {
	f.Add([]byte("owner: x\nexpires: 2026-12-01\nallow: [127.0.0.0/8]\n"))
	f.Add([]byte(`{"owner": "x", "expires": "2026-11-23T00:00:00Z", "allow": ["::1/128"]}`))
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, b []byte) {
		sc, err := ParseScopeFile("fuzz", b, now)
		if err == nil && (len(sc.Prefixes) == 0 || sc.Owner == "") {
			t.Fatalf("accepted a scope without prefixes or owner: %+v", sc)
		}
	})
}
