package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bydesign-iot/bydesign/internal/store"
)

// IssueToken creates an API token for user forUser (0: the principal
// itself) and returns the token, which is never stored or shown again.
// requestID and source (the client address) go into the audit entry.
// The principal needs ManageAccounts to issue for someone else, and its
// role must cover the token's role. ttl 0 means Options.TokenTTL; more
// than MaxTokenTTL is refused.
func (s *Service) IssueToken(ctx context.Context, by Principal, requestID, source string, forUser int64, name string, role Role, ttl time.Duration) (string, store.APIToken, error) {
	owner := by.User
	if forUser != 0 && forUser != by.User.ID {
		if err := by.Require(ManageAccounts); err != nil {
			return "", store.APIToken{}, err
		}
		u, err := s.st.User(ctx, forUser)
		if err != nil {
			return "", store.APIToken{}, err
		}
		owner = u
	}
	if _, err := ParseRole(string(role)); err != nil {
		return "", store.APIToken{}, &PolicyError{err.Error()}
	}
	if !by.Role.Covers(role) || !Role(owner.Role).Covers(role) {
		return "", store.APIToken{}, fmt.Errorf("auth: token role %s: %w", role, ErrForbidden)
	}
	if name == "" || len(name) > 100 {
		return "", store.APIToken{}, &PolicyError{"token name must have 1 to 100 characters"}
	}
	// PostgreSQL refuses NUL and invalid UTF-8 where SQLite stores them:
	// refuse them here so both stores behave alike.
	if !utf8.ValidString(name) || strings.ContainsFunc(name, unicode.IsControl) {
		return "", store.APIToken{}, &PolicyError{"token name must be UTF-8 text without control characters"}
	}
	if ttl == 0 {
		ttl = s.opt.TokenTTL
	}
	if ttl < 0 || ttl > s.opt.MaxTokenTTL {
		return "", store.APIToken{}, &PolicyError{fmt.Sprintf("token lifetime must be between 1s and %s", s.opt.MaxTokenTTL)}
	}
	token, err := newSecret(tokenPrefix)
	if err != nil {
		return "", store.APIToken{}, err
	}
	t, err := s.st.CreateToken(ctx, by.Actor(requestID, source), store.APIToken{
		UserID: owner.ID, Name: name, Prefix: token[:shownPrefix], Hash: hashSecret(token),
		Role: string(role), Expires: s.now().Add(ttl),
	})
	if err != nil {
		return "", store.APIToken{}, err
	}
	return token, t, nil
}

// Token returns the principal for a bearer token, or ErrUnauthenticated if
// it is malformed, unknown, expired, its user is disabled, or the user's
// role no longer covers the token's role.
func (s *Service) Token(ctx context.Context, bearer string) (Principal, error) {
	if !wellFormed(bearer, tokenPrefix) {
		return Principal{}, ErrUnauthenticated
	}
	now := s.now()
	t, err := s.st.TokenByHash(ctx, hashSecret(bearer))
	if errors.Is(err, store.ErrNotFound) || err == nil && !t.Expires.IsZero() && !now.Before(t.Expires) {
		return Principal{}, ErrUnauthenticated
	}
	if err != nil {
		return Principal{}, err
	}
	u, err := s.principalFor(ctx, t.UserID)
	if err != nil {
		return Principal{}, err
	}
	if !Role(u.Role).Covers(Role(t.Role)) {
		return Principal{}, ErrUnauthenticated
	}
	if now.Sub(t.LastUsed) > touchEvery {
		if err := s.st.TouchToken(ctx, t.ID, now); err != nil {
			return Principal{}, err
		}
	}
	return Principal{User: u, Role: Role(t.Role), TokenID: t.ID}, nil
}

// RevokeToken deletes one of the principal's tokens (or, with
// ManageAccounts, another user's token). ErrNotFound if userID has no
// token tokenID.
func (s *Service) RevokeToken(ctx context.Context, by Principal, requestID, source string, userID, tokenID int64) error {
	if userID != by.User.ID {
		if err := by.Require(ManageAccounts); err != nil {
			return err
		}
	}
	return s.st.DeleteToken(ctx, by.Actor(requestID, source), userID, tokenID)
}

// RevokeTokenByID deletes a token given only its id: the principal's own,
// or any user's with ManageAccounts. Someone else's token looks the same
// as a missing one (store.ErrNotFound) to a caller who may not manage
// accounts, so ids cannot be probed.
func (s *Service) RevokeTokenByID(ctx context.Context, by Principal, requestID, source string, tokenID int64) error {
	owner := by.User.ID
	if by.Role.Can(ManageAccounts) {
		t, err := s.st.TokenByID(ctx, tokenID)
		if err != nil {
			return err
		}
		owner = t.UserID
	}
	return s.RevokeToken(ctx, by, requestID, source, owner, tokenID)
}
