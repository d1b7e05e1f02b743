package check

import (
	"context"
	"net"
	"regexp"
	"strings"
	"time"

	"github.com/bydesign-iot/bydesign/internal/probe"
	"github.com/bydesign-iot/bydesign/internal/probe/proto"
)

// Prompt patterns, matched against the end of what the service sent. A
// shell prompt alone is not trusted (MOTDs contain '#' and '>'): a login is
// confirmed by making the shell compute a sum we never sent.
var (
	userPrompt  = regexp.MustCompile(`(?i)(login|user ?name|user)( as)?\s*:\s*$`)
	passPrompt  = regexp.MustCompile(`(?i)pass(word|code)?\s*:\s*$`)
	shellPrompt = regexp.MustCompile(`[#$>%]\s*$`)
	failText    = regexp.MustCompile(`(?i)(incorrect|invalid|fail|denied|bad password|wrong|not allowed)`)
	lockText    = regexp.MustCompile(`(?i)(locked|too many|try again later|temporarily|blocked)`)
)

// telnetSession reads a telnet stream through the IAC decoder and answers
// negotiation as it goes.
type telnetSession struct {
	c    net.Conn
	dec  proto.Telnet
	text strings.Builder
}

// readUntil reads until the text ends with one of the patterns, the
// connection closes or wait passes. It returns what arrived in this call.
func (s *telnetSession) readUntil(wait time.Duration, pats ...*regexp.Regexp) (string, error) {
	var got strings.Builder
	deadline := time.Now().Add(wait)
	buf := make([]byte, 2048)
	for {
		s.c.SetReadDeadline(deadline)
		n, err := s.c.Read(buf)
		if n > 0 {
			data, reply, derr := s.dec.Feed(buf[:n])
			if len(reply) > 0 {
				s.c.SetWriteDeadline(time.Now().Add(2 * time.Second))
				s.c.Write(reply)
			}
			got.Write(data)
			s.text.Write(data)
			if derr != nil {
				return got.String(), derr
			}
			tail := strings.TrimRight(got.String(), "\r\n\x00")
			for _, p := range pats {
				if p.MatchString(tail) {
					return got.String(), nil
				}
			}
		}
		if err != nil {
			return got.String(), err
		}
	}
}

func (s *telnetSession) send(line string) error {
	s.c.SetWriteDeadline(time.Now().Add(2 * time.Second))
	_, err := s.c.Write(proto.TelnetEscape([]byte(line + "\r\n")))
	return err
}

// shellCheck asks a shell for a sum; only a real shell prints it.
const (
	shellCheckCmd  = "echo $((4123+5271))"
	shellCheckWant = "9394"
)

func (s *telnetSession) confirmShell(wait time.Duration) (bool, string) {
	if s.send(shellCheckCmd) != nil {
		return false, ""
	}
	got, _ := s.readUntil(wait, regexp.MustCompile(shellCheckWant+`[\s\S]*[#$>%]\s*$`))
	return strings.Contains(got, shellCheckWant), got
}

func telnetLogin(ctx context.Context, t *probe.Target, svc probe.Service, c probe.Credential) attempt {
	start := time.Now()
	wait := t.Config().IOTimeout
	conn, err := t.Dial(ctx, svc.Port)
	if err != nil {
		return failedTo("connect", err, nil)
	}
	defer conn.Close()
	s := &telnetSession{c: conn}
	// Wait for a login prompt only: a '#' or '>' at the end of a MOTD line
	// must not be taken for a shell.
	first, err := s.readUntil(wait, userPrompt, passPrompt)
	steps := []probe.Step{{Sent: "connect", Seen: probe.Printable([]byte(first), 120)}}
	// Only the lines next to the prompt speak of a lockout: a MOTD above
	// may say "temporarily" or "blocked" about anything.
	if lockText.MatchString(lastLines(first, 2)) {
		return attempt{out: blocked, how: "lockout message", steps: steps, latency: time.Since(start)}
	}
	if err != nil && strings.TrimSpace(first) == "" {
		return failedTo("read login prompt", err, steps)
	}
	tail := strings.TrimRight(first, "\r\n ")
	if !userPrompt.MatchString(tail) && !passPrompt.MatchString(tail) {
		return attempt{out: unclear, how: "no login prompt", steps: steps, latency: time.Since(start)}
	}
	if userPrompt.MatchString(tail) {
		if err := s.send(c.User); err != nil {
			return failedTo("send user", err, steps)
		}
		got, err := s.readUntil(wait, passPrompt, shellPrompt, userPrompt)
		steps = append(steps, probe.Step{Sent: "user " + c.User, Seen: probe.Printable([]byte(got), 120)})
		if err != nil && got == "" {
			return failedTo("read password prompt", err, steps)
		}
		if !passPrompt.MatchString(strings.TrimRight(got, "\r\n ")) {
			return judgeTelnet(s, got, steps, start, wait)
		}
	}
	if err := s.send(c.Password); err != nil {
		return failedTo("send password", err, steps)
	}
	got, err := s.readUntil(wait, userPrompt, shellPrompt, passPrompt)
	steps = append(steps, probe.Step{Sent: "password " + secret(c.Password), Seen: shown(got, 120, c.Password)})
	if err != nil && strings.TrimSpace(got) == "" {
		return attempt{out: rejected, how: "closed after password", steps: steps, latency: time.Since(start)}
	}
	return judgeTelnet(s, got, steps, start, wait)
}

// judgeTelnet classifies what followed the credentials. A shell prompt is
// checked first, by making the shell compute a sum: a post-login banner
// such as "2 failed login attempts since the last login" must not turn a
// login into a refusal. Failure and lockout texts count only in the last
// lines, where a login program puts its verdict.
func judgeTelnet(s *telnetSession, got string, steps []probe.Step, start time.Time, wait time.Duration) attempt {
	tail := strings.TrimRight(got, "\r\n ")
	last := lastLines(got, 2)
	lat := time.Since(start)
	atLogin := userPrompt.MatchString(tail) || passPrompt.MatchString(tail)
	if shellPrompt.MatchString(tail) && !atLogin {
		ok, out := s.confirmShell(wait)
		steps = append(steps, probe.Step{Sent: shellCheckCmd, Seen: probe.Printable([]byte(out), 120)})
		switch {
		case ok:
			return attempt{out: accepted, how: "shell computed the check sum", steps: steps, latency: lat}
		case lockText.MatchString(last):
			return attempt{out: blocked, how: "lockout message", steps: steps, latency: lat}
		case failText.MatchString(last):
			return attempt{out: rejected, how: "login refused", steps: steps, latency: lat}
		}
		return attempt{out: accepted, how: "prompt after login (shell check not answered)", steps: steps, latency: lat}
	}
	switch {
	case lockText.MatchString(last):
		return attempt{out: blocked, how: "lockout message", steps: steps, latency: lat}
	case atLogin, failText.MatchString(last):
		return attempt{out: rejected, how: "login refused", steps: steps, latency: lat}
	}
	return attempt{out: unclear, how: "no recognisable reply", steps: steps, latency: lat}
}

// lastLines returns the last n non-blank lines of text.
func lastLines(text string, n int) string {
	lines := strings.FieldsFunc(text, func(r rune) bool { return r == '\r' || r == '\n' })
	var keep []string
	for i := len(lines) - 1; i >= 0 && len(keep) < n; i-- {
		if strings.TrimSpace(lines[i]) != "" {
			keep = append([]string{lines[i]}, keep...)
		}
	}
	return strings.Join(keep, "\n")
}
