package probe

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/bydesign-iot/bydesign/internal/probe/proto"
)

// perTargetParallel bounds concurrent connections to one target: the scan
// and identification run this many ports at once, and the target's dialer
// holds at most this many connections open (floods aside).
const perTargetParallel = 4

// scanPorts connects to every configured TCP port. The returned status
// summarises a target where nothing was open: refused or filtered.
func scanPorts(ctx context.Context, t *Target) ([]int, Status) {
	var mu sync.Mutex
	var open []int
	refused := 0
	forEach(t.cfg.Ports, func(port int) {
		c, err := t.Dial(ctx, port)
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			if errors.Is(err, syscall.ECONNREFUSED) {
				refused++
			}
			return
		}
		c.Close()
		open = append(open, port)
	})
	slices.Sort(open)
	if refused > 0 {
		return open, Refused
	}
	return open, Filtered
}

func forEach(items []int, fn func(int)) {
	sem := make(chan struct{}, perTargetParallel)
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			fn(it)
		}()
	}
	wg.Wait()
}

func identifyAll(ctx context.Context, t *Target, ports []int) []Service {
	out := make([]Service, len(ports))
	idx := map[int]int{}
	for i, p := range ports {
		idx[p] = i
	}
	forEach(ports, func(port int) { out[idx[port]] = identifyTCP(ctx, t, port) })
	return out
}

// identifyTCP names the service on an open port by its handshake. Nothing
// here logs in: MQTT is recognised by a CONNECT with an invalid protocol
// level, which a broker refuses before looking at credentials. A silent
// service gets the client-first probes at once, each on its own connection,
// because a probe in the wrong protocol can leave a server waiting for
// bytes that never come. A port that closes before any banner and answers
// no probe is named closed-on-connect, not unknown.
func identifyTCP(ctx context.Context, t *Target, port int) Service {
	s := Service{Port: port, Transport: "tcp", Name: SvcUnknown}
	first, err := readFirst(ctx, t, port)
	if err == nil && len(first) > 0 {
		s.Banner = Printable(greetingText(first), 200)
		s.Name = nameServerFirst(first)
		if s.Name == SvcSSH {
			if b, err := proto.ReadSSHBanner(bufio.NewReader(bytes.NewReader(first))); err == nil {
				s.Software = b.Software
			}
		}
		return s
	}
	// Each probe connection gets IdentifyTimeout from the moment it is
	// dialled, after its rate-limit wait: a deadline shared from here would
	// let a slow rate budget starve the TLS probe and name HTTPS "http".
	ictx, cancel := context.WithCancel(withIOTimeout(ctx, t.cfg.IdentifyTimeout))
	defer cancel()
	type answer struct {
		svc  Service
		weak bool // an HTTP 400 may be a TLS server complaining about plain text
	}
	answers := make(chan answer, 4)
	probes := []func() answer{
		func() answer {
			if tc, err := t.DialTLS(ictx, port); err == nil {
				tc.Close()
				r := Service{Port: port, Transport: "tcp", Name: SvcTLS, TLS: true}
				if p, code, sw, ok := askHTTP(ictx, t, port, true); ok && p == "HTTP" && code > 0 {
					r.Name, r.Software = SvcHTTPS, sw
				} else if askMQTT(ictx, t, port, true) {
					r.Name = SvcMQTTS
				}
				return answer{svc: r}
			}
			return answer{}
		},
		func() answer {
			p, code, sw, ok := askHTTP(ictx, t, port, false)
			switch {
			case ok && p == "RTSP":
				return answer{svc: Service{Port: port, Transport: "tcp", Name: SvcRTSP, Software: sw}}
			case ok:
				return answer{svc: Service{Port: port, Transport: "tcp", Name: SvcHTTP, Software: sw}, weak: code == 400}
			}
			return answer{}
		},
		func() answer {
			if sw, ok := askRTSP(ictx, t, port); ok {
				return answer{svc: Service{Port: port, Transport: "tcp", Name: SvcRTSP, Software: sw}}
			}
			return answer{}
		},
		func() answer {
			if askMQTT(ictx, t, port, false) {
				return answer{svc: Service{Port: port, Transport: "tcp", Name: SvcMQTT}}
			}
			return answer{}
		},
	}
	for _, p := range probes {
		go func() { answers <- p() }()
	}
	var weak *Service
	for range probes {
		a := <-answers
		switch {
		case a.svc.Name == "":
		case a.weak:
			weak = &a.svc
		default:
			return a.svc
		}
	}
	if weak != nil {
		return *weak
	}
	if closedAtOnce(err) {
		s.Name = SvcClosedOnConnect
	}
	return s
}

// SvcClosedOnConnect names an open port that accepted a connection and
// closed or reset it before sending a byte, and answered none of the
// client-first probes. A device under a login lockout, or recovering from
// an overload, does this on every port: checks must read it as "could not
// look", never as a port without a login, unlike a silent port (unknown).
const SvcClosedOnConnect = "closed-on-connect"

