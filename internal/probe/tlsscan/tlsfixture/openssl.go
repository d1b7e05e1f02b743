package tlsfixture

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// ErrMissing marks a fixture that cannot run because a program is absent.
var ErrMissing = errors.New("tlsfixture: program not found")

// OpenSSLServer is a running `openssl s_server` bound to a loopback port.
type OpenSSLServer struct {
	Addr  string
	cmd   *exec.Cmd
	stdin io.WriteCloser
	done  chan struct{}
}

var acceptLine = regexp.MustCompile(`^ACCEPT (127\.0\.0\.1:\d+)`)

// StartOpenSSL runs s_server with the certificate (kept in dir/keys) and
// extra arguments such as "-cipher", "DEFAULT:@SECLEVEL=0" or "-tls1". It
// answers GET / with a status page, or with "-WWW" serves the files below
// dir. The port is chosen by the kernel; the server lives until Close.
func StartOpenSSL(ctx context.Context, dir string, cert *Cert, args ...string) (*OpenSSLServer, error) {
	bin, err := exec.LookPath("openssl")
	if err != nil {
		return nil, fmt.Errorf("%w: openssl (Debian package openssl)", ErrMissing)
	}
	keys := filepath.Join(dir, "keys") // apart from dir, which -WWW serves
	if err := os.MkdirAll(keys, 0o700); err != nil {
		return nil, fmt.Errorf("tlsfixture: %w", err)
	}
	certFile, keyFile := filepath.Join(keys, "cert.pem"), filepath.Join(keys, "key.pem")
	if err := os.WriteFile(certFile, cert.CertPEM, 0o600); err != nil {
		return nil, fmt.Errorf("tlsfixture: %w", err)
	}
	if err := os.WriteFile(keyFile, cert.KeyPEM, 0o600); err != nil {
		return nil, fmt.Errorf("tlsfixture: %w", err)
	}
	all := []string{"s_server", "-accept", "127.0.0.1:0", "-cert", certFile, "-key", keyFile}
	if !slices.Contains(args, "-WWW") {
		all = append(all, "-www") // a status page for GET /
	}
	cmd := exec.Command(bin, append(all, args...)...)
	cmd.Dir = dir                                            // -WWW serves files below dir
	cmd.Env = append(os.Environ(), "OPENSSL_CONF=/dev/null") // no system-wide policy: the args decide
	stdin, err := cmd.StdinPipe()                            // s_server exits when stdin closes
	if err != nil {
		return nil, fmt.Errorf("tlsfixture: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("tlsfixture: %w", err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("tlsfixture: start openssl: %w", err)
	}
	s := &OpenSSLServer{cmd: cmd, stdin: stdin, done: make(chan struct{})}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := acceptLine.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
		close(s.done)
	}()
	select {
	case s.Addr = <-addr:
		return s, nil
	case <-s.done:
		s.Close()
		return nil, fmt.Errorf("tlsfixture: openssl s_server exited: %s", strings.TrimSpace(stderr.String()))
	case <-time.After(10 * time.Second):
		s.Close()
		return nil, errors.New("tlsfixture: openssl s_server did not report its port within 10s")
	case <-ctx.Done():
		s.Close()
		return nil, ctx.Err()
	}
}

// Close stops the server started by StartOpenSSL.
func (s *OpenSSLServer) Close() {
	s.stdin.Close()
	if s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
	}
	_ = s.cmd.Wait()
}
