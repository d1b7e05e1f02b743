package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/store"
)

// TestUnlock: the command clears a locked account's failures straight in
// the database, records who did it, and refuses unknown accounts.
func TestUnlock(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "b.db")
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateUser(ctx, store.Actor{Name: "test"}, store.User{Username: "admin", Role: "admin", PasswordHash: "h"}); err != nil {
		t.Fatal(err)
	}
	for range 6 {
		if err := st.RecordLogin(ctx, store.LoginAttempt{Account: "admin", Source: "192.0.2.9"}); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	if code, out, errOut := run(t, "unlock", "--db", db, "Admin"); code != ExitOK || !strings.Contains(out, `"admin"`) {
		t.Fatalf("unlock: exit %d, %q %q", code, out, errOut)
	}
	st, err = store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	f, err := st.CountLoginFailures(ctx, "admin", "192.0.2.9", time.Now().Add(-time.Hour))
	if err != nil || f.Account != 0 {
		t.Errorf("failures after unlock: %+v %v", f, err)
	}
	audit, err := st.ListAudit(ctx, store.AuditFilter{}, store.Page{Limit: 10})
	if err != nil || len(audit.Items) == 0 || audit.Items[0].Action != "login.unlock" || audit.Items[0].ActorName != "unlock command" {
		t.Errorf("audit after unlock: %+v %v", audit.Items, err)
	}
	if code, _, errOut := run(t, "unlock", "--db", db, "nobody"); code != ExitUsage || !strings.Contains(errOut, "no account") {
		t.Errorf("unknown account: exit %d, %q", code, errOut)
	}
	if code, _, _ := run(t, "unlock", "--db", db); code != ExitUsage {
		t.Errorf("no username: exit %d", code)
	}
	missing := filepath.Join(t.TempDir(), "typo.db")
	if code, _, errOut := run(t, "unlock", "--db", missing, "admin"); code != ExitUsage || !strings.Contains(errOut, "typo.db") {
		t.Errorf("missing database: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("unlock created %s", missing)
	}
}
