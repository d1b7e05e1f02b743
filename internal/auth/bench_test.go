package auth

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/store"
)

// BenchmarkHashPassword is the cost of one login's password check at the
// default argon2id parameters:
//
//	go test -run '^$' -bench . ./internal/auth/
func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		if _, err := HashPassword("correct horse battery", DefaultHashParams); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTokenAuth is the per-request cost of checking an API token
// against SQLite (hash, one indexed lookup, user lookup).
func BenchmarkTokenAuth(b *testing.B) {
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	s, err := New(st, Options{Hash: fastHash})
	if err != nil {
		b.Fatal(err)
	}
	u, err := s.CreateUser(ctx, store.System, "bench", "correct horse battery", Admin)
	if err != nil {
		b.Fatal(err)
	}
	tok, _, err := s.IssueToken(ctx, Principal{User: u, Role: Admin}, "", "", 0, "bench", Viewer, time.Hour)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.Token(ctx, tok); err != nil {
			b.Fatal(err)
		}
	}
}
