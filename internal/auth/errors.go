package auth

import (
	"errors"
	"fmt"
	"time"
)

// Errors the server maps to responses. Their messages are safe to show and
// deliberately do not say whether a username exists.
var (
	// ErrBadCredentials: wrong username or password (never says which).
	ErrBadCredentials = errors.New("wrong username or password")
	// ErrUnauthenticated: a token or session is unknown, expired, or its
	// user is disabled. Maps to 401.
	ErrUnauthenticated = errors.New("not signed in or token not valid")
	// ErrForbidden: authenticated, but the role lacks the permission. 403.
	ErrForbidden = errors.New("not allowed for this role")
	// ErrSetupDone: setup was asked for but an account already exists.
	ErrSetupDone = errors.New("setup already completed")
)

// LockedError says logins are refused for a while; it wraps ErrLocked.
// Maps to 429 with a Retry-After header.
type LockedError struct {
	RetryAfter time.Duration
	Source     bool // true when the source, not the account, is throttled
}

// ErrLocked matches any LockedError with errors.Is.
var ErrLocked = errors.New("too many failed logins")

func (e *LockedError) Error() string {
	return fmt.Sprintf("too many failed logins; try again in %s", e.RetryAfter.Round(time.Second))
}

func (e *LockedError) Unwrap() error { return ErrLocked }

// PolicyError is a rejected password, username or token request; its
// message is safe to show.
type PolicyError struct{ Msg string }

func (e *PolicyError) Error() string { return e.Msg }
