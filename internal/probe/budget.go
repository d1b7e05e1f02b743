package probe

import (
	"errors"
	"fmt"
	"sync"
)

// Errors a credential check gets instead of an attempt.
var (
	ErrBudgetSpent = errors.New("probe: failed-login budget spent")
	ErrLockedOut   = errors.New("probe: lockout observed on this target")
)

// LoginBudget is the failed-login budget of one target, shared by every
// credential check on it, so all services together stay under a device's
// lockout threshold as far as the probe can know it.
type LoginBudget struct {
	mu          sync.Mutex
	max         int
	failures    int
	consecutive int // failures since the last success: a lockout's k
	attempts    int
	lockout     *Lockout
	worked      []Credential
}

// Lockout is what the probe saw when a target started blocking logins.
type Lockout struct {
	AfterFailures int    `json:"after_failures"` // consecutive failed logins before it
	Service       string `json:"service"`
	Port          int    `json:"port"`
	How           string `json:"how"`
}

// Credential is a user name and password pair.
type Credential struct {
	User     string `yaml:"user" json:"user"`
	Password string `yaml:"password" json:"password"`
}

// NewLoginBudget allows max failed logins.
func NewLoginBudget(max int) *LoginBudget { return &LoginBudget{max: max} }

// Take reserves one login attempt, or says why none is left.
func (b *LoginBudget) Take() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.lockout != nil {
		return ErrLockedOut
	}
	if b.failures >= b.max {
		return fmt.Errorf("%w (%d failed logins)", ErrBudgetSpent, b.failures)
	}
	b.attempts++
	return nil
}

// Failed records a rejected login.
func (b *LoginBudget) Failed() {
	b.mu.Lock()
	b.failures++
	b.consecutive++
	b.mu.Unlock()
}

// Succeeded records an accepted login and the pair, so other services on
// the same target try it first.
func (b *LoginBudget) Succeeded(c Credential) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.consecutive = 0
	for _, w := range b.worked {
		if w == c {
			return
		}
	}
	b.worked = append(b.worked, c)
}

// ObserveLockout records that logins are being blocked; the attempt that
// showed it is not counted as a failure of the credentials.
func (b *LoginBudget) ObserveLockout(service string, port int, how string) Lockout {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.lockout == nil {
		b.lockout = &Lockout{AfterFailures: b.consecutive, Service: service, Port: port, How: how}
	}
	return *b.lockout
}

// Lockout returns the lockout seen on this target, if any.
func (b *LoginBudget) Lockout() (Lockout, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.lockout == nil {
		return Lockout{}, false
	}
	return *b.lockout, true
}

// Worked lists pairs accepted anywhere on this target.
func (b *LoginBudget) Worked() []Credential {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Credential(nil), b.worked...)
}

// Remaining is the number of failed logins still allowed.
func (b *LoginBudget) Remaining() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return max(0, b.max-b.failures)
}

// Consecutive is the number of failures since the last success.
func (b *LoginBudget) Consecutive() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.consecutive
}

// Stats reports attempts and failures so far.
func (b *LoginBudget) Stats() (attempts, failures int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.attempts, b.failures
}
