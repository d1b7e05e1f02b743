package web

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// slug makes a value safe for a download file name.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

// quote quotes a user-supplied value for a message, clipped so an error
// cannot echo a huge input back.
func quote(s string) string {
	if len(s) > 64 {
		s = s[:64] + "..."
	}
	return strconv.Quote(s)
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// indentJSON pretty-prints stored JSON for a page; invalid JSON (which the
// store refuses anyway) is shown as it is.
func indentJSON(raw []byte) string {
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return string(raw)
	}
	return b.String()
}

func daysDuration(d int) time.Duration { return time.Duration(d) * 24 * time.Hour }
