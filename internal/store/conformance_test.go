package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"
)

// TestConformance runs the same behaviour checks on every backend: SQLite
// always, PostgreSQL when BYDESIGN_TEST_POSTGRES is set.
func TestConformance(t *testing.T) {
	cases := []struct {
		name string
		run  func(t *testing.T, d *DB)
	}{
		{"users", testUsers},
		{"tokens", testTokens},
		{"sessions", testSessions},
		{"logins", testLogins},
		{"login history kept", testLoginHistoryKept},
		{"begin login serialises", testBeginLoginConcurrent},
		{"setup", testSetup},
		{"setup race", testSetupRace},
		{"products", testProducts},
		{"product search folds", testProductSearchFolds},
		{"results", testResults},
		{"curated", testCurated},
		{"drafts", testDrafts},
		{"pagination", testPagination},
		{"audit on every write", testAuditEveryWrite},
		{"concurrent writers", testConcurrentWriters},
		{"migrations idempotent", testMigrationsIdempotent},
	}
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) { c.run(t, openDB(t, b)) })
			}
		})
	}
}

var ctx = context.Background()

var alice = Actor{UserID: 0, Name: "alice", RequestID: "req-1", Source: "127.0.0.1"}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func wantErr(t *testing.T, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("%s: error %v, want %v", what, err, want)
	}
}

func newUser(t *testing.T, d *DB, name, role string) User {
	t.Helper()
	return must[User](t)(d.CreateUser(ctx, System, User{Username: name, Role: role, PasswordHash: "$hash$" + name}))
}

