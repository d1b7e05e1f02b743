package auth

import (
	"errors"
	"strings"
	"testing"
)

func TestRoles(t *testing.T) {
	for _, c := range []struct {
		role Role
		can  []Permission
	}{
		{Viewer, []Permission{ReadPrivate}},
		{Curator, []Permission{ReadPrivate, Curate}},
		{Manufacturer, []Permission{ReadPrivate, WriteProducts}},
		{Admin, []Permission{ReadPrivate, WriteProducts, Curate, ManageAccounts}},
		{"root", nil},
	} {
		for _, p := range []Permission{ReadPrivate, WriteProducts, Curate, ManageAccounts} {
			want := false
			for _, q := range c.can {
				want = want || q == p
			}
			if got := c.role.Can(p); got != want {
				t.Errorf("%s.Can(%s) = %v, want %v", c.role, p, got, want)
			}
		}
	}
	for _, c := range []struct {
		a, b Role
		want bool
	}{
		{Admin, Viewer, true}, {Admin, Admin, true}, {Curator, Manufacturer, false},
		{Manufacturer, Curator, false}, {Viewer, Viewer, true}, {Admin, "root", false},
	} {
		if got := c.a.Covers(c.b); got != c.want {
			t.Errorf("%s.Covers(%s) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	if _, err := ParseRole("superuser"); err == nil {
		t.Error("ParseRole accepted an unknown role")
	}
}

func TestPasswordHash(t *testing.T) {
	h1, err := HashPassword("correct horse battery", fastHash)
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := HashPassword("correct horse battery", fastHash)
	if h1 == h2 || strings.Contains(h1, "correct") || !strings.HasPrefix(h1, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Errorf("hashes %q %q: want salted argon2id PHC strings", h1, h2)
	}
	for _, c := range []struct {
		pw   string
		want bool
	}{{"correct horse battery", true}, {"correct horse batter", false}, {"", false}} {
		if ok, err := VerifyPassword(c.pw, h1); ok != c.want || err != nil {
			t.Errorf("VerifyPassword(%q) = %v, %v", c.pw, ok, err)
		}
	}
	for _, bad := range []string{
		"", "plain", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=18$m=1024,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=1024,t=1,p=0$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=1024,t=1,p=1,x=2$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=1024,t=1,p=1$!!$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$a2V5",
	} {
		if ok, err := VerifyPassword("x", bad); ok || err == nil {
			t.Errorf("VerifyPassword on %q = %v, %v: want an error", bad, ok, err)
		}
	}
}

func TestPasswordPolicy(t *testing.T) {
	for _, c := range []struct {
		pw string
		ok bool
	}{
		{"short", false}, {"elevenchars", false}, {"twelve chars", true},
		{"ünïcödé pässwörd", true}, {strings.Repeat("a", 256), true}, {strings.Repeat("a", 257), false},
		{"bad utf8 \xff\xfe here", false},
	} {
		if err := checkPassword(c.pw); (err == nil) != c.ok {
			t.Errorf("checkPassword(%q) = %v, want ok=%v", c.pw, err, c.ok)
		}
	}
}

// FuzzVerifyPassword feeds arbitrary stored hashes to the decoder: it must
// reject or verify, never panic or allocate unbounded memory.
func FuzzVerifyPassword(f *testing.F) {
	good, _ := HashPassword("pw", HashParams{Memory: 8, Time: 1, Threads: 1})
	for _, s := range []string{good, "", "$argon2id$", "$argon2id$v=19$m=8,t=1,p=1$$", "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, _, _, err := decodeHash(s)
		if err != nil {
			return
		}
		if p.Memory > maxMemory || p.Time > maxTime || p.Threads == 0 {
			t.Fatalf("accepted out-of-range parameters %+v", p)
		}
		if p.Memory <= 4096 { // keep each fuzz run cheap
			VerifyPassword("pw", s)
		}
	})
}

// FuzzCredentials feeds arbitrary bearer tokens and cookie values (both
// arrive from requests) to the service: each must be refused with
// ErrUnauthenticated, never panic or reach another error.
func FuzzCredentials(f *testing.F) {
	st := open(f, f.TempDir()+"/fuzz.db")
	s, _ := newService(f, st)
	for _, v := range []string{"", "bdt_", "bds_", "bdt_" + strings.Repeat("A", 43), "bds_" + strings.Repeat("_", 43), "Bearer x", "\x00"} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if _, err := s.Token(ctx, v); !errors.Is(err, ErrUnauthenticated) {
			t.Fatalf("Token(%q) = %v", v, err)
		}
		if _, err := s.Session(ctx, v); !errors.Is(err, ErrUnauthenticated) {
			t.Fatalf("Session(%q) = %v", v, err)
		}
	})
}