// closedAtOnce reports whether the banner read ended because the peer
// closed or reset the connection, rather than by waiting out BannerWait.
func closedAtOnce(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNABORTED)
}

// readFirst reads what a server-first protocol says within BannerWait. A
// telnet server often sends option negotiation first and its banner a
// moment later, so reading goes on until a line of text or a prompt
// arrives, or the wait ends.
func readFirst(ctx context.Context, t *Target, port int) ([]byte, error) {
	c, err := t.Dial(ctx, port)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	deadline := time.Now().Add(t.cfg.BannerWait)
	buf := make([]byte, 2048)
	n := 0
	for n < len(buf) {
		c.SetReadDeadline(deadline)
		m, err := c.Read(buf[n:])
		n += m
		if n > 0 && firstComplete(buf[:n]) {
			break
		}
		if err != nil {
			if n > 0 {
				break
			}
			return nil, err
		}
		if n > 0 && time.Until(deadline) > t.cfg.BannerWait/2 {
			deadline = time.Now().Add(t.cfg.BannerWait / 2) // the rest comes soon or not at all
		}
	}
	return buf[:n], nil
}

// firstComplete reports whether a greeting holds printable text that ends a
// line or a prompt, beyond any telnet negotiation.
func firstComplete(b []byte) bool {
	text := Printable(greetingText(b), 512)
	if text == "" {
		return false
	}
	return bytes.Contains(b, []byte("\n")) || loginPrompt.MatchString(text)
}

// greetingText strips telnet negotiation from a greeting, so option bytes
// never show up as banner text.
func greetingText(b []byte) []byte {
	if !proto.HasIAC(b) {
		return b
	}
	var tn proto.Telnet
	data, _, _ := tn.Feed(b)
	return data
}

var loginPrompt = regexp.MustCompile(`(?i)(login|user ?name|username|user|password)\s*(as)?\s*:\s*$`)

func nameServerFirst(b []byte) string {
	text := string(b)
	switch {
	case proto.HasIAC(b):
		return SvcTelnet
	case strings.HasPrefix(text, "SSH-") || strings.Contains(text, "\nSSH-"):
		return SvcSSH
	case len(text) >= 4 && strings.HasPrefix(text, "220") && (text[3] == ' ' || text[3] == '-'):
		return SvcFTP
	case loginPrompt.MatchString(strings.TrimRight(text, " \r\n")):
		return SvcTelnet
	}
	return SvcUnknown
}

// askHTTP sends HEAD / and reads the head; RTSP servers often answer it
// in their own protocol, which identifies them too.
func askHTTP(ctx context.Context, t *Target, port int, useTLS bool) (protoName string, code int, server string, ok bool) {
	c, err := dialMaybeTLS(ctx, t, port, useTLS)
	if err != nil {
		return "", 0, "", false
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	if _, err := c.Write([]byte("HEAD / HTTP/1.0\r\nHost: " + t.AddrPort(port) + "\r\nUser-Agent: bydesign-probe\r\n\r\n")); err != nil {
		return "", 0, "", false
	}
	h, err := proto.ReadHead(bufio.NewReader(c), "HTTP", "RTSP")
	if err != nil {
		return "", 0, "", false
	}
	name, _, _ := strings.Cut(h.Proto, "/")
	return strings.ToUpper(name), h.Code, h.Header.Get("Server"), true
}

func askRTSP(ctx context.Context, t *Target, port int) (string, bool) {
	c, err := t.Dial(ctx, port)
	if err != nil {
		return "", false
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	if _, err := c.Write([]byte("OPTIONS rtsp://" + t.AddrPort(port) + "/ RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: bydesign-probe\r\n\r\n")); err != nil {
		return "", false
	}
	h, err := proto.ReadHead(bufio.NewReader(c), "RTSP")
	if err != nil {
		return "", false
	}
	return h.Header.Get("Server"), true
}

// MQTTIdentifyLevel is the protocol level the probe sends to recognise a
// broker without authenticating: brokers answer it with CONNACK code 1.
const MQTTIdentifyLevel = 0x7f

func askMQTT(ctx context.Context, t *Target, port int, useTLS bool) bool {
	c, err := dialMaybeTLS(ctx, t, port, useTLS)
	if err != nil {
		return false
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	pkt := proto.MQTTConnectPacket{ProtocolName: "MQTT", Level: MQTTIdentifyLevel, ClientID: "bydesign-id", KeepAlive: 10}
	if _, err := c.Write(pkt.Bytes()); err != nil {
		return false
	}
	_, err = proto.ReadConnack(bufio.NewReader(c))
	return err == nil
}

func dialMaybeTLS(ctx context.Context, t *Target, port int, useTLS bool) (net.Conn, error) {
	if useTLS {
		return t.DialTLS(ctx, port)
	}
	return t.Dial(ctx, port)
}
