package check

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// BruteForce judges protection against password guessing: the device must
// lock logins or slow them down within the stated threshold of failed
// logins (Config.BruteForceThreshold, default 10). It runs after the
// default-credential check and reuses a lockout that check already saw.
type BruteForce struct{}

func (BruteForce) Meta() probe.Meta {
	return probe.Meta{ID: "brute-force-protection", Title: "Lockout or throttling of repeated failed logins",
		Phase: probe.PhaseBruteForce, Needs: probe.Needs{Credentials: true},
		Practices:  []string{pNoDefaultPasswords, pNetworkSecurity},
		Provisions: []string{"etsi-en-303-645/5.1-5", "eu-cra/CRA-AI-P1-2d"}}
}

// Throttling counts when a failed login takes at least this much longer
// than the first one and at least twice as long.
const throttleGrowth = 500 * time.Millisecond

func (BruteForce) Run(ctx context.Context, t *probe.Target) []probe.Finding {
	threshold := t.Config().BruteForceThreshold
	if lk, ok := t.Logins.Lockout(); ok {
		return []probe.Finding{earlierLockout(lk, threshold)}
	}
	for _, s := range t.ServicesNamed(credentialServices...) {
		m := methodFor(ctx, t, s)
		if m.login == nil {
			continue
		}
		return []probe.Finding{bruteForce(ctx, t, s, m, threshold)}
	}
	// A port that closes every connection at once may be a login service
	// under a lockout set off before this run: that is not "no login".
	if closed := t.ServicesNamed(probe.SvcClosedOnConnect); len(closed) > 0 {
		ports := make([]string, len(closed))
		for i, s := range closed {
			ports[i] = strconv.Itoa(s.Port)
		}
		return []probe.Finding{inconclusive(closedPort(closed[0]), "cannot test, a lockout may be in force: no login service could be named and port(s) "+
			strings.Join(ports, ", ")+" accepted connections and closed them at once, before any banner")}
	}
	return []probe.Finding{{Status: probe.Skipped, Service: "-", Detail: "no service with a login the probe can drive"}}
}

// earlierLockout judges a lockout the default-credential check already
// saw: it protects only if it came within the threshold of failed logins.
func earlierLockout(lk probe.Lockout, threshold int) probe.Finding {
	f := probe.Finding{Port: lk.Port, Transport: "tcp", Service: lk.Service,
		Evidence: []probe.Step{{Note: "lockout sign: " + lk.How}}}
	if lk.AfterFailures <= threshold {
		f.Status = probe.Pass
		f.Detail = fmt.Sprintf("lockout after %d failed logins (threshold %d), seen during the default-credential check", lk.AfterFailures, threshold)
		return f
	}
	f.Status = probe.Fail
	f.Detail = fmt.Sprintf("lockout only after %d failed logins, beyond the threshold of %d (seen during the default-credential check)", lk.AfterFailures, threshold)
	return f
}

// loopLockout judges a lockout this check set off after failures of its
// own, inRow counting those of earlier checks too. When earlier failures
// push the run past the threshold the device may count per user or per
// service, or may have needed more than the threshold: no verdict.
func loopLockout(f probe.Finding, method, how string, failures, inRow, threshold int) probe.Finding {
	switch {
	case failures == 0:
		return inconclusive(f, "turned away before any failed login: "+how)
	case inRow > threshold:
		return inconclusive(f, fmt.Sprintf("lockout after %d failed logins from this check over %s, but %d in a row on the target: cannot tell whether it locks within %d", failures, method, inRow, threshold))
	}
	f.Status = probe.Pass
	f.Detail = fmt.Sprintf("lockout after %d failed logins over %s (threshold %d): %s", inRow, method, threshold, how)
	if inRow != failures {
		f.Detail = fmt.Sprintf("lockout after %d failed logins in a row over %s, %d of them from this check (threshold %d): %s", inRow, method, failures, threshold, how)
	}
	return f
}

// throttled reports whether the failed login at the threshold took at
// least throttleGrowth longer than the first and at least twice as long.
func throttled(first, last time.Duration) bool {
	return last >= 2*first && last-first >= throttleGrowth
}

func bruteForce(ctx context.Context, t *probe.Target, s probe.Service, m loginMethod, threshold int) probe.Finding {
	f := probe.Finding{Port: s.Port, Transport: s.Transport, Service: s.Name}
	user := "admin"
	if w := t.Logins.Worked(); len(w) > 0 {
		user = w[0].User // a real account, so per-user lockouts show too
	}
	// Failures are counted here, apart from those of earlier checks: the
	// device may count per user or per service, and the threshold is about
	// the failures this check drives. After threshold failures one more
	// attempt shows whether the last of them set off a lockout.
	var first, last time.Duration
	failures, sentN := 0, 0
	for failures <= threshold {
		if err := t.Logins.Take(); err != nil {
			return inconclusive(f, fmt.Sprintf("stopped after %d of %d failed logins: %v", failures, threshold, err))
		}
		sentN++
		a := m.login(ctx, t, s, probe.Credential{User: user, Password: controlPassword()})
		switch a.out {
		case accepted:
			f.Evidence = append(f.Evidence, a.steps...)
			return inconclusive(f, "a random password was accepted: logins are not checked")
		case blocked:
			lk := t.Logins.ObserveLockout(s.Name, s.Port, a.how)
			f.Evidence = append(f.Evidence, a.steps...)
			return loopLockout(f, m.name, a.how, failures, lk.AfterFailures, threshold)
		case unclear:
			f.Evidence = append(f.Evidence, a.steps...)
			return inconclusive(f, fmt.Sprintf("attempt %d could not be judged: %s", sentN, a.how))
		}
		t.Logins.Failed()
		if failures == threshold {
			break // the extra attempt was refused as well: no lockout within the threshold
		}
		if failures++; failures == 1 {
			first = a.latency
		}
		last = a.latency
		if failures == threshold && throttled(first, last) {
			break // slowed down within the threshold: the extra attempt is not needed
		}
	}
	sent := fmt.Sprintf("%d logins as %q with random passwords", sentN, user)
	if throttled(first, last) {
		f.Evidence = append(f.Evidence, probe.Step{Sent: sent, Seen: fmt.Sprintf("all refused; first took %s, last %s", first.Round(10*time.Millisecond), last.Round(10*time.Millisecond))})
		f.Status = probe.Pass
		f.Detail = fmt.Sprintf("throttling: failed logins slowed from %s to %s within %d attempts over %s", first.Round(10*time.Millisecond), last.Round(10*time.Millisecond), threshold, m.name)
		return f
	}
	// Timings stay out of this evidence so identical runs print identical
	// reports; only the threshold matters.
	f.Evidence = append(f.Evidence, probe.Step{Sent: sent, Seen: fmt.Sprintf("all refused, none slowed by %s or more", throttleGrowth)})
	f.Status = probe.Fail
	f.Detail = fmt.Sprintf("no lockout or throttling within %d failed logins over %s (%d logins refused)", threshold, m.name, sentN)
	return f
}
