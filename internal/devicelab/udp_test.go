package devicelab

import (
	"context"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/probe/proto"
)

// ssdpSearch sends one M-SEARCH to addr:port and parses the answer.
func ssdpSearch(t *testing.T, addr netip.Addr, port int) proto.SSDPResponse {
	t.Helper()
	c, err := net.Dial("udp", net.JoinHostPort(addr.String(), strconv.Itoa(port)))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Write(proto.MSearch(addr.String(), port)); err != nil {
		t.Fatal(err)
	}
	c.SetReadDeadline(time.Now().Add(2 * time.Second))
	buf := make([]byte, 2048)
	n, err := c.Read(buf)
	if err != nil {
		t.Fatalf("no SSDP answer from %s: %v", addr, err)
	}
	r, err := proto.ParseSSDPResponse(buf[:n])
	if err != nil {
		t.Fatalf("SSDP answer from %s: %v", addr, err)
	}
	return r
}

func TestSSDPOnIPv4AndIPv6Loopback(t *testing.T) {
	tests := []struct {
		addr     string
		location string
	}{
		{"127.0.8.50", "http://127.0.8.50:18081/description.xml"},
		{"::1", "http://[::1]:18082/description.xml"},
	}
	for i, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			addr := netip.MustParseAddr(tt.addr)
			if l, err := net.ListenPacket("udp", net.JoinHostPort(tt.addr, "0")); err != nil {
				t.Skipf("loopback %s unavailable: %v", tt.addr, err)
			} else {
				l.Close()
			}
			p := &Profile{Name: "ssdp", HTTP: &HTTP{Port: 18081 + i, Auth: "none"}, SSDP: &SSDP{Port: 19001 + i}}
			d, err := Start(context.Background(), addr, p, nil)
			if err != nil {
				t.Skipf("cannot start a lab device on %s: %v", tt.addr, err)
			}
			defer d.Close()
			r := ssdpSearch(t, addr, 19001+i)
			if r.Location != tt.location {
				t.Errorf("LOCATION = %q, want %q", r.Location, tt.location)
			}
			if !strings.HasPrefix(r.USN, "uuid:") || !strings.HasSuffix(r.USN, "::upnp:rootdevice") {
				t.Errorf("USN = %q", r.USN)
			}
		})
	}
}
