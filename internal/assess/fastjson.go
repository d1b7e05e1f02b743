package assess

import (
	"errors"
	"unicode/utf8"
)

// A fast path for well-formed JSON declarations, the batch format. It
// decodes the common shape without reflection and gives up (errFallback) on
// anything unusual: escapes in strings, null, duplicate or differently cased
// keys, unknown fields, wrong types, numbers that are not plain integers.
// Parse then runs the strict decoder, which accepts or reports the input
// exactly as before, so the fast path changes speed, never results. A fuzz
// test checks that both decoders agree whenever the fast one succeeds.

var errFallback = errors.New("fast path declined")

type lexer struct {
	b []byte
	i int
}

func (l *lexer) ws() {
	for l.i < len(l.b) {
		switch l.b[l.i] {
		case ' ', '\t', '\n', '\r':
			l.i++
		default:
			return
		}
	}
}

func (l *lexer) peek() byte {
	l.ws()
	if l.i < len(l.b) {
		return l.b[l.i]
	}
	return 0
}

func (l *lexer) expect(c byte) error {
	if l.peek() != c {
		return errFallback
	}
	l.i++
	return nil
}

// raw reads a string without escapes or control characters and returns
// its bytes, still in the input.
func (l *lexer) raw() ([]byte, error) {
	if l.peek() != '"' {
		return nil, errFallback
	}
	start := l.i + 1
	for j := start; j < len(l.b); j++ {
		c := l.b[j]
		switch {
		case c == '"':
			s := l.b[start:j]
			if !utf8.Valid(s) {
				return nil, errFallback
			}
			l.i = j + 1
			return s, nil
		case c == '\\' || c < 0x20:
			return nil, errFallback
		}
	}
	return nil, errFallback
}

func (l *lexer) str() (string, error) {
	b, err := l.raw()
	return string(b), err
}

// word reads a string from a closed vocabulary, sharing the constant
// instead of allocating a copy; other values are copied.
func (l *lexer) word(vocab []string) (string, error) {
	b, err := l.raw()
	if err != nil {
		return "", err
	}
	for _, w := range vocab {
		if string(b) == w {
			return w, nil
		}
	}
	return string(b), nil
}

func (l *lexer) boolean() (bool, error) {
	l.ws()
	switch {
	case len(l.b)-l.i >= 4 && string(l.b[l.i:l.i+4]) == "true":
		l.i += 4
		return true, l.end()
	case len(l.b)-l.i >= 5 && string(l.b[l.i:l.i+5]) == "false":
		l.i += 5
		return false, l.end()
	}
	return false, errFallback
}

// end checks that a literal is not followed by more letters ("truex").
func (l *lexer) end() error {
	if l.i < len(l.b) {
		switch c := l.b[l.i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			return errFallback
		}
	}
	return nil
}

func (l *lexer) integer() (int, error) {
	l.ws()
	neg := false
	if l.i < len(l.b) && l.b[l.i] == '-' {
		neg = true
		l.i++
	}
	start, n := l.i, 0
	for l.i < len(l.b) && l.b[l.i] >= '0' && l.b[l.i] <= '9' {
		n = n*10 + int(l.b[l.i]-'0')
		l.i++
	}
	digits := l.i - start
	if digits == 0 || digits > 9 || (digits > 1 && l.b[start] == '0') {
		return 0, errFallback
	}
	if l.i < len(l.b) && (l.b[l.i] == '.' || l.b[l.i] == 'e' || l.b[l.i] == 'E') {
		return 0, errFallback
	}
	if neg {
		n = -n
	}
	return n, nil
}

func (l *lexer) boolPtr() (*bool, error) {
	b, err := l.boolean()
	if err != nil {
		return nil, err
	}
	return &b, nil
}

// object calls field for each member; duplicate keys give up. The key is
// the input's bytes: switch on string(key) does not allocate.
func (l *lexer) object(field func(key []byte) error) error {
	if err := l.expect('{'); err != nil {
		return err
	}
	if l.peek() == '}' {
		l.i++
		return nil
	}
	var seenArr [24][]byte
	seen := seenArr[:0]
	for {
		k, err := l.raw()
		if err != nil {
			return err
		}
		for _, s := range seen {
			if string(s) == string(k) {
				return errFallback
			}
		}
		seen = append(seen, k)
		if err := l.expect(':'); err != nil {
			return err
		}
		if err := field(k); err != nil {
			return err
		}
		switch l.peek() {
		case ',':
			l.i++
		case '}':
			l.i++
			return nil
		default:
			return errFallback
		}
	}
}

func (l *lexer) array(elem func() error) error {
	if err := l.expect('['); err != nil {
		return err
	}
	if l.peek() == ']' {
		l.i++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		switch l.peek() {
		case ',':
			l.i++
		case ']':
			l.i++
			return nil
		default:
			return errFallback
		}
	}
}
