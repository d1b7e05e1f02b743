package auth

import (
	"context"
	"errors"
	"fmt"
	"github.com/bydesign-iot/bydesign/internal/testdb"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/store"
)

var ctx = context.Background()

// fastHash keeps tests quick while still running real argon2id.
var fastHash = HashParams{Memory: 1024, Time: 1, Threads: 1}

// clock is a settable time source, so lockout windows and expiry can be
// crossed without sleeping.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// stores returns a fresh SQLite store, and a PostgreSQL one when
// BYDESIGN_TEST_POSTGRES is set, so the stateless design is exercised on both.
func stores(t *testing.T) map[string]func(t *testing.T) store.Store {
	out := map[string]func(t *testing.T) store.Store{
		"sqlite": func(t *testing.T) store.Store { return open(t, testdb.SQLite(t)) },
	}
	out["postgres"] = func(t *testing.T) store.Store { return open(t, testdb.PostgresSchema(t)) }
	return out
}

func open(t testing.TB, dsn string) store.Store {
	t.Helper()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func newService(t testing.TB, st store.Store) (*Service, *clock) {
	t.Helper()
	c := &clock{t: time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)}
	s, err := New(st, Options{Hash: fastHash, Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}

func forEachStore(t *testing.T, fn func(t *testing.T, st store.Store)) {
	for name, mk := range stores(t) {
		t.Run(name, func(t *testing.T) { fn(t, mk(t)) })
	}
}

func mustUser(t *testing.T, s *Service, name string, role Role) store.User {
	t.Helper()
	u, err := s.CreateUser(ctx, store.System, name, "correct horse battery", role)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestLockoutPerAccount(t *testing.T) {
	forEachStore(t, func(t *testing.T, st store.Store) {
		s, clk := newService(t, st)
		mustUser(t, s, "bob", Viewer)
		for i := range 5 {
			if _, _, err := s.Login(ctx, "bob", "wrong password!", "10.0.0.1", ""); !errors.Is(err, ErrBadCredentials) {
				t.Fatalf("attempt %d: %v, want bad credentials", i+1, err)
			}
		}
		_, _, err := s.Login(ctx, "bob", "correct horse battery", "10.0.0.2", "")
		var le *LockedError
		if !errors.As(err, &le) || le.Source || le.RetryAfter <= 0 || le.RetryAfter > 15*time.Minute {
			t.Fatalf("6th attempt with the right password: %v, want account lockout", err)
		}
		clk.advance(15*time.Minute + time.Second)
		if _, _, err := s.Login(ctx, "BOB", "correct horse battery", "10.0.0.2", ""); err != nil {
			t.Fatalf("after the window: %v", err)
		}
		// The success reset the count: four more failures do not lock.
		for range 4 {
			s.Login(ctx, "bob", "wrong password!", "10.0.0.3", "")
		}
		if _, _, err := s.Login(ctx, "bob", "correct horse battery", "10.0.0.3", ""); err != nil {
			t.Fatalf("after reset and 4 failures: %v", err)
		}
		// An admin unlock lifts a lock at once.
		for range 5 {
			s.Login(ctx, "bob", "wrong password!", "10.0.0.4", "")
		}
		if _, _, err := s.Login(ctx, "bob", "correct horse battery", "10.0.0.4", ""); !errors.Is(err, ErrLocked) {
			t.Fatalf("want locked, got %v", err)
		}
		if err := s.Unlock(ctx, store.System, "bob"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Login(ctx, "bob", "correct horse battery", "10.0.0.4", ""); err != nil {
			t.Fatalf("after unlock: %v", err)
		}
	})
}

func TestLockoutPerSource(t *testing.T) {
	forEachStore(t, func(t *testing.T, st store.Store) {
		s, _ := newService(t, st)
		mustUser(t, s, "carol", Viewer)
		// Spraying many (also unknown) accounts from one source trips the source limit.
		for i := range 20 {
			if _, _, err := s.Login(ctx, fmt.Sprintf("user%d", i), "wrong password!", "192.0.2.7", ""); !errors.Is(err, ErrBadCredentials) {
				t.Fatalf("attempt %d: %v", i, err)
			}
		}
		_, _, err := s.Login(ctx, "carol", "correct horse battery", "192.0.2.7", "")
		var le *LockedError
		if !errors.As(err, &le) || !le.Source {
			t.Fatalf("from the noisy source: %v, want source lockout", err)
		}
		if _, _, err := s.Login(ctx, "carol", "correct horse battery", "192.0.2.8", ""); err != nil {
			t.Fatalf("from another source: %v", err)
		}
	})
}

func TestLoginRefusals(t *testing.T) {
	forEachStore(t, func(t *testing.T, st store.Store) {
		s, _ := newService(t, st)
		u := mustUser(t, s, "dave", Curator)
		for _, c := range []struct{ name, user, pw string }{
			{"unknown user", "nobody", "correct horse battery"},
			{"wrong password", "dave", "correct horse batterY"},
			{"bad username", "dave smith", "correct horse battery"},
			{"overlong password", "dave", strings.Repeat("x", MaxPasswordLen+1)},
		} {
			if _, _, err := s.Login(ctx, c.user, c.pw, "10.1.1.1", ""); !errors.Is(err, ErrBadCredentials) {
				t.Errorf("%s: %v, want bad credentials", c.name, err)
			}
		}
		if err := st.SetUserDisabled(ctx, store.System, u.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Login(ctx, "dave", "correct horse battery", "10.1.1.2", ""); !errors.Is(err, ErrBadCredentials) {
			t.Errorf("disabled user: %v, want bad credentials", err)
		}
	})
}

func TestSessions(t *testing.T) {
	forEachStore(t, func(t *testing.T, st store.Store) {
		s, clk := newService(t, st)
		u := mustUser(t, s, "erin", Manufacturer)
		tok, p, err := s.Login(ctx, "erin", "correct horse battery", "10.0.0.1", "r1")
		if err != nil {
			t.Fatal(err)
		}
		if p.Role != Manufacturer || p.User.ID != u.ID || !strings.HasPrefix(tok, sessionPrefix) {
			t.Fatalf("login principal %+v token %q", p, tok)
		}
		if _, err := st.SessionByHash(ctx, tok); err == nil {
			t.Fatal("session stored under its clear token")
		}
		got, err := s.Session(ctx, tok)
		if err != nil || got.User.ID != u.ID {
			t.Fatalf("Session = %+v, %v", got, err)
		}
		for _, bad := range []string{"", "bds_short", tok + "x", strings.Replace(tok, "bds_", "bdt_", 1)} {
			if _, err := s.Session(ctx, bad); !errors.Is(err, ErrUnauthenticated) {
				t.Errorf("Session(%q) = %v", bad, err)
			}
		}
		if err := s.Logout(ctx, p.Actor("r2", ""), tok); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Session(ctx, tok); !errors.Is(err, ErrUnauthenticated) {
			t.Errorf("after logout: %v", err)
		}
		if err := s.Logout(ctx, p.Actor("r3", ""), tok); err != nil {
			t.Errorf("second logout: %v", err)
		}
		tok, _, _ = s.Login(ctx, "erin", "correct horse battery", "10.0.0.1", "")
		clk.advance(12*time.Hour + time.Second)
		if _, err := s.Session(ctx, tok); !errors.Is(err, ErrUnauthenticated) {
			t.Errorf("expired session: %v", err)
		}
		tok, _, _ = s.Login(ctx, "erin", "correct horse battery", "10.0.0.1", "")
		old := "correct horse battery"
		if err := s.SetPassword(ctx, store.System, u.ID, &old, "a brand new passphrase"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Session(ctx, tok); !errors.Is(err, ErrUnauthenticated) {
			t.Errorf("session after password change: %v", err)
		}
		wrong := "not my password"
		if err := s.SetPassword(ctx, store.System, u.ID, &wrong, "another new passphrase"); !errors.Is(err, ErrBadCredentials) {
			t.Errorf("change with wrong old password: %v", err)
		}
		var pe *PolicyError
		if err := s.SetPassword(ctx, store.System, u.ID, nil, "short"); !errors.As(err, &pe) {
			t.Errorf("short password: %v", err)
		}
	})
}

func TestHousekeep(t *testing.T) {
	st := open(t, filepath.Join(t.TempDir(), "hk.db"))
	s, clk := newService(t, st)
	mustUser(t, s, "fay", Viewer)
	tok, _, err := s.Login(ctx, "fay", "correct horse battery", "10.0.0.1", "")
	if err != nil {
		t.Fatal(err)
	}
	s.Login(ctx, "fay", "wrong password!", "10.0.0.1", "")
	if n, m, err := s.Housekeep(ctx); err != nil || n != 0 || m != 0 {
		t.Fatalf("fresh: %d sessions, %d logins, %v; want nothing removed", n, m, err)
	}
	clk.advance(LoginRetention + time.Hour)
	n, m, err := s.Housekeep(ctx)
	if err != nil || n != 1 || m != 2 {
		t.Errorf("after retention: %d sessions, %d logins, %v; want 1 and 2", n, m, err)
	}
	if _, err := s.Session(ctx, tok); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("session after housekeeping: %v", err)
	}
}
