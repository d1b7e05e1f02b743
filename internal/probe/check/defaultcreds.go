package check

import (
	"context"
	"fmt"
	"slices"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// DefaultCredentials tries the built-in default pairs on every login
// service, before any other check can spend login attempts. A pair counts
// only if a wrong password for the same user is then refused (the control),
// and a lockout makes the result inconclusive, never "no default password".
type DefaultCredentials struct {
	// Extra pairs, such as a vendor's own defaults, are tried before the
	// built-in lists.
	Extra []Entry
}

func (DefaultCredentials) Meta() probe.Meta {
	return probe.Meta{ID: "default-credentials", Title: "Default or well-known credentials accepted",
		Phase: probe.PhaseCredentials, Needs: probe.Needs{Credentials: true},
		Practices:  []string{pNoDefaultPasswords},
		Provisions: []string{"etsi-en-303-645/5.1-1", "uk-psti/sch1-1", "eu-cra/CRA-AI-P1-2d"}}
}

func (d DefaultCredentials) Run(ctx context.Context, t *probe.Target) []probe.Finding {
	builtin, err := BuiltinCredentials()
	if err != nil {
		return []probe.Finding{{Status: probe.Inconclusive, Service: "-", Detail: err.Error()}}
	}
	entries := slices.Clone(d.Extra)
	for _, e := range builtin {
		if !slices.ContainsFunc(d.Extra, func(x Entry) bool { return x.Credential == e.Credential }) {
			entries = append(entries, e)
		}
	}
	var out []probe.Finding
	for _, s := range t.ServicesNamed(credentialServices...) {
		out = append(out, tryDefaults(ctx, t, s, entries))
	}
	for _, s := range t.ServicesNamed(probe.SvcClosedOnConnect) {
		out = append(out, inconclusive(closedPort(s), "cannot try logins, a lockout may be in force: the port accepted connections and "+
			"closed them at once, before any banner, so its service could not be named; not proof of no default password"))
	}
	return out
}

// closedPort starts a finding on a port identification saw closing every
// connection at once; such a port may hide a login service under lockout.
func closedPort(s probe.Service) probe.Finding {
	return probe.Finding{Port: s.Port, Transport: s.Transport, Service: s.Name,
		Evidence: []probe.Step{{Sent: "TCP connect, then handshake probes", Seen: "accepted, then closed or reset before any byte",
			Note: "possibly a lockout in force; also what an address allow-list or a full connection limit does"}}}
}

// ordered moves pairs that already worked on this target to the front.
func ordered(worked []probe.Credential, list []Entry) []Entry {
	out := make([]Entry, 0, len(list)+len(worked))
	rest := make([]Entry, 0, len(list))
	for _, w := range worked {
		found := false
		for _, e := range list {
			if e.Credential == w {
				out, found = append(out, e), true
			}
		}
		if !found {
			out = append(out, Entry{Credential: w, List: "accepted-elsewhere-on-target"})
		}
	}
	for _, e := range list {
		if !slices.Contains(worked, e.Credential) {
			rest = append(rest, e)
		}
	}
	return append(out, rest...)
}

func tryDefaults(ctx context.Context, t *probe.Target, s probe.Service, list []Entry) probe.Finding {
	f := probe.Finding{Port: s.Port, Transport: s.Transport, Service: s.Name}
	if lk, ok := t.Logins.Lockout(); ok {
		f.Status, f.Detail = probe.LockoutObserved, fmt.Sprintf("not tried: the target locked logins after %d failed logins on %s/%d", lk.AfterFailures, lk.Service, lk.Port)
		return f
	}
	m := methodFor(ctx, t, s)
	f.Evidence = m.steps
	if m.login == nil {
		f.Status, f.Detail = probe.Skipped, m.reason
		return f
	}
	pairs := ordered(t.Logins.Worked(), list)
	reserve := laterLogins(t)
	rejectedN, unclearN := 0, 0
	for i, e := range pairs {
		if t.Logins.Remaining() <= reserve {
			return inconclusive(f, fmt.Sprintf("failed-login budget spent after %d of %d pairs (%s); raise --login-budget to finish", i, len(pairs), m.name))
		}
		if err := t.Logins.Take(); err != nil {
			return inconclusive(f, fmt.Sprintf("stopped after %d of %d pairs: %v", i, len(pairs), err))
		}
		a := m.login(ctx, t, s, e.Credential)
		switch a.out {
		case accepted:
			t.Logins.Succeeded(e.Credential)
			return confirm(ctx, t, s, m, e, a, f)
		case rejected:
			t.Logins.Failed()
			rejectedN++
		case blocked:
			if t.Logins.Consecutive() > 0 {
				lk := t.Logins.ObserveLockout(s.Name, s.Port, a.how)
				f.Evidence = append(f.Evidence, a.steps...)
				return inconclusive(f, fmt.Sprintf("lockout observed after %d failed logins (%s) with %d of %d pairs tried: inconclusive, not proof of no default password", lk.AfterFailures, a.how, i, len(pairs)))
			}
			f.Evidence = append(f.Evidence, a.steps...)
			return inconclusive(f, "the service turned the probe away before any failed login: "+a.how)
		case unclear:
			if a.how == noPasswordAuth {
				f.Evidence = append(f.Evidence, a.steps...)
				f.Status, f.Detail = probe.Skipped, "the service offers no password login (keys only)"
				return f
			}
			if unclearN++; unclearN >= 3 || i == 0 {
				f.Evidence = append(f.Evidence, a.steps...)
				return inconclusive(f, fmt.Sprintf("cannot judge %s logins: %s", m.name, a.how))
			}
			f.Evidence = append(f.Evidence, probe.Step{Sent: fmt.Sprintf("pair %d of list %s (user %q)", e.Index, e.List, e.User),
				Seen: a.how, Note: "could not be judged"})
		}
	}
	if unclearN > 0 {
		// A pair the service did not clearly refuse may be the one that works.
		return inconclusive(f, fmt.Sprintf("none of the %d pairs was accepted over %s, but %d could not be judged (%d refused)", len(pairs), m.name, unclearN, rejectedN))
	}
	f.Status = probe.Pass
	f.Detail = fmt.Sprintf("none of the %d pairs was accepted over %s (%d refused)", len(pairs), m.name, rejectedN)
	f.Evidence = append(f.Evidence, probe.Step{Note: fmt.Sprintf("%d pairs tried, all refused", rejectedN)})
	return f
}

// confirm runs the negative control: the same user with a random password.
func confirm(ctx context.Context, t *probe.Target, s probe.Service, m loginMethod, e Entry, a attempt, f probe.Finding) probe.Finding {
	f.Evidence = append(f.Evidence, a.steps...)
	which := fmt.Sprintf("pair %d of list %s (user %q)", e.Index, e.List, e.User)
	// Without the control a pair is not proven, and with the budget spent or
	// a lockout seen another login must not be sent: either way, no verdict.
	if err := t.Logins.Take(); err != nil {
		return inconclusive(f, which+" was accepted but the wrong-password control could not run: "+err.Error())
	}
	ctl := m.login(ctx, t, s, probe.Credential{User: e.User, Password: controlPassword()})
	for _, st := range ctl.steps {
		st.Note = "control with a wrong password"
		f.Evidence = append(f.Evidence, st)
	}
	switch ctl.out {
	case rejected:
		t.Logins.Failed()
		f.Status = probe.Fail
		f.Detail = fmt.Sprintf("default credentials accepted over %s: %s (%s); a wrong password was refused (%s)", m.name, which, a.how, ctl.how)
	case accepted:
		f.Status = probe.Inconclusive
		f.Detail = fmt.Sprintf("%s was accepted, but so was a wrong password: the service does not check passwords (see the unauthenticated-access checks)", which)
	default:
		f.Status = probe.Inconclusive
		f.Detail = fmt.Sprintf("%s was accepted but the wrong-password control was %s (%s)", which, ctl.out, ctl.how)
	}
	return f
}

// laterLogins is the part of the failed-login budget default-credentials
// leaves for the checks after it: the anonymous FTP logins (two per FTP
// service) and brute-force's threshold plus the one attempt past it.
func laterLogins(t *probe.Target) int {
	return len(anonymousUsers)*len(t.ServicesNamed(probe.SvcFTP)) + t.Config().BruteForceThreshold + 1
}

func inconclusive(f probe.Finding, detail string) probe.Finding {
	f.Status, f.Detail = probe.Inconclusive, detail
	return f
}
