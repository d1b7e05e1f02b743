package proto

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
)

func TestTelnetSplitIAC(t *testing.T) {
	stream := []byte{255, 251, 1, 'l', 'o', 255, 255, 'g', 255, 250, 24, 1, 255, 240, 'i', 'n', ':', 255, 253, 31}
	for split := 0; split <= len(stream); split++ {
		var tn Telnet
		d1, r1, err1 := tn.Feed(stream[:split])
		d2, r2, err2 := tn.Feed(stream[split:])
		if err1 != nil || err2 != nil {
			t.Fatalf("split %d: errors %v %v", split, err1, err2)
		}
		data, reply := string(append(d1, d2...)), append(r1, r2...)
		if data != "lo\xffgin:" {
			t.Errorf("split %d: data %q, want %q", split, data, "lo\xffgin:")
		}
		want := []byte{255, 253, 1, 255, 252, 31}
		if !bytes.Equal(reply, want) {
			t.Errorf("split %d: reply %v, want %v", split, reply, want)
		}
	}
}

func TestTelnetAnswersOnce(t *testing.T) {
	var tn Telnet
	_, r1, _ := tn.Feed([]byte{255, 253, 5})
	_, r2, _ := tn.Feed([]byte{255, 253, 5})
	if len(r1) != 3 || len(r2) != 0 {
		t.Fatalf("replies %v then %v, want one WONT then nothing", r1, r2)
	}
}

func TestTelnetLongSubnegotiation(t *testing.T) {
	var tn Telnet
	_, _, err := tn.Feed(append([]byte{255, 250}, bytes.Repeat([]byte{1}, maxSubneg+1)...))
	if err == nil || !strings.Contains(err.Error(), "stream offset") {
		t.Fatalf("err = %v, want subnegotiation length error with offset", err)
	}
}

func TestMQTTRoundTrip(t *testing.T) {
	u, p := "admin", "secret"
	tests := []MQTTConnectPacket{
		{ProtocolName: "MQTT", Level: 4, ClientID: "c1", KeepAlive: 10},
		{ProtocolName: "MQTT", Level: 4, ClientID: "c2", Username: &u, Password: &p},
		{ProtocolName: "MQTT", Level: 0x7f, ClientID: strings.Repeat("x", 300)},
	}
	for _, in := range tests {
		got, err := ReadConnect(bufio.NewReader(bytes.NewReader(in.Bytes())))
		if err != nil {
			t.Fatalf("ReadConnect(%+v): %v", in, err)
		}
		if got.ClientID != in.ClientID || got.Level != in.Level || (in.Username != nil) != (got.Username != nil) {
			t.Errorf("round trip: got %+v, want %+v", got, in)
		}
		if in.Password != nil && *got.Password != *in.Password {
			t.Errorf("password: got %q", *got.Password)
		}
	}
}

func TestReadConnack(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		code    byte
		wantErr string
	}{
		{"accepted", ConnackBytes(0), 0, ""},
		{"not authorised", ConnackBytes(5), 5, ""},
		{"mqtt5 with properties", []byte{0x20, 3, 0, 0x87, 0}, 0x87, ""},
		{"wrong type", []byte{0x30, 2, 0, 0}, 0, "want CONNACK"},
		{"short body", []byte{0x20, 1, 0}, 0, "at least 2"},
		{"truncated", []byte{0x20, 2, 0}, 0, "body of 2 bytes"},
		{"long length", []byte{0x20, 0xff, 0xff, 0xff, 0xff, 0x7f}, 0, "longer than 4 bytes"},
		{"empty", nil, 0, "fixed header at byte 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ack, err := ReadConnack(bufio.NewReader(bytes.NewReader(tt.in)))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || ack.Code != tt.code {
				t.Fatalf("got %+v, %v; want code %d", ack, err, tt.code)
			}
		})
	}
}

