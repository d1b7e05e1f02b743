package devicelab

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/textproto"
	"strings"
)

func (d *Device) startRTSP(context.Context) error {
	r := d.Profile.RTSP
	if r == nil || r.Port == 0 {
		return nil
	}
	nonce := newNonce()
	return d.listen(r.Port, func(c net.Conn) { d.serveRTSP(c, r, nonce) })
}

const sdp = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=devicelab\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"

func (d *Device) serveRTSP(c net.Conn, r *RTSP, nonce string) {
	tr := textproto.NewReader(bufio.NewReader(c))
	for {
		line, err := tr.ReadLine()
		if err != nil {
			return
		}
		hdr, err := tr.ReadMIMEHeader()
		if err != nil {
			return
		}
		method, rest, _ := strings.Cut(line, " ")
		uri, _, _ := strings.Cut(rest, " ")
		head := func(code int, reason string, extra string) {
			server := ""
			if r.Server != "" {
				server = "Server: " + r.Server + "\r\n"
			}
			fmt.Fprintf(c, "RTSP/1.0 %d %s\r\nCSeq: %s\r\n%s%s", code, reason, hdr.Get("Cseq"), server, extra)
		}
		switch method {
		case "OPTIONS":
			head(200, "OK", "Public: OPTIONS, DESCRIBE\r\n\r\n")
		case "DESCRIBE":
			if uri != "rtsp://"+d.hostPort(r.Port)+"/" {
				head(404, "Not Found", "\r\n")
				continue
			}
			if r.Auth == "basic" || r.Auth == "digest" {
				res, present := d.checkAuth(hdr.Get("Authorization"), r.Auth, nonce, "DESCRIBE")
				if res == loginLocked {
					head(403, "Forbidden", "\r\n")
					return
				}
				if !present || res != loginOK {
					head(401, "Unauthorized", "WWW-Authenticate: "+challengeFor(r.Auth, nonce)+"\r\n\r\n")
					continue
				}
			}
			head(200, "OK", fmt.Sprintf("Content-Type: application/sdp\r\nContent-Length: %d\r\n\r\n%s", len(sdp), sdp))
		default:
			head(405, "Method Not Allowed", "\r\n")
		}
	}
}
