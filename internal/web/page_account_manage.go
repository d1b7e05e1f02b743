package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/bydesign-iot/bydesign/internal/auth"
	"github.com/bydesign-iot/bydesign/internal/store"
)

// accountForm checks the session (and perm, when set) and reads a small
// form body; ok is false when a response has been written.
func (s *Server) accountForm(w http.ResponseWriter, r *http.Request, perm auth.Permission) (auth.Principal, bool) {
	p, ok := s.signedIn(w, r, perm)
	if !ok {
		return p, false
	}
	return p, s.parseForm(w, r)
}

// pageRevokeToken revokes one of the signed-in user's tokens.
func (s *Server) pageRevokeToken(w http.ResponseWriter, r *http.Request) {
	p, ok := s.accountForm(w, r, "")
	if !ok {
		return
	}
	id, ok := pathID(r.PathValue("id"))
	if !ok {
		s.fail(w, r, errorf(http.StatusNotFound, "token not found"))
		return
	}
	if err := s.auth.RevokeToken(r.Context(), p, requestID(r.Context()), s.source(r), p.User.ID, id); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			s.renderAccount(w, r, p, http.StatusNotFound, accountMsg{Error: "token not found"})
			return
		}
		s.accountError(w, r, p, err)
		return
	}
	s.renderAccount(w, r, p, http.StatusOK, accountMsg{Notice: "Token revoked: it no longer works."})
}

// pageChangePassword changes the signed-in user's password. The current
// password is required; success ends every session, so the user signs in
// again with the new one.
func (s *Server) pageChangePassword(w http.ResponseWriter, r *http.Request) {
	p, ok := s.accountForm(w, r, "")
	if !ok {
		return
	}
	f := r.PostForm
	if f.Get("password") != f.Get("password2") {
		s.renderAccount(w, r, p, http.StatusBadRequest, accountMsg{Error: "the new passwords do not match"})
		return
	}
	if err := s.auth.ChangePassword(r.Context(), p, requestID(r.Context()), s.source(r), f.Get("current"), f.Get("password")); err != nil {
		if errors.Is(err, auth.ErrBadCredentials) {
			s.renderAccount(w, r, p, http.StatusUnauthorized, accountMsg{Error: "current password is wrong"})
			return
		}
		s.accountError(w, r, p, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	http.Redirect(w, r, "/login?next="+url.QueryEscape("/account"), http.StatusSeeOther)
}

// pageCreateUser lets an admin add an account with a role.
func (s *Server) pageCreateUser(w http.ResponseWriter, r *http.Request) {
	p, ok := s.accountForm(w, r, auth.ManageAccounts)
	if !ok {
		return
	}
	f := r.PostForm
	if f.Get("password") != f.Get("password2") {
		s.renderAccount(w, r, p, http.StatusBadRequest, accountMsg{Error: "the passwords do not match"})
		return
	}
	u, err := s.auth.CreateUserAs(r.Context(), p, requestID(r.Context()), s.source(r), f.Get("username"), f.Get("password"), auth.Role(f.Get("role")))
	if err != nil {
		s.accountError(w, r, p, err)
		return
	}
	s.renderAccount(w, r, p, http.StatusCreated, accountMsg{Notice: "Account " + u.Username + " created with role " + u.Role + "."})
}

// pageUnlock lets an admin lift an account's lockout at once.
func (s *Server) pageUnlock(w http.ResponseWriter, r *http.Request) {
	p, ok := s.accountForm(w, r, auth.ManageAccounts)
	if !ok {
		return
	}
	name := r.PostForm.Get("username")
	if err := s.auth.UnlockAs(r.Context(), p, requestID(r.Context()), s.source(r), name); err != nil {
		s.accountError(w, r, p, err)
		return
	}
	s.renderAccount(w, r, p, http.StatusOK, accountMsg{Notice: "Failed logins of " + name + " cleared; the account can sign in again."})
}
