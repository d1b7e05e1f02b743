package devicelab

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"regexp"
	"strconv"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/probe/proto"
)

func (d *Device) startTelnet(context.Context) error {
	t := d.Profile.Telnet
	if t == nil || t.Port == 0 {
		return nil
	}
	return d.listen(t.Port, func(c net.Conn) { d.serveTelnet(c, t) })
}

// lineReader reads lines from a telnet client through the IAC decoder.
type lineReader struct {
	c   net.Conn
	dec proto.Telnet
	buf []byte
	r   *bufio.Reader
}

func (l *lineReader) line() (string, error) {
	for {
		if i := strings.IndexAny(string(l.buf), "\r\n"); i >= 0 {
			s := string(l.buf[:i])
			l.buf = l.buf[i+1:]
			for len(l.buf) > 0 && (l.buf[0] == '\n' || l.buf[0] == '\r') {
				l.buf = l.buf[1:]
			}
			return s, nil
		}
		p := make([]byte, 512)
		n, err := l.r.Read(p)
		if n > 0 {
			data, reply, derr := l.dec.Feed(p[:n])
			if len(reply) > 0 {
				l.c.Write(reply)
			}
			if derr != nil {
				return "", derr
			}
			l.buf = append(l.buf, data...)
		}
		if err != nil {
			return "", err
		}
	}
}

func (d *Device) serveTelnet(c net.Conn, t *Telnet) {
	c.Write(proto.TelnetNegotiation())
	lr := &lineReader{c: c, r: bufio.NewReader(c)}
	if t.Banner != "" {
		fmt.Fprintf(c, "%s\r\n", t.Banner)
	}
	name := d.Profile.Name
	if name == "" {
		name = "device"
	}
	if !t.NoLogin && !d.telnetLogin(c, lr, name) {
		return
	}
	if t.PostLoginBanner != "" && !t.NoLogin {
		fmt.Fprintf(c, "\r\n%s", strings.ReplaceAll(t.PostLoginBanner, "\n", "\r\n"))
	}
	d.shell(c, lr, name)
}

// telnetLogin asks for a user and password up to three times, as small
// embedded login programs do; it reports whether the login succeeded.
func (d *Device) telnetLogin(c net.Conn, lr *lineReader, name string) bool {
	for tries := 0; tries < 3; tries++ {
		fmt.Fprintf(c, "%s login: ", name)
		user, err := lr.line()
		if err != nil {
			return false
		}
		fmt.Fprint(c, "Password: ")
		pass, err := lr.line()
		if err != nil {
			return false
		}
		switch d.login(user, pass) {
		case loginOK:
			return true
		case loginLocked:
			fmt.Fprint(c, "\r\nToo many failed logins, try again later\r\n")
			return false
		}
		fmt.Fprint(c, "\r\nLogin incorrect\r\n")
	}
	return false
}

var sumCmd = regexp.MustCompile(`^echo \$\(\((\d+)\+(\d+)\)\)$`)

// shell answers the few commands a probe sends: a sum and exit.
func (d *Device) shell(c net.Conn, lr *lineReader, name string) {
	for {
		fmt.Fprintf(c, "\r\n%s# ", name)
		cmd, err := lr.line()
		if err != nil {
			return
		}
		cmd = strings.TrimSpace(cmd)
		switch m := sumCmd.FindStringSubmatch(cmd); {
		case m != nil:
			a, _ := strconv.Atoi(m[1])
			b, _ := strconv.Atoi(m[2])
			fmt.Fprintf(c, "\r\n%d", a+b)
		case cmd == "exit":
			return
		case cmd == "":
		default:
			fmt.Fprintf(c, "\r\nsh: %s: not found", strings.Fields(cmd)[0])
		}
	}
}
