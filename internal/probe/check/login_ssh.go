package check

import (
	"context"
	"fmt"
	"net"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// noPasswordAuth marks an SSH server that offers neither password nor
// keyboard-interactive authentication.
const noPasswordAuth = "password authentication not offered"

func sshLogin(ctx context.Context, t *probe.Target, svc probe.Service, c probe.Credential) attempt {
	start := time.Now()
	conn, err := t.Dial(ctx, svc.Port)
	if err != nil {
		return failedTo("connect", err, nil)
	}
	defer conn.Close()
	var hostKey string
	cfg := &ssh.ClientConfig{
		User: c.User,
		Auth: []ssh.AuthMethod{
			ssh.Password(c.Password),
			ssh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
				ans := make([]string, len(qs))
				for i := range ans {
					ans[i] = c.Password
				}
				return ans, nil
			}),
		},
		// The host key is recorded, not trusted: the probe inspects devices
		// it has never seen, and never sends anything after logging in.
		HostKeyCallback: func(_ string, _ net.Addr, k ssh.PublicKey) error {
			hostKey = ssh.FingerprintSHA256(k)
			return nil
		},
		ClientVersion: "SSH-2.0-bydesign_probe",
		Timeout:       t.Config().IOTimeout,
	}
	sc, _, _, err := ssh.NewClientConn(conn, t.AddrPort(svc.Port), cfg)
	sent := fmt.Sprintf("ssh user %s %s", c.User, secret(c.Password))
	lat := time.Since(start)
	if err == nil {
		sc.Close()
		return attempt{out: accepted, how: "authenticated", latency: lat,
			steps: []probe.Step{{Sent: sent, Seen: "authentication succeeded, host key " + hostKey}}}
	}
	msg := err.Error()
	steps := []probe.Step{{Sent: sent, Seen: probe.Printable([]byte(msg), 160)}}
	switch {
	case strings.Contains(msg, "attempted methods [none]") && strings.Contains(msg, "no supported methods remain"):
		return attempt{out: unclear, how: noPasswordAuth, steps: steps, latency: lat}
	case strings.Contains(msg, "unable to authenticate"):
		return attempt{out: rejected, how: "authentication failed", steps: steps, latency: lat}
	case hostKey == "" && droppedEarly(err):
		return attempt{out: blocked, how: "closed before key exchange", steps: steps, latency: lat}
	}
	return attempt{out: unclear, how: "handshake error", steps: steps, latency: lat}
}
