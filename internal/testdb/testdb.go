// Package testdb gives tests fresh, private databases: a SQLite file in
// the test's temporary directory, or a PostgreSQL schema or database of
// their own on the server named by BYDESIGN_TEST_POSTGRES, dropped when the
// test ends. Without that variable the PostgreSQL helpers skip the test
// with a message saying how to enable it, so `go test ./...` passes on a
// machine without PostgreSQL and CI, which sets it, skips nothing.
package testdb

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
)

// Env names the variable holding the PostgreSQL server URL for tests.
const Env = "BYDESIGN_TEST_POSTGRES"

// PostgresConfigured reports whether Env is set.
func PostgresConfigured() bool { return os.Getenv(Env) != "" }

// SQLite returns the path of a new database file in t's temporary directory.
func SQLite(t testing.TB) string {
	return filepath.Join(t.TempDir(), "test.db")
}

// PostgresSchema returns a URL whose search_path is a new schema of the
// test's own: cheap, and enough when the code under test keeps to its
// tables.
func PostgresSchema(t testing.TB) string {
	t.Helper()
	base, admin := connect(t)
	name := "bydesign_test_" + suffix()
	if _, err := admin.Exec(`CREATE SCHEMA ` + name); err != nil {
		admin.Close()
		t.Fatalf("%s: create schema: %v", Env, err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec(`DROP SCHEMA IF EXISTS ` + name + ` CASCADE`); err != nil {
			t.Errorf("%s: drop schema %s: %v", Env, name, err)
		}
	})
	q := base.Query()
	q.Set("search_path", name)
	base.RawQuery = q.Encode()
	return base.String()
}

// PostgresDatabase returns the URL of a new database of the test's own, for
// code that takes database-wide advisory locks or must not share them. The
// role needs CREATEDB. The drop is registered before the caller opens
// anything, so it runs after the caller's own cleanups have closed their
// pools; FORCE ends any connection left over.
func PostgresDatabase(t testing.TB) string {
	t.Helper()
	base, admin := connect(t)
	name := "bydesign_test_" + suffix()
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		admin.Close()
		t.Fatalf("%s: create database: %v", Env, err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("%s: drop database %s: %v", Env, name, err)
		}
	})
	base.Path = "/" + name
	return base.String()
}

// connect skips t unless Env is set, and opens an administrative pool.
func connect(t testing.TB) (*url.URL, *sql.DB) {
	t.Helper()
	raw := os.Getenv(Env)
	if raw == "" {
		t.Skipf("PostgreSQL not configured: set %s=postgres://USER@127.0.0.1:5432/DB?sslmode=disable to run this on PostgreSQL", Env)
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	admin, err := sql.Open("pgx", raw)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	return u, admin
}

func suffix() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}