func testUsers(t *testing.T, d *DB) {
	u := newUser(t, d, "Alice", "admin")
	if u.ID == 0 || u.Created.IsZero() || u.Created.Location() != time.UTC {
		t.Fatalf("created user %+v: want id and UTC times", u)
	}
	got := must[User](t)(d.UserByName(ctx, "ALICE"))
	if !reflect.DeepEqual(got, u) {
		t.Errorf("UserByName = %+v, want %+v", got, u)
	}
	_, err := d.CreateUser(ctx, System, User{Username: "alice", Role: "viewer", PasswordHash: "h"})
	wantErr(t, "duplicate username (case folded)", err, ErrConflict)
	_, err = d.CreateUser(ctx, System, User{Username: "bob", Role: "viewer"})
	wantErr(t, "missing hash", err, ErrInvalid)
	_, err = d.User(ctx, 999)
	wantErr(t, "missing user", err, ErrNotFound)
	_, err = d.UserByName(ctx, "nobody")
	wantErr(t, "missing username", err, ErrNotFound)

	s := must[Session](t)(d.CreateSession(ctx, System, Session{Hash: "s1", UserID: u.ID, Expires: time.Now().Add(time.Hour)}))
	if err := d.SetUserRole(ctx, alice, u.ID, "curator"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.SessionByHash(ctx, s.Hash); err != nil {
		t.Errorf("role change ended the session: %v", err)
	}
	if err := d.SetUserPassword(ctx, alice, u.ID, "$new"); err != nil {
		t.Fatal(err)
	}
	_, err = d.SessionByHash(ctx, s.Hash)
	wantErr(t, "session after password change", err, ErrNotFound)
	if err := d.SetUserDisabled(ctx, alice, u.ID, true); err != nil {
		t.Fatal(err)
	}
	got = must[User](t)(d.User(ctx, u.ID))
	if got.Role != "curator" || got.PasswordHash != "$new" || !got.Disabled {
		t.Errorf("after updates: %+v", got)
	}
	wantErr(t, "role of missing user", d.SetUserRole(ctx, alice, 999, "admin"), ErrNotFound)
	wantErr(t, "password of missing user", d.SetUserPassword(ctx, alice, 999, "x"), ErrNotFound)
	if n := must[int](t)(d.CountUsers(ctx)); n != 1 {
		t.Errorf("CountUsers = %d, want 1", n)
	}
}

func testTokens(t *testing.T, d *DB) {
	u := newUser(t, d, "maker", "manufacturer")
	exp := time.Date(2030, 1, 2, 3, 4, 5, 123456000, time.FixedZone("X", 3600))
	tok := must[APIToken](t)(d.CreateToken(ctx, alice, APIToken{UserID: u.ID, Name: "ci", Prefix: "bdt_abc", Hash: "h1", Role: "viewer", Expires: exp}))
	if !tok.Expires.Equal(exp) || tok.Expires.Location() != time.UTC {
		t.Errorf("expires %v, want %v in UTC", tok.Expires, exp)
	}
	got := must[APIToken](t)(d.TokenByHash(ctx, "h1"))
	if !reflect.DeepEqual(got, tok) {
		t.Errorf("TokenByHash = %+v, want %+v", got, tok)
	}
	if got := must[APIToken](t)(d.TokenByID(ctx, tok.ID)); !reflect.DeepEqual(got, tok) {
		t.Errorf("TokenByID = %+v, want %+v", got, tok)
	}
	_, err := d.TokenByID(ctx, tok.ID+1000)
	wantErr(t, "unknown token id", err, ErrNotFound)
	_, err = d.CreateToken(ctx, alice, APIToken{UserID: u.ID, Name: "dup", Hash: "h1", Role: "viewer"})
	wantErr(t, "duplicate hash", err, ErrConflict)
	_, err = d.CreateToken(ctx, alice, APIToken{UserID: 999, Name: "x", Hash: "h2", Role: "viewer"})
	wantErr(t, "token of missing user", err, ErrNotFound)
	at := time.Now().UTC().Truncate(time.Microsecond)
	if err := d.TouchToken(ctx, tok.ID, at); err != nil {
		t.Fatal(err)
	}
	l := must[[]APIToken](t)(d.ListTokens(ctx, u.ID))
	if len(l) != 1 || !l[0].LastUsed.Equal(at) {
		t.Errorf("ListTokens = %+v, want one with LastUsed %v", l, at)
	}
	wantErr(t, "delete another user's token", d.DeleteToken(ctx, alice, u.ID+1, tok.ID), ErrNotFound)
	if err := d.DeleteToken(ctx, alice, u.ID, tok.ID); err != nil {
		t.Fatal(err)
	}
	_, err = d.TokenByHash(ctx, "h1")
	wantErr(t, "deleted token", err, ErrNotFound)
	if l := must[[]APIToken](t)(d.ListTokens(ctx, u.ID)); len(l) != 0 {
		t.Errorf("tokens after delete: %+v", l)
	}
}

func testSessions(t *testing.T, d *DB) {
	u := newUser(t, d, "v", "viewer")
	now := time.Now().UTC()
	must[Session](t)(d.CreateSession(ctx, alice, Session{Hash: "old", UserID: u.ID, Expires: now.Add(-time.Minute)}))
	s := must[Session](t)(d.CreateSession(ctx, alice, Session{Hash: "live", UserID: u.ID, Expires: now.Add(time.Hour)}))
	_, err := d.CreateSession(ctx, alice, Session{Hash: "live", UserID: u.ID, Expires: now.Add(time.Hour)})
	wantErr(t, "duplicate session", err, ErrConflict)
	_, err = d.CreateSession(ctx, alice, Session{Hash: "x", UserID: 999, Expires: now.Add(time.Hour)})
	wantErr(t, "session of missing user", err, ErrNotFound)
	seen, exp := now.Add(time.Minute).Truncate(time.Microsecond), now.Add(2*time.Hour).Truncate(time.Microsecond)
	if err := d.TouchSession(ctx, "live", seen, exp); err != nil {
		t.Fatal(err)
	}
	got := must[Session](t)(d.SessionByHash(ctx, "live"))
	if !got.LastSeen.Equal(seen) || !got.Expires.Equal(exp) || !got.Created.Equal(s.Created) {
		t.Errorf("after touch: %+v", got)
	}
	if n := must[int64](t)(d.DeleteExpiredSessions(ctx, now)); n != 1 {
		t.Errorf("DeleteExpiredSessions = %d, want 1", n)
	}
	if err := d.DeleteSession(ctx, alice, "live"); err != nil {
		t.Fatal(err)
	}
	wantErr(t, "delete twice", d.DeleteSession(ctx, alice, "live"), ErrNotFound)
}

func testLogins(t *testing.T, d *DB) {
	base := time.Now().UTC().Add(-time.Hour)
	rec := func(acct, src string, ok bool, at time.Time) {
		t.Helper()
		if err := d.RecordLogin(ctx, LoginAttempt{Account: acct, Source: src, Success: ok, At: at}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 5 {
		rec("bob", "10.0.0.1", false, base.Add(time.Duration(i)*time.Minute))
	}
	rec("carol", "10.0.0.1", false, base.Add(10*time.Minute))
	f := must[LoginFailures](t)(d.CountLoginFailures(ctx, "bob", "10.0.0.1", base.Add(90*time.Second)))
	want := LoginFailures{Account: 3, Source: 4, LastAccount: base.Add(4 * time.Minute).Truncate(time.Microsecond), LastSource: base.Add(10 * time.Minute).Truncate(time.Microsecond)}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("CountLoginFailures = %+v, want %+v", f, want)
	}
	rec("bob", "10.0.0.2", true, base.Add(20*time.Minute))
	f = must[LoginFailures](t)(d.CountLoginFailures(ctx, "bob", "10.0.0.1", base))
	if f.Account != 0 || f.Source != 5 {
		t.Errorf("after success: %+v, want account reset to 0 and the source's 5 failures after base kept", f)
	}
	if err := d.ClearLoginFailures(ctx, alice, "carol"); err != nil {
		t.Fatal(err)
	}
	if f := must[LoginFailures](t)(d.CountLoginFailures(ctx, "carol", "10.0.0.1", base)); f.Account != 0 || f.Source != 4 {
		t.Errorf("after unlock: %+v, want carol's failure gone and bob's 4 from the source kept", f)
	}
	if n := must[int64](t)(d.PruneLogins(ctx, time.Now())); n != 6 {
		t.Errorf("PruneLogins = %d, want 6 (bob's failures, kept for review, and his success)", n)
	}
}

func testSetup(t *testing.T, d *DB) {
	now := time.Now().UTC()
	if err := d.CreateSetupToken(ctx, System, "st", now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := d.CreateSetupToken(ctx, System, "expired", now.Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	admin := User{Username: "root", Role: "admin", PasswordHash: "h"}
	_, err := d.CompleteSetup(ctx, System, "expired", now, admin)
	wantErr(t, "expired setup token", err, ErrNotFound)
	_, err = d.CompleteSetup(ctx, System, "st", now, User{Username: "root", Role: "admin"})
	wantErr(t, "invalid user keeps token", err, ErrInvalid)
	u := must[User](t)(d.CompleteSetup(ctx, System, "st", now, admin))
	if u.ID == 0 {
		t.Fatal("no user created")
	}
	_, err = d.CompleteSetup(ctx, System, "st", now, User{Username: "root2", Role: "admin", PasswordHash: "h"})
	wantErr(t, "setup token reuse", err, ErrNotFound)
	if n := must[int](t)(d.CountUsers(ctx)); n != 1 {
		t.Errorf("users = %d, want 1", n)
	}
}

// testSetupRace: servers started together on an empty database each issue
// a setup token; spent at the same moment, only one may create an account.
func testSetupRace(t *testing.T, d *DB) {
	now := time.Now().UTC()
	const n = 4
	for i := range n {
		if err := d.CreateSetupToken(ctx, System, fmt.Sprintf("race-%d", i), now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			_, errs[i] = d.CompleteSetup(ctx, System, fmt.Sprintf("race-%d", i), now,
				User{Username: fmt.Sprintf("admin%d", i), Role: "admin", PasswordHash: "h"})
		})
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else if !errors.Is(err, ErrConflict) && !errors.Is(err, ErrNotFound) {
			t.Errorf("losing setup: %v, want conflict or not found", err)
		}
	}
	if users := must[int](t)(d.CountUsers(ctx)); ok != 1 || users != 1 {
		t.Errorf("%d setups succeeded, %d users; want exactly one", ok, users)
	}
}
