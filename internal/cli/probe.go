package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/bydesign-iot/bydesign/internal/probe"
	"github.com/bydesign-iot/bydesign/internal/probe/check"
	"github.com/bydesign-iot/bydesign/internal/render"
)

// probeFormats: SARIF is written by the probe itself, the rest by render.
var probeFormats = []render.Format{render.Table, render.JSON, "sarif", render.Markdown}

type probeOptions struct {
	common
	scope, scopeFile, ports, udpPorts string
	allowCredentials, allowFlood      bool
	connectTimeout, ioTimeout         time.Duration
	bannerWait, floodDuration         time.Duration
	rate, globalRate                  float64
	concurrency, loginBudget          int
	bruteThreshold, floodConns        int
	verbose                           bool
	securityTxtURL, credentials       string
}

func runProbe(ctx context.Context, env *Env, args []string) error {
	var o probeOptions
	fs := newFlags("probe", &o.common, probeFormats)
	fs.StringVar(&o.scope, "scope", "", "CIDRs or addresses the probe may contact, comma-separated (required unless --scope-file)")
	fs.StringVar(&o.scopeFile, "scope-file", "", "authorisation file (YAML/JSON: owner, expires, allow: [CIDR...])")
	fs.StringVar(&o.ports, "ports", "", "TCP ports, comma-separated or ranges like 8000-8100 (default: common IoT ports)")
	fs.StringVar(&o.udpPorts, "udp-ports", "1900,5353", "UDP ports for SSDP and mDNS queries (unicast to the target); empty for none")
	fs.BoolVar(&o.allowCredentials, "allow-credentials", false, "try default credentials and measure brute-force protection (spends failed logins)")
	fs.BoolVar(&o.allowFlood, "allow-flood", false, "run the capped connection-flood resilience check")
	fs.DurationVar(&o.connectTimeout, "connect-timeout", 2*time.Second, "TCP connect timeout")
	fs.DurationVar(&o.ioTimeout, "timeout", 5*time.Second, "time allowed for one connection's exchange")
	fs.DurationVar(&o.bannerWait, "banner-wait", 600*time.Millisecond, "how long a silent service gets before the probe speaks first")
	fs.Float64Var(&o.rate, "rate", 20, "new connections per second to one target")
	fs.Float64Var(&o.globalRate, "global-rate", 2000, "new connections per second over all targets")
	fs.IntVar(&o.concurrency, "concurrency", 64, "targets probed at once")
	fs.IntVar(&o.loginBudget, "login-budget", 100, "failed logins allowed per target, all services together")
	fs.IntVar(&o.bruteThreshold, "brute-threshold", 10, "failed logins within which a device must lock or slow down")
	fs.IntVar(&o.floodConns, "flood-conns", 200, "flood: most connections held at once (at most 1000)")
	fs.DurationVar(&o.floodDuration, "flood-duration", 5*time.Second, "flood: duration (at most 30s)")
	fs.BoolVar(&o.verbose, "v", false, "log progress to stderr")
	fs.StringVar(&o.credentials, "credentials", "", "a credential list file (YAML, the built-in list's format) tried before the built-in pairs")
	fs.StringVar(&o.securityTxtURL, "securitytxt-url", "", "also check this vendor security.txt URL; its host must be an IP address in scope and a target")
	pos, err := parse(fs, args, env.Stdout)
	if err != nil {
		return err
	}
	format, err := o.formatIn(probeFormats)
	if err != nil {
		return err
	}
	cfg, err := o.config(env)
	if err != nil {
		return err
	}
	targets, err := probe.ParseTargets(pos)
	if err != nil {
		return usagef("probe: %v", err)
	}
	if err := cfg.Validate(targets); err != nil {
		return usagef("%v; nothing was sent", err)
	}
	if o.credentials != "" {
		data, err := os.ReadFile(o.credentials)
		if err != nil {
			return usagef("probe: --credentials: %v", err)
		}
		extra, err := check.ParseCredentials(o.credentials, data)
		if err != nil {
			return usagef("probe: --credentials: %v", err)
		}
		cfg.Checks = check.WithCredentials(cfg.Checks, extra)
	}
	if o.securityTxtURL != "" {
		if cfg.Checks, err = check.WithVendorURL(cfg.Checks, o.securityTxtURL, cfg.Scope, targets); err != nil {
			return usagef("probe: --securitytxt-url: %v; nothing was sent", err)
		}
	}
	rep, err := probe.Run(ctx, cfg, targets)
	if err != nil {
		return usagef("%v", err)
	}
	if format == "sarif" {
		titles := map[string]string{}
		for _, c := range check.All() {
			titles[c.Meta().ID] = c.Meta().Title
		}
		err = rep.WriteSARIF(env.Stdout, titles)
	} else {
		err = render.Write(env.Stdout, format, rep)
	}
	if err != nil {
		return fmt.Errorf("probe: write: %w", err)
	}
	if rep.Failed() {
		return errFindings
	}
	return nil
}

func (o *probeOptions) config(env *Env) (probe.Config, error) {
	cfg := probe.Config{AllowCredentials: o.allowCredentials, AllowFlood: o.allowFlood, Checks: check.All(),
		ConnectTimeout: o.connectTimeout, IOTimeout: o.ioTimeout, BannerWait: o.bannerWait,
		PerTargetRate: o.rate, GlobalRate: o.globalRate, Concurrency: o.concurrency, LoginBudget: o.loginBudget,
		BruteForceThreshold: o.bruteThreshold, FloodConns: o.floodConns, FloodDuration: o.floodDuration}
	switch {
	case o.scope != "" && o.scopeFile != "":
		return cfg, usagef("probe: give --scope or --scope-file, not both")
	case o.scope != "":
		sc, err := probe.ParseScope(o.scope)
		if err != nil {
			return cfg, usagef("probe: --scope: %v", err)
		}
		cfg.Scope = sc
	case o.scopeFile != "":
		b, err := os.ReadFile(o.scopeFile)
		if err != nil {
			return cfg, usagef("probe: --scope-file: %v", err)
		}
		sc, err := probe.ParseScopeFile(o.scopeFile, b, time.Now())
		if err != nil {
			return cfg, usagef("probe: %v", err)
		}
		cfg.Scope = sc
	default:
		return cfg, usagef("probe: a scope is required: --scope CIDR[,CIDR] or --scope-file FILE; nothing was sent")
	}
	var err error
	if o.ports != "" {
		if cfg.Ports, err = parsePorts(o.ports); err != nil {
			return cfg, usagef("probe: --ports: %v", err)
		}
	}
	if cfg.UDPPorts, err = parsePorts(o.udpPorts); err != nil {
		return cfg, usagef("probe: --udp-ports: %v", err)
	}
	if cfg.UDPPorts == nil {
		cfg.UDPPorts = []int{}
	}
	if o.globalRate <= 0 {
		return cfg, usagef("probe: --global-rate must be positive")
	}
	if o.rate <= 0 || o.rate > 1000 {
		return cfg, usagef("probe: --rate must be above 0 and at most 1000 connections per second")
	}
	if o.verbose {
		cfg.Logger = slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return cfg, nil
}

// parsePorts reads "22,80,8000-8010".
func parsePorts(s string) ([]int, error) {
	var out []int
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		b := a
		if err == nil && isRange {
			b, err = strconv.Atoi(hi)
		}
		if err != nil || a < 1 || b > 65535 || a > b {
			return nil, errors.New("bad port or range " + strconv.Quote(part))
		}
		for p := a; p <= b; p++ {
			out = append(out, p)
		}
	}
	return out, nil
}
