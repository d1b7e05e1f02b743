package securitytxt

import (
	"fmt"
	"mime"
	"strings"
)

// WellKnownPath is where RFC 9116 §3 places the file.
const WellKnownPath = "/.well-known/security.txt"

// CheckContentType judges the Content-Type header a file was served with:
// RFC 9116 §3 asks for text/plain with charset utf-8. It returns nil when
// the header is right.
func CheckContentType(header string) *Problem {
	mt, params, err := mime.ParseMediaType(header)
	switch {
	case header == "":
		return &Problem{Severity: Error, Code: "no-content-type", Message: "served without a Content-Type header"}
	case err != nil:
		return &Problem{Severity: Error, Code: "bad-content-type", Message: fmt.Sprintf("unparseable Content-Type %q", header)}
	case mt != "text/plain":
		return &Problem{Severity: Error, Code: "bad-content-type", Message: fmt.Sprintf("served as %s, not text/plain", mt)}
	case !strings.EqualFold(params["charset"], "utf-8"):
		return &Problem{Severity: Error, Code: "bad-charset", Message: "text/plain without charset=utf-8"}
	}
	return nil
}
