package web

import (
	"errors"
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/auth"
	"github.com/bydesign-iot/bydesign/internal/store"
)

// sessionCookie holds the browser session token; only its hash is stored.
const sessionCookie = "bydesign_session"

// source is the client address used for login throttling and the audit
// log. X-Forwarded-For is believed only from a trusted proxy. Each proxy
// appends the address it saw, so the list is walked from the right and
// the first address that is not itself a trusted proxy is the client;
// anything further left was written by that client and could be forged.
// A hop that does not parse stops the walk at the last address vouched for.
func (s *Server) source(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || !s.trusted(addr) {
		return host
	}
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}
	client := host
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		client = a.Unmap().String()
		if !s.trusted(a) {
			break
		}
	}
	return client
}

func (s *Server) trusted(a netip.Addr) bool {
	for _, p := range s.proxies {
		if p.Contains(a.Unmap()) {
			return true
		}
	}
	return false
}

// actor is the audit identity of a write.
func (s *Server) actor(r *http.Request, p auth.Principal) store.Actor {
	return p.Actor(requestID(r.Context()), s.source(r))
}

// bearer authenticates an API request. API calls accept only bearer tokens,
// never the session cookie, so a cross-site page cannot borrow a session to
// call the API.
func (s *Server) bearer(r *http.Request) (auth.Principal, error) {
	if s.st == nil {
		return auth.Principal{}, errNoRegistry
	}
	h := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
		return auth.Principal{}, errUnauthorized
	}
	p, err := s.auth.Token(r.Context(), strings.TrimSpace(tok))
	if err != nil {
		return auth.Principal{}, authError(err)
	}
	return p, nil
}

// session returns the signed-in browser user, if any.
func (s *Server) session(r *http.Request) (auth.Principal, bool, error) {
	if s.st == nil {
		return auth.Principal{}, false, nil
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return auth.Principal{}, false, nil
	}
	p, err := s.auth.Session(r.Context(), c.Value)
	if errors.Is(err, auth.ErrUnauthenticated) {
		return auth.Principal{}, false, nil
	}
	if err != nil {
		return auth.Principal{}, false, err
	}
	return p, true, nil
}

// apiPrincipal authenticates a bearer token and checks a permission: 401
// without a valid token, 403 when the role lacks perm.
func (s *Server) apiPrincipal(r *http.Request, perm auth.Permission) (auth.Principal, error) {
	p, err := s.bearer(r)
	if err != nil {
		return p, err
	}
	if err := p.Require(perm); err != nil {
		return p, errForbidden
	}
	return p, nil
}

// authError maps auth and store errors to responses whose text is safe.
func authError(err error) error {
	var le *auth.LockedError
	var pe *auth.PolicyError
	switch {
	case errors.As(err, &le):
		return errorf(http.StatusTooManyRequests, le.Error())
	case errors.As(err, &pe):
		return badRequest(pe.Msg)
	case errors.Is(err, auth.ErrUnauthenticated):
		return errUnauthorized
	case errors.Is(err, auth.ErrBadCredentials):
		return errorf(http.StatusUnauthorized, auth.ErrBadCredentials.Error())
	case errors.Is(err, auth.ErrForbidden):
		return errForbidden
	}
	return err
}

// storeError maps store sentinels to responses; other errors stay internal.
func storeError(err error, what string) error {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return errorf(http.StatusNotFound, what+" not found")
	case errors.Is(err, store.ErrConflict):
		return errorf(http.StatusConflict, what+" already exists or was changed meanwhile")
	case errors.Is(err, store.ErrInvalid):
		return badRequest(what + ": invalid value")
	}
	return err
}

// privateReader reports whether the caller may see private registry
// details (declarations, assessment results): an API call with a valid
// token, or a page request with a session, whose role grants read-private.
// An API call with a bad token is an error rather than a public view, so a
// client with an expired token notices.
func (s *Server) privateReader(r *http.Request) (bool, error) {
	if isAPI(r) {
		if r.Header.Get("Authorization") == "" {
			return false, nil
		}
		p, err := s.bearer(r)
		if err != nil {
			return false, err
		}
		return p.Role.Can(auth.ReadPrivate), nil
	}
	p, ok, err := s.session(r)
	if err != nil || !ok {
		return false, err
	}
	return p.Role.Can(auth.ReadPrivate), nil
}

// publicProduct hides what only signed-in readers see: the declaration
// describes the device's interfaces and controls in detail.
func publicProduct(p store.Product) store.Product {
	p.Declaration = nil
	return p
}

// publicAssessment keeps the markets and verdict and hides the full result.
func publicAssessment(a store.Assessment) store.Assessment {
	a.Result = nil
	return a
}
