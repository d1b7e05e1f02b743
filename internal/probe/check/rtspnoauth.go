package check

import (
	"context"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// RTSPNoAuth sends DESCRIBE without credentials. A 200 means anyone on the
// network can learn and open the stream. SETUP and PLAY are never sent.
type RTSPNoAuth struct{}

func (RTSPNoAuth) Meta() probe.Meta {
	return probe.Meta{ID: "rtsp-unauthenticated", Title: "RTSP stream described without authentication",
		Phase: probe.PhaseObserve, Practices: []string{pNetworkSecurity, pAttackSurface},
		Provisions: []string{"etsi-en-303-645/5.5-4", "eu-cra/CRA-AI-P1-2d"}}
}

func (RTSPNoAuth) Run(ctx context.Context, t *probe.Target) []probe.Finding {
	var out []probe.Finding
	for _, s := range t.ServicesNamed(probe.SvcRTSP) {
		f := probe.Finding{Port: s.Port, Transport: s.Transport, Service: s.Name}
		path, h, steps, err := rtspProbe(ctx, t, s)
		f.Evidence = steps
		switch {
		case err != nil:
			f.Status, f.Detail = probe.Inconclusive, "no stream path answered: "+errText(err)
		case h.Code == 200:
			f.Status, f.Detail = probe.Fail, "stream "+path+" is described without authentication"
		default:
			f.Status, f.Detail = probe.Pass, "stream "+path+" asks for authentication"
		}
		out = append(out, f)
	}
	return out
}
