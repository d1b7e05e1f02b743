package check

import (
	"context"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// TelnetNoLogin detects telnet services that open a shell without asking
// for a login. A prompt character alone is not enough: the shell must
// compute a sum the probe sends.
type TelnetNoLogin struct{}

func (TelnetNoLogin) Meta() probe.Meta {
	return probe.Meta{ID: "telnet-no-login", Title: "Telnet gives a shell without a login",
		Phase: probe.PhaseObserve, Practices: []string{pNoDefaultPasswords, pNetworkSecurity},
		Provisions: []string{"etsi-en-303-645/5.5-4", "eu-cra/CRA-AI-P1-2d"}}
}

func (TelnetNoLogin) Run(ctx context.Context, t *probe.Target) []probe.Finding {
	var out []probe.Finding
	for _, s := range t.ServicesNamed(probe.SvcTelnet) {
		out = append(out, telnetNoLogin(ctx, t, s))
	}
	return out
}

func telnetNoLogin(ctx context.Context, t *probe.Target, s probe.Service) probe.Finding {
	f := probe.Finding{Port: s.Port, Transport: s.Transport, Service: s.Name}
	conn, err := t.Dial(ctx, s.Port)
	if err != nil {
		f.Status, f.Detail = probe.StatusOf(err), "connect failed: "+errText(err)
		return f
	}
	defer conn.Close()
	sess := &telnetSession{c: conn}
	got, _ := sess.readUntil(t.Config().IOTimeout, userPrompt, passPrompt, shellPrompt)
	if shellPrompt.MatchString(strings.TrimRight(got, "\r\n ")) {
		// A MOTD line may end in '#' or '>': give a login prompt a moment to follow.
		more, _ := sess.readUntil(t.Config().BannerWait, userPrompt, passPrompt)
		got += more
	}
	f.Evidence = []probe.Step{{Sent: "connect", Seen: probe.Printable([]byte(got), 160)}}
	tail := strings.TrimRight(got, "\r\n ")
	switch {
	case userPrompt.MatchString(tail) || passPrompt.MatchString(tail):
		f.Status, f.Detail = probe.Pass, "a login prompt comes first"
	case lockText.MatchString(got):
		f.Status, f.Detail = probe.Inconclusive, "the service showed a lockout message"
	case shellPrompt.MatchString(tail):
		ok, answer := sess.confirmShell(t.Config().IOTimeout)
		f.Evidence = append(f.Evidence, probe.Step{Sent: shellCheckCmd, Seen: probe.Printable([]byte(answer), 160)})
		if ok {
			f.Status, f.Detail = probe.Fail, "a shell answered without any login"
		} else {
			f.Status, f.Detail = probe.Inconclusive, "a prompt without login, but it did not evaluate the check command"
		}
	default:
		f.Status, f.Detail = probe.Inconclusive, "neither a login prompt nor a shell prompt"
	}
	return f
}
