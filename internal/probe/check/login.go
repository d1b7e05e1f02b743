package check

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// outcome is what one login attempt showed.
type outcome int

const (
	rejected outcome = iota // the service said no
	accepted                // the service let us in
	blocked                 // refused, dropped or a lockout message before the credentials were judged
	unclear                 // something else: a timeout, a protocol error
)

func (o outcome) String() string {
	return [...]string{"rejected", "accepted", "blocked", "unclear"}[o]
}

// attempt is one login's result, with redacted evidence.
type attempt struct {
	out     outcome
	how     string // short reason, e.g. "CONNACK code 4", "530 reply"
	steps   []probe.Step
	latency time.Duration
}

// loginFunc tries one pair on one service. It must redact the password in
// its evidence (see secret).
type loginFunc func(ctx context.Context, t *probe.Target, s probe.Service, c probe.Credential) attempt

// loginMethod is a service's way of logging in, found without spending a
// login attempt; reason explains a nil login.
type loginMethod struct {
	name   string // telnet, ssh, ftp, mqtt, http-basic, http-digest, http-form, rtsp-basic, rtsp-digest
	login  loginFunc
	reason string
	steps  []probe.Step
}

// methodFor finds how to log in to s. HTTP and RTSP are asked once without
// credentials (that is not a login attempt) to learn the scheme.
func methodFor(ctx context.Context, t *probe.Target, s probe.Service) loginMethod {
	m := methodOf(ctx, t, s)
	if login := m.login; login != nil {
		m.login = func(ctx context.Context, t *probe.Target, s probe.Service, c probe.Credential) attempt {
			return login(ctx, t, s, c).scrub(c.Password)
		}
	}
	return m
}

func methodOf(ctx context.Context, t *probe.Target, s probe.Service) loginMethod {
	switch s.Name {
	case probe.SvcTelnet:
		return loginMethod{name: "telnet", login: telnetLogin}
	case probe.SvcSSH:
		return loginMethod{name: "ssh", login: sshLogin}
	case probe.SvcFTP:
		return loginMethod{name: "ftp", login: ftpLogin}
	case probe.SvcMQTT, probe.SvcMQTTS:
		return loginMethod{name: "mqtt", login: mqttLogin}
	case probe.SvcHTTP, probe.SvcHTTPS:
		return httpMethod(ctx, t, s)
	case probe.SvcRTSP:
		return rtspMethod(ctx, t, s)
	}
	return loginMethod{reason: "no login protocol for service " + s.Name}
}

// credentialServices lists the services default-credential and brute-force
// checks consider.
var credentialServices = []string{probe.SvcTelnet, probe.SvcSSH, probe.SvcFTP, probe.SvcHTTP, probe.SvcHTTPS,
	probe.SvcMQTT, probe.SvcMQTTS, probe.SvcRTSP}

// secret describes a password in evidence without revealing it.
func secret(p string) string {
	if p == "" {
		return "(empty password)"
	}
	return "(password redacted)"
}

// scrub removes a password the device sent back (a reply quoting it, a
// redirect URL carrying the form fields, a terminal echo) from the
// attempt's evidence: whoever repeats a password, it stays out of reports.
func (a attempt) scrub(password string) attempt {
	if password == "" {
		return a
	}
	steps := make([]probe.Step, len(a.steps))
	for i, st := range a.steps {
		st.Sent, st.Seen, st.Note = hide(st.Sent, password), hide(st.Seen, password), hide(st.Note, password)
		steps[i] = st
	}
	a.steps, a.how = steps, hide(a.how, password)
	return a
}

func hide(text, password string) string {
	if password == "" {
		return text
	}
	return strings.ReplaceAll(text, password, secret(password))
}

// shown makes a device's reply printable for evidence with the password
// removed first, so clipping cannot leave part of an echoed password.
func shown(raw string, n int, password string) string {
	return probe.Printable([]byte(hide(raw, password)), n)
}

// controlPassword is a random wrong password for negative controls.
func controlPassword() string {
	b := make([]byte, 8)
	rand.Read(b)
	return "bydesign-control-" + hex.EncodeToString(b)
}

// droppedEarly reports errors that mean the service closed or refused the
// connection before judging the credentials.
func droppedEarly(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EPIPE) || errors.Is(err, net.ErrClosed)
}

// failedTo turns an error before the credential exchange into an attempt.
func failedTo(what string, err error, steps []probe.Step) attempt {
	out := unclear
	if droppedEarly(err) {
		out = blocked
	}
	return attempt{out: out, how: what + ": " + errText(err), steps: append(steps, probe.Step{Seen: what + " failed: " + errText(err)})}
}

// errText keeps error text short and free of addresses that vary per run.
func errText(err error) string {
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed"
	case probe.StatusOf(err) == probe.Timeout:
		return "timeout"
	}
	var ne *net.OpError
	if errors.As(err, &ne) && ne.Err != nil {
		return ne.Err.Error()
	}
	return err.Error()
}
