package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"
)

// Secret holds a value that must never be printed. Its String, GoString and
// JSON forms are redacted; Value returns the real value.
type Secret struct{ v string }

// NewSecret wraps a value.
func NewSecret(v string) Secret { return Secret{v} }

// Value returns the secret itself.
func (s Secret) Value() string { return s.v }

// String shows only whether the secret is set.
func (s Secret) String() string {
	if s.v == "" {
		return ""
	}
	return "[redacted]"
}

// GoString keeps %#v from printing the value.
func (s Secret) GoString() string { return "config.Secret(" + s.String() + ")" }

// MarshalText keeps encoders (JSON, slog) from printing the value.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// maxSecret bounds what a secret file may hold.
const maxSecret = 4096

// ReadSecretFile reads a secret from a file. It refuses files that others
// may write (someone could swap the secret) and warns when others may read
// them. See ParseSecret for the content rules.
func ReadSecretFile(path string) (Secret, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return Secret{}, "", fmt.Errorf("secret file: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Secret{}, "", fmt.Errorf("secret file: %w", err)
	}
	if !st.Mode().IsRegular() {
		return Secret{}, "", fmt.Errorf("secret file %s: not a regular file", path)
	}
	var warn string
	if st.Mode().Perm()&0o022 != 0 {
		return Secret{}, "", fmt.Errorf("secret file %s: writable by group or others (mode %04o); chmod 600 it", path, st.Mode().Perm())
	}
	if st.Mode().Perm()&0o004 != 0 {
		warn = fmt.Sprintf("secret file %s is readable by others (mode %04o); chmod 600 it", path, st.Mode().Perm())
	}
	b, err := io.ReadAll(io.LimitReader(f, maxSecret+1))
	if err != nil {
		return Secret{}, "", fmt.Errorf("secret file %s: %w", path, err)
	}
	v, err := ParseSecret(b)
	if err != nil {
		return Secret{}, "", fmt.Errorf("secret file %s: %w", path, err)
	}
	return Secret{v}, warn, nil
}

// ParseSecret checks a secret file's bytes and returns the secret: one line
// of valid UTF-8 without control characters, at most 4096 bytes, with one
// trailing newline (LF or CRLF) allowed and removed. Nothing else is
// trimmed, so spaces inside a password are kept.
func ParseSecret(b []byte) (string, error) {
	if len(b) > maxSecret+2 {
		return "", fmt.Errorf("longer than %d bytes", maxSecret)
	}
	b = bytes.TrimSuffix(b, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	switch {
	case len(b) == 0:
		return "", errors.New("empty")
	case len(b) > maxSecret:
		return "", fmt.Errorf("longer than %d bytes", maxSecret)
	case !utf8.Valid(b):
		return "", errors.New("not valid UTF-8")
	}
	for i, r := range string(b) {
		if r < 0x20 || r == 0x7f {
			if r == '\n' {
				return "", fmt.Errorf("more than one line (newline at byte %d)", i)
			}
			return "", fmt.Errorf("control character %U at byte %d", r, i)
		}
	}
	return string(b), nil
}
