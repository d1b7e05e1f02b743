package proto

import (
	"bufio"
	"bytes"
	"testing"
)

// Each fuzz target feeds arbitrary bytes to one parser: it must return an
// error or a value, never panic or loop.

func FuzzTelnet(f *testing.F) {
	f.Add([]byte{255, 251, 1, 'a', 255, 255})
	f.Add([]byte{255, 250, 24, 1, 255, 240, 'x'})
	f.Add([]byte("login: "))
	f.Fuzz(func(t *testing.T, b []byte) {
		var tn Telnet
		data, _, err := tn.Feed(b)
		if err == nil && len(data) > len(b) {
			t.Fatalf("decoded %d bytes from %d", len(data), len(b))
		}
	})
}

func FuzzConnack(f *testing.F) {
	f.Add(ConnackBytes(0))
	f.Add([]byte{0x20, 3, 0, 0x87, 0})
	f.Add([]byte{0x20, 0xff, 0xff, 0xff, 0x7f})
	f.Fuzz(func(t *testing.T, b []byte) {
		ReadConnack(bufio.NewReader(bytes.NewReader(b)))
	})
}

func FuzzConnect(f *testing.F) {
	u := "u"
	f.Add(MQTTConnectPacket{ProtocolName: "MQTT", Level: 4, ClientID: "c", Username: &u, Password: &u}.Bytes())
	f.Add([]byte{0x10, 5, 0, 4, 'M', 'Q', 'T'})
	f.Fuzz(func(t *testing.T, b []byte) {
		ReadConnect(bufio.NewReader(bytes.NewReader(b)))
	})
}

func FuzzReadHead(f *testing.F) {
	f.Add([]byte("HTTP/1.1 200 OK\r\nServer: x\r\n\r\n"))
	f.Add([]byte("RTSP/1.0 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"a\"\r\n\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ReadHead(bufio.NewReader(bytes.NewReader(b)), "HTTP", "RTSP")
		ParseSSDPResponse(b)
	})
}

func FuzzSSHBanner(f *testing.F) {
	f.Add([]byte("SSH-2.0-dropbear_2022.83\r\n"))
	f.Add([]byte("pre\r\nSSH-1.99-x y\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ReadSSHBanner(bufio.NewReader(bytes.NewReader(b)))
	})
}

func FuzzFTPReply(f *testing.F) {
	f.Add([]byte("220 ready\r\n"))
	f.Add([]byte("230-a\r\nb\r\n230 c\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ReadFTPReply(bufio.NewReader(bytes.NewReader(b)))
	})
}

func FuzzDNS(f *testing.F) {
	f.Add(DNSPTRResponse(1, ServicesQuery, []string{"_http._tcp.local."}))
	f.Add(DNSQuery(2, ServicesQuery, DNSTypePTR))
	f.Add([]byte{0, 1, 0x80, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0xc0, 12})
	f.Fuzz(func(t *testing.T, b []byte) {
		ParseDNS(b)
	})
}

func FuzzChallenge(f *testing.F) {
	f.Add(`Digest realm="a", nonce="b", qop="auth"`)
	f.Add(`Basic realm="x"`)
	f.Fuzz(func(t *testing.T, s string) {
		ParseChallenge(s)
	})
}

func FuzzUPnPDescription(f *testing.F) {
	f.Add([]byte(sampleDescription))
	f.Add([]byte(`<root><device><serialNumber>1</serialNumber><deviceList><device><fwVersion>2</fwVersion></device></deviceList></device></root>`))
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><root/>`))
	f.Add([]byte(`<!DOCTYPE r [<!ENTITY a "aaaa">]><root><device><x>&a;</x></device></root>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := ParseUPnPDescription(b)
		if err != nil {
			return
		}
		for _, v := range append(d.Versions, UPnPField{Value: d.SerialNumber}, UPnPField{Value: d.ModelName}) {
			if len(v.Value) > maxUPnPValue+3 || len(v.Name) > 43 {
				t.Fatalf("field %q longer than the caps: %d bytes", v.Name, len(v.Value))
			}
		}
		if len(d.Versions) > maxUPnPVersions {
			t.Fatalf("%d version fields, cap %d", len(d.Versions), maxUPnPVersions)
		}
	})
}
