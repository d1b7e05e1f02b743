// Package web is the bydesign HTTP server: server-rendered pages over the
// catalog and the registry, and a JSON API under /api/v1/. Routes are listed
// explicitly in routes.go, one handler per file; templates are parsed when
// the server is built so a broken template fails the start, not a request.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"time"

	"github.com/bydesign-iot/bydesign/internal/auth"
	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/store"
)

// Options configure a Server. Catalog is required; the rest have safe
// defaults.
type Options struct {
	Catalog *catalog.Catalog
	// Store persists products, assessments, probe runs and the audit log;
	// Auth checks credentials against it. With either nil the server shows
	// the catalog only and registry routes answer 503.
	Store   store.Store
	Auth    *auth.Service
	Logger  *slog.Logger
	Version string
	// MaxBody caps request bodies; zero means DefaultMaxBody.
	MaxBody int64
	// CacheBytes caps the memory of cached catalog responses; zero means
	// DefaultCacheBytes.
	CacheBytes int64
	// SecureCookies marks session cookies Secure and sends HSTS; set it
	// when the public URL is https.
	SecureCookies bool
	// SessionTTL is how long the session cookie lives; zero means 12h. It
	// should match the auth service's session lifetime.
	SessionTTL time.Duration
	// TrustedProxies are reverse proxies whose X-Forwarded-For names the
	// client (for throttling and the audit log).
	TrustedProxies []netip.Prefix
}

// Defaults for Options.
const (
	DefaultMaxBody    = 1 << 20
	DefaultCacheBytes = 64 << 20
)

// Server holds what handlers share. It is safe for concurrent use.
type Server struct {
	cat      *catalog.Catalog
	st       store.Store
	auth     *auth.Service
	log      *slog.Logger
	version  string
	maxBody  int64
	secure   bool
	ttl      time.Duration
	proxies  []netip.Prefix
	pages    *pages
	cache    *cache
	metrics  *metrics
	handler  http.Handler
	indexes  *indexes
	routeTab []route
	engines  engines
}

// New builds a server: parses templates, indexes the catalog and registers
// the routes.
func New(o Options) (*Server, error) {
	if o.Catalog == nil {
		return nil, errors.New("web: no catalog")
	}
	s := &Server{
		cat:     o.Catalog,
		st:      o.Store,
		auth:    o.Auth,
		log:     o.Logger,
		version: o.Version,
		maxBody: o.MaxBody,
		secure:  o.SecureCookies,
		ttl:     o.SessionTTL,
		proxies: o.TrustedProxies,
	}
	if s.ttl <= 0 {
		s.ttl = 12 * time.Hour
	}
	if s.st == nil || s.auth == nil {
		s.st, s.auth = nil, nil
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBody
	}
	cacheBytes := o.CacheBytes
	if cacheBytes <= 0 {
		cacheBytes = DefaultCacheBytes
	}
	s.cache = newCache(cacheBytes)
	s.indexes = buildIndexes(s.cat)
	p, err := parsePages()
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	s.pages = p
	s.routeTab = s.routes()
	s.metrics = newMetrics(s.routeTab)
	s.handler = s.buildHandler()
	return s, nil
}

// Handler returns the server's root handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Timeouts keep slow clients from holding connections open.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 120 * time.Second
	shutdownTimeout   = 20 * time.Second
)

// Serve accepts connections on ln until ctx is cancelled, then stops
// accepting and waits for requests in flight to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("web: serve: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "grace", shutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("web: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("web: serve: %w", err)
	}
	return nil
}
