package probe

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bydesign-iot/bydesign/internal/probe/proto"
)

// maxLocation bounds the LOCATION URL kept for the description fetch; a
// longer one is not fetched.
const maxLocation = 2048

// discoverUDP asks each UDP port for SSDP and then mDNS, by unicast.
func discoverUDP(ctx context.Context, t *Target) []Service {
	var mu sync.Mutex
	var out []Service
	forEach(t.cfg.UDPPorts, func(port int) {
		if s, ok := askSSDP(ctx, t, port); ok {
			mu.Lock()
			out = append(out, s)
			mu.Unlock()
			return
		}
		if s, ok := askMDNS(ctx, t, port); ok {
			mu.Lock()
			out = append(out, s)
			mu.Unlock()
		}
	})
	return out
}

func udpExchange(ctx context.Context, t *Target, port int, msg []byte) ([]byte, error) {
	c, err := t.DialUDP(ctx, port)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if _, err := c.Write(msg); err != nil {
		return nil, err
	}
	c.SetReadDeadline(time.Now().Add(t.cfg.BannerWait))
	buf := make([]byte, 4096)
	n, err := c.Read(buf)
	return buf[:n], err
}

func askSSDP(ctx context.Context, t *Target, port int) (Service, bool) {
	b, err := udpExchange(ctx, t, port, proto.MSearch(t.Addr.String(), port))
	if err != nil {
		return Service{}, false
	}
	r, err := proto.ParseSSDPResponse(b)
	if err != nil {
		return Service{}, false
	}
	svc := Service{Port: port, Transport: "udp", Name: SvcSSDP, Software: r.Server, Banner: Printable([]byte(r.Location), 200)}
	if len(r.Location) <= maxLocation {
		svc.Location = r.Location
	}
	return svc, true
}

func askMDNS(ctx context.Context, t *Target, port int) (Service, bool) {
	b, err := udpExchange(ctx, t, port, proto.DNSQuery(0x6279, proto.ServicesQuery, proto.DNSTypePTR))
	if err != nil {
		return Service{}, false
	}
	m, err := proto.ParseDNS(b)
	if err != nil || !m.Response {
		return Service{}, false
	}
	var names []string
	for _, a := range m.Answers {
		if a.Type == proto.DNSTypePTR {
			names = append(names, a.Data)
		}
	}
	slices.Sort(names)
	return Service{Port: port, Transport: "udp", Name: SvcMDNS, Banner: Printable([]byte(strings.Join(names, " ")), 200)}, true
}

// Printable keeps the printable ASCII of untrusted bytes, clipped to n, so
// evidence never carries control characters into a terminal.
func Printable(b []byte, n int) string {
	var sb strings.Builder
	for _, c := range b {
		switch {
		case c == '\r':
		case c == '\n' || c == '\t':
			sb.WriteByte(' ')
		case c >= 0x20 && c < 0x7f:
			sb.WriteByte(c)
		}
		if sb.Len() >= n {
			break
		}
	}
	return strings.TrimSpace(sb.String())
}
