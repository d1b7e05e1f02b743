package securitytxt

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Parse reads a security.txt file and validates it. It never fails: every
// defect becomes a Problem, and the File holds whatever could be read.
func Parse(b []byte, opt Options) *Result {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.MaxSize <= 0 {
		opt.MaxSize = DefaultMaxSize
	}
	res := &Result{File: &File{}, Problems: []Problem{}}
	add := func(p Problem) { res.Problems = append(res.Problems, p) }
	if len(b) > opt.MaxSize {
		add(Problem{Severity: Error, Code: "too-large",
			Message: fmt.Sprintf("file is %d bytes; the limit is %d", len(b), opt.MaxSize)})
		return res
	}
	if len(b) == 0 {
		add(Problem{Severity: Error, Code: "empty", Message: "file is empty"})
	}
	lines := splitLines(b, add)
	if len(lines) > maxLines {
		add(Problem{Severity: Warning, Code: "too-many-lines",
			Message: fmt.Sprintf("file has %d lines; parsers may refuse more than %d", len(lines), maxLines)})
	}
	body, signed := unwrapSigned(lines, add)
	res.File.Signed = signed
	switch {
	case signed && len(opt.Keyring) > 0:
		verifySignature(res.File, b, opt.Keyring, add)
	case signed:
		add(Problem{Severity: Info, Code: "signed-unverified", Message: "signed, signature not verified"})
	}
	for _, l := range body {
		parseLine(res.File, l, add)
	}
	validate(res.File, opt, add)
	sort.SliceStable(res.Problems, func(i, j int) bool { return res.Problems[i].Line < res.Problems[j].Line })
	return res
}

// splitLines splits on LF or CRLF (RFC 9116 §4 allows both) and reports
// invalid UTF-8, stray CRs, overlong lines and a missing final line break.
func splitLines(b []byte, add func(Problem)) []line {
	if len(b) > 0 && b[len(b)-1] != '\n' {
		add(Problem{Line: bytes.Count(b, []byte{'\n'}) + 1, Severity: Warning, Code: "no-final-newline",
			Message: "the last line has no line break"})
	}
	var out []line
	for no := 1; len(b) > 0; no++ {
		raw, rest, _ := bytes.Cut(b, []byte{'\n'})
		b = rest
		raw = bytes.TrimSuffix(raw, []byte{'\r'})
		if !utf8.Valid(raw) {
			add(Problem{Line: no, Severity: Error, Code: "invalid-utf8", Message: "line is not valid UTF-8"})
			raw = bytes.ToValidUTF8(raw, []byte("\uFFFD"))
		}
		if bytes.IndexByte(raw, '\r') >= 0 {
			add(Problem{Line: no, Severity: Warning, Code: "stray-cr", Message: "carriage return inside a line"})
		}
		if len(raw) > maxFieldLen {
			add(Problem{Line: no, Severity: Warning, Code: "long-line",
				Message: fmt.Sprintf("line is %d bytes; parsers may refuse more than %d", len(raw), maxFieldLen)})
		}
		out = append(out, line{text: string(raw), no: no})
	}
	return out
}

// parseLine reads one content line into f.
func parseLine(f *File, l line, add func(Problem)) {
	text := l.text
	if strings.TrimSpace(text) == "" {
		return
	}
	if strings.HasPrefix(text, "#") {
		f.Comments = append(f.Comments, Comment{Text: strings.TrimPrefix(text, "#"), Line: l.no})
		return
	}
	name, value, ok := strings.Cut(text, ":")
	if !ok {
		add(Problem{Line: l.no, Severity: Error, Code: "invalid-line",
			Message: `line is neither a comment nor a "Name: value" field`})
		return
	}
	if strings.TrimRight(name, " \t") != name {
		add(Problem{Line: l.no, Severity: Error, Code: "space-before-colon", Message: "whitespace between field name and colon"})
		name = strings.TrimRight(name, " \t")
	}
	if name == "" || strings.ContainsAny(name, " \t") {
		add(Problem{Line: l.no, Severity: Error, Code: "invalid-field-name", Message: fmt.Sprintf("%q is not a field name", name)})
		return
	}
	if !strings.HasPrefix(value, " ") && strings.TrimSpace(value) != "" {
		add(Problem{Line: l.no, Field: name, Severity: Warning, Code: "no-space-after-colon", Message: "a single space should follow the colon"})
	}
	value = strings.TrimSpace(value)
	if value == "" {
		add(Problem{Line: l.no, Field: name, Severity: Error, Code: "empty-value", Message: "field has no value"})
		return
	}
	fd := Field{Name: name, Value: value, Line: l.no}
	f.Fields = append(f.Fields, fd)
	canon := canonicalName(name)
	switch canon {
	case FieldContact:
		f.Contact = append(f.Contact, value)
	case FieldExpires: // judged in validate, where the count is known
	case FieldEncryption:
		f.Encryption = append(f.Encryption, value)
	case FieldAcknowledgments:
		f.Acknowledgments = append(f.Acknowledgments, value)
	case FieldPreferredLanguages:
		if f.PreferredLanguages == nil {
			for _, tag := range strings.Split(value, ",") {
				f.PreferredLanguages = append(f.PreferredLanguages, strings.TrimSpace(tag))
			}
		}
	case FieldCanonical:
		f.Canonical = append(f.Canonical, value)
	case FieldPolicy:
		f.Policy = append(f.Policy, value)
	case FieldHiring:
		f.Hiring = append(f.Hiring, value)
	case FieldCSAF:
		f.CSAF = append(f.CSAF, value)
	default:
		f.Unknown = append(f.Unknown, fd)
	}
}

// canonicalName maps a case-insensitive field name to its registered
// spelling, or returns "" for an unknown field.
func canonicalName(name string) string {
	for _, k := range knownFields {
		if strings.EqualFold(name, k) {
			return k
		}
	}
	return ""
}
