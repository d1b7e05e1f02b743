package store

import (
	"context"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/testdb"
)

// pgEnv names the variable that enables the PostgreSQL runs.
const pgEnv = testdb.Env

// backend opens fresh, isolated databases of one dialect.
type backend struct {
	name string
	// dsn returns a DSN for a new empty database that is removed when the
	// test ends.
	dsn func(t testing.TB) string
}

// backends lists SQLite, and PostgreSQL (a schema per test), which skips
// with a message naming pgEnv unless it is set.
func backends(testing.TB) []backend {
	return []backend{{"sqlite", testdb.SQLite}, {"postgres", testdb.PostgresSchema}}
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
