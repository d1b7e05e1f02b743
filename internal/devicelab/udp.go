package devicelab

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/probe/proto"
)

// serveUDP answers datagrams with reply(datagram), to the sender only.
func (d *Device) serveUDP(port int, reply func([]byte) []byte) error {
	pc, err := net.ListenPacket("udp", d.hostPort(port))
	if err != nil {
		return fmt.Errorf("devicelab: listen udp %s: %w", d.hostPort(port), err)
	}
	d.closers = append(d.closers, pc.Close)
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		buf := make([]byte, 2048)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			if out := reply(buf[:n]); out != nil {
				pc.WriteTo(out, from)
			}
		}
	}()
	return nil
}

func (d *Device) startSSDP(context.Context) error {
	s := d.Profile.SSDP
	if s == nil || s.Port == 0 {
		return nil
	}
	httpPort := 80
	if d.Profile.HTTP != nil {
		httpPort = d.Profile.HTTP.Port
	}
	location := "http://" + d.hostPort(httpPort) + descriptionPath
	if s.Location != "" {
		location = s.Location
	}
	return d.serveUDP(s.Port, func(b []byte) []byte {
		if !strings.HasPrefix(string(b), "M-SEARCH ") {
			return nil
		}
		return []byte("HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nST: upnp:rootdevice\r\n" +
			"USN: uuid:00000000-0000-0000-0000-" + usnNode(d.Addr) + "::upnp:rootdevice\r\n" +
			"LOCATION: " + location + "\r\nSERVER: Linux/4.9 UPnP/1.0 devicelab/1.0\r\n\r\n")
	})
}

func (d *Device) startMDNS(context.Context) error {
	m := d.Profile.MDNS
	if m == nil || m.Port == 0 {
		return nil
	}
	return d.serveUDP(m.Port, func(b []byte) []byte {
		msg, err := proto.ParseDNS(b)
		if err != nil || msg.Response || len(b) < 12 {
			return nil
		}
		return proto.DNSPTRResponse(msg.ID, proto.ServicesQuery, []string{"_http._tcp.local.", "_rtsp._tcp.local."})
	})
}

// usnNode is the 12 hex digits of a device's UUID node: the IPv4 address,
// or the last six bytes of an IPv6 one (As4 would panic on ::1).
func usnNode(a netip.Addr) string {
	if a.Is4() {
		return fmt.Sprintf("%012x", a.As4())
	}
	b := a.As16()
	return fmt.Sprintf("%012x", b[10:])
}
