package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func TestBackupAndRestoreSQLite(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "live.db")
	d, err := Open(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	newUser(t, d, "admin", "admin")
	for i := range 50 {
		must[Product](t)(d.CreateProduct(ctx, alice, Product{Manufacturer: "M", Model: fmt.Sprint("before-", i)}))
	}

	// Keep writing while the backup runs: it must neither block nor fail them.
	var stop atomic.Bool
	var wg sync.WaitGroup
	var writeErr error
	wg.Go(func() {
		for i := 0; !stop.Load(); i++ {
			if _, err := d.CreateProduct(ctx, alice, Product{Manufacturer: "W", Model: fmt.Sprint("during-", i)}); err != nil {
				writeErr = err
				return
			}
		}
	})
	out := filepath.Join(dir, "backup.db")
	info, err := BackupSQLite(ctx, src, out)
	stop.Store(true)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if writeErr != nil {
		t.Fatalf("write during backup: %v", writeErr)
	}
	if info.Users != 1 || info.Products < 50 || info.SchemaVersion != latestVersion("sqlite") || info.AuditEntries != info.Products+1 {
		t.Errorf("backup info %+v", info)
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %04o, want 0600", st.Mode().Perm())
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".backup.db.partial-*")); len(left) > 0 {
		t.Errorf("partial files left: %v", left)
	}
	if _, err := BackupSQLite(ctx, src, out); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("backup over an existing file: %v", err)
	}

	// Restore over a database with other content, then over a new path.
	other := filepath.Join(dir, "other.db")
	o := openAt(t, other)
	newUser(t, o, "intruder", "admin")
	o.Close()
	for _, dst := range []string{other, filepath.Join(dir, "fresh.db")} {
		got, err := RestoreSQLite(ctx, out, dst)
		if err != nil {
			t.Fatalf("restore to %s: %v", dst, err)
		}
		if got.Products != info.Products || got.Users != 1 || got.AuditEntries != info.AuditEntries {
			t.Errorf("restored %+v, want the backup's %+v", got, info)
		}
		r := openAt(t, dst)
		if _, err := r.UserByName(ctx, "intruder"); !errors.Is(err, ErrNotFound) {
			t.Errorf("restore kept old rows: %v", err)
		}
		if _, err := r.UserByName(ctx, "admin"); err != nil {
			t.Errorf("restored admin: %v", err)
		}
		r.Close()
	}
}

func TestRestoreRefusesBadBackups(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, []byte(strings.Repeat("not a database ", 500)), 0o600)
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	foreign := filepath.Join(dir, "foreign.db")
	f := openAt(t, foreign)
	f.w.Exec(`DROP TABLE schema_migrations`)
	f.Close()
	dst := filepath.Join(dir, "target.db")
	for _, c := range []struct{ from, want string }{
		{garbage, "not a SQLite database"},
		{empty, "no bydesign schema"},
		{foreign, "no bydesign schema"},
		{filepath.Join(dir, "missing.db"), "no such file"},
	} {
		if _, err := RestoreSQLite(ctx, c.from, dst); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("restore from %s: %v, want %q", filepath.Base(c.from), err, c.want)
		}
	}
	if _, err := os.Stat(dst); err == nil {
		t.Error("a refused restore created the target")
	}
	if _, err := BackupSQLite(ctx, "postgres://x/y", "out"); !errors.Is(err, ErrPostgresBackup) {
		t.Errorf("postgres backup: %v", err)
	}
}

func openAt(t *testing.T, path string) *DB {
	t.Helper()
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
