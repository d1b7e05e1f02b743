// Command tls-bench runs bydesign's TLS enumeration and sslscan against the
// same loopback `openssl s_server` fixture, through one connection-counting
// proxy, and prints wall times, their ratio, connection counts and any
// difference in the accepted (version, suite) sets.
//
//	go run ./bench/tls -runs 5
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bydesign-iot/bydesign/internal/probe/tlsscan"
	"github.com/bydesign-iot/bydesign/internal/probe/tlsscan/tlsfixture"
)

func main() {
	runs := flag.Int("runs", 5, "runs of each tool; the median wall time is reported")
	cipher := flag.String("cipher", "DEFAULT:@SECLEVEL=0", "OpenSSL cipher string for the fixture")
	flag.Parse()
	if err := run(*runs, *cipher); err != nil {
		fmt.Fprintln(os.Stderr, "tls-bench:", err)
		os.Exit(1)
	}
}

func run(runs int, cipher string) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "tls-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cert, err := tlsfixture.NewCert(tlsfixture.CertSpec{CommonName: "lab-device", IPs: []net.IP{net.IPv4(127, 0, 0, 1)}})
	if err != nil {
		return err
	}
	srv, err := tlsfixture.StartOpenSSL(ctx, dir, cert, "-cipher", cipher)
	if err != nil {
		return err
	}
	defer srv.Close()
	px, err := startProxy(srv.Addr)
	if err != nil {
		return err
	}
	defer px.ln.Close()
	addr := px.ln.Addr().String()
	dial := func(ctx context.Context) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "tcp", addr)
	}

	var ours, theirs []time.Duration
	var oursSet, theirSet map[tlsfixture.Pair]bool
	var oursConns, theirConns int64
	for i := 0; i < runs; i++ {
		px.conns.Store(0)
		start := time.Now()
		res, err := tlsscan.Scan(ctx, dial, tlsscan.Options{})
		if err != nil {
			return fmt.Errorf("bydesign scan: %w", err)
		}
		ours = append(ours, time.Since(start))
		oursConns = px.conns.Load()
		oursSet = map[tlsfixture.Pair]bool{}
		for v, ids := range res.Accepted() {
			for _, id := range ids {
				oursSet[tlsfixture.Pair{Version: v.String(), Suite: id}] = true
			}
		}

		px.conns.Store(0)
		start = time.Now()
		theirSet, err = tlsfixture.SSLScan(ctx, addr)
		if err != nil {
			return err
		}
		theirs = append(theirs, time.Since(start))
		theirConns = px.conns.Load()
	}
	mo, mt := median(ours), median(theirs)
	fmt.Printf("fixture: openssl s_server -cipher %q (TLS 1.0-1.3), %d runs each\n", cipher, runs)
	fmt.Printf("bydesign tlsscan: median %v, %d connections, %d accepted pairs\n", mo.Round(time.Millisecond), oursConns, len(oursSet))
	fmt.Printf("sslscan:          median %v, %d connections, %d accepted pairs\n", mt.Round(time.Millisecond), theirConns, len(theirSet))
	fmt.Printf("ratio sslscan/bydesign: %.1fx\n", float64(mt)/float64(mo))
	diff := difference(oursSet, theirSet)
	if len(diff) == 0 {
		fmt.Println("accepted (version, suite) sets: identical")
		return nil
	}
	for _, d := range diff {
		fmt.Println("difference:", d)
	}
	return fmt.Errorf("%d differences", len(diff))
}

func difference(ours, theirs map[tlsfixture.Pair]bool) []string {
	var out []string
	for p := range ours {
		if !theirs[p] {
			out = append(out, fmt.Sprintf("only bydesign: %s 0x%04X", p.Version, p.Suite))
		}
	}
	for p := range theirs {
		if !ours[p] {
			out = append(out, fmt.Sprintf("only sslscan:  %s 0x%04X", p.Version, p.Suite))
		}
	}
	sort.Strings(out)
	return out
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

// proxy forwards loopback connections to the fixture and counts them, so
// both tools are measured the same way.
type proxy struct {
	ln    net.Listener
	conns atomic.Int64
}

func startProxy(backend string) (*proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &proxy{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.conns.Add(1)
			go forward(c, backend)
		}
	}()
	return p, nil
}

func forward(c net.Conn, backend string) {
	defer c.Close()
	b, err := net.Dial("tcp", backend)
	if err != nil {
		return
	}
	defer b.Close()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); _, _ = io.Copy(b, c); closeWrite(b) }()
	go func() { defer wg.Done(); _, _ = io.Copy(c, b); closeWrite(c) }()
	wg.Wait()
}

func closeWrite(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.CloseWrite()
	}
}
