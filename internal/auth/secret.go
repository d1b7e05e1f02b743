package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// Secret kinds carry a short prefix so a leaked string can be recognised
// (and found by secret scanners) without revealing anything.
const (
	tokenPrefix   = "bdt_" // API token
	sessionPrefix = "bds_" // session cookie value
	setupPrefix   = "bdu_" // one-time setup token
	secretBytes   = 32
	shownPrefix   = 12 // characters of an API token kept in clear for lists
)

// newSecret returns a random secret with the kind prefix.
func newSecret(kind string) (string, error) {
	b := make([]byte, secretBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("auth: random: %w", err)
	}
	return kind + base64.RawURLEncoding.EncodeToString(b), nil
}

// hashSecret is how tokens are stored. The secrets carry 256 random bits, so
// a plain SHA-256 is enough: no password-style stretching is needed.
func hashSecret(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// wellFormed rejects strings that cannot be our secrets before any lookup.
func wellFormed(s, kind string) bool {
	if !strings.HasPrefix(s, kind) || len(s) != len(kind)+base64.RawURLEncoding.EncodedLen(secretBytes) {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s[len(kind):])
	return err == nil
}
