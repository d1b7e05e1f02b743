package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bydesign-iot/bydesign/internal/store"
)

// Options tune the service. Zero values take the defaults shown.
type Options struct {
	Hash               HashParams       // DefaultHashParams
	MaxAccountFailures int              // 5 failed logins per account within Window lock it
	MaxSourceFailures  int              // 20 failed logins from one source within Window block it
	Window             time.Duration    // 15 minutes
	SessionTTL         time.Duration    // 12 hours, absolute
	TokenTTL           time.Duration    // 90 days, when a token request gives none
	MaxTokenTTL        time.Duration    // 366 days
	SetupTTL           time.Duration    // 24 hours
	Now                func() time.Time // time.Now
}

func (o Options) withDefaults() Options {
	if o.Hash == (HashParams{}) {
		o.Hash = DefaultHashParams
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	if o.MaxAccountFailures <= 0 {
		o.MaxAccountFailures = 5
	}
	if o.MaxSourceFailures <= 0 {
		o.MaxSourceFailures = 20
	}
	def(&o.Window, 15*time.Minute)
	def(&o.SessionTTL, 12*time.Hour)
	def(&o.TokenTTL, 90*24*time.Hour)
	def(&o.MaxTokenTTL, 366*24*time.Hour)
	def(&o.SetupTTL, 24*time.Hour)
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Service is the accounts and access API the server calls. It keeps no
// state of its own beyond configuration: everything is in the store.
type Service struct {
	st    store.Store
	opt   Options
	dummy string // hash verified for unknown users so timing does not tell
}

// New returns a service over st.
func New(st store.Store, opt Options) (*Service, error) {
	opt = opt.withDefaults()
	dummy, err := HashPassword("not a password of anyone", opt.Hash)
	if err != nil {
		return nil, err
	}
	return &Service{st: st, opt: opt, dummy: dummy}, nil
}

func (s *Service) now() time.Time { return s.opt.Now().UTC() }

// Principal is an authenticated caller.
type Principal struct {
	User    store.User
	Role    Role   // the effective role: the token's role for token calls
	TokenID int64  // set when authenticated by API token
	Session string // session hash when authenticated by cookie
}

// Actor turns the principal into the store's audit actor.
func (p Principal) Actor(requestID, source string) store.Actor {
	return store.Actor{UserID: p.User.ID, Name: p.User.Username, RequestID: requestID, Source: source}
}

// Require returns ErrForbidden unless the principal's role grants perm.
func (p Principal) Require(perm Permission) error {
	if !p.Role.Can(perm) {
		return fmt.Errorf("auth: %s: %w", perm, ErrForbidden)
	}
	return nil
}

// NormalizeUsername folds a username to its stored form and checks it:
// 1 to 64 characters from a-z, 0-9 and . _ @ -.
func NormalizeUsername(name string) (string, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "" || len(n) > 64 {
		return "", &PolicyError{"username must have 1 to 64 characters"}
	}
	for _, r := range n {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune("._@-", r)) {
			return "", &PolicyError{"username may use only letters, digits and . _ @ -"}
		}
	}
	return n, nil
}

// CreateUser adds an account after checking the username and password
// policies. The caller checks that the actor may manage accounts.
func (s *Service) CreateUser(ctx context.Context, by store.Actor, username, password string, role Role) (store.User, error) {
	u, err := s.newUser(username, password, role)
	if err != nil {
		return store.User{}, err
	}
	return s.st.CreateUser(ctx, by, u)
}

func (s *Service) newUser(username, password string, role Role) (store.User, error) {
	name, err := NormalizeUsername(username)
	if err != nil {
		return store.User{}, err
	}
	if _, err := ParseRole(string(role)); err != nil {
		return store.User{}, &PolicyError{err.Error()}
	}
	if err := checkPassword(password); err != nil {
		return store.User{}, err
	}
	hash, err := HashPassword(password, s.opt.Hash)
	if err != nil {
		return store.User{}, err
	}
	return store.User{Username: name, Role: string(role), PasswordHash: hash}, nil
}

// SetPassword replaces a user's password (ending their sessions). When old
// is not nil it must match the current password: users changing their own
// password pass it; admins resetting another's pass nil.
func (s *Service) SetPassword(ctx context.Context, by store.Actor, userID int64, old *string, password string) error {
	u, err := s.st.User(ctx, userID)
	if err != nil {
		return err
	}
	if old != nil {
		ok, err := VerifyPassword(*old, u.PasswordHash)
		if err != nil || !ok {
			return ErrBadCredentials
		}
	}
	if err := checkPassword(password); err != nil {
		return err
	}
	hash, err := HashPassword(password, s.opt.Hash)
	if err != nil {
		return err
	}
	return s.st.SetUserPassword(ctx, by, userID, hash)
}

// Unlock clears an account's failed logins, lifting its lockout.
func (s *Service) Unlock(ctx context.Context, by store.Actor, username string) error {
	name, err := NormalizeUsername(username)
	if err != nil {
		return err
	}
	return s.st.ClearLoginFailures(ctx, by, name)
}

// principalFor loads the user behind a session or token and refuses
// disabled users.
func (s *Service) principalFor(ctx context.Context, userID int64) (store.User, error) {
	u, err := s.st.User(ctx, userID)
	if errors.Is(err, store.ErrNotFound) || err == nil && u.Disabled {
		return store.User{}, ErrUnauthenticated
	}
	return u, err
}
