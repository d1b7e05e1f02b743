package check

import (
	"context"
	"fmt"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// FTPAnonymous tries the anonymous account (user anonymous, then its alias
// ftp, with an e-mail address as password, per RFC 1635). Like
// mqtt-anonymous it needs no --allow-credentials, since it guesses no
// secret; unlike an MQTT CONNECT without credentials it is a USER/PASS
// login a device may count, so each refusal is charged to the target's
// failed-login budget, it runs after the default-credential check, and
// nothing is sent once a lockout was seen.
type FTPAnonymous struct{}

func (FTPAnonymous) Meta() probe.Meta {
	return probe.Meta{ID: "ftp-anonymous", Title: "FTP server accepts anonymous logins",
		Phase: probe.PhaseObserve, Practices: []string{pNetworkSecurity, pAttackSurface},
		Provisions: []string{"etsi-en-303-645/5.5-4", "eu-cra/CRA-AI-P1-2d"}}
}

// anonymousUsers are tried in this order; the second only if the first
// was refused.
var anonymousUsers = []string{"anonymous", "ftp"}

// anonymousPassword is an address in a reserved domain (RFC 2606): servers
// that check the password's form accept it, and it reaches no one.
const anonymousPassword = "probe@bydesign.invalid"

func (FTPAnonymous) Run(ctx context.Context, t *probe.Target) []probe.Finding {
	var out []probe.Finding
	for _, s := range t.ServicesNamed(probe.SvcFTP) {
		out = append(out, ftpAnonymous(ctx, t, s))
	}
	return out
}

func ftpAnonymous(ctx context.Context, t *probe.Target, s probe.Service) probe.Finding {
	f := probe.Finding{Port: s.Port, Transport: s.Transport, Service: s.Name}
	var hows []string
	for _, user := range anonymousUsers {
		if lk, ok := t.Logins.Lockout(); ok {
			f.Status = probe.LockoutObserved
			f.Detail = fmt.Sprintf("not tried as %q: the target locked logins after %d failed logins on %s/%d", user, lk.AfterFailures, lk.Service, lk.Port)
			return f
		}
		if err := t.Logins.Take(); err != nil {
			return inconclusive(f, fmt.Sprintf("not tried as %q: %v", user, err))
		}
		a := ftpLogin(ctx, t, s, probe.Credential{User: user, Password: anonymousPassword})
		for _, st := range a.steps {
			if st.Sent == "PASS "+secret(anonymousPassword) {
				st.Sent = "PASS (an e-mail address in a reserved domain)"
			}
			f.Evidence = append(f.Evidence, st)
		}
		switch a.out {
		case accepted:
			// Not recorded as a working pair: the brute-force check must not
			// pick an account that takes any password.
			f.Status, f.Detail = probe.Fail, fmt.Sprintf("anonymous login accepted as user %q (%s)", user, a.how)
			return f
		case rejected:
			t.Logins.Failed()
			hows = append(hows, a.how)
		case blocked:
			if t.Logins.Consecutive() > 0 {
				lk := t.Logins.ObserveLockout(s.Name, s.Port, a.how)
				return inconclusive(f, fmt.Sprintf("lockout observed after %d failed logins (%s) before the anonymous login as %q was judged", lk.AfterFailures, a.how, user))
			}
			return inconclusive(f, fmt.Sprintf("the service turned the anonymous login as %q away: %s", user, a.how))
		default:
			return inconclusive(f, fmt.Sprintf("cannot judge the anonymous login as %q: %s", user, a.how))
		}
	}
	f.Status = probe.Pass
	f.Detail = fmt.Sprintf("anonymous logins refused as users %q and %q (%s)", anonymousUsers[0], anonymousUsers[1], strings.Join(hows, ", "))
	return f
}
