package proto

import (
	"fmt"
	"net"
	"strconv"
)

// MSearch builds a unicast SSDP search (UPnP Device Architecture 2.0 §1.3.2)
// addressed to one device only; MX is omitted because unicast searches are
// answered at once.
func MSearch(host string, port int) []byte {
	return []byte("M-SEARCH * HTTP/1.1\r\nHOST: " + net.JoinHostPort(host, strconv.Itoa(port)) +
		"\r\nMAN: \"ssdp:discover\"\r\nST: upnp:rootdevice\r\n\r\n")
}

// SSDPResponse is what a search answer tells us.
type SSDPResponse struct {
	Server   string
	Location string
	ST       string
	USN      string
}

// ParseSSDPResponse parses one search answer datagram.
func ParseSSDPResponse(b []byte) (SSDPResponse, error) {
	h, err := ParseHead(b, "HTTP")
	if err != nil {
		return SSDPResponse{}, fmt.Errorf("ssdp: %w", err)
	}
	if h.Code != 200 {
		return SSDPResponse{}, fmt.Errorf("ssdp: status %d, want 200", h.Code)
	}
	return SSDPResponse{Server: h.Header.Get("Server"), Location: h.Header.Get("Location"),
		ST: h.Header.Get("St"), USN: h.Header.Get("Usn")}, nil
}
