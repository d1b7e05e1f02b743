package auth

import (
	"context"
	"errors"
	"net/netip"
	"time"

	"github.com/bydesign-iot/bydesign/internal/store"
)

// Login checks a password and opens a session. source is the client
// address; per-source throttling counts by its network (throttleSource).
//
// Throttling: while an account has MaxAccountFailures failures within
// Window, or a source has MaxSourceFailures, Login returns a *LockedError
// without checking the password, and the refused attempt is not counted,
// so the lock lifts Window after the last counted failure. A successful
// login resets the account's count (not the source's); the failures stay
// in the store for review. Unknown usernames cost the same hashing work
// and count like wrong passwords.
//
// The attempt is recorded as a failure in the same transaction that checks
// the counts, before the slow password check, and marked a success only
// afterwards; so many guesses sent at once are counted as they arrive and
// cannot all slip under the limit while each is still being verified.
//
// It returns the session token to put in the cookie; only its hash is
// stored.
func (s *Service) Login(ctx context.Context, username, password, source, requestID string) (string, Principal, error) {
	now := s.now()
	account, err := NormalizeUsername(username)
	if err != nil || len(password) > MaxPasswordLen {
		return "", Principal{}, ErrBadCredentials
	}
	f, attempt, err := s.st.BeginLogin(ctx, store.LoginAttempt{Account: account, Source: throttleSource(source), At: now},
		now.Add(-s.opt.Window), s.opt.MaxAccountFailures, s.opt.MaxSourceFailures)
	if err != nil {
		return "", Principal{}, err
	}
	if f.Source >= s.opt.MaxSourceFailures {
		return "", Principal{}, &LockedError{RetryAfter: retryAfter(f.LastSource, s.opt.Window, now), Source: true}
	}
	if f.Account >= s.opt.MaxAccountFailures {
		return "", Principal{}, &LockedError{RetryAfter: retryAfter(f.LastAccount, s.opt.Window, now)}
	}

	u, err := s.st.UserByName(ctx, account)
	hash := u.PasswordHash
	switch {
	case errors.Is(err, store.ErrNotFound):
		hash = s.dummy
	case err != nil:
		return "", Principal{}, err
	}
	ok, verr := VerifyPassword(password, hash)
	if verr != nil || !ok || u.ID == 0 || u.Disabled {
		return "", Principal{}, ErrBadCredentials
	}
	if err := s.st.SucceedLogin(ctx, attempt); err != nil {
		return "", Principal{}, err
	}
	token, err := newSecret(sessionPrefix)
	if err != nil {
		return "", Principal{}, err
	}
	by := store.Actor{UserID: u.ID, Name: u.Username, RequestID: requestID, Source: source}
	sess, err := s.st.CreateSession(ctx, by, store.Session{Hash: hashSecret(token), UserID: u.ID, Expires: now.Add(s.opt.SessionTTL)})
	if err != nil {
		return "", Principal{}, err
	}
	return token, Principal{User: u, Role: Role(u.Role), Session: sess.Hash}, nil
}

// retryAfter is when the newest counted failure leaves the window; at
// least a second, in case servers' clocks disagree.
func retryAfter(last time.Time, window time.Duration, now time.Time) time.Duration {
	return max(last.Add(window).Sub(now), time.Second)
}

// touchEvery limits LastSeen writes to one per session per minute.
const touchEvery = time.Minute

// Session returns the principal for a session cookie value, or
// ErrUnauthenticated if it is malformed, unknown, expired, or its user is
// disabled.
func (s *Service) Session(ctx context.Context, token string) (Principal, error) {
	if !wellFormed(token, sessionPrefix) {
		return Principal{}, ErrUnauthenticated
	}
	now := s.now()
	sess, err := s.st.SessionByHash(ctx, hashSecret(token))
	if errors.Is(err, store.ErrNotFound) || err == nil && !now.Before(sess.Expires) {
		return Principal{}, ErrUnauthenticated
	}
	if err != nil {
		return Principal{}, err
	}
	u, err := s.principalFor(ctx, sess.UserID)
	if err != nil {
		return Principal{}, err
	}
	if now.Sub(sess.LastSeen) > touchEvery {
		if err := s.st.TouchSession(ctx, sess.Hash, now, sess.Expires); err != nil {
			return Principal{}, err
		}
	}
	return Principal{User: u, Role: Role(u.Role), Session: sess.Hash}, nil
}

// Logout ends the session behind a cookie value. Unknown sessions are not
// an error: logging out twice is harmless.
func (s *Service) Logout(ctx context.Context, by store.Actor, token string) error {
	if !wellFormed(token, sessionPrefix) {
		return nil
	}
	err := s.st.DeleteSession(ctx, by, hashSecret(token))
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	return err
}

// throttleSource is what per-source limits count by: an IPv4 address as
// is, an IPv6 address by its /64, since one host usually holds a whole
// /64 and could otherwise take a fresh address for every guess. Anything
// that is not an address is used unchanged.
func throttleSource(source string) string {
	a, err := netip.ParseAddr(source)
	if err != nil {
		return source
	}
	if a = a.Unmap(); a.Is4() {
		return a.String()
	}
	return netip.PrefixFrom(a.WithZone(""), 64).Masked().String()
}
