package proto

import (
	"bufio"
	"bytes"
	"fmt"
	"net/textproto"
	"strconv"
	"strings"
)

// Limits for response heads: small devices send short heads, and a hostile
// peer must not make us read megabytes before we give up.
const (
	maxHeadLine  = 4096
	maxHeadLines = 100
)

// Head is the status line and header fields of an HTTP, RTSP or SSDP
// response.
type Head struct {
	Proto  string // "HTTP/1.1", "RTSP/1.0"
	Code   int
	Reason string
	Header textproto.MIMEHeader
}

// ReadHead reads a response head whose protocol name is one of protos
// (e.g. "HTTP", "RTSP"). Errors name the line number and the field.
func ReadHead(r *bufio.Reader, protos ...string) (*Head, error) {
	line, err := readLine(r, 1)
	if err != nil {
		return nil, err
	}
	h := &Head{Header: textproto.MIMEHeader{}}
	proto, rest, _ := strings.Cut(line, " ")
	name, _, ok := strings.Cut(proto, "/")
	if !ok || !oneOfFold(name, protos) {
		return nil, fmt.Errorf("response head: line 1: protocol %q, want one of %s", clipText(proto, 40), strings.Join(protos, ", "))
	}
	h.Proto = proto
	codeText, reason, _ := strings.Cut(rest, " ")
	code, err := strconv.Atoi(codeText)
	if err != nil || code < 100 || code > 999 {
		return nil, fmt.Errorf("response head: line 1: status code %q is not a 3-digit number", clipText(codeText, 20))
	}
	h.Code, h.Reason = code, reason
	for n := 2; ; n++ {
		if n > maxHeadLines {
			return nil, fmt.Errorf("response head: more than %d lines", maxHeadLines)
		}
		line, err := readLine(r, n)
		if err != nil {
			return nil, err
		}
		if line == "" {
			return h, nil
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok || k == "" || strings.ContainsAny(k, " \t") {
			return nil, fmt.Errorf("response head: line %d: header field without a valid name: %q", n, clipText(line, 40))
		}
		h.Header.Add(textproto.CanonicalMIMEHeaderKey(k), strings.TrimSpace(v))
	}
}

// ParseHead parses a head held in a byte slice (one UDP datagram).
func ParseHead(b []byte, protos ...string) (*Head, error) {
	if !bytes.Contains(b, []byte("\n\r\n")) && !bytes.Contains(b, []byte("\n\n")) {
		b = append(append([]byte(nil), b...), "\r\n\r\n"...) // tolerate a datagram without the blank line
	}
	return ReadHead(bufio.NewReader(bytes.NewReader(b)), protos...)
}

func readLine(r *bufio.Reader, n int) (string, error) {
	var b []byte
	for {
		chunk, isPrefix, err := r.ReadLine()
		if err != nil {
			return "", fmt.Errorf("response head: line %d: %w", n, err)
		}
		b = append(b, chunk...)
		if len(b) > maxHeadLine {
			return "", fmt.Errorf("response head: line %d longer than %d bytes", n, maxHeadLine)
		}
		if !isPrefix {
			return string(b), nil
		}
	}
}

func oneOfFold(s string, set []string) bool {
	for _, v := range set {
		if strings.EqualFold(s, v) {
			return true
		}
	}
	return false
}

// clipText shortens untrusted text quoted in an error.
func clipText(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}
