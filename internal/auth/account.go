package auth

import (
	"context"

	"github.com/bydesign-iot/bydesign/internal/store"
)

// ChangePassword replaces the principal's own password after checking the
// current one. Checking it is a password guess like a login, so it is
// throttled and recorded the same way: someone holding a stolen session
// cannot try passwords faster than at the login form. On success every
// session of the user ends, this one included.
func (s *Service) ChangePassword(ctx context.Context, by Principal, requestID, source, current, password string) error {
	if err := checkPassword(password); err != nil {
		return err
	}
	now := s.now()
	f, attempt, err := s.st.BeginLogin(ctx, store.LoginAttempt{Account: by.User.Username, Source: throttleSource(source), At: now},
		now.Add(-s.opt.Window), s.opt.MaxAccountFailures, s.opt.MaxSourceFailures)
	if err != nil {
		return err
	}
	if f.Source >= s.opt.MaxSourceFailures {
		return &LockedError{RetryAfter: retryAfter(f.LastSource, s.opt.Window, now), Source: true}
	}
	if f.Account >= s.opt.MaxAccountFailures {
		return &LockedError{RetryAfter: retryAfter(f.LastAccount, s.opt.Window, now)}
	}
	u, err := s.st.User(ctx, by.User.ID)
	if err != nil {
		return err
	}
	if len(current) > MaxPasswordLen {
		return ErrBadCredentials
	}
	if ok, err := VerifyPassword(current, u.PasswordHash); err != nil || !ok {
		return ErrBadCredentials
	}
	if err := s.st.SucceedLogin(ctx, attempt); err != nil {
		return err
	}
	hash, err := HashPassword(password, s.opt.Hash)
	if err != nil {
		return err
	}
	return s.st.SetUserPassword(ctx, by.Actor(requestID, source), u.ID, hash)
}

// CreateUserAs adds an account on behalf of a principal, who must be
// allowed to manage accounts.
func (s *Service) CreateUserAs(ctx context.Context, by Principal, requestID, source, username, password string, role Role) (store.User, error) {
	if err := by.Require(ManageAccounts); err != nil {
		return store.User{}, err
	}
	return s.CreateUser(ctx, by.Actor(requestID, source), username, password, role)
}

// UnlockAs lifts an account's lockout on behalf of a principal, who must
// be allowed to manage accounts.
func (s *Service) UnlockAs(ctx context.Context, by Principal, requestID, source, username string) error {
	if err := by.Require(ManageAccounts); err != nil {
		return err
	}
	return s.Unlock(ctx, by.Actor(requestID, source), username)
}
