package web

import (
	"testing"

	"github.com/bydesign-iot/bydesign/internal/testdb"
)

// pgEnv names the variable that enables the PostgreSQL runs.
const pgEnv = testdb.Env

// backend makes fresh, empty stores of one dialect for test servers.
type backend struct {
	name string
	// dsn returns the DSN of a new empty database that is removed when the
	// test ends; on PostgreSQL it skips the test when pgEnv is unset.
	dsn func(t testing.TB) string
}

var (
	sqliteBackend   = backend{"sqlite", testdb.SQLite}
	postgresBackend = backend{"postgres", testdb.PostgresDatabase} // a database each: the store takes advisory locks
)

// onBackends runs test once per backend, as subtests named "sqlite" and
// "postgres", so a failure says which store it came from.
func onBackends(t *testing.T, test func(t *testing.T, b backend)) {
	t.Helper()
	for _, b := range []backend{sqliteBackend, postgresBackend} {
		t.Run(b.name, func(t *testing.T) { test(t, b) })
	}
}
