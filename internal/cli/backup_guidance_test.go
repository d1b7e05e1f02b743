package cli

import (
	"bytes"
	"strings"
	"testing"
)

// TestPGGuidanceHidesPasswords checks that the pg_dump advice never
// repeats a password, wherever the URL carried it, and prints no URL at
// all when it cannot be parsed.
func TestPGGuidanceHidesPasswords(t *testing.T) {
	tests := []struct {
		dsn, want string
	}{
		{"postgres://app:hunter2@127.0.0.1:5432/bydesign", "'postgres://app@127.0.0.1:5432/bydesign'"},
		{"postgres://127.0.0.1/bydesign?password=hunter2&sslmode=disable", "'postgres://127.0.0.1/bydesign?sslmode=disable'"},
		{"postgres://app@127.0.0.1/bydesign?Password=hunter2", "'postgres://app@127.0.0.1/bydesign'"},
		{"postgres://app:hunter2@127.0.0.1/bydesign?password=hunter2", "'postgres://app@127.0.0.1/bydesign'"},
		{"postgres://app:hunter2@127.0.0.1:99999999999/x%zz", "'postgres://USER@HOST:5432/DBNAME'"},
		{"postgres://app:hunter2@[::1/x", "'postgres://USER@HOST:5432/DBNAME'"},
		{"postgres://app@127.0.0.1/bydesign", "'postgres://app@127.0.0.1/bydesign'"},
	}
	for _, tc := range tests {
		var b bytes.Buffer
		pgGuidance(&b, tc.dsn, "out.dump")
		out := b.String()
		if strings.Contains(out, "hunter2") {
			t.Errorf("%q: guidance repeats the password:\n%s", tc.dsn, out)
		}
		if !strings.Contains(out, tc.want) {
			t.Errorf("%q: guidance lacks %s:\n%s", tc.dsn, tc.want, out)
		}
	}
	// The command path, end to end: nothing leaks on stderr either.
	code, stdout, stderr := runCmd(t, "backup", "--db", "postgres://127.0.0.1/bydesign?password=hunter2", "--out", "x.dump")
	if code != ExitUsage || strings.Contains(stdout+stderr, "hunter2") || !strings.Contains(stderr, "pg_dump") {
		t.Errorf("backup on PostgreSQL: exit %d, output %q %q", code, stdout, stderr)
	}
}

// FuzzGuidanceURL checks that no password given in user info survives.
func FuzzGuidanceURL(f *testing.F) {
	for _, s := range []string{"postgres://a:pw@h/db", "postgres://h/db?password=pw", "postgres://a:pw@[::1/x", "not a url"} {
		f.Add(s, "pw")
	}
	f.Fuzz(func(t *testing.T, dsn, pw string) {
		got := guidanceURL(dsn)
		if len(pw) >= 4 && strings.Contains(dsn, ":"+pw+"@") && strings.Contains(got, ":"+pw+"@") {
			t.Fatalf("guidanceURL(%q) = %q keeps the password", dsn, got)
		}
		if strings.Contains(strings.ToLower(got), "password=") && !strings.Contains(got, "password=xxxxx") {
			t.Fatalf("guidanceURL(%q) = %q keeps a password parameter", dsn, got)
		}
	})
}
