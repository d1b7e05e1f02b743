package check

import (
	"context"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// Cleartext flags services whose protocol carries logins and data
// unencrypted, and notes the encrypted ones.
type Cleartext struct{}

func (Cleartext) Meta() probe.Meta {
	return probe.Meta{ID: "cleartext-services", Title: "Services that carry credentials or data in cleartext",
		Phase: probe.PhaseObserve, Practices: []string{pPersonalData, pNetworkSecurity},
		Provisions: []string{"etsi-en-303-645/5.5-1", "eu-cra/CRA-AI-P1-2e"}}
}

var cleartextNames = map[string]string{
	probe.SvcTelnet: "telnet sends logins and sessions unencrypted",
	probe.SvcFTP:    "FTP sends logins and files unencrypted",
	probe.SvcHTTP:   "HTTP without TLS sends logins and pages unencrypted",
	probe.SvcMQTT:   "MQTT without TLS sends credentials and messages unencrypted",
	probe.SvcRTSP:   "RTSP sends credentials and stream control unencrypted",
}

var encryptedNames = map[string]string{
	probe.SvcSSH:   "SSH encrypts the session",
	probe.SvcHTTPS: "HTTPS: TLS protects the web interface",
	probe.SvcMQTTS: "MQTT over TLS",
	probe.SvcTLS:   "TLS service",
}

func (Cleartext) Run(_ context.Context, t *probe.Target) []probe.Finding {
	var out []probe.Finding
	for _, s := range t.Services {
		if s.Transport != "tcp" {
			continue
		}
		f := probe.Finding{Port: s.Port, Transport: s.Transport, Service: s.Name,
			Evidence: []probe.Step{{Sent: "handshake probes", Seen: s.Name}}}
		if why, ok := cleartextNames[s.Name]; ok {
			f.Status, f.Detail = probe.Fail, why
		} else if why, ok := encryptedNames[s.Name]; ok {
			f.Status, f.Detail = probe.Pass, why
		} else {
			continue
		}
		out = append(out, f)
	}
	return out
}
