// Package tlsscan enumerates the TLS protocol versions and cipher suites a
// server accepts, by sending hand-built ClientHellos and reading the
// ServerHello or alert, and grades the configuration. crypto/tls cannot
// offer legacy suites, so enumeration does not use it; the certificate chain
// comes from the cleartext Certificate message (TLS 1.2 and below) or, for
// TLS 1.3-only servers, from a crypto/tls handshake. The package never dials
// on its own: the caller's dial function owns scope, rate and timeouts.
package tlsscan

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"time"
)

// DialFunc opens one connection to the target being scanned.
type DialFunc func(ctx context.Context) (net.Conn, error)

// Options bound a scan. Zero values take the defaults noted.
type Options struct {
	// ServerName is sent as SNI (host names only) and checked against the
	// leaf certificate; an IP address is checked but not sent.
	ServerName string
	// Versions to probe; default AllVersions.
	Versions []Version
	// MaxConnections caps connections for the whole scan; default 400.
	MaxConnections int
	// HandshakeTimeout bounds each connection; default 5 s.
	HandshakeTimeout time.Duration
	// Now is the clock for certificate validity; default time.Now.
	Now func() time.Time
}

// VersionResult is what one protocol version showed.
type VersionResult struct {
	Version   Version `json:"version"`
	Supported bool    `json:"supported"`
	// Suites are listed in the order the server chose them, which is its
	// preference order when it enforces one.
	Suites []Suite `json:"suites,omitempty"`
	// Answer says how the server refused, for example "alert
	// protocol_version" or "answered TLS1.0".
	Answer string `json:"answer,omitempty"`
	// Chunked is set when the full offer met a silent close and the suites
	// were offered again in small groups.
	Chunked bool `json:"chunked,omitempty"`
	// ServerOrder is true when the server enforces its own suite order, so
	// Suites are in its preference order; nil when not tested (fewer than
	// two suites, or no budget left).
	ServerOrder *bool `json:"server_order,omitempty"`
}

const answerClosed = "connection closed"

// Result is the outcome of a scan.
type Result struct {
	Versions    []VersionResult `json:"versions"`
	Chain       []CertInfo      `json:"chain,omitempty"`
	KeyExchange []KexInfo       `json:"key_exchange,omitempty"` // first DH and first ECDH group seen
	Findings    []Finding       `json:"findings,omitempty"`
	Connections int             `json:"connections"`
	// Truncated is set when MaxConnections stopped the enumeration early.
	Truncated bool `json:"truncated,omitempty"`
}

// Accepted returns the accepted (version, suite id) pairs.
func (r *Result) Accepted() map[Version][]uint16 {
	out := map[Version][]uint16{}
	for _, v := range r.Versions {
		for _, s := range v.Suites {
			out[v.Version] = append(out[v.Version], s.ID)
		}
	}
	return out
}

// ErrNotTLS reports that the service did not answer with TLS records.
var ErrNotTLS = errors.New("tlsscan: service does not speak TLS")

// defaultHandshakeTimeout bounds one connection when Options leave it unset.
const defaultHandshakeTimeout = 5 * time.Second

// errBudget ends a scan that has used its connection budget.
var errBudget = errors.New("connection budget spent")

type scanner struct {
	dial  DialFunc
	opt   Options
	res   *Result
	chain [][]byte
}

