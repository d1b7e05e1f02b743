package config

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// KeyValue is one setting read from a config file.
type KeyValue struct {
	Key, Value string
	Line       int
}

// maxFile bounds a config file; real ones are a few hundred bytes.
const maxFile = 64 << 10

// ReadFile reads and parses a config file; errors name the file and line.
func ReadFile(path string) ([]KeyValue, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	kvs, err := ParseFile(path, b)
	if err != nil {
		return nil, err
	}
	return kvs, nil
}

// ParseFile parses config file bytes: one "key = value" per line, blank
// lines and lines starting with # ignored, values optionally in double
// quotes (Go escapes). Keys are the flag names; unknown or repeated keys,
// the "config" key itself are errors here; a secret given as a value (a
// password in db) is refused by Resolve, which checks every source alike.
// name is used in messages ("FILE:LINE: ...").
func ParseFile(name string, b []byte) ([]KeyValue, error) {
	if len(b) > maxFile {
		return nil, fmt.Errorf("config: %s: larger than %d bytes", name, maxFile)
	}
	known := map[string]bool{}
	for _, s := range settings() {
		known[s.key] = true
	}
	seen := map[string]int{}
	var out []KeyValue
	var errs []error
	bad := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("config: %s:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 4096), maxFile+1)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		switch {
		case !ok:
			bad(n, "want key = value")
			continue
		case k == "config":
			bad(n, "a config file cannot name another config file")
			continue
		case !known[k]:
			bad(n, "unknown key %q", k)
			continue
		case seen[k] > 0:
			bad(n, "key %q repeats line %d", k, seen[k])
			continue
		}
		if strings.HasPrefix(v, `"`) {
			u, err := strconv.Unquote(v)
			if err != nil {
				bad(n, "key %q: bad quoted value", k)
				continue
			}
			v = u
		}
		if strings.ContainsAny(v, "\x00\n\r") {
			bad(n, "key %q: control characters in value", k)
			continue
		}
		seen[k] = n
		out = append(out, KeyValue{k, v, n})
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("config: %s: %w", name, err))
	}
	return out, errors.Join(errs...)
}
