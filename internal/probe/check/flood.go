package check

import (
	"context"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// Flood opens a capped connection flood against one service, samples its
// availability every 250 ms while the flood lasts, then releases the
// connections and measures how long the service takes to answer again.
// Caps: Config.FloodConns connections, Config.FloodRate per second,
// Config.FloodDuration; recovery slower than Config.RecoveryLimit fails.
type Flood struct{}

func (Flood) Meta() probe.Meta {
	return probe.Meta{ID: "flood-resilience", Title: "Availability during and recovery after a connection flood",
		Phase: probe.PhaseFlood, Needs: probe.Needs{Flood: true},
		Practices:  []string{pResilience, pNetworkSecurity},
		Provisions: []string{"eu-cra/CRA-AI-P1-2h"}}
}

const sampleEvery = 250 * time.Millisecond

func (Flood) Run(ctx context.Context, t *probe.Target) []probe.Finding {
	for _, s := range t.Services {
		if s.Transport == "tcp" {
			return []probe.Finding{flood(ctx, t, s)}
		}
	}
	return []probe.Finding{{Status: probe.Skipped, Service: "-", Detail: "no open TCP service to flood"}}
}

// available is one availability sample: a connection that stays open or
// says something counts; one closed or refused at once does not.
func available(ctx context.Context, t *probe.Target, port int) bool {
	c, err := t.DialFlood(ctx, port)
	if err != nil {
		return false
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
	_, err = c.Read(make([]byte, 64))
	return err == nil || !droppedEarly(err)
}

func flood(ctx context.Context, t *probe.Target, s probe.Service) probe.Finding {
	cfg := t.Config()
	f := probe.Finding{Port: s.Port, Transport: s.Transport, Service: s.Name}
	if !available(ctx, t, s.Port) {
		return inconclusive(f, "the service was not available before the flood")
	}
	fctx, cancel := context.WithTimeout(ctx, cfg.FloodDuration)
	defer cancel()
	var mu sync.Mutex
	var held []net.Conn
	opened, failed := 0, 0
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for fctx.Err() == nil && opened+failed < cfg.FloodConns*4 {
			mu.Lock()
			full := len(held) >= cfg.FloodConns
			mu.Unlock()
			if full {
				time.Sleep(10 * time.Millisecond)
				continue
			}
			c, err := t.DialFlood(fctx, s.Port)
			mu.Lock()
			if err != nil {
				failed++
			} else {
				opened++
				held = append(held, c)
			}
			mu.Unlock()
		}
	}()
	up, samples := 0, 0
	for tick := time.NewTicker(sampleEvery); fctx.Err() == nil; <-tick.C {
		samples++
		if available(ctx, t, s.Port) {
			up++
		}
	}
	wg.Wait()
	mu.Lock()
	for _, c := range held {
		c.Close()
	}
	mu.Unlock()
	released := time.Now()
	recovered := time.Duration(-1)
	for time.Since(released) < cfg.RecoveryLimit && ctx.Err() == nil {
		if available(ctx, t, s.Port) {
			recovered = time.Since(released)
			break
		}
		time.Sleep(sampleEvery)
	}
	f.Evidence = []probe.Step{
		{Sent: fmt.Sprintf("flood: %d connections opened (%d failed), at most %d held, for %s", opened, failed, cfg.FloodConns, cfg.FloodDuration),
			Seen: fmt.Sprintf("available in %d of %d samples every %s", up, samples, sampleEvery)},
	}
	if recovered < 0 {
		f.Status = probe.Fail
		f.Detail = fmt.Sprintf("not available again within %s after the flood (available in %d of %d samples during it)", cfg.RecoveryLimit, up, samples)
		return f
	}
	f.Evidence = append(f.Evidence, probe.Step{Sent: "availability checks after release", Seen: "available after " + recovered.Round(sampleEvery).String()})
	f.Status = probe.Pass
	f.Detail = fmt.Sprintf("available in %d of %d samples during the flood; recovered within %s (limit %s)", up, samples, recovered.Round(sampleEvery), cfg.RecoveryLimit)
	return f
}
