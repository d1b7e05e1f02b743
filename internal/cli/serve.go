package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/bydesign-iot/bydesign/internal/auth"
	"github.com/bydesign-iot/bydesign/internal/config"
	"github.com/bydesign-iot/bydesign/internal/store"
	"github.com/bydesign-iot/bydesign/internal/web"
)

type serveOptions struct {
	dataset     string
	printConfig bool
	cfg         *config.Config
}

// runServe starts the web UI and JSON API. Settings come from flags, then
// BYDESIGN_* variables, then a config file (see internal/config). With no
// flags it serves on 127.0.0.1:8080 over bydesign.db in the working
// directory; on the first start it prints a one-time setup link.
func runServe(ctx context.Context, env *Env, args []string) error {
	var o serveOptions
	fs := newFlags("serve", nil, nil)
	fs.StringVar(&o.dataset, "dataset", "", "dataset directory (default: the built-in dataset)")
	fs.BoolVar(&o.printConfig, "print-config", false, "print the resolved settings, secrets redacted, and exit")
	o.cfg = config.Register(fs)
	pos, err := parse(fs, args, env.Stdout)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve: unexpected argument %q", pos[0])
	}
	if err := o.cfg.Resolve(fs, config.Environ()); err != nil {
		return usagef("serve: %v", strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	if o.printConfig {
		return o.cfg.Dump(env.Stdout)
	}
	if _, port, err := net.SplitHostPort(o.cfg.Addr); err != nil || port == "" {
		return usagef("serve: --addr %q: want HOST:PORT, for example 127.0.0.1:8080", o.cfg.Addr)
	}
	return serve(ctx, env, o)
}

func serve(ctx context.Context, env *Env, o serveOptions) error {
	cfg := o.cfg
	log := newLogger(env, cfg.LogLevel, cfg.LogFormat)
	for _, w := range cfg.Warnings {
		log.Warn("config", "warning", w)
	}
	cat, err := (&common{dataset: o.dataset}).load()
	if err != nil {
		return err
	}
	// Listen before touching the database, so a busy port leaves no new
	// database file behind.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer ln.Close() // after Serve returns it is already closed; harmless
	st, err := store.Open(ctx, cfg.DatabaseURL())
	if errors.Is(err, store.ErrInvalid) {
		return usagef("serve: --db: %v", err)
	}
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer st.Close()
	svc, err := auth.New(st, auth.Options{SessionTTL: cfg.SessionTTL})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	setupToken, err := svc.Bootstrap(ctx, cfg.AdminUser, cfg.AdminPassword.Value())
	if err != nil {
		return fmt.Errorf("serve: first-start setup: %w", err)
	}
	srv, err := web.New(web.Options{
		Catalog: cat, Store: st, Auth: svc, Logger: log, Version: Version,
		SessionTTL: cfg.SessionTTL, TrustedProxies: cfg.Proxies,
		SecureCookies: strings.HasPrefix(cfg.BaseURL, "https://"),
	})
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(cfg.BaseURL, "/")
	if base == "" {
		base = "http://" + ln.Addr().String()
	}
	log.Info("serving", "url", base, "db", config.RedactURL(cfg.DB), "dialect", st.Dialect(), "documents", len(cat.Documents))
	if setupToken != "" {
		// The link goes to standard output only, never to the log.
		fmt.Fprintf(env.Stdout, "No account exists yet. Open this one-time link to create the administrator:\n\n  %s/setup?token=%s\n\n", base, setupToken)
	}
	go housekeep(ctx, svc, log, time.Hour)
	return srv.Serve(ctx, ln)
}

// housekeep prunes expired sessions and old login attempts now and then
// every interval until ctx ends. Several servers may run it on one database:
// the deletes are idempotent.
func housekeep(ctx context.Context, svc *auth.Service, log *slog.Logger, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, m, err := svc.Housekeep(ctx); err != nil {
			if ctx.Err() == nil {
				log.Warn("housekeeping", "err", err)
			}
		} else if n+m > 0 {
			log.Info("housekeeping", "expired_sessions", n, "old_login_attempts", m)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// newLogger builds the one slog logger the server uses, on stderr.
func newLogger(env *Env, level, format string) *slog.Logger {
	var lv slog.Level
	lv.UnmarshalText([]byte(level)) // validated by config
	opts := &slog.HandlerOptions{Level: lv}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(env.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(env.Stderr, opts))
}
