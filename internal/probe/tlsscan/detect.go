package tlsscan

import (
	"context"
	"errors"
	"io"
)

// Detect reports whether the service speaks TLS, using one connection and
// one ClientHello (TLS 1.2 framing, every registered suite). Any TLS record
// in reply, a ServerHello of any version or an alert, counts: this finds
// servers that only accept legacy versions or suites that crypto/tls
// refuses to negotiate, which a crypto/tls handshake would miss.
func Detect(ctx context.Context, dial DialFunc, opt Options) (bool, error) {
	if dial == nil {
		return false, errors.New("tlsscan: no dial function")
	}
	if opt.MaxConnections <= 0 {
		opt.MaxConnections = 1
	}
	if opt.HandshakeTimeout <= 0 {
		opt.HandshakeTimeout = defaultHandshakeTimeout
	}
	s := &scanner{dial: dial, opt: opt, res: &Result{}}
	var all []uint16
	for _, e := range ianaSuites {
		all = append(all, e.id)
	}
	hello, err := buildClientHello(helloSpec{version: VersionTLS12, suites: all, serverName: opt.ServerName})
	if err != nil {
		return false, err
	}
	conn, err := s.connect(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	if _, err := conn.Write(hello); err != nil {
		return false, nil
	}
	fl, err := readFlight(io.LimitReader(conn, 1<<16), readWant{})
	if err != nil {
		return false, nil
	}
	return fl.Hello != nil || fl.Alert != nil, nil
}
