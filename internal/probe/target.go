package probe

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// Service names found by identification. The name comes from the
// handshake, never from the port number.
const (
	SvcTelnet  = "telnet"
	SvcSSH     = "ssh"
	SvcHTTP    = "http"
	SvcHTTPS   = "https"
	SvcMQTT    = "mqtt"
	SvcMQTTS   = "mqtts"
	SvcRTSP    = "rtsp"
	SvcFTP     = "ftp"
	SvcTLS     = "tls"
	SvcSSDP    = "ssdp"
	SvcMDNS    = "mdns"
	SvcUnknown = "unknown"
)

// Service is an open port and what answered on it.
type Service struct {
	Port      int    `json:"port"`
	Transport string `json:"transport"` // tcp or udp
	Name      string `json:"name"`
	TLS       bool   `json:"tls"`
	Banner    string `json:"banner,omitempty"` // printable prefix of what the service said first
	Software  string `json:"software,omitempty"`
	// Location is SSDP's LOCATION header as received (bounded), kept apart
	// from the printable Banner so the description fetch uses the URL the
	// device announced, not a cleaned or shortened copy.
	Location string `json:"-"`
}

// Target is one address under probe, handed to every check. Its dialers are
// the only way a check can reach the network: they enforce the scope, the
// rate limits and the timeouts.
type Target struct {
	Addr     netip.Addr
	Services []Service
	Logins   *LoginBudget

	cfg     *Config
	limiter *rate.Limiter // per target
	global  *rate.Limiter
	flood   *rate.Limiter
	conns   atomic.Int64
	// slots holds one token per open connection (floods aside), so no
	// phase can open more than perTargetParallel at once to one device.
	slots chan struct{}
	open  atomic.Int64
	peak  atomic.Int64 // most connections open at once, for tests
}

// Config returns the run's configuration (read-only for checks).
func (t *Target) Config() *Config { return t.cfg }

// AddrPort formats the target address with a port.
func (t *Target) AddrPort(port int) string {
	return net.JoinHostPort(t.Addr.String(), strconv.Itoa(port))
}

// Connections is the number of connections opened so far.
func (t *Target) Connections() int64 { return t.conns.Load() }

