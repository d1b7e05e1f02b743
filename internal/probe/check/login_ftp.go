package check

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"time"

	"github.com/bydesign-iot/bydesign/internal/probe"
	"github.com/bydesign-iot/bydesign/internal/probe/proto"
)

func ftpLogin(ctx context.Context, t *probe.Target, svc probe.Service, c probe.Credential) attempt {
	start := time.Now()
	conn, err := t.Dial(ctx, svc.Port)
	if err != nil {
		return failedTo("connect", err, nil)
	}
	defer conn.Close()
	r := bufio.NewReader(conn)
	greet, err := proto.ReadFTPReply(r)
	steps := []probe.Step{{Sent: "connect", Seen: fmt.Sprintf("%d %s", greet.Code, probe.Printable([]byte(greet.Text()), 100))}}
	if err != nil {
		return failedTo("read greeting", err, steps)
	}
	// Anything but a 2xx greeting turns the client away before a login: a
	// 530 there is a lockout or an access rule, and the 530 such a server
	// then gives USER must not read as a refused password.
	if greet.Code/100 != 2 {
		return attempt{out: blocked, how: fmt.Sprintf("%d at greeting", greet.Code), steps: steps, latency: time.Since(start)}
	}
	rep, err := ftpCmd(conn, r, "USER "+c.User)
	steps = append(steps, probe.Step{Sent: "USER " + c.User, Seen: fmt.Sprintf("%d", rep.Code)})
	if err != nil {
		return failedTo("USER", err, steps)
	}
	if rep.Code == 230 {
		return attempt{out: accepted, how: "230 without a password", steps: steps, latency: time.Since(start)}
	}
	if rep.Code != 331 && rep.Code != 332 {
		return ftpJudge(rep, steps, start)
	}
	rep, err = ftpCmd(conn, r, "PASS "+c.Password)
	steps = append(steps, probe.Step{Sent: "PASS " + secret(c.Password), Seen: fmt.Sprintf("%d %s", rep.Code, shown(rep.Text(), 80, c.Password))})
	if err != nil {
		return failedTo("PASS", err, steps)
	}
	ftpCmd(conn, r, "QUIT")
	return ftpJudge(rep, steps, start)
}

func ftpJudge(rep proto.FTPReply, steps []probe.Step, start time.Time) attempt {
	lat := time.Since(start)
	switch {
	case rep.Code == 230:
		return attempt{out: accepted, how: "230 reply", steps: steps, latency: lat}
	case rep.Code == 421:
		return attempt{out: blocked, how: "421 reply", steps: steps, latency: lat}
	case rep.Code == 530 || rep.Code/100 == 5:
		return attempt{out: rejected, how: fmt.Sprintf("%d reply", rep.Code), steps: steps, latency: lat}
	}
	return attempt{out: unclear, how: fmt.Sprintf("%d reply", rep.Code), steps: steps, latency: lat}
}

func ftpCmd(c net.Conn, r *bufio.Reader, line string) (proto.FTPReply, error) {
	c.SetWriteDeadline(time.Now().Add(2 * time.Second))
	if _, err := c.Write([]byte(line + "\r\n")); err != nil {
		return proto.FTPReply{}, err
	}
	return proto.ReadFTPReply(r)
}
