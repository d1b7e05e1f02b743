package tlsscan

import (
	"errors"
	"net"
	"testing"
)

var errorsIs = errors.Is

// startBanner serves a fixed banner on loopback, like a non-TLS service.
func startBanner(t *testing.T, banner string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			_, _ = c.Write([]byte(banner))
			c.Close()
		}
	}()
	return ln.Addr().String()
}
