package proto

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// MQTT packet types (MQTT 3.1.1 §2.2.1) and CONNACK return codes (§3.2.2.3).
const (
	MQTTConnect = 1
	MQTTConnack = 2

	ConnackAccepted        = 0
	ConnackBadProtocol     = 1
	ConnackIDRejected      = 2
	ConnackUnavailable     = 3
	ConnackBadCredentials  = 4
	ConnackNotAuthorised   = 5
	mqttMaxRemainingLength = 64 << 10 // far above any CONNECT/CONNACK we accept
)

// MQTTConnectPacket is a CONNECT as the probe builds it or the lab reads it.
type MQTTConnectPacket struct {
	ProtocolName string
	Level        byte // 4 for 3.1.1; the probe sends an invalid one to identify without logging in
	ClientID     string
	Username     *string
	Password     *string
	KeepAlive    uint16
}

// Bytes encodes the packet. Will messages are never sent.
func (c MQTTConnectPacket) Bytes() []byte {
	var body []byte
	body = appendString(body, c.ProtocolName)
	body = append(body, c.Level)
	var flags byte = 0x02 // clean session
	if c.Username != nil {
		flags |= 0x80
	}
	if c.Password != nil {
		flags |= 0x40
	}
	body = append(body, flags, byte(c.KeepAlive>>8), byte(c.KeepAlive))
	body = appendString(body, c.ClientID)
	if c.Username != nil {
		body = appendString(body, *c.Username)
	}
	if c.Password != nil {
		body = appendString(body, *c.Password)
	}
	return append(append([]byte{MQTTConnect << 4}, varint(len(body))...), body...)
}

// ConnackBytes encodes a CONNACK with the given return code.
func ConnackBytes(code byte) []byte { return []byte{MQTTConnack << 4, 2, 0, code} }

func appendString(b []byte, s string) []byte {
	b = binary.BigEndian.AppendUint16(b, uint16(len(s)))
	return append(b, s...)
}

func varint(n int) []byte {
	var out []byte
	for {
		d := byte(n % 128)
		n /= 128
		if n > 0 {
			d |= 0x80
		}
		out = append(out, d)
		if n == 0 {
			return out
		}
	}
}

// readPacket reads one MQTT control packet: its type and its body.
func readPacket(r *bufio.Reader) (byte, []byte, error) {
	first, err := r.ReadByte()
	if err != nil {
		return 0, nil, fmt.Errorf("mqtt: fixed header at byte 0: %w", err)
	}
	n, mult := 0, 1
	for i := 0; ; i++ {
		if i == 4 {
			return 0, nil, errors.New("mqtt: remaining length longer than 4 bytes at byte 1")
		}
		d, err := r.ReadByte()
		if err != nil {
			return 0, nil, fmt.Errorf("mqtt: remaining length at byte %d: %w", 1+i, err)
		}
		n += int(d&0x7f) * mult
		mult *= 128
		if d&0x80 == 0 {
			break
		}
	}
	if n > mqttMaxRemainingLength {
		return 0, nil, fmt.Errorf("mqtt: remaining length %d exceeds %d", n, mqttMaxRemainingLength)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return 0, nil, fmt.Errorf("mqtt: body of %d bytes: %w", n, err)
	}
	return first >> 4, body, nil
}

// Connack is a parsed CONNACK.
type Connack struct {
	SessionPresent bool
	Code           byte
}

// ReadConnack reads a CONNACK (3.1.1, or the first two bytes of an MQTT 5
// one) and reports any other packet as an error.
func ReadConnack(r *bufio.Reader) (Connack, error) {
	typ, body, err := readPacket(r)
	if err != nil {
		return Connack{}, err
	}
	if typ != MQTTConnack {
		return Connack{}, fmt.Errorf("mqtt: packet type %d at byte 0, want CONNACK (2)", typ)
	}
	if len(body) < 2 {
		return Connack{}, fmt.Errorf("mqtt: CONNACK body is %d bytes, want at least 2", len(body))
	}
	return Connack{SessionPresent: body[0]&1 == 1, Code: body[1]}, nil
}

// ReadConnect reads a CONNECT, as the device lab does.
func ReadConnect(r *bufio.Reader) (MQTTConnectPacket, error) {
	var c MQTTConnectPacket
	typ, body, err := readPacket(r)
	if err != nil {
		return c, err
	}
	if typ != MQTTConnect {
		return c, fmt.Errorf("mqtt: packet type %d at byte 0, want CONNECT (1)", typ)
	}
	p := &cursor{b: body}
	c.ProtocolName = p.str("protocol name")
	c.Level = p.byte1("protocol level")
	flags := p.byte1("connect flags")
	if p.err == nil && c.Level >= 3 && c.Level <= 5 && flags&0x01 != 0 {
		return c, errors.New("mqtt: reserved connect flag set at body offset 7")
	}
	c.KeepAlive = uint16(p.byte1("keep alive"))<<8 | uint16(p.byte1("keep alive"))
	if p.err == nil && c.Level == 5 {
		p.skip(p.varlen("properties length"), "properties")
	}
	c.ClientID = p.str("client identifier")
	if flags&0x04 != 0 { // will: topic and message
		if c.Level == 5 {
			p.skip(p.varlen("will properties length"), "will properties")
		}
		p.str("will topic")
		p.str("will message")
	}
	if flags&0x80 != 0 {
		u := p.str("user name")
		c.Username = &u
	}
	if flags&0x40 != 0 {
		pw := p.str("password")
		c.Password = &pw
	}
	return c, p.err
}

// cursor walks a packet body, remembering the first error with its offset.
type cursor struct {
	b   []byte
	off int
	err error
}

func (p *cursor) fail(field string, need int) {
	if p.err == nil {
		p.err = fmt.Errorf("mqtt: %s at body offset %d: need %d bytes, have %d", field, p.off, need, len(p.b)-p.off)
	}
}

func (p *cursor) byte1(field string) byte {
	if p.err != nil || p.off+1 > len(p.b) {
		p.fail(field, 1)
		return 0
	}
	p.off++
	return p.b[p.off-1]
}

func (p *cursor) str(field string) string {
	if p.err != nil || p.off+2 > len(p.b) {
		p.fail(field, 2)
		return ""
	}
	n := int(binary.BigEndian.Uint16(p.b[p.off:]))
	p.off += 2
	if p.off+n > len(p.b) {
		p.fail(field, n)
		return ""
	}
	p.off += n
	return string(p.b[p.off-n : p.off])
}

func (p *cursor) varlen(field string) int {
	n, mult := 0, 1
	for i := 0; i < 4; i++ {
		d := p.byte1(field)
		if p.err != nil {
			return 0
		}
		n += int(d&0x7f) * mult
		mult *= 128
		if d&0x80 == 0 {
			return n
		}
	}
	if p.err == nil {
		p.err = fmt.Errorf("mqtt: %s at body offset %d: longer than 4 bytes", field, p.off)
	}
	return 0
}

func (p *cursor) skip(n int, field string) {
	if p.err != nil {
		return
	}
	if p.off+n > len(p.b) {
		p.fail(field, n)
		return
	}
	p.off += n
}
