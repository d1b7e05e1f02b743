package devicelab

import (
	"bufio"
	"context"
	"net"

	"github.com/bydesign-iot/bydesign/internal/probe/proto"
)

// startMQTT runs a raw MQTT responder: it answers CONNECT with the CONNACK
// a broker would send and then only waits for the client to leave.
func (d *Device) startMQTT(context.Context) error {
	m := d.Profile.MQTT
	if m == nil || m.Port == 0 {
		return nil
	}
	serve := func(c net.Conn) { d.serveMQTT(c, m) }
	if m.TLS {
		return d.listenTLS(m.Port, serve)
	}
	return d.listen(m.Port, serve)
}

func (d *Device) serveMQTT(c net.Conn, m *MQTT) {
	r := bufio.NewReader(c)
	conn, err := proto.ReadConnect(r)
	if err != nil {
		return
	}
	if conn.ProtocolName != "MQTT" && conn.ProtocolName != "MQIsdp" || conn.Level < 3 || conn.Level > 5 {
		c.Write(proto.ConnackBytes(proto.ConnackBadProtocol))
		return
	}
	code := byte(proto.ConnackAccepted)
	switch {
	case conn.Username == nil && !m.Anonymous:
		code = proto.ConnackNotAuthorised
	case conn.Username != nil:
		pass := ""
		if conn.Password != nil {
			pass = *conn.Password
		}
		switch d.login(*conn.Username, pass) {
		case loginBad:
			code = proto.ConnackBadCredentials
		case loginLocked:
			code = proto.ConnackUnavailable
		}
	}
	c.Write(proto.ConnackBytes(code))
	if code != proto.ConnackAccepted {
		return
	}
	buf := make([]byte, 256)
	for {
		if _, err := r.Read(buf); err != nil {
			return
		}
	}
}
