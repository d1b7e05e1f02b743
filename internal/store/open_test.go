package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentStarts opens one fresh database from several goroutines at
// once, as several servers starting together would: each must succeed and
// the migrations must be applied exactly once.
func TestConcurrentStarts(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			const n = 4
			var wg sync.WaitGroup
			errs := make([]error, n)
			dbs := make([]*DB, n)
			for i := range n {
				wg.Go(func() { dbs[i], errs[i] = Open(ctx, dsn) })
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("start %d: %v", i, err)
					continue
				}
				defer dbs[i].Close()
			}
			if t.Failed() {
				return
			}
			var rows int
			if err := dbs[0].r.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&rows); err != nil || rows != latestVersion(dbs[0].dialect) {
				t.Errorf("schema_migrations has %d rows (%v), want %d", rows, err, latestVersion(dbs[0].dialect))
			}
		})
	}
}

func TestOpenSQLiteFile(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(ctx, filepath.Join(dir, "missing", "bydesign.db")); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("a path in a missing directory: %v, want an error naming it", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing")); err == nil {
		t.Error("Open created the missing directory")
	}
	file := filepath.Join(dir, "plain")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, filepath.Join(file, "bydesign.db")); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "is not a directory") {
		t.Errorf("a path under a file: %v, want ErrInvalid saying it is not a directory", err)
	}
	path := filepath.Join(dir, "bydesign.db")
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("database file mode %v (%v), want 0600", st.Mode().Perm(), err)
	}
	var mode string
	d.w.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
	var fk int
	d.w.QueryRow(`PRAGMA foreign_keys`).Scan(&fk)
	if !strings.EqualFold(mode, "wal") || fk != 1 {
		t.Errorf("journal_mode %q foreign_keys %d, want wal and 1", mode, fk)
	}
	if _, err := d.r.Exec(`DELETE FROM users`); err == nil {
		t.Error("the read pool accepted a write")
	}
	for _, bad := range []string{"", "x.db?mode=memory", "file:", "mysql://u:p@h/db", "sqlite://x.db"} {
		if _, err := Open(ctx, bad); err == nil {
			t.Errorf("Open(%q) accepted", bad)
		}
	}
}

// TestTwoStoresOneSQLiteFile: two stores on one file lock like two server
// processes would; the busy timeout and immediate transactions must let
// every write through without SQLITE_BUSY.
func TestTwoStoresOneSQLiteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	a, b := openAt(t, path), openAt(t, path)
	defer a.Close()
	defer b.Close()
	const each = 100
	var wg sync.WaitGroup
	errs := make(chan error, 2*each)
	for i, d := range []*DB{a, b} {
		wg.Go(func() {
			for j := range each {
				if _, err := d.CreateProduct(ctx, alice, Product{Manufacturer: fmt.Sprint("s", i), Model: fmt.Sprint(j)}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("write: %v", err)
	}
	if l := must[List[Product]](t)(a.ListProducts(ctx, ProductFilter{}, Page{Limit: MaxLimit})); len(l.Items) != 2*each {
		t.Errorf("%d products, want %d", len(l.Items), 2*each)
	}
}
