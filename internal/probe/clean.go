package probe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Clean makes a device-supplied string safe to show: control characters
// (ESC, CR, backspace, C1 codes, DEL), bidirectional overrides and invalid
// UTF-8 are written as visible escapes such as \x1b, so a hostile Server
// header or banner cannot clear a terminal or disguise a report. Newlines
// and tabs stay; the table and Markdown writers fold them.
func Clean(s string) string {
	if !needsClean(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafeRune(r):
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsClean(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size <= 1) || unsafeRune(r) {
			return true
		}
		i += size
	}
	return false
}

func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r >= 0x7f && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f:
		return true
	}
	return false
}

// cleanFinding applies Clean to every text a device could have supplied.
func cleanFinding(f *Finding) {
	f.Service = Clean(f.Service)
	f.Transport = Clean(f.Transport)
	f.Detail = Clean(f.Detail)
	for i := range f.Evidence {
		f.Evidence[i].Sent = Clean(f.Evidence[i].Sent)
		f.Evidence[i].Seen = Clean(f.Evidence[i].Seen)
		f.Evidence[i].Note = Clean(f.Evidence[i].Note)
	}
}

// cleanService applies Clean to what a service said about itself.
func cleanService(s *Service) {
	s.Banner = Clean(s.Banner)
	s.Software = Clean(s.Software)
}
