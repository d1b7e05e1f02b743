package probe

import (
	"net"
	"testing"
)

// listenOn serves every connection on a fresh port of addr with handle.
func listenOn(t *testing.T, addr string, handle func(net.Conn)) int {
	t.Helper()
	l, err := net.Listen("tcp", addr+":0")
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go handle(c)
		}
	}()
	return l.Addr().(*net.TCPAddr).Port
}
