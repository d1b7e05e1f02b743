package auth

import (
	"errors"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/store"
)

// Several servers starting on one empty database each print a setup link.
// Once any link (or the admin secret file) has created an account, the
// others must not create a second administrator.
func TestSetupLinkDeadOnceAnAccountExists(t *testing.T) {
	forEachStore(t, func(t *testing.T, st store.Store) {
		s, _ := newService(t, st)
		first, err := s.Bootstrap(ctx, "", "")
		if err != nil {
			t.Fatal(err)
		}
		second, err := s.Bootstrap(ctx, "", "")
		if err != nil || second == "" {
			t.Fatalf("second server's Bootstrap = %q, %v", second, err)
		}
		if _, err := s.CompleteSetup(ctx, first, "root", "correct horse battery", "", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CompleteSetup(ctx, second, "intruder", "correct horse battery", "", ""); !errors.Is(err, ErrUnauthenticated) {
			t.Errorf("second setup link after setup: %v, want unauthenticated", err)
		}
		if n, _ := st.CountUsers(ctx); n != 1 {
			t.Errorf("%d accounts after two setup links, want 1", n)
		}
	})
}
