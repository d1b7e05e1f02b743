package check

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/probe/proto"
)

func basicAuth(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}

// digestAuth answers a Digest challenge (RFC 7616) for method and uri with
// qop=auth when offered; MD5 and SHA-256 are supported.
func digestAuth(ch proto.Challenge, method, uri, user, pass string) (string, error) {
	var newHash func() hash.Hash
	alg := ch.Params["algorithm"]
	switch strings.ToUpper(alg) {
	case "", "MD5":
		newHash = md5.New
	case "SHA-256":
		newHash = sha256.New
	default:
		return "", fmt.Errorf("digest: algorithm %q not supported", alg)
	}
	h := func(s string) string {
		x := newHash()
		x.Write([]byte(s))
		return hex.EncodeToString(x.Sum(nil))
	}
	realm, nonce := ch.Params["realm"], ch.Params["nonce"]
	ha1 := h(user + ":" + realm + ":" + pass)
	ha2 := h(method + ":" + uri)
	var b strings.Builder
	fmt.Fprintf(&b, `Digest username=%q, realm=%q, nonce=%q, uri=%q`, user, realm, nonce, uri)
	if qopOffers(ch.Params["qop"], "auth") {
		cb := make([]byte, 8)
		rand.Read(cb)
		cnonce := hex.EncodeToString(cb)
		resp := h(ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2)
		fmt.Fprintf(&b, `, qop=auth, nc=00000001, cnonce=%q, response=%q`, cnonce, resp)
	} else {
		fmt.Fprintf(&b, `, response=%q`, h(ha1+":"+nonce+":"+ha2))
	}
	if alg != "" {
		fmt.Fprintf(&b, `, algorithm=%s`, alg)
	}
	if op, ok := ch.Params["opaque"]; ok {
		fmt.Fprintf(&b, `, opaque=%q`, op)
	}
	return b.String(), nil
}

func qopOffers(qop, want string) bool {
	for _, q := range strings.Split(qop, ",") {
		if strings.TrimSpace(q) == want {
			return true
		}
	}
	return false
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}
