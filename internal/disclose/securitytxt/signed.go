package securitytxt

import "strings"

// OpenPGP cleartext signature framework markers (RFC 4880 §7).
const (
	pgpSignedHeader = "-----BEGIN PGP SIGNED MESSAGE-----"
	pgpSigBegin     = "-----BEGIN PGP SIGNATURE-----"
	pgpSigEnd       = "-----END PGP SIGNATURE-----"
)

// line is one input line with its 1-based number in the original bytes.
type line struct {
	text string
	no   int
}

// unwrapSigned strips a cleartext signature envelope. It returns the signed
// content lines (dash-escaping undone) and whether an envelope was found.
func unwrapSigned(lines []line, add func(Problem)) ([]line, bool) {
	start := -1
	for i, l := range lines {
		if l.text == pgpSignedHeader {
			start = i
			break
		}
	}
	if start < 0 {
		for _, l := range lines {
			if l.text == pgpSigBegin {
				add(Problem{Line: l.no, Severity: Error, Code: "signature-without-header",
					Message: "a PGP signature block appears but the file does not start with the signed-message header"})
			}
		}
		return lines, false
	}
	for _, l := range lines[:start] {
		if strings.TrimSpace(l.text) != "" {
			add(Problem{Line: l.no, Severity: Error, Code: "data-before-signed-header",
				Message: "content before the PGP signed-message header is not covered by the signature"})
			break
		}
	}
	i := start + 1
	for ; i < len(lines) && lines[i].text != ""; i++ { // armor headers such as "Hash: SHA512"
		if !strings.Contains(lines[i].text, ": ") {
			add(Problem{Line: lines[i].no, Severity: Error, Code: "bad-armor-header",
				Message: "malformed armor header in the signed-message block"})
		}
	}
	if i == len(lines) {
		add(Problem{Line: lines[start].no, Severity: Error, Code: "signature-missing",
			Message: "signed-message header without a blank line and signed content"})
		return nil, true
	}
	var body []line
	for i++; i < len(lines) && lines[i].text != pgpSigBegin; i++ {
		l := lines[i]
		l.text = strings.TrimPrefix(l.text, "- ") // dash-escaped lines
		body = append(body, l)
	}
	if i == len(lines) {
		add(Problem{Line: lines[start].no, Severity: Error, Code: "signature-missing",
			Message: "signed-message header but no PGP signature block"})
		return body, true
	}
	end := -1
	for j := i + 1; j < len(lines); j++ {
		if lines[j].text == pgpSigEnd {
			end = j
			break
		}
	}
	if end < 0 {
		add(Problem{Line: lines[i].no, Severity: Error, Code: "signature-unterminated",
			Message: "PGP signature block has no end marker"})
		return body, true
	}
	for _, l := range lines[end+1:] {
		if strings.TrimSpace(l.text) != "" {
			add(Problem{Line: l.no, Severity: Error, Code: "data-after-signature",
				Message: "content after the PGP signature is not covered by it"})
			break
		}
	}
	return body, true
}
