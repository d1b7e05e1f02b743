package config

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseFile: any bytes give key/values or an error naming file and
// line, never a panic; accepted keys are known and values single-line.
func FuzzParseFile(f *testing.F) {
	for _, s := range []string{
		"addr = 127.0.0.1:8080\n", "# c\n\ndb = \"a b.db\"\n", "bogus=1", "addr=1\naddr=2", "=", "db = \"unterminated",
		"log-level = \"\\x00\"", "session-ttl = 5m\r\n", strings.Repeat("a", 70000),
	} {
		f.Add([]byte(s))
	}
	known := map[string]bool{}
	for _, s := range settings() {
		known[s.key] = true
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		kvs, err := ParseFile("fuzz.conf", b)
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.conf") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, kv := range kvs {
			if !known[kv.Key] || kv.Key == "config" || strings.ContainsAny(kv.Value, "\x00\r\n") || kv.Line < 1 {
				t.Fatalf("accepted %+v", kv)
			}
		}
	})
}

// FuzzParseSecret: any bytes give a one-line UTF-8 secret or an error.
func FuzzParseSecret(f *testing.F) {
	for _, s := range []string{"pw\n", "pw\r\n", "", "\n", "a\nb", "\xff", "tab\t", strings.Repeat("x", 5000)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ParseSecret(b)
		if err != nil {
			return
		}
		if s == "" || len(s) > maxSecret || !utf8.ValidString(s) || strings.ContainsAny(s, "\r\n\x00") {
			t.Fatalf("accepted %q", s)
		}
	})
}
