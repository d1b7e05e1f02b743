package proto

import (
	"fmt"
	"strings"
)

// Challenge is a parsed WWW-Authenticate or Authorization value (RFC 7235
// §2.1): a scheme and its auth-params.
type Challenge struct {
	Scheme string            // lower case: basic, digest
	Params map[string]string // realm, nonce, qop, algorithm, opaque
}

const maxChallenge = 2048

// ParseChallenge parses a header value of untrusted origin.
func ParseChallenge(v string) (Challenge, error) {
	if len(v) > maxChallenge {
		return Challenge{}, fmt.Errorf("auth header: %d bytes, more than %d", len(v), maxChallenge)
	}
	scheme, rest, _ := strings.Cut(strings.TrimSpace(v), " ")
	if scheme == "" {
		return Challenge{}, fmt.Errorf("auth header: no scheme in %q", clipText(v, 40))
	}
	ch := Challenge{Scheme: strings.ToLower(scheme), Params: map[string]string{}}
	for i := 0; i < len(rest); {
		for i < len(rest) && (rest[i] == ' ' || rest[i] == ',') {
			i++
		}
		if i >= len(rest) {
			break
		}
		eq := strings.IndexByte(rest[i:], '=')
		if eq < 0 {
			return ch, fmt.Errorf("auth header: parameter without '=' at offset %d", len(scheme)+1+i)
		}
		key := strings.ToLower(strings.TrimSpace(rest[i : i+eq]))
		i += eq + 1
		var val string
		if i < len(rest) && rest[i] == '"' {
			end := i + 1
			var sb strings.Builder
			for ; end < len(rest) && rest[end] != '"'; end++ {
				if rest[end] == '\\' && end+1 < len(rest) {
					end++
				}
				sb.WriteByte(rest[end])
			}
			if end >= len(rest) {
				return ch, fmt.Errorf("auth header: unterminated quoted value for %q", key)
			}
			val, i = sb.String(), end+1
		} else {
			end := strings.IndexByte(rest[i:], ',')
			if end < 0 {
				end = len(rest) - i
			}
			val, i = strings.TrimSpace(rest[i:i+end]), i+end
		}
		ch.Params[key] = val
	}
	return ch, nil
}