// ServicesNamed returns the target's services with one of the names.
func (t *Target) ServicesNamed(names ...string) []Service {
	var out []Service
	for _, s := range t.Services {
		for _, n := range names {
			if s.Name == n {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

func (t *Target) wait(ctx context.Context) error {
	if err := t.cfg.Scope.Allows(t.Addr, time.Now()); err != nil {
		return err
	}
	if err := t.global.Wait(ctx); err != nil {
		return fmt.Errorf("probe: rate limit: %w", err)
	}
	if err := t.limiter.Wait(ctx); err != nil {
		return fmt.Errorf("probe: rate limit: %w", err)
	}
	// The wait may have been long: check the expiry again at dial time.
	return t.cfg.Scope.Allows(t.Addr, time.Now())
}

// Dial opens a TCP connection to port on the target, with the I/O deadline
// already set.
func (t *Target) Dial(ctx context.Context, port int) (net.Conn, error) {
	if err := t.wait(ctx); err != nil {
		return nil, err
	}
	return t.dialSlot(ctx, "tcp", port)
}

// dialSlot waits for one of the target's connection slots, then dials; the
// slot is given back when the connection is closed.
func (t *Target) dialSlot(ctx context.Context, network string, port int) (net.Conn, error) {
	select {
	case t.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("probe: wait for a connection slot: %w", ctx.Err())
	}
	n := t.open.Add(1)
	for p := t.peak.Load(); n > p && !t.peak.CompareAndSwap(p, n); p = t.peak.Load() {
	}
	release := func() { t.open.Add(-1); <-t.slots }
	c, err := t.dial(ctx, network, port)
	if err != nil {
		release()
		return nil, err
	}
	c.release = release
	return c, nil
}

func (t *Target) dial(ctx context.Context, network string, port int) (*limitedConn, error) {
	d := net.Dialer{Timeout: t.cfg.ConnectTimeout}
	t.conns.Add(1)
	c, err := d.DialContext(ctx, network, t.AddrPort(port))
	if err != nil {
		return nil, fmt.Errorf("probe: dial %s/%d: %w", network, port, err)
	}
	// The deadline starts after the rate-limit and slot waits, so a slow
	// rate budget never eats into the time a service has to answer.
	c.SetDeadline(time.Now().Add(ioTimeout(ctx, t.cfg.IOTimeout)))
	return &limitedConn{Conn: c, left: maxReadPerConn}, nil
}

type ioTimeoutKey struct{}

// withIOTimeout makes dials on ctx use d as each connection's deadline
// instead of the run's I/O timeout (identification is given less time).
func withIOTimeout(ctx context.Context, d time.Duration) context.Context {
	return context.WithValue(ctx, ioTimeoutKey{}, d)
}

func ioTimeout(ctx context.Context, def time.Duration) time.Duration {
	if d, ok := ctx.Value(ioTimeoutKey{}).(time.Duration); ok && d > 0 {
		return d
	}
	return def
}

// DialTLS opens a TLS connection. Certificates are recorded, not trusted:
// verification is off because devices use self-signed certificates and the
// probe judges them separately.
func (t *Target) DialTLS(ctx context.Context, port int) (*tls.Conn, error) {
	c, err := t.Dial(ctx, port)
	if err != nil {
		return nil, err
	}
	tc := tls.Client(c, inspectionTLS())
	hctx, cancel := context.WithTimeout(ctx, ioTimeout(ctx, t.cfg.IOTimeout))
	defer cancel()
	if err := tc.HandshakeContext(hctx); err != nil {
		c.Close()
		return nil, fmt.Errorf("probe: tls handshake on %d: %w", port, err)
	}
	return tc, nil
}

// inspectionTLS is the client side of every TLS connection to a device.
// Certificates are recorded, not trusted. Besides Go's default suites it
// offers the RSA key exchange and 3DES, which Go leaves out by default but
// older devices may offer alone: without them such a port stayed unnamed
// and no check looked at it. RC4 stays out, since credentials may follow.
// Judging what the device accepts is tls-configuration's work.
func inspectionTLS() *tls.Config {
	var suites []uint16
	for _, s := range append(tls.CipherSuites(), tls.InsecureCipherSuites()...) {
		if !strings.Contains(s.Name, "_RC4_") {
			suites = append(suites, s.ID)
		}
	}
	return &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS10, CipherSuites: suites} //nolint:gosec // inspection, not trust
}

// DialUDP opens a connected UDP socket to port on the target only: replies
// from anywhere else are dropped by the kernel.
func (t *Target) DialUDP(ctx context.Context, port int) (net.Conn, error) {
	if err := t.wait(ctx); err != nil {
		return nil, err
	}
	return t.dialSlot(ctx, "udp", port)
}

// DialFlood opens a connection for a flood check. It is refused unless the
// run has --allow-flood, and it is paced by the flood rate cap instead of the
// per-target rate; the global rate applies as well.
func (t *Target) DialFlood(ctx context.Context, port int) (net.Conn, error) {
	if !t.cfg.AllowFlood {
		return nil, fmt.Errorf("probe: flood needs --allow-flood")
	}
	if err := t.cfg.Scope.Allows(t.Addr, time.Now()); err != nil {
		return nil, err
	}
	if err := t.flood.Wait(ctx); err != nil {
		return nil, fmt.Errorf("probe: flood rate: %w", err)
	}
	// The global cap binds floods too: it protects the network between the
	// probe and every target, not only the target being flooded.
	if err := t.global.Wait(ctx); err != nil {
		return nil, fmt.Errorf("probe: rate limit: %w", err)
	}
	if err := t.cfg.Scope.Allows(t.Addr, time.Now()); err != nil {
		return nil, err
	}
	c, err := t.dial(ctx, "tcp", port)
	if err != nil {
		return nil, err // not a nil *limitedConn inside a non-nil net.Conn
	}
	return c, nil
}

// HTTPClient returns a client that reaches only this target on port and
// never follows redirects (a redirect could point outside the scope).
func (t *Target) HTTPClient(port int, useTLS bool) *http.Client {
	// Keep-alives are off: an idle pooled connection would hold a slot.
	tr := &http.Transport{
		DialContext: func(ctx context.Context, _, addr string) (net.Conn, error) {
			if addr != t.AddrPort(port) {
				return nil, fmt.Errorf("%w: %s", ErrOutOfScope, addr)
			}
			return t.Dial(ctx, port)
		},
		TLSClientConfig:       inspectionTLS(),
		DisableKeepAlives:     true,
		ResponseHeaderTimeout: t.cfg.IOTimeout,
		DisableCompression:    true,
	}
	return &http.Client{
		Transport:     closedEarlyTransport{tr},
		Timeout:       t.cfg.IOTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// closedEarlyTransport reports a connection the server closed before
// answering as io.ErrUnexpectedEOF. With keep-alives off every request has
// a fresh connection, yet net/http calls a close that lands before the
// request is registered "server closed idle connection", an unexported
// error; which comes first is a race, so a device that locks out by
// closing at accept looked blocked on one attempt and unclear on the next.
type closedEarlyTransport struct{ *http.Transport }

func (t closedEarlyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.Transport.RoundTrip(r)
	if err != nil && strings.Contains(err.Error(), "server closed idle connection") {
		return nil, fmt.Errorf("%w (%v)", io.ErrUnexpectedEOF, err)
	}
	return resp, err
}

// URL builds a URL for path on this target's port.
func (t *Target) URL(port int, useTLS bool, path string) string {
	scheme := "http"
	if useTLS {
		scheme = "https"
	}
	return scheme + "://" + t.AddrPort(port) + path
}

// maxReadPerConn caps what one connection may read, as zgrab2 does per host.
const maxReadPerConn = 256 << 10

type limitedConn struct {
	net.Conn
	left    int
	release func() // gives the target's slot back; nil for flood connections
	once    sync.Once
}

func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	if c.release != nil {
		c.once.Do(c.release)
	}
	return err
}

func (c *limitedConn) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, fmt.Errorf("probe: read limit of %d bytes per connection reached: %w", maxReadPerConn, io.ErrUnexpectedEOF)
	}
	if len(p) > c.left {
		p = p[:c.left]
	}
	n, err := c.Conn.Read(p)
	c.left -= n
	return n, err
}