func TestReadHead(t *testing.T) {
	tests := []struct {
		name, in string
		code     int
		wantErr  string
	}{
		{"http", "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\nServer: lighttpd/1.4.69\r\n\r\n", 401, ""},
		{"rtsp", "RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n", 200, ""},
		{"bad proto", "SSH-2.0-x\r\n\r\n", 0, "line 1: protocol"},
		{"bad code", "HTTP/1.1 abc OK\r\n\r\n", 0, "status code"},
		{"bad header", "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", 0, "line 2"},
		{"long line", "HTTP/1.1 200 OK\r\nX: " + strings.Repeat("a", maxHeadLine) + "\r\n\r\n", 0, "longer than"},
		{"truncated", "HTTP/1.1 200 OK\r\nX: y\r\n", 0, "line 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := ReadHead(bufio.NewReader(strings.NewReader(tt.in)), "HTTP", "RTSP")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || h.Code != tt.code {
				t.Fatalf("got %+v, %v", h, err)
			}
		})
	}
}

func TestSSHBanner(t *testing.T) {
	b, err := ReadSSHBanner(bufio.NewReader(strings.NewReader("hello\r\nSSH-2.0-dropbear_2022.83 comment\r\n")))
	if err != nil || b.Software != "dropbear_2022.83" || b.Proto != "2.0" || b.Comments != "comment" {
		t.Fatalf("got %+v, %v", b, err)
	}
	for _, bad := range []string{"SSH-2.0\r\n", "SSH--x\r\n"} {
		if _, err := ReadSSHBanner(bufio.NewReader(strings.NewReader(bad))); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("%q: err = %v, want line 1 error", bad, err)
		}
	}
}

func TestFTPReply(t *testing.T) {
	r, err := ReadFTPReply(bufio.NewReader(strings.NewReader("220-Welcome\r\nsecond\r\n220 ready\r\n")))
	if err != nil || r.Code != 220 || len(r.Lines) != 3 {
		t.Fatalf("got %+v, %v", r, err)
	}
	for _, bad := range []string{"22\r\n", "abc hello\r\n", "220x\r\n", "999 x\r\n"} {
		if _, err := ReadFTPReply(bufio.NewReader(strings.NewReader(bad))); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("%q: err = %v, want a line 1 error", bad, err)
		}
	}
}

func TestSSDP(t *testing.T) {
	r, err := ParseSSDPResponse([]byte("HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nLOCATION: http://127.0.0.1/d.xml\r\nSERVER: x/1\r\n\r\n"))
	if err != nil || r.Location != "http://127.0.0.1/d.xml" || r.ST != "upnp:rootdevice" || r.Server != "x/1" {
		t.Fatalf("got %+v, %v", r, err)
	}
	if _, err := ParseSSDPResponse([]byte("HTTP/1.1 404 Not Found\r\n\r\n")); err == nil {
		t.Fatal("404 accepted")
	}
	if !strings.Contains(string(MSearch("127.0.0.1", 1900)), "HOST: 127.0.0.1:1900") {
		t.Fatal("M-SEARCH lacks the unicast host")
	}
}

func TestDNSRoundTrip(t *testing.T) {
	msg := DNSPTRResponse(7, ServicesQuery, []string{"_http._tcp.local.", "_rtsp._tcp.local."})
	m, err := ParseDNS(msg)
	if err != nil || m.ID != 7 || !m.Response || len(m.Answers) != 2 || m.Answers[1].Data != "_rtsp._tcp.local." {
		t.Fatalf("got %+v, %v", m, err)
	}
	q, err := ParseDNS(DNSQuery(9, ServicesQuery, DNSTypePTR))
	if err != nil || q.Response || q.ID != 9 {
		t.Fatalf("query: %+v, %v", q, err)
	}
	loop := []byte{0, 1, 0x80, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0xc0, 12}
	if _, err := ParseDNS(loop); err == nil || !strings.Contains(err.Error(), "compression pointers") {
		t.Fatalf("pointer loop: err = %v", err)
	}
}

func TestParseChallenge(t *testing.T) {
	ch, err := ParseChallenge(`Digest realm="cam, \"1\"", nonce="abc", qop="auth,auth-int", algorithm=MD5`)
	if err != nil || ch.Scheme != "digest" || ch.Params["realm"] != `cam, "1"` || ch.Params["algorithm"] != "MD5" || ch.Params["qop"] != "auth,auth-int" {
		t.Fatalf("got %+v, %v", ch, err)
	}
	for _, bad := range []string{"", `Digest realm="x`, "Basic realm"} {
		if _, err := ParseChallenge(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
