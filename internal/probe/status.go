// Package probe is the network probe engine. It owns the scope, dialing,
// timeouts, rate limits and the per-target failed-login budget; checks (in
// package check) never dial on their own but get a Target from the engine.
// Every outcome maps to one status of a closed set.
package probe

import (
	"context"
	"errors"
	"net"
	"os"
	"syscall"
)

// Status is the outcome of one check on one service. The set is closed: the
// JSON evidence file and assess rely on it.
type Status string

const (
	Pass            Status = "pass"             // the property holds
	Fail            Status = "fail"             // the property is violated
	Observed        Status = "observed"         // a fact without a verdict (an open port, an identified service)
	Inconclusive    Status = "inconclusive"     // the probe could not decide; never read as pass
	LockoutObserved Status = "lockout-observed" // logins were blocked by a lockout before the check could finish
	Refused         Status = "refused"          // the connection was refused
	Timeout         Status = "timeout"          // no answer in time
	Filtered        Status = "filtered"         // nothing answered on any probed port
	OutOfScope      Status = "out-of-scope"     // the address is outside the scope; nothing was sent
	Skipped         Status = "skipped"          // not run: permission flag missing or nothing to check
)

// Statuses lists the closed set in a fixed order.
var Statuses = []Status{Pass, Fail, Observed, Inconclusive, LockoutObserved, Refused, Timeout, Filtered, OutOfScope, Skipped}

// ErrOutOfScope is returned by every dial to an address or port the scope
// does not allow.
var ErrOutOfScope = errors.New("probe: address outside scope")

// StatusOf maps a dial or I/O error to a status.
func StatusOf(err error) Status {
	var ne net.Error
	switch {
	case err == nil:
		return Pass
	case errors.Is(err, ErrOutOfScope), errors.Is(err, ErrScopeExpired):
		return OutOfScope
	case errors.Is(err, syscall.ECONNREFUSED):
		return Refused
	case errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, context.DeadlineExceeded),
		errors.As(err, &ne) && ne.Timeout():
		return Timeout
	}
	return Inconclusive
}
