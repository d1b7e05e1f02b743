package config

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func resolve(t *testing.T, args, env []string) (*Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c := Register(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return c, c.Resolve(fs, env)
}

func writeFile(t *testing.T, name, content string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil { // WriteFile's mode is subject to umask
		t.Fatal(err)
	}
	return p
}

func TestPrecedence(t *testing.T) {
	file := writeFile(t, "bydesign.conf", "# test\naddr = 127.0.0.1:7001\ndb = \"from-file.db\"\nlog-level = warn\n", 0o600)
	c, err := resolve(t,
		[]string{"--addr", "127.0.0.1:9001", "--config", file},
		[]string{"BYDESIGN_ADDR=127.0.0.1:8001", "BYDESIGN_DB=from-env.db", "BYDESIGN_TEST_POSTGRES=ignored", "HOME=/x"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ got, want, what string }{
		{c.Addr, "127.0.0.1:9001", "flag beats env and file"},
		{c.DB, "from-env.db", "env beats file"},
		{c.LogLevel, "warn", "file beats default"},
		{c.LogFormat, "text", "default"},
		{c.source["addr"], "flag", "source of addr"},
		{c.source["db"], "env BYDESIGN_DB", "source of db"},
		{c.source["log-level"], file + ":4", "source of log-level"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.what, c.got, c.want)
		}
	}
	if c.SessionTTL != 12*time.Hour {
		t.Errorf("session ttl %s", c.SessionTTL)
	}
}

func TestRejects(t *testing.T) {
	bad := writeFile(t, "bad.conf", "addr = 127.0.0.1:1\nbogus = 1\naddr = 127.0.0.1:2\nno equals sign\nconfig = other\n", 0o600)
	for _, c := range []struct {
		name string
		args []string
		env  []string
		want []string
	}{
		{"unknown env", nil, []string{"BYDESIGN_PASSWORD=hunter2"}, []string{"unknown environment variable BYDESIGN_PASSWORD"}},
		{"bad file", []string{"--config", bad}, nil, []string{
			bad + ":2: unknown key \"bogus\"", bad + ":3: key \"addr\" repeats line 1", bad + ":4: want key = value", bad + ":5: a config file cannot name",
		}},
		{"missing file", []string{"--config", "/nonexistent/x.conf"}, nil, []string{"no such file"}},
		{"bad duration from env", nil, []string{"BYDESIGN_SESSION_TTL=forever"}, []string{"env BYDESIGN_SESSION_TTL"}},
		{"bad values", []string{"--log-level", "loud", "--log-format", "xml", "--session-ttl", "1s", "--trusted-proxies", "10.0.0.0/8, nope", "--base-url", "ftp://x"}, nil,
			[]string{"--log-level \"loud\"", "--log-format \"xml\"", "--session-ttl 1s", "\"nope\" is not a CIDR", "--base-url"}},
		{"password file for sqlite", []string{"--db-password-file", "/x"}, nil, []string{"secret file"}},
		{"missing admin secret", []string{"--admin-password-file", "/nonexistent/secret"}, nil, []string{"--admin-password-file: secret file"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := resolve(t, c.args, c.env)
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestSecretFiles(t *testing.T) {
	ok := writeFile(t, "pw", "a long admin secret\n", 0o600)
	c, err := resolve(t, []string{"--admin-password-file", ok}, nil)
	if err != nil || c.AdminPassword.Value() != "a long admin secret" || len(c.Warnings) != 0 {
		t.Fatalf("secret %q, warnings %v, err %v", c.AdminPassword.Value(), c.Warnings, err)
	}
	readable := writeFile(t, "pw2", "a long admin secret", 0o644)
	c, err = resolve(t, []string{"--admin-password-file", readable}, nil)
	if err != nil || len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], "readable by others") {
		t.Errorf("world-readable secret: warnings %v, err %v", c.Warnings, err)
	}
	writable := writeFile(t, "pw3", "a long admin secret", 0o666)
	if _, err := resolve(t, []string{"--admin-password-file", writable}, nil); err == nil || !strings.Contains(err.Error(), "writable by group or others") {
		t.Errorf("world-writable secret: %v", err)
	}
	if _, err := resolve(t, []string{"--admin-password-file", t.TempDir()}, nil); err == nil {
		t.Error("directory accepted as a secret file")
	}
}

func TestParseSecret(t *testing.T) {
	for _, c := range []struct {
		in, want, err string
	}{
		{"s3cret\n", "s3cret", ""},
		{"s3cret\r\n", "s3cret", ""},
		{" spaces kept ", " spaces kept ", ""},
		{"", "", "empty"},
		{"\n", "", "empty"},
		{"two\nlines", "", "more than one line"},
		{"tab\there", "", "control character"},
		{"nul\x00", "", "control character"},
		{"\xff\xfe", "", "UTF-8"},
		{strings.Repeat("x", 4097), "", "longer than"},
	} {
		got, err := ParseSecret([]byte(c.in))
		if got != c.want || (err == nil) != (c.err == "") || err != nil && !strings.Contains(err.Error(), c.err) {
			t.Errorf("ParseSecret(%q) = %q, %v; want %q, %q", c.in, got, err, c.want, c.err)
		}
		if err != nil && strings.Contains(err.Error(), c.in) && len(c.in) > 3 {
			t.Errorf("error %q repeats the secret", err)
		}
	}
}

func TestDumpRedacts(t *testing.T) {
	pw := writeFile(t, "dbpw", "db-pass-word-123", 0o600)
	admin := writeFile(t, "adminpw", "admin-pass-word-456", 0o600)
	c, err := resolve(t, []string{"--db", "postgres://app@127.0.0.1:5432/bydesign?sslmode=disable", "--db-password-file", pw, "--admin-password-file", admin}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if u := c.DatabaseURL(); !strings.Contains(u, "app:db-pass-word-123@") {
		t.Errorf("DatabaseURL = %q, want the password filled in", u)
	}
	var b bytes.Buffer
	if err := c.Dump(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, secret := range []string{"db-pass-word-123", "admin-pass-word-456"} {
		if strings.Contains(out, secret) {
			t.Errorf("dump leaks %q:\n%s", secret, out)
		}
	}
	for _, want := range []string{`addr = "127.0.0.1:8080"  # default`, `db = "postgres://app@127.0.0.1:5432/bydesign?sslmode=disable"  # flag`, "# admin password: set (redacted)"} {
		if !strings.Contains(out, want) {
			t.Errorf("dump lacks %q:\n%s", want, out)
		}
	}
	if s := c.AdminPassword.String() + c.AdminPassword.GoString(); strings.Contains(s, "admin-pass") {
		t.Errorf("Secret prints itself: %s", s)
	}
	for in, want := range map[string]string{
		"postgres://u:hunter2@h/db":        "postgres://u:xxxxx@h/db",
		"postgres://h/db?password=hunter2": "postgres://h/db?password=xxxxx",
		"data/bydesign.db":                 "data/bydesign.db",
	} {
		if got := RedactURL(in); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDBPasswordRefused checks that a password inside --db is refused from
// every source, with a message naming the source and the secret-file
// route but never the password itself.
func TestDBPasswordRefused(t *testing.T) {
	tests := []struct {
		name       string
		args, env  []string
		file       string
		wantSource string
	}{
		{"flag user info", []string{"--db", "postgres://app:hunter2@127.0.0.1/bydesign"}, nil, "", "from flag"},
		{"flag query", []string{"--db", "postgres://app@127.0.0.1/bydesign?sslmode=disable&password=hunter2"}, nil, "", "from flag"},
		{"flag query, other case", []string{"--db", "postgresql://127.0.0.1/bydesign?PASSWORD=hunter2"}, nil, "", "from flag"},
		{"env", nil, []string{"BYDESIGN_DB=postgres://app:hunter2@127.0.0.1/bydesign"}, "", "from env BYDESIGN_DB"},
		{"keyword form", nil, []string{"BYDESIGN_DB=host=127.0.0.1 user=app password=hunter2"}, "", "from env BYDESIGN_DB"},
		{"file", nil, nil, "db = postgres://app:hunter2@127.0.0.1/bydesign\n", ".conf:1"},
	}
	for _, tc := range tests {
		args := tc.args
		if tc.file != "" {
			args = append(args, "--config", writeFile(t, "bydesign.conf", tc.file, 0o600))
		}
		_, err := resolve(t, args, tc.env)
		if err == nil {
			t.Errorf("%s: accepted", tc.name)
			continue
		}
		msg := err.Error()
		if strings.Contains(msg, "hunter2") || !strings.Contains(msg, tc.wantSource) || !strings.Contains(msg, "--db-password-file") {
			t.Errorf("%s: error %q: want the source %q and the secret-file route, without the password", tc.name, msg, tc.wantSource)
		}
	}
	pw := writeFile(t, "db-password", "hunter2\n", 0o600)
	c, err := resolve(t, []string{"--db", "postgres://app@127.0.0.1/bydesign?sslmode=disable", "--db-password-file", pw}, nil)
	if err != nil {
		t.Fatalf("password from a file: %v", err)
	}
	if got := c.DatabaseURL(); got != "postgres://app:hunter2@127.0.0.1/bydesign?sslmode=disable" {
		t.Errorf("DatabaseURL = %q", got)
	}
	if _, err := resolve(t, []string{"--db", "data/bydesign.db"}, nil); err != nil {
		t.Errorf("plain SQLite path: %v", err)
	}
}
