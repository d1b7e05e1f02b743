package probe

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/netip"
	"syscall"
	"testing"
)

// A device that locks out by closing every new connection at accept must
// look the same to the checks on every request. net/http names a close
// that lands before the request is registered "server closed idle
// connection", an error no caller can test for; which of the two comes
// first is a race, so without the mapping in HTTPClient the same device
// gave a recognisable EOF on some requests and an opaque error on others.
func TestHTTPClientReportsCloseAtAcceptAsEOF(t *testing.T) {
	port := closingPort(t, "127.0.8.5", false)
	sc, _ := ParseScope("127.0.8.5")
	cfg := Config{Scope: sc, PerTargetRate: 10000, PerTargetBurst: 1000}
	cfg.Defaults()
	tg := newTarget(&cfg, netip.MustParseAddr("127.0.8.5"), nil)
	cl := tg.HTTPClient(port, false)
	// Enough requests that both orders of close and request occur.
	for i := range 2000 {
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, tg.URL(port, false, "/"), nil)
		resp, err := cl.Do(req)
		if err == nil {
			resp.Body.Close()
			t.Fatalf("request %d: got %s from a server that closes at accept", i, resp.Status)
		}
		if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, syscall.ECONNRESET) {
			t.Fatalf("request %d: %v: want an error that says the server closed the connection", i, err)
		}
	}
}
