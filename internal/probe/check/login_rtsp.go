package check

import (
	"bufio"
	"context"
	"fmt"
	"time"

	"github.com/bydesign-iot/bydesign/internal/probe"
	"github.com/bydesign-iot/bydesign/internal/probe/proto"
)

// rtspPaths are stream paths cameras commonly serve; the first one that
// answers 200 or 401 is used. Only OPTIONS and DESCRIBE are ever sent,
// never SETUP or PLAY.
var rtspPaths = []string{"/", "/live", "/stream1", "/h264", "/ch0_0.h264"}

// rtspDescribe sends one DESCRIBE and reads the response head.
func rtspDescribe(ctx context.Context, t *probe.Target, svc probe.Service, path, auth string) (*proto.Head, error) {
	conn, err := t.Dial(ctx, svc.Port)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	req := "DESCRIBE " + rtspURI(t, svc, path) + " RTSP/1.0\r\nCSeq: 2\r\nAccept: application/sdp\r\nUser-Agent: bydesign-probe\r\n"
	if auth != "" {
		req += "Authorization: " + auth + "\r\n"
	}
	if _, err := conn.Write([]byte(req + "\r\n")); err != nil {
		return nil, err
	}
	return proto.ReadHead(bufio.NewReader(conn), "RTSP")
}

func rtspURI(t *probe.Target, svc probe.Service, path string) string {
	return "rtsp://" + t.AddrPort(svc.Port) + path
}

// rtspProbe finds the first path that answers, without credentials.
func rtspProbe(ctx context.Context, t *probe.Target, svc probe.Service) (string, *proto.Head, []probe.Step, error) {
	var steps []probe.Step
	var lastErr error
	for _, p := range rtspPaths {
		h, err := rtspDescribe(ctx, t, svc, p, "")
		if err != nil {
			lastErr = err
			steps = append(steps, probe.Step{Sent: "DESCRIBE " + p, Seen: errText(err)})
			continue
		}
		steps = append(steps, probe.Step{Sent: "DESCRIBE " + p, Seen: fmt.Sprintf("%d %s", h.Code, h.Reason)})
		if h.Code == 200 || h.Code == 401 {
			return p, h, steps, nil
		}
	}
	if lastErr == nil {
		lastErr = fmt.Errorf("no stream path answered 200 or 401")
	}
	return "", nil, steps, lastErr
}

func rtspMethod(ctx context.Context, t *probe.Target, svc probe.Service) loginMethod {
	path, h, steps, err := rtspProbe(ctx, t, svc)
	if err != nil {
		return loginMethod{reason: "DESCRIBE: " + errText(err), steps: steps}
	}
	if h.Code == 200 {
		return loginMethod{reason: "stream " + path + " needs no authentication", steps: steps}
	}
	ch, err := proto.ParseChallenge(h.Header.Get("Www-Authenticate"))
	if err != nil {
		return loginMethod{reason: err.Error(), steps: steps}
	}
	return loginMethod{name: "rtsp-" + ch.Scheme, steps: steps, login: func(ctx context.Context, t *probe.Target, s probe.Service, c probe.Credential) attempt {
		return rtspLogin(ctx, t, s, c, path)
	}}
}

func rtspLogin(ctx context.Context, t *probe.Target, svc probe.Service, c probe.Credential, path string) attempt {
	start := time.Now()
	h, err := rtspDescribe(ctx, t, svc, path, "")
	if err != nil {
		return failedTo("DESCRIBE", err, nil)
	}
	ch, err := proto.ParseChallenge(h.Header.Get("Www-Authenticate"))
	if err != nil {
		if h.Code == 403 || h.Code == 503 {
			return attempt{out: blocked, how: fmt.Sprintf("%d before credentials", h.Code), latency: time.Since(start)}
		}
		return attempt{out: unclear, how: err.Error(), latency: time.Since(start)}
	}
	auth := basicAuth(c.User, c.Password)
	if ch.Scheme == "digest" {
		if auth, err = digestAuth(ch, "DESCRIBE", rtspURI(t, svc, path), c.User, c.Password); err != nil {
			return attempt{out: unclear, how: err.Error(), latency: time.Since(start)}
		}
	}
	h, err = rtspDescribe(ctx, t, svc, path, auth)
	sent := fmt.Sprintf("DESCRIBE %s with %s auth, user %s %s", path, ch.Scheme, c.User, secret(c.Password))
	if err != nil {
		return failedTo("DESCRIBE with credentials", err, []probe.Step{{Sent: sent}})
	}
	steps := []probe.Step{{Sent: sent, Seen: fmt.Sprintf("%d %s", h.Code, h.Reason)}}
	return judgeHTTPStatus(h.Code, fmt.Sprintf("RTSP %d", h.Code), steps, time.Since(start))
}
