package auth

import (
	"errors"
	"fmt"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/store"
)

// One IPv6 host is usually given a whole /64, so counting failures per
// address would let it spray passwords from a fresh address every time.
// Failures count per /64 for IPv6 and per address for IPv4.
func TestLockoutPerSourceIPv6Network(t *testing.T) {
	forEachStore(t, func(t *testing.T, st store.Store) {
		s, _ := newService(t, st)
		mustUser(t, s, "dave", Viewer)
		for i := range 20 {
			src := fmt.Sprintf("2001:db8:1:2::%x", i+1)
			if _, _, err := s.Login(ctx, fmt.Sprintf("user%d", i), "wrong password!", src, ""); !errors.Is(err, ErrBadCredentials) {
				t.Fatalf("attempt %d: %v", i, err)
			}
		}
		_, _, err := s.Login(ctx, "dave", "correct horse battery", "2001:db8:1:2:ffff::1", "")
		var le *LockedError
		if !errors.As(err, &le) || !le.Source {
			t.Fatalf("from a fresh address in the same /64: %v, want source lockout", err)
		}
		if _, _, err := s.Login(ctx, "dave", "correct horse battery", "2001:db8:1:3::1", ""); err != nil {
			t.Fatalf("from another /64: %v", err)
		}
		if _, _, err := s.Login(ctx, "dave", "correct horse battery", "192.0.2.9", ""); err != nil {
			t.Fatalf("from IPv4: %v", err)
		}
	})
}
