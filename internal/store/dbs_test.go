package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// pgEnv names the variable that enables the PostgreSQL runs.
const pgEnv = "BYDESIGN_TEST_POSTGRES"

// backend opens fresh, isolated databases of one dialect.
type backend struct {
	name string
	// dsn returns a DSN for a new empty database that is removed when the
	// test ends.
	dsn func(t testing.TB) string
}

// backends lists SQLite, and PostgreSQL, which skips with a message
// naming pgEnv unless it is set.
func backends(t testing.TB) []backend {
	bs := []backend{{"sqlite", func(t testing.TB) string {
		return filepath.Join(t.TempDir(), "bydesign.db")
	}}}
	if base := os.Getenv(pgEnv); base != "" {
		bs = append(bs, backend{"postgres", func(t testing.TB) string { return pgSchema(t, base) }})
	} else {
		bs = append(bs, backend{"postgres", func(t testing.TB) string {
			t.Skipf("PostgreSQL not configured: set %s=postgres://USER@127.0.0.1:5432/DB?sslmode=disable to run this on PostgreSQL", pgEnv)
			return ""
		}})
	}
	return bs
}

// pgSchema creates a schema of its own for the test and returns a DSN whose
// search_path points at it, so tests never see each other's rows.
func pgSchema(t testing.TB, base string) string {
	t.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "bydesign_test_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		t.Fatalf("%s: create schema: %v", pgEnv, err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", pgEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// openDB opens a fresh store of the backend and closes it at the end.
func openDB(t testing.TB, b backend) *DB {
	t.Helper()
	d, err := Open(context.Background(), b.dsn(t))
	if err != nil {
		t.Fatalf("open %s: %v", b.name, err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}
