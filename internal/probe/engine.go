package probe

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"slices"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// DefaultPorts are the TCP ports probed when none are given: the usual homes
// of the services IoT devices expose, including the odd ones Mirai tried.
var DefaultPorts = []int{21, 22, 23, 80, 443, 554, 1883, 2222, 2323, 5000, 7547, 8000, 8080, 8443, 8554, 8883, 9000}

// DefaultUDPPorts are SSDP and mDNS, queried by unicast to the target only.
var DefaultUDPPorts = []int{1900, 5353}

// Config is one run's scope, permissions and limits.
type Config struct {
	Scope            *Scope
	Ports            []int
	UDPPorts         []int
	AllowCredentials bool
	AllowFlood       bool
	Checks           []Check

	ConnectTimeout  time.Duration // one TCP connect
	IOTimeout       time.Duration // one connection's whole exchange
	BannerWait      time.Duration // how long a service may stay silent before we speak first
	IdentifyTimeout time.Duration // how long client-first identification probes may take
	PerTargetRate   float64       // new connections per second to one target
	PerTargetBurst  int
	GlobalRate      float64 // new connections per second overall
	Concurrency     int     // targets probed at once
	LoginBudget     int     // failed logins allowed per target, all services together

	BruteForceThreshold int           // a device must lock or slow down within this many failures
	FloodConns          int           // flood: most connections held open at once
	FloodRate           float64       // flood: new connections per second, at most
	FloodDuration       time.Duration // flood: how long, at most
	RecoveryLimit       time.Duration // flood: recovery slower than this fails

	Logger *slog.Logger
}

// setDefault replaces an unset (zero or negative) limit.
func setDefault[T int | float64 | time.Duration](p *T, v T) {
	if *p <= 0 {
		*p = v
	}
}

// Defaults fills unset limits with conservative values: zgrab2's 20 new
// connections per second per target, and a login budget that covers the
// built-in credential list once plus the brute-force threshold.
func (c *Config) Defaults() {
	setDefault(&c.ConnectTimeout, 2*time.Second)
	setDefault(&c.IOTimeout, 5*time.Second)
	setDefault(&c.BannerWait, 600*time.Millisecond)
	setDefault(&c.IdentifyTimeout, 2*time.Second)
	setDefault(&c.FloodDuration, 5*time.Second)
	setDefault(&c.RecoveryLimit, 10*time.Second)
	setDefault(&c.PerTargetRate, 20)
	setDefault(&c.PerTargetBurst, 10)
	setDefault(&c.GlobalRate, 2000)
	setDefault(&c.Concurrency, 64)
	setDefault(&c.LoginBudget, 100)
	setDefault(&c.BruteForceThreshold, 10)
	setDefault(&c.FloodConns, 200)
	setDefault(&c.FloodRate, 500)
	if c.Ports == nil {
		c.Ports = DefaultPorts
	}
	if c.UDPPorts == nil {
		c.UDPPorts = DefaultUDPPorts
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
}

// Validate rejects a configuration that could send traffic outside the
// scope: every target must be inside it before anything is sent.
func (c *Config) Validate(targets []netip.Addr) error {
	if c.Scope == nil || len(c.Scope.Prefixes) == 0 {
		return errors.New("probe: no scope: give --scope CIDRs or --scope-file")
	}
	for _, p := range c.Scope.Prefixes {
		if p.Bits() == 0 || p != p.Masked() {
			return fmt.Errorf("probe: scope prefix %s: a /0 or a prefix with host bits set is refused", p)
		}
	}
	for _, a := range targets {
		if err := checkTarget(a); err != nil {
			return fmt.Errorf("probe: target: %w", err)
		}
		if err := c.Scope.Allows(a, time.Now()); err != nil {
			return fmt.Errorf("probe: target %s: %w", a, err)
		}
	}
	for _, p := range append(slices.Clone(c.Ports), c.UDPPorts...) {
		if p < 1 || p > 65535 {
			return fmt.Errorf("probe: port %d out of range 1-65535", p)
		}
	}
	if c.FloodConns > 1000 || c.FloodDuration > 30*time.Second {
		return errors.New("probe: flood caps are at most 1000 connections and 30 s")
	}
	return nil
}

// Run probes every target and returns the report. A target that does not
// answer is a status in the report, not an error; errors are reserved for
// a bad configuration.
func Run(ctx context.Context, cfg Config, targets []netip.Addr) (*Report, error) {
	cfg.Defaults()
	if err := cfg.Validate(targets); err != nil {
		return nil, err
	}
	rep := &Report{Tool: "bydesign probe", Scope: cfg.Scope.Info(), Started: time.Now().UTC(), Options: cfg.reportOptions()}
	rep.Targets = make([]TargetResult, len(targets))
	global := rate.NewLimiter(rate.Limit(cfg.GlobalRate), max(1, int(cfg.GlobalRate/10)))
	sem := make(chan struct{}, cfg.Concurrency)
	var wg sync.WaitGroup
	for i, a := range targets {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			rep.Targets[i] = probeTarget(ctx, newTarget(&cfg, a, global))
		}()
	}
	wg.Wait()
	rep.Finished = time.Now().UTC()
	slices.SortFunc(rep.Targets, func(a, b TargetResult) int {
		return netip.MustParseAddr(a.Address).Compare(netip.MustParseAddr(b.Address))
	})
	return rep, nil
}

