package web

import (
	"net/http"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bydesign-iot/bydesign/internal/auth"
)

// signedIn returns the session's principal, or redirects to the login page
// (coming back here afterwards) and returns ok=false.
func (s *Server) signedIn(w http.ResponseWriter, r *http.Request, perm auth.Permission) (auth.Principal, bool) {
	if s.st == nil {
		s.fail(w, r, errNoRegistry)
		return auth.Principal{}, false
	}
	p, ok, err := s.session(r)
	if err != nil {
		s.fail(w, r, err)
		return p, false
	}
	if !ok {
		next := r.URL.Path
		if r.Method != http.MethodGet {
			next = "/"
		}
		http.Redirect(w, r, "/login?next="+url.QueryEscape(next), http.StatusSeeOther)
		return p, false
	}
	if perm != "" && !p.Role.Can(perm) {
		s.fail(w, r, errForbidden)
		return p, false
	}
	return p, true
}

// safeNext accepts only a local path as a post-login destination, so the
// login page cannot be used to send users elsewhere. Browsers drop tabs
// and newlines from URLs, read a backslash as a slash and resolve dot
// segments, so anything that could turn into "//host" after that is
// refused rather than repaired: control characters, whitespace,
// backslashes, encoded slashes, empty or dot segments, a scheme or a host.
func safeNext(next string) string {
	const home = "/products"
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || len(next) > 2048 || !plainURLText(next) {
		return home
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || !strings.HasPrefix(u.Path, "/") {
		return home
	}
	raw := strings.ToLower(u.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || !plainURLText(u.Path) {
		return home
	}
	segs := strings.Split(u.Path, "/")[1:]
	for i, seg := range segs {
		if seg == "." || seg == ".." || seg == "" && i < len(segs)-1 {
			return home
		}
	}
	return next
}

// plainURLText reports whether s has no control characters, whitespace or
// backslashes, which browsers strip or rewrite when they parse a URL.
func plainURLText(s string) bool {
	for _, r := range s {
		if r == '\\' || unicode.IsControl(r) || unicode.IsSpace(r) || r == utf8.RuneError {
			return false
		}
	}
	return true
}

// userView is a signed-in user as pages show it.
type userView struct {
	Name, Role string
	CanWrite   bool
}

func (s *Server) userView(p auth.Principal) *userView {
	return &userView{Name: p.User.Username, Role: string(p.Role), CanWrite: p.Role.Can(auth.WriteProducts)}
}

// viewFor is newView for pages that know the user (never cached).
func (s *Server) viewFor(r *http.Request, title string, data any) view {
	v := s.newView(r, title, data)
	if p, ok, err := s.session(r); err == nil && ok {
		v.User = s.userView(p)
	}
	return v
}
