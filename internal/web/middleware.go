package web

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
)

// buildHandler registers every route on a ServeMux, each wrapped with its
// metrics and (for catalog reads) the response cache, then wraps the mux in
// the layers every request passes: request id, recovery, security headers,
// cross-origin protection for unsafe methods, and the access log.
func (s *Server) buildHandler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routeTab {
		var h http.Handler = rt.handler
		if rt.cached {
			h = s.cache.wrap(h)
		}
		mux.Handle(rt.pattern(), s.metrics.instrument(rt.pattern(), h))
	}
	// Unmatched paths get our error page instead of the mux's plain text,
	// and a known path with the wrong method gets 405.
	mux.Handle("/", s.metrics.instrument("unmatched", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if allow := allowed(mux, r); allow != "" {
			w.Header().Set("Allow", allow)
			s.fail(w, r, errMethod)
			return
		}
		s.fail(w, r, errNotFound)
	})))
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, errCrossOrigin)
	}))
	return s.withRequest(securityHeaders(s.secure, cop.Handler(mux)))
}

// allowed lists the methods registered for the request's path, so a wrong
// method gets 405 with an Allow header rather than 404.
func allowed(mux *http.ServeMux, r *http.Request) string {
	var ms []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, p := mux.Handler(probe); p != "" && p != "/" {
			ms = append(ms, m)
		}
	}
	return strings.Join(ms, ", ")
}

type ctxKey int

const (
	keyRequestID ctxKey = iota
	keyPrincipal
)

// requestID returns the id given to this request, shown on error pages and
// logged, so a user's report can be matched with the log.
func requestID(ctx context.Context) string {
	id, _ := ctx.Value(keyRequestID).(string)
	return id
}

// newID makes a request id. Ids need to be unique enough to find a log
// line, not secret, so the fast non-cryptographic generator will do.
func newID() string {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], rand.Uint64())
	return hex.EncodeToString(b[:])
}

// withRequest gives each request an id, recovers from panics with an error
// page that shows only the id, and writes one access log line.
func (s *Server) withRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := newID()
		r = r.WithContext(context.WithValue(r.Context(), keyRequestID, id))
		w.Header().Set("X-Request-Id", id)
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic in handler", "id", id, "method", r.Method, "path", r.URL.Path, "panic", v)
				if !sw.wrote {
					s.fail(sw, r, errInternal)
				}
			}
			s.accessLog(r, sw.status(), time.Since(start), id)
		}()
		next.ServeHTTP(sw, r)
	})
}

// accessLog logs reads at debug level (they are many and cheap) and writes
// and errors at info, never query strings that might carry secrets.
func (s *Server) accessLog(r *http.Request, status int, d time.Duration, id string) {
	level := slog.LevelDebug
	if r.Method != http.MethodGet && r.Method != http.MethodHead || status >= 400 {
		level = slog.LevelInfo
	}
	if !s.log.Enabled(r.Context(), level) {
		return
	}
	s.log.LogAttrs(r.Context(), level, "request",
		slog.String("id", id), slog.String("method", r.Method), slog.String("path", r.URL.Path),
		slog.Int("status", status), slog.Duration("duration", d))
}

// statusWriter records the status code for logs and metrics.
type statusWriter struct {
	http.ResponseWriter
	code  int
	wrote bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.code, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.code, w.wrote = http.StatusOK, true
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) status() int {
	if w.code == 0 {
		return http.StatusOK
	}
	return w.code
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// contentSecurityPolicy allows only same-origin scripts, styles and images
// (charts are served as SVG files, not inline) and forbids framing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// hsts keeps browsers on https for a year once they have seen the site
// over TLS; without subdomains, which may be other services.
const hsts = "max-age=31536000"

// securityHeaders sets the headers every response carries. secure means
// the public URL is https (see Options.SecureCookies): only then is HSTS
// sent, as browsers ignore it over plain http.
func securityHeaders(secure bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		if secure {
			h.Set("Strict-Transport-Security", hsts)
		}
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		next.ServeHTTP(w, r)
	})
}
