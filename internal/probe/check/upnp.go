package check

import (
	"context"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// UPnPExposure records discovery services (SSDP/UPnP, mDNS) that answer a
// unicast query: they announce the device and its services to anyone on
// the network. LOCATION URLs are recorded here; upnp-description fetches
// one only when it names the target itself.
type UPnPExposure struct{}

func (UPnPExposure) Meta() probe.Meta {
	return probe.Meta{ID: "discovery-services", Title: "Discovery services answering unicast queries",
		Phase: probe.PhaseObserve, Practices: []string{pAttackSurface, pDeviceID},
		Provisions: []string{"etsi-en-303-645/5.6-1", "eu-cra/CRA-AI-P1-2j"}}
}

func (UPnPExposure) Run(_ context.Context, t *probe.Target) []probe.Finding {
	var out []probe.Finding
	for _, s := range t.ServicesNamed(probe.SvcSSDP, probe.SvcMDNS) {
		sent := "M-SEARCH ST upnp:rootdevice (unicast)"
		detail := "SSDP answers: UPnP device description at " + quoteOrDash(s.Banner)
		if s.Name == probe.SvcMDNS {
			sent = "PTR " + "_services._dns-sd._udp.local (unicast)"
			detail = "mDNS answers with service types " + quoteOrDash(s.Banner)
		}
		out = append(out, probe.Finding{Status: probe.Observed, Port: s.Port, Transport: s.Transport, Service: s.Name,
			Detail: detail, Evidence: []probe.Step{{Sent: sent, Seen: "answer from " + quoteOrDash(s.Software) + " " + s.Banner}}})
	}
	return out
}
