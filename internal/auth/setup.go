package auth

import (
	"context"
	"errors"

	"github.com/bydesign-iot/bydesign/internal/store"
)

// Bootstrap prepares a first start. With accounts present it does nothing
// and returns "". Otherwise, if adminPassword is set (read from a secret
// file by the caller), it creates the admin adminUser and returns "".
// Otherwise it stores a one-time setup token valid for SetupTTL and returns
// it: the caller shows it once on the console (never in logs) as part of a
// setup link. There is no default password in any path.
func (s *Service) Bootstrap(ctx context.Context, adminUser, adminPassword string) (string, error) {
	n, err := s.st.CountUsers(ctx)
	if err != nil || n > 0 {
		return "", err
	}
	if adminPassword != "" {
		if adminUser == "" {
			adminUser = "admin"
		}
		_, err := s.CreateUser(ctx, store.System, adminUser, adminPassword, Admin)
		if errors.Is(err, store.ErrConflict) { // another server won the race
			return "", nil
		}
		return "", err
	}
	token, err := newSecret(setupPrefix)
	if err != nil {
		return "", err
	}
	if err := s.st.CreateSetupToken(ctx, store.System, hashSecret(token), s.now().Add(s.opt.SetupTTL)); err != nil {
		return "", err
	}
	return token, nil
}

// CompleteSetup spends a setup token to create the first admin. It returns
// ErrUnauthenticated if the token is malformed, unknown, spent or expired,
// or if an account already exists, and a *PolicyError for a bad username
// or password (the token stays valid).
func (s *Service) CompleteSetup(ctx context.Context, token, username, password, source, requestID string) (store.User, error) {
	if !wellFormed(token, setupPrefix) {
		return store.User{}, ErrUnauthenticated
	}
	// Every server that starts on an empty database prints its own link;
	// once any of them (or the admin secret file) has made an account, the
	// rest are dead. This early check saves hashing a password; the store
	// checks again inside its transaction, where two links spent at the
	// same moment take turns.
	if n, err := s.st.CountUsers(ctx); err != nil {
		return store.User{}, err
	} else if n > 0 {
		return store.User{}, ErrUnauthenticated
	}
	u, err := s.newUser(username, password, Admin)
	if err != nil {
		return store.User{}, err
	}
	by := store.Actor{Name: "setup", RequestID: requestID, Source: source}
	u, err = s.st.CompleteSetup(ctx, by, hashSecret(token), s.now(), u)
	if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrSetupDone) {
		return store.User{}, ErrUnauthenticated
	}
	return u, err
}
