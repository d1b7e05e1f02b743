package store

import (
	"sync"
	"testing"
	"time"
)

// testLoginHistoryKept checks that a successful login resets the account's
// count without deleting its failures, which stay for review.
func testLoginHistoryKept(t *testing.T, d *DB) {
	now := time.Now().UTC()
	since := now.Add(-time.Hour)
	for range 3 {
		if err := d.RecordLogin(ctx, LoginAttempt{Account: "erin", Source: "192.0.2.1", At: now}); err != nil {
			t.Fatal(err)
		}
	}
	f, id, err := d.BeginLogin(ctx, LoginAttempt{Account: "erin", Source: "192.0.2.2", At: now}, since, 5, 20)
	if err != nil || id == 0 || f.Account != 3 {
		t.Fatalf("BeginLogin = %+v, %d, %v; want 3 earlier failures and an attempt id", f, id, err)
	}
	if err := d.SucceedLogin(ctx, id); err != nil {
		t.Fatal(err)
	}
	wantErr(t, "succeed unknown attempt", d.SucceedLogin(ctx, id+1000), ErrNotFound)
	f = must[LoginFailures](t)(d.CountLoginFailures(ctx, "erin", "192.0.2.1", since))
	if f.Account != 0 || f.Source != 3 {
		t.Errorf("after success: %+v, want account 0 and source 3", f)
	}
	// A failure in the same microsecond as the success still counts: the
	// order is by id, not by time.
	if err := d.RecordLogin(ctx, LoginAttempt{Account: "erin", Source: "192.0.2.1", At: now}); err != nil {
		t.Fatal(err)
	}
	if f := must[LoginFailures](t)(d.CountLoginFailures(ctx, "erin", "192.0.2.1", since)); f.Account != 1 {
		t.Errorf("failure after the success: account count %d, want 1", f.Account)
	}
	var rows, failures int
	if err := d.read().row(ctx, `SELECT count(*), sum(CASE WHEN success THEN 0 ELSE 1 END) FROM login_attempts WHERE account = ?`, "erin").Scan(&rows, &failures); err != nil {
		t.Fatal(err)
	}
	if rows != 5 || failures != 4 {
		t.Errorf("stored attempts: %d rows, %d failures; want 5 and 4 (nothing deleted)", rows, failures)
	}
}

// testBeginLoginConcurrent sends many attempts at once for one account and
// checks that no more than the limit are let through to the password
// check, however the transactions interleave.
func testBeginLoginConcurrent(t *testing.T, d *DB) {
	const attempts, limit = 30, 5
	now := time.Now().UTC()
	var wg sync.WaitGroup
	var mu sync.Mutex
	admitted := 0
	for i := range attempts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src := "198.51.100." + string(rune('0'+i%10))
			_, id, err := d.BeginLogin(ctx, LoginAttempt{Account: "frank", Source: src, At: now}, now.Add(-time.Hour), limit, 1000)
			if err != nil {
				t.Error(err)
				return
			}
			if id != 0 {
				mu.Lock()
				admitted++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if admitted != limit {
		t.Errorf("%d of %d concurrent attempts admitted, want exactly %d", admitted, attempts, limit)
	}
	f := must[LoginFailures](t)(d.CountLoginFailures(ctx, "frank", "", now.Add(-time.Hour)))
	if f.Account != limit {
		t.Errorf("recorded failures %d, want %d", f.Account, limit)
	}
}
