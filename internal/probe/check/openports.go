package check

import (
	"context"
	"fmt"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// OpenPorts records every open port and the service its handshake revealed.
// It gives no verdict: which ports a device needs is a design decision that
// assess compares with the declaration.
type OpenPorts struct{}

func (OpenPorts) Meta() probe.Meta {
	return probe.Meta{ID: "open-ports", Title: "Open ports and identified services", Phase: probe.PhaseObserve,
		Practices:  []string{pAttackSurface},
		Provisions: []string{"etsi-en-303-645/5.6-1", "eu-cra/CRA-AI-P1-2j"}}
}

func (OpenPorts) Run(_ context.Context, t *probe.Target) []probe.Finding {
	var out []probe.Finding
	for _, s := range t.Services {
		detail := fmt.Sprintf("%s/%d open: %s", s.Transport, s.Port, s.Name)
		if s.Software != "" {
			detail += " (" + s.Software + ")"
		}
		ev := []probe.Step{{Sent: "handshake probes", Seen: s.Name}}
		if s.Banner != "" {
			ev = append(ev, probe.Step{Seen: "first bytes: " + s.Banner})
		}
		out = append(out, probe.Finding{Status: probe.Observed, Port: s.Port, Transport: s.Transport,
			Service: s.Name, Detail: detail, Evidence: ev})
	}
	return out
}
