package web

import (
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

// backend makes fresh, empty stores of one dialect for test servers.
type backend struct {
	name string
	// dsn returns the DSN of a new empty database that is removed when the
	// test ends; on PostgreSQL it skips the test when pgEnv is unset.
	dsn func(t testing.TB) string
}

var (
	sqliteBackend = backend{"sqlite", func(t testing.TB) string {
		return filepath.Join(t.TempDir(), "test.db")
	}}
	postgresBackend = backend{"postgres", func(t testing.TB) string {
		base := os.Getenv(pgEnv)
		if base == "" {
			t.Skipf("PostgreSQL not configured: set %s=postgres://USER@127.0.0.1:5432/DB?sslmode=disable to run this on PostgreSQL", pgEnv)
		}
		return pgDatabase(t, base)
	}}
)

// onBackends runs test once per backend, as subtests named "sqlite" and
// "postgres", so a failure says which store it came from.
func onBackends(t *testing.T, test func(t *testing.T, b backend)) {
	t.Helper()
	for _, b := range []backend{sqliteBackend, postgresBackend} {
		t.Run(b.name, func(t *testing.T) { test(t, b) })
	}
}

// pgDatabase creates a database of its own for the test and drops it at
// cleanup. A whole database, not a schema, so that advisory locks (which
// are per database) and anything else database-wide stay private to the
// test server too.
func pgDatabase(t testing.TB, base string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", pgEnv, err)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("%s: %v", pgEnv, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "bydesign_web_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		admin.Close()
		t.Fatalf("%s: create database: %v", pgEnv, err)
	}
	// Registered before the caller opens its store, so it runs after the
	// store's own cleanup has closed it; FORCE ends any connection left.
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("%s: drop database %s: %v", pgEnv, name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}
