package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/bydesign-iot/bydesign/internal/auth"
)

type loginPage struct {
	Next    string
	Error   string
	User    string
	Setup   bool // no account exists yet
	Current *userView
}

// pageLogin shows the sign-in form, or who is signed in.
func (s *Server) pageLogin(w http.ResponseWriter, r *http.Request) {
	if s.st == nil {
		s.fail(w, r, errNoRegistry)
		return
	}
	data := loginPage{Next: safeNext(r.URL.Query().Get("next"))}
	if p, ok, err := s.session(r); err == nil && ok {
		data.Current = s.userView(p)
	}
	if n, err := s.st.CountUsers(r.Context()); err == nil && n == 0 {
		data.Setup = true
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "login", s.newView(r, "Sign in", data))
}

// pageLoginSubmit checks the password (throttled per account and per
// source by auth) and sets the session cookie.
func (s *Server) pageLoginSubmit(w http.ResponseWriter, r *http.Request) {
	if s.st == nil {
		s.fail(w, r, errNoRegistry)
		return
	}
	if !s.parseForm(w, r) {
		return
	}
	user, next := r.PostForm.Get("username"), safeNext(r.PostForm.Get("next"))
	token, _, err := s.auth.Login(r.Context(), user, r.PostForm.Get("password"), s.source(r), requestID(r.Context()))
	if err != nil {
		he, ok := authError(err).(*httpError)
		if !ok {
			s.fail(w, r, err)
			return
		}
		var le *auth.LockedError
		if errors.As(err, &le) {
			w.Header().Set("Retry-After", strconv.Itoa(int(le.RetryAfter.Seconds())+1))
		}
		w.Header().Set("Cache-Control", "no-store")
		s.render(w, r, he.status, "login", s.newView(r, "Sign in", loginPage{Next: next, Error: he.msg, User: user}))
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteLaxMode, Expires: time.Now().Add(s.ttl),
	})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// pageLogout ends the session.
func (s *Server) pageLogout(w http.ResponseWriter, r *http.Request) {
	if s.st == nil {
		s.fail(w, r, errNoRegistry)
		return
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		p, ok, _ := s.session(r)
		if ok {
			if err := s.auth.Logout(r.Context(), s.actor(r, p), c.Value); err != nil {
				s.fail(w, r, err)
				return
			}
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
