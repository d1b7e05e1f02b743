package check

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"time"

	"github.com/bydesign-iot/bydesign/internal/probe"
	"github.com/bydesign-iot/bydesign/internal/probe/proto"
)

// mqttConnect sends one CONNECT (3.1.1) and reads the CONNACK. It never
// subscribes or publishes.
func mqttConnect(ctx context.Context, t *probe.Target, svc probe.Service, user, pass *string) (proto.Connack, error) {
	var conn net.Conn
	var err error
	if svc.TLS {
		conn, err = t.DialTLS(ctx, svc.Port)
	} else {
		conn, err = t.Dial(ctx, svc.Port)
	}
	if err != nil {
		return proto.Connack{}, err
	}
	defer conn.Close()
	pkt := proto.MQTTConnectPacket{ProtocolName: "MQTT", Level: 4, ClientID: "bydesign-probe", KeepAlive: 10, Username: user, Password: pass}
	if _, err := conn.Write(pkt.Bytes()); err != nil {
		return proto.Connack{}, err
	}
	ack, err := proto.ReadConnack(bufio.NewReader(conn))
	if err == nil && ack.Code == proto.ConnackAccepted {
		conn.Write([]byte{0xe0, 0}) // DISCONNECT
	}
	return ack, err
}

func mqttLogin(ctx context.Context, t *probe.Target, svc probe.Service, c probe.Credential) attempt {
	start := time.Now()
	user, pass := c.User, c.Password
	ack, err := mqttConnect(ctx, t, svc, &user, &pass)
	sent := fmt.Sprintf("CONNECT user %s %s", c.User, secret(c.Password))
	if err != nil {
		return failedTo("CONNECT", err, []probe.Step{{Sent: sent}})
	}
	steps := []probe.Step{{Sent: sent, Seen: fmt.Sprintf("CONNACK code %d", ack.Code)}}
	lat := time.Since(start)
	switch ack.Code {
	case proto.ConnackAccepted:
		return attempt{out: accepted, how: "CONNACK code 0", steps: steps, latency: lat}
	case proto.ConnackBadCredentials, proto.ConnackNotAuthorised:
		return attempt{out: rejected, how: fmt.Sprintf("CONNACK code %d", ack.Code), steps: steps, latency: lat}
	case proto.ConnackUnavailable:
		return attempt{out: blocked, how: "CONNACK code 3 (server unavailable)", steps: steps, latency: lat}
	}
	return attempt{out: unclear, how: fmt.Sprintf("CONNACK code %d", ack.Code), steps: steps, latency: lat}
}
