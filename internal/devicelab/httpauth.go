package devicelab

import (
	"crypto/md5"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/probe/proto"
)

const realm = "devicelab"

func newNonce() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func md5hex(s string) string {
	h := md5.Sum([]byte(s))
	return hex.EncodeToString(h[:])
}

// challengeFor is the WWW-Authenticate value for a scheme.
func challengeFor(scheme, nonce string) string {
	if scheme == "digest" {
		return `Digest realm="` + realm + `", nonce="` + nonce + `", qop="auth", algorithm=MD5`
	}
	return `Basic realm="` + realm + `"`
}

// checkAuth verifies an Authorization header for method and uri. It returns
// ok=false with present=false when no credentials were sent (which is not a
// login attempt).
func (d *Device) checkAuth(header, scheme, nonce, method string) (res loginResult, present bool) {
	if header == "" {
		return loginBad, false
	}
	switch scheme {
	case "basic":
		raw, ok := strings.CutPrefix(header, "Basic ")
		if !ok {
			return loginBad, false
		}
		b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(raw))
		if err != nil {
			return loginBad, true
		}
		user, pass, _ := strings.Cut(string(b), ":")
		return d.login(user, pass), true
	case "digest":
		ch, err := proto.ParseChallenge(header)
		if err != nil || ch.Scheme != "digest" || ch.Params["nonce"] != nonce {
			return loginBad, err == nil
		}
		user := ch.Params["username"]
		return d.loginDigest(user, ch.Params, method), true
	}
	return loginBad, false
}

// loginDigest finds the account whose password yields the response, then
// runs the shared authenticator with it (so lockout and throttling apply).
func (d *Device) loginDigest(user string, p map[string]string, method string) loginResult {
	ha2 := md5hex(method + ":" + p["uri"])
	for _, c := range d.Profile.Credentials {
		if c.User != user {
			continue
		}
		ha1 := md5hex(c.User + ":" + realm + ":" + c.Password)
		want := md5hex(ha1 + ":" + p["nonce"] + ":" + ha2)
		if p["qop"] == "auth" {
			want = md5hex(ha1 + ":" + p["nonce"] + ":" + p["nc"] + ":" + p["cnonce"] + ":auth:" + ha2)
		}
		if want == p["response"] {
			return d.login(c.User, c.Password)
		}
	}
	return d.login(user, "\x00wrong")
}