// Scan enumerates versions and suites over connections from dial. It returns
// the partial result together with any error that stopped it.
func Scan(ctx context.Context, dial DialFunc, opt Options) (*Result, error) {
	if dial == nil {
		return nil, errors.New("tlsscan: no dial function")
	}
	if len(opt.Versions) == 0 {
		opt.Versions = AllVersions
	}
	if opt.MaxConnections <= 0 {
		opt.MaxConnections = 400
	}
	if opt.HandshakeTimeout <= 0 {
		opt.HandshakeTimeout = defaultHandshakeTimeout
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	s := &scanner{dial: dial, opt: opt, res: &Result{}}
	err := s.run(ctx)
	if errors.Is(err, errBudget) {
		s.res.Truncated, err = true, nil
	}
	if err == nil && s.chain == nil && s.anySupported() {
		err = s.modernChain(ctx)
	}
	if s.chain != nil {
		chain, _, cerr := describeChain(s.chain, opt.ServerName)
		s.res.Chain = chain
		if cerr != nil && err == nil {
			err = fmt.Errorf("tlsscan: %w", cerr)
		}
	}
	s.res.Findings = grade(s.res, opt.Now())
	return s.res, err
}

func (s *scanner) anySupported() bool {
	return slices.ContainsFunc(s.res.Versions, func(v VersionResult) bool { return v.Supported })
}

// chunkSize is how many suites a retry hello offers when a server closed
// the connection on the full offer without an alert: some old stacks drop
// large ClientHellos, which would otherwise read as "version unsupported".
const chunkSize = 32

func (s *scanner) run(ctx context.Context) error {
	for _, v := range s.opt.Versions {
		vr := VersionResult{Version: v}
		all := candidates(v)
		answer, err := s.enumerate(ctx, v, all, &vr)
		if err == nil && !vr.Supported && answer == answerClosed && len(all) > chunkSize {
			vr.Chunked = true
			for start := 0; start < len(all) && err == nil; start += chunkSize {
				_, err = s.enumerate(ctx, v, all[start:min(start+chunkSize, len(all))], &vr)
			}
		}
		if !vr.Supported {
			vr.Answer = answer
		}
		if err == nil && len(vr.Suites) >= 2 {
			vr.ServerOrder, err = s.serverOrder(ctx, v, vr.Suites[0].ID, vr.Suites[1].ID)
		}
		s.res.Versions = append(s.res.Versions, vr)
		if err != nil {
			return err
		}
	}
	return nil
}

// enumerate offers suites for version v until the server refuses, adding
// each chosen suite to vr. It returns how the server refused.
func (s *scanner) enumerate(ctx context.Context, v Version, offer []uint16, vr *VersionResult) (string, error) {
	remaining := slices.Clone(offer)
	for len(remaining) > 0 {
		want := readWant{cert: s.chain == nil && v < VersionTLS13, kex: func(id uint16) bool {
			su, _ := LookupSuite(id)
			return v < VersionTLS13 && wantsKex(su.KeyExchange) && !s.haveKex(kexKind(su.KeyExchange))
		}}
		fl, err := s.handshake(ctx, helloSpec{version: v, suites: remaining, serverName: s.opt.ServerName}, want)
		if err != nil {
			return "", err
		}
		answer, suite, ok := judge(fl, v)
		if !ok {
			return answer, nil
		}
		i := slices.Index(remaining, suite)
		if i < 0 { // the server chose a suite it was not offered
			return fmt.Sprintf("chose unoffered suite 0x%04x", suite), nil
		}
		remaining = slices.Delete(remaining, i, i+1)
		info, _ := LookupSuite(suite)
		vr.Suites = append(vr.Suites, info)
		vr.Supported = true
		if fl.Certificates != nil && s.chain == nil {
			s.chain = fl.Certificates
		}
		s.noteKex(v, info, fl)
	}
	return "every offered suite accepted", nil
}

// noteKex records the first DH and the first ECDH group the server used.
// A ServerKeyExchange that does not parse is skipped: the suite is still
// accepted, only its group stays unknown.
func (s *scanner) noteKex(v Version, su Suite, fl *serverFlight) {
	var k *KexInfo
	switch {
	case fl.Hello.KeyShareGroup != 0:
		g := groupInfo(v, fl.Hello.KeyShareGroup)
		k = &g
	case fl.KeyExchange != nil:
		k, _ = parseServerKeyExchange(v, su.KeyExchange, fl.KeyExchange)
	}
	if k != nil && !s.haveKex(k.Kind) {
		s.res.KeyExchange = append(s.res.KeyExchange, *k)
	}
}

func (s *scanner) haveKex(kind string) bool {
	return slices.ContainsFunc(s.res.KeyExchange, func(k KexInfo) bool { return k.Kind == kind })
}

func kexKind(kex string) string {
	if strings.HasPrefix(kex, "ECDH") {
		return "ECDH"
	}
	return "DH"
}

// serverOrder offers the first two chosen suites in reverse order: a
// server that still picks the first one enforces its own preference.
func (s *scanner) serverOrder(ctx context.Context, v Version, first, second uint16) (*bool, error) {
	fl, err := s.handshake(ctx, helloSpec{version: v, suites: []uint16{second, first}, serverName: s.opt.ServerName}, readWant{})
	if err != nil {
		return nil, err
	}
	if _, suite, ok := judge(fl, v); ok {
		enforced := suite == first
		return &enforced, nil
	}
	return nil, nil
}

// judge decides whether a flight accepted the offered version, and which suite.
func judge(fl *serverFlight, v Version) (answer string, suite uint16, ok bool) {
	switch {
	case fl == nil:
		return answerClosed, 0, false
	case fl.TimedOut:
		return "no answer in time", 0, false
	case fl.Alert != nil:
		return "alert " + fl.Alert.String(), 0, false
	case fl.Hello == nil:
		return "no server hello", 0, false
	case fl.Hello.Version() != v:
		return "answered " + fl.Hello.Version().String(), 0, false
	}
	return "", fl.Hello.CipherSuite, true
}
