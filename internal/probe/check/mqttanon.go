package check

import (
	"context"
	"fmt"

	"github.com/bydesign-iot/bydesign/internal/probe"
	"github.com/bydesign-iot/bydesign/internal/probe/proto"
)

// MQTTAnonymous sends a CONNECT without credentials and reads the CONNACK
// code exactly (0 accepted, 4 bad credentials, 5 not authorised). It never
// subscribes.
type MQTTAnonymous struct{}

func (MQTTAnonymous) Meta() probe.Meta {
	return probe.Meta{ID: "mqtt-anonymous", Title: "MQTT broker accepts clients without credentials",
		Phase: probe.PhaseObserve, Practices: []string{pNetworkSecurity, pAttackSurface},
		Provisions: []string{"etsi-en-303-645/5.5-4", "eu-cra/CRA-AI-P1-2d"}}
}

func (MQTTAnonymous) Run(ctx context.Context, t *probe.Target) []probe.Finding {
	var out []probe.Finding
	for _, s := range t.ServicesNamed(probe.SvcMQTT, probe.SvcMQTTS) {
		f := probe.Finding{Port: s.Port, Transport: s.Transport, Service: s.Name}
		ack, err := mqttConnect(ctx, t, s, nil, nil)
		if err != nil {
			f.Status, f.Detail = probe.StatusOf(err), "CONNECT failed: "+errText(err)
			if f.Status == probe.Pass {
				f.Status = probe.Inconclusive
			}
			out = append(out, f)
			continue
		}
		f.Evidence = []probe.Step{{Sent: "CONNECT without user name or password", Seen: fmt.Sprintf("CONNACK code %d", ack.Code)}}
		switch ack.Code {
		case proto.ConnackAccepted:
			f.Status, f.Detail = probe.Fail, "anonymous clients are accepted"
		case proto.ConnackBadCredentials, proto.ConnackNotAuthorised:
			f.Status, f.Detail = probe.Pass, "anonymous clients are refused"
		default:
			f.Status, f.Detail = probe.Inconclusive, fmt.Sprintf("CONNACK code %d neither accepts nor refuses for lack of credentials", ack.Code)
		}
		out = append(out, f)
	}
	return out
}