// newTarget builds a target with its own rate limiter and login budget.
func newTarget(cfg *Config, a netip.Addr, global *rate.Limiter) *Target {
	if global == nil {
		global = rate.NewLimiter(rate.Limit(cfg.GlobalRate), max(1, int(cfg.GlobalRate/10)))
	}
	return &Target{Addr: a, cfg: cfg, global: global,
		limiter: rate.NewLimiter(rate.Limit(cfg.PerTargetRate), cfg.PerTargetBurst),
		flood:   rate.NewLimiter(rate.Limit(cfg.FloodRate), 10),
		slots:   make(chan struct{}, perTargetParallel),
		Logins:  NewLoginBudget(cfg.LoginBudget)}
}

func (c *Config) reportOptions() ReportOptions {
	o := ReportOptions{AllowCredentials: c.AllowCredentials, AllowFlood: c.AllowFlood,
		Ports: slices.Sorted(slices.Values(c.Ports)), UDPPorts: slices.Sorted(slices.Values(c.UDPPorts)),
		LoginBudget: c.LoginBudget, PerTargetRate: fmt.Sprintf("%g/s", c.PerTargetRate), Checks: []string{}}
	if o.UDPPorts == nil {
		o.UDPPorts = []int{}
	}
	for _, ch := range c.Checks {
		o.Checks = append(o.Checks, ch.Meta().ID)
	}
	slices.Sort(o.Checks)
	return o
}

// probeTarget scans, identifies, then runs the checks phase by phase, one
// check at a time, so one target is never hammered.
func probeTarget(ctx context.Context, t *Target) TargetResult {
	log := t.cfg.Logger.With("target", t.Addr.String())
	res := TargetResult{Address: t.Addr.String()}
	open, reach := scanPorts(ctx, t)
	t.Services = identifyAll(ctx, t, open)
	t.Services = append(t.Services, discoverUDP(ctx, t)...)
	for i := range t.Services {
		cleanService(&t.Services[i])
	}
	slices.SortFunc(t.Services, func(a, b Service) int {
		return cmp.Or(cmp.Compare(a.Port, b.Port), cmp.Compare(a.Transport, b.Transport))
	})
	res.Services = t.Services
	if res.Services == nil {
		res.Services = []Service{}
	}
	if len(t.Services) == 0 {
		res.Findings = []Finding{{Check: "reachability", Status: reach, Service: SvcUnknown,
			Detail:   "no probed port answered",
			Evidence: []Step{{Sent: fmt.Sprintf("TCP connect to %d ports, UDP queries to %d ports", len(t.cfg.Ports), len(t.cfg.UDPPorts)), Seen: string(reach)}}}}
		normalise(res.Findings)
		return res
	}
	checks := slices.Clone(t.cfg.Checks)
	slices.SortStableFunc(checks, func(a, b Check) int { return cmp.Compare(a.Meta().Phase, b.Meta().Phase) })
	for _, c := range checks {
		m := c.Meta()
		if (m.Needs.Credentials && !t.cfg.AllowCredentials) || (m.Needs.Flood && !t.cfg.AllowFlood) {
			flag := "--allow-credentials"
			if m.Needs.Flood {
				flag = "--allow-flood"
			}
			res.Findings = append(res.Findings, fill(m, Finding{Status: Skipped, Service: "-", Detail: "not run: needs " + flag}))
			continue
		}
		start := time.Now()
		for _, f := range c.Run(ctx, t) {
			res.Findings = append(res.Findings, fill(m, f))
		}
		log.Debug("check done", "check", m.ID, "took", time.Since(start))
	}
	if a, f := t.Logins.Stats(); a > 0 {
		res.Logins = &LoginSummary{Attempts: a, Failures: f, Budget: t.cfg.LoginBudget}
		if lk, ok := t.Logins.Lockout(); ok {
			lk.How, lk.Service = Clean(lk.How), Clean(lk.Service)
			res.Logins.Lockout = &lk
		}
	}
	normalise(res.Findings)
	return res
}

// fill gives a finding its check id and mappings from the check's Meta.
func fill(m Meta, f Finding) Finding {
	f.Evidence = slices.Clone(f.Evidence) // cleaned below without touching the check's slice
	cleanFinding(&f)
	f.Check = m.ID
	if f.Practices == nil {
		f.Practices = slices.Clone(m.Practices)
	}
	if f.Provisions == nil {
		f.Provisions = slices.Clone(m.Provisions)
	}
	return f
}

// normalise sorts findings and replaces nil slices so JSON is stable.
func normalise(fs []Finding) {
	for i := range fs {
		if fs[i].Evidence == nil {
			fs[i].Evidence = []Step{}
		}
		if fs[i].Practices == nil {
			fs[i].Practices = []string{}
		}
		if fs[i].Provisions == nil {
			fs[i].Provisions = []string{}
		}
		slices.Sort(fs[i].Practices)
		slices.Sort(fs[i].Provisions)
	}
	sortFindings(fs)
}
