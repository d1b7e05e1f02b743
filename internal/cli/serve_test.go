package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/config"
)

// syncBuffer lets the test read what the server writes while it runs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestServeFirstStart starts the real command on a free loopback port with
// a fresh SQLite file: it must print a one-time setup link on standard
// output (not in the log), serve the UI and the API, refuse writes without
// a token, and stop cleanly when its context ends.
func TestServeFirstStart(t *testing.T) {
	defer func(e func() []string) { config.Environ = e }(config.Environ)
	config.Environ = func() []string { return nil }
	db := filepath.Join(t.TempDir(), "first.db")
	var stdout, stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db, "--log-format", "json"}, &stdout, &stderr)
	}()
	link := regexp.MustCompile(`http://127\.0\.0\.1:\d+/setup\?token=bdu_\S+`)
	var url string
	for deadline := time.Now().Add(10 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		url = link.FindString(stdout.String())
	}
	if url == "" {
		cancel()
		t.Fatalf("no setup link on stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
	}
	if strings.Contains(stderr.String(), "bdu_") {
		t.Error("the setup token reached the log")
	}
	base := url[:strings.Index(url, "/setup")]
	for _, c := range []struct {
		method, path string
		status       int
	}{
		{"GET", "/", 200}, {"GET", "/api/v1/documents", 200}, {"GET", "/api/v1/practices", 200},
		{"GET", "/api/v1/matrix", 200}, {"GET", "/readyz", 200}, {"POST", "/api/v1/products", 401},
	} {
		req, _ := http.NewRequest(c.method, base+c.path, strings.NewReader(`{}`))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("%s %s: %d, want %d", c.method, c.path, resp.StatusCode, c.status)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != ExitOK {
			t.Fatalf("exit %d after shutdown: %s", code, stderr.String())
		}
	case <-time.After(25 * time.Second):
		t.Fatal("server did not shut down")
	}
}

func TestServeUsage(t *testing.T) {
	defer func(e func() []string) { config.Environ = e }(config.Environ)
	config.Environ = func() []string { return []string{"BYDESIGN_COLOUR=red"} }
	var out, errb bytes.Buffer
	if code := Run(context.Background(), []string{"serve", "--print-config"}, &out, &errb); code != ExitUsage || !strings.Contains(errb.String(), "BYDESIGN_COLOUR") {
		t.Errorf("unknown env var: exit %d, %q", code, errb.String())
	}
	config.Environ = func() []string { return nil }
	out.Reset()
	errb.Reset()
	if code := Run(context.Background(), []string{"serve", "--print-config", "--db", "postgres://u@db/x?sslmode=disable"}, &out, &errb); code != ExitOK || !strings.Contains(out.String(), "addr") {
		t.Errorf("print-config: exit %d, %q %q", code, out.String(), errb.String())
	}
	out.Reset()
	errb.Reset()
	// A password in --db is refused, and not echoed.
	if code := Run(context.Background(), []string{"serve", "--print-config", "--db", "postgres://u:secret@db/x"}, &out, &errb); code != ExitUsage || strings.Contains(out.String()+errb.String(), "secret") || !strings.Contains(errb.String(), "--db-password-file") {
		t.Errorf("password in --db: exit %d, %q %q", code, out.String(), errb.String())
	}
	if code := Run(context.Background(), []string{"serve", "extra"}, &out, &errb); code != ExitUsage {
		t.Errorf("positional argument: exit %d", code)
	}
	// Bad --addr and --db values are usage errors that leave no file behind.
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--addr", "nonsense", "--db", filepath.Join(dir, "a.db")},
		{"--addr", "127.0.0.1:0", "--db", "mysql://u@h/x"},
		{"--addr", "127.0.0.1:0", "--db", filepath.Join(dir, "missing", "a.db")},
	} {
		errb.Reset()
		if code := Run(context.Background(), append([]string{"serve"}, args...), &out, &errb); code != ExitUsage {
			t.Errorf("serve %v: exit %d, %q", args, code, errb.String())
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 || fileExists("mysql:") {
		t.Errorf("bad serve flags left files: %v", left)
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }
