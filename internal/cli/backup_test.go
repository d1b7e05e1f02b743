package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/store"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestBackupRestoreCommands(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "bydesign.db")
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateProduct(ctx, store.System, store.Product{Manufacturer: "Acme", Model: "Cam"}); err != nil {
		t.Fatal(err)
	}
	defer st.Close() // stays open: backup must work beside a running server

	out := filepath.Join(dir, "b1.db")
	code, stdout, stderr := runCmd(t, "backup", "--db", db, "--out", out, "--format", "json")
	if code != ExitOK {
		t.Fatalf("backup exit %d: %s", code, stderr)
	}
	var res backupResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || res.Products != 1 || res.Path != out {
		t.Fatalf("backup output %q (%v)", stdout, err)
	}

	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"backup over existing", []string{"backup", "--db", db, "--out", out}, ExitUsage, "exists"},
		{"backup without --out", []string{"backup", "--db", db}, ExitUsage, "--out FILE is required"},
		{"backup of missing db", []string{"backup", "--db", filepath.Join(dir, "none.db"), "--out", filepath.Join(dir, "x.db")}, ExitUsage, "database"},
		{"restore over existing", []string{"restore", "--db", db, "--from", out}, ExitUsage, "pass --force"},
		{"restore from garbage", []string{"restore", "--db", filepath.Join(dir, "n.db"), "--from", db + "-wal"}, ExitUsage, "restore:"},
		{"bad format", []string{"backup", "--db", db, "--out", filepath.Join(dir, "y.db"), "--format", "csv"}, ExitUsage, "unknown format"},
	} {
		code, _, stderr := runCmd(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", c.name, code, stderr, c.code, c.want)
		}
	}

	st.Close()
	code, stdout, stderr = runCmd(t, "restore", "--db", db, "--from", out, "--force")
	if code != ExitOK || !strings.Contains(stdout, "database restored") || !strings.Contains(stderr, "saved the current database as") {
		t.Fatalf("restore --force: exit %d\n%s\n%s", code, stdout, stderr)
	}
	saved, _ := filepath.Glob(db + ".before-restore-*")
	if len(saved) != 1 {
		t.Errorf("safety copies: %v", saved)
	}
	fresh := filepath.Join(dir, "fresh.db")
	if code, _, stderr := runCmd(t, "restore", "--db", fresh, "--from", out); code != ExitOK {
		t.Fatalf("restore to a new file: %d %s", code, stderr)
	}
	st2, err := store.Open(ctx, fresh)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	l, err := st2.ListProducts(ctx, store.ProductFilter{}, store.Page{})
	if err != nil || len(l.Items) != 1 || l.Items[0].Model != "Cam" {
		t.Errorf("restored products %+v %v", l.Items, err)
	}
}

func TestBackupPostgresGuidance(t *testing.T) {
	code, stdout, stderr := runCmd(t, "backup", "--db", "postgres://app:hunter2@127.0.0.1:5432/bydesign?sslmode=disable", "--out", "x.dump")
	// Guidance goes to stderr with a failing exit, so a backup script never
	// mistakes it for a finished backup.
	if code != ExitUsage || stdout != "" || !strings.Contains(stderr, "pg_dump --format=custom --file=x.dump") || !strings.Contains(stderr, "pg_restore") {
		t.Errorf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if strings.Contains(stdout+stderr, "hunter2") {
		t.Errorf("guidance leaks the password:\n%s", stderr)
	}
	golden(t, "backup-postgres.txt", stderr)
	if _, err := os.Stat("x.dump"); err == nil {
		t.Error("a file was written for PostgreSQL")
	}
}
