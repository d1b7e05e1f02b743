package tlsscan

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"time"
)

// handshake sends one ClientHello and reads the answer. A peer that closes
// or resets gives a nil flight, not an error: many servers refuse that way.
// A peer that stays silent gives a flight marked TimedOut.
func (s *scanner) handshake(ctx context.Context, spec helloSpec, want readWant) (*serverFlight, error) {
	if s.res.Connections >= s.opt.MaxConnections {
		return nil, errBudget
	}
	hello, err := buildClientHello(spec)
	if err != nil {
		return nil, fmt.Errorf("tlsscan: %w", err)
	}
	conn, err := s.connect(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.Write(hello); err != nil {
		return nil, nil
	}
	fl, err := readFlight(io.LimitReader(conn, 1<<20), want)
	if errors.Is(err, errNotTLS) {
		return nil, fmt.Errorf("%w: %v", ErrNotTLS, err)
	}
	if err != nil && (fl == nil || fl.Hello == nil) {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return &serverFlight{TimedOut: true}, nil
		}
		return nil, nil
	}
	return fl, nil
}

func (s *scanner) connect(ctx context.Context) (net.Conn, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.res.Connections++
	conn, err := s.dial(ctx)
	if err != nil {
		return nil, fmt.Errorf("tlsscan: dial: %w", err)
	}
	deadline := time.Now().Add(s.opt.HandshakeTimeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	if err := conn.SetDeadline(deadline); err != nil {
		conn.Close()
		return nil, fmt.Errorf("tlsscan: set deadline: %w", err)
	}
	return conn, nil
}

// modernChain fetches the chain with crypto/tls when no cleartext
// Certificate message was seen (a TLS 1.3-only server encrypts it).
func (s *scanner) modernChain(ctx context.Context) error {
	if s.res.Connections >= s.opt.MaxConnections {
		s.res.Truncated = true
		return nil
	}
	conn, err := s.connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	cfg := &tls.Config{
		ServerName: s.opt.ServerName,
		// The chain is inspected and graded, never trusted: verification
		// against roots would fail on the self-signed devices being examined.
		InsecureSkipVerify: true, //nolint:gosec // inspection only, no data is sent
		MinVersion:         tls.VersionTLS10,
	}
	tc := tls.Client(conn, cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		return nil // the suites are known; a chain we cannot fetch is not fatal
	}
	for _, c := range tc.ConnectionState().PeerCertificates {
		s.chain = append(s.chain, c.Raw)
	}
	return nil
}
