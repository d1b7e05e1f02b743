package auth

import (
	"errors"
	"sync"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/store"
)

// TestConcurrentGuessesStayUnderLimit sends many wrong passwords for one
// account at once. Each login hashes for a while between the throttle
// check and recording the outcome, so without recording first they would
// all pass the check; with it, at most MaxAccountFailures reach the
// password check and the rest are refused as locked.
func TestConcurrentGuessesStayUnderLimit(t *testing.T) {
	forEachStore(t, func(t *testing.T, st store.Store) {
		s, clk := newService(t, st)
		mustUser(t, s, "grace", Viewer)
		const guesses = 24
		var wg sync.WaitGroup
		var mu sync.Mutex
		checked, locked := 0, 0
		for range guesses {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _, err := s.Login(ctx, "grace", "not the password", "203.0.113.5", "")
				mu.Lock()
				defer mu.Unlock()
				switch {
				case errors.Is(err, ErrBadCredentials):
					checked++
				case errors.Is(err, ErrLocked):
					locked++
				default:
					t.Errorf("guess: %v", err)
				}
			}()
		}
		wg.Wait()
		if max := s.opt.MaxAccountFailures; checked > max || checked+locked != guesses {
			t.Errorf("%d guesses reached the password check, %d locked; want at most %d checked", checked, locked, max)
		}
		f, err := st.CountLoginFailures(ctx, "grace", "203.0.113.5", clk.Now().Add(-s.opt.Window))
		if err != nil {
			t.Fatal(err)
		}
		if f.Account > s.opt.MaxAccountFailures {
			t.Errorf("%d failures recorded, limit %d", f.Account, s.opt.MaxAccountFailures)
		}
	})
}
