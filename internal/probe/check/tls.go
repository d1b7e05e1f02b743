package check

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/bydesign-iot/bydesign/internal/probe"
	"github.com/bydesign-iot/bydesign/internal/probe/tlsscan"
)

// TLSConfig enumerates the protocol versions and cipher suites every TLS
// service accepts, reads its certificate chain and grades the result.
// Versions are graded on their own: TLS 1.0 or 1.1 fails even with good
// suites. Services the engine left unnamed get one hand-built ClientHello
// first, so a legacy-only TLS server that crypto/tls cannot talk to is
// still found.
type TLSConfig struct{}

func (TLSConfig) Meta() probe.Meta {
	return probe.Meta{ID: "tls-configuration", Title: "TLS versions, cipher suites and certificate",
		Phase: probe.PhaseObserve, Practices: []string{pPersonalData, pNetworkSecurity},
		Provisions: []string{"etsi-en-303-645/5.5-1", "eu-cra/CRA-AI-P1-2e", "en-18031-1/SCM", "en-18031-1/CRY"}}
}

// tlsMaxConnections bounds one service's enumeration: a server accepting
// every registered suite in every version would need about 350.
const tlsMaxConnections = 400

func (TLSConfig) Run(ctx context.Context, t *probe.Target) []probe.Finding {
	var out []probe.Finding
	for _, s := range t.Services {
		if s.Transport != "tcp" || (!s.TLS && s.Name != probe.SvcUnknown) {
			continue
		}
		port := s.Port
		dial := func(ctx context.Context) (net.Conn, error) { return t.Dial(ctx, port) }
		opt := tlsscan.Options{ServerName: t.Addr.String(), MaxConnections: tlsMaxConnections,
			HandshakeTimeout: t.Config().IOTimeout}
		if !s.TLS {
			probeOpt := opt
			probeOpt.HandshakeTimeout = min(opt.HandshakeTimeout, 2*time.Second) // silent non-TLS ports cost little
			if ok, err := tlsscan.Detect(ctx, dial, probeOpt); err != nil || !ok {
				continue // not TLS: nothing to grade, and the open-ports check has it
			}
		}
		res, err := tlsscan.Scan(ctx, dial, opt)
		out = append(out, tlsFinding(s, res, err))
	}
	return out
}

// tlsFinding turns one service's scan into a finding: weaknesses of high or
// medium severity fail, low ones (a self-signed certificate, static RSA
// alongside forward-secret suites) are noted without failing.
func tlsFinding(s probe.Service, r *tlsscan.Result, err error) probe.Finding {
	f := probe.Finding{Port: s.Port, Transport: s.Transport, Service: s.Name}
	if r == nil || (err != nil && len(r.Versions) == 0) {
		f.Status = probe.StatusOf(err)
		if errors.Is(err, tlsscan.ErrNotTLS) {
			f.Status = probe.Inconclusive
		}
		f.Detail = fmt.Sprintf("TLS enumeration failed: %v", err)
		f.Evidence = []probe.Step{{Sent: "ClientHello", Seen: tlsErrText(err)}}
		return f
	}
	var accepted []string
	for _, v := range r.Versions {
		step := probe.Step{Sent: fmt.Sprintf("ClientHellos offering %s", v.Version)}
		if v.Supported {
			accepted = append(accepted, v.Version.String())
			names := make([]string, len(v.Suites))
			for i, su := range v.Suites {
				names[i] = su.Name
			}
			step.Seen = "accepted " + strings.Join(names, ", ")
			if v.ServerOrder != nil && *v.ServerOrder {
				step.Seen += " (server's order)"
			}
		} else {
			step.Seen = "refused: " + v.Answer
		}
		f.Evidence = append(f.Evidence, step)
	}
	if len(r.Chain) > 0 {
		c := r.Chain[0]
		f.Evidence = append(f.Evidence, probe.Step{Seen: fmt.Sprintf("certificate %s, %s-%d, %s, valid %s to %s, self-signed %v, sha256 %s",
			c.Subject, c.KeyType, c.KeyBits, c.SignatureAlgorithm, c.NotBefore.Format("2006-01-02"),
			c.NotAfter.Format("2006-01-02"), c.SelfSigned, c.SHA256)})
	}
	for _, k := range r.KeyExchange {
		f.Evidence = append(f.Evidence, probe.Step{Seen: fmt.Sprintf("%s key exchange: %s %s, %d bits", k.Version, k.Kind, k.Group, k.Bits)})
	}
	var failing, notes []string
	for _, fd := range r.Findings {
		step := probe.Step{Note: fmt.Sprintf("%s (%s): %s", fd.ID, fd.Severity, fd.Message)}
		if len(fd.Items) > 0 {
			step.Seen = strings.Join(fd.Items, "; ")
		}
		f.Evidence = append(f.Evidence, step)
		if fd.Severity == tlsscan.SeverityLow {
			notes = append(notes, fd.ID)
		} else {
			failing = append(failing, fd.ID)
		}
	}
	f.Evidence = append(f.Evidence, probe.Step{Note: fmt.Sprintf("%d connections", r.Connections)})
	switch {
	case len(accepted) == 0:
		f.Status, f.Detail = probe.Inconclusive, "answers TLS but accepted no offered version"
	case len(failing) > 0:
		f.Status = probe.Fail
		f.Detail = fmt.Sprintf("accepts %s; weaknesses: %s", strings.Join(accepted, ", "), strings.Join(failing, ", "))
	case r.Truncated || err != nil:
		f.Status = probe.Inconclusive
		f.Detail = fmt.Sprintf("accepts %s; enumeration incomplete (%s)", strings.Join(accepted, ", "), incompleteWhy(err))
	default:
		f.Status = probe.Pass
		f.Detail = "accepts " + strings.Join(accepted, ", ") + "; no weak version, suite or key"
	}
	if len(notes) > 0 {
		f.Detail += "; notes: " + strings.Join(notes, ", ")
	}
	return f
}

func incompleteWhy(err error) string {
	if err != nil {
		return err.Error()
	}
	return fmt.Sprintf("stopped at %d connections", tlsMaxConnections)
}

func tlsErrText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
