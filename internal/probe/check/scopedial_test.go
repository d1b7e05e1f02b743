package check

import (
	"context"
	"net"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/devicelab"
	"github.com/bydesign-iot/bydesign/internal/probe"
)

// decoy listens outside the scope and counts every connection it gets.
func decoy(t *testing.T, addr string) *atomic.Int64 {
	t.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	t.Cleanup(func() { l.Close() })
	var n atomic.Int64
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			n.Add(1)
			c.Close()
		}
	}()
	return &n
}

// A device that redirects every request out of the scope, and a vendor
// security.txt URL outside it, must send nothing to that address, with
// every check allowed to run.
func TestNothingReachesOutsideTheScopeAtDialTime(t *testing.T) {
	const outside = "127.0.9.77:18099"
	hits := decoy(t, outside)
	addr := netip.MustParseAddr("127.0.8.60")
	p := &devicelab.Profile{Name: "redirector",
		Credentials: []devicelab.Credential{{User: "admin", Password: "admin"}},
		HTTP:        &devicelab.HTTP{Port: 18088, Auth: "basic", SecurityTxt: true, Redirect: "http://" + outside},
	}
	d, err := devicelab.Start(context.Background(), addr, p, nil)
	if err != nil {
		t.Skipf("cannot start a lab device on %s: %v", addr, err)
	}
	defer d.Close()
	checks := All()
	for i, c := range checks {
		if c.Meta().ID == "security-txt" {
			checks[i] = SecurityTxt{VendorURL: "http://" + outside + "/.well-known/security.txt"}
		}
	}
	sc, _ := probe.ParseScope("127.0.8.60")
	cfg := probe.Config{Scope: sc, Ports: []int{18088}, UDPPorts: []int{}, Checks: checks,
		AllowCredentials: true, BannerWait: 200 * time.Millisecond, LoginBudget: 20}
	rep, err := probe.Run(context.Background(), cfg, []netip.Addr{addr})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	if n := hits.Load(); n != 0 {
		t.Fatalf("the address outside the scope got %d connections", n)
	}
	var redirect, vendor bool
	for _, f := range rep.Targets[0].Findings {
		if f.Check != "security-txt" {
			continue
		}
		redirect = redirect || (f.Port == 18088 && strings.Contains(f.Detail, "redirects to") && strings.Contains(f.Detail, outside))
		vendor = vendor || (f.Status == probe.OutOfScope && strings.Contains(f.Detail, "outside the scope"))
	}
	if !redirect || !vendor {
		t.Fatalf("want the redirect recorded and the vendor URL out of scope; findings: %+v", rep.Targets[0].Findings)
	}
}
