package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/bydesign-iot/bydesign/internal/auth"
	"github.com/bydesign-iot/bydesign/internal/store"
)

type accountPage struct {
	User     *userView
	Tokens   []store.APIToken
	Roles    []option // token roles the user may hand out
	AllRoles []option // for admins creating accounts
	Admin    bool
	accountMsg
}

// accountMsg is what the account page says after a form was sent.
type accountMsg struct {
	NewToken string // shown once, right after it is issued
	Error    string
	Notice   string
}

// pageAccount shows the signed-in user and their API tokens.
func (s *Server) pageAccount(w http.ResponseWriter, r *http.Request) {
	p, ok := s.signedIn(w, r, "")
	if !ok {
		return
	}
	s.renderAccount(w, r, p, http.StatusOK, accountMsg{})
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, p auth.Principal, status int, msg accountMsg) {
	toks, err := s.st.ListTokens(r.Context(), p.User.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := accountPage{User: s.userView(p), Tokens: toks, Admin: p.Role.Can(auth.ManageAccounts), accountMsg: msg}
	for _, role := range auth.Roles {
		if p.Role.Covers(role) {
			data.Roles = append(data.Roles, option{string(role), string(role)})
		}
		data.AllRoles = append(data.AllRoles, option{string(role), string(role)})
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "account", s.viewFor(r, "Your account", data))
}

// pageCreateToken issues an API token for the signed-in user and shows it
// once. Its role cannot exceed the user's.
func (s *Server) pageCreateToken(w http.ResponseWriter, r *http.Request) {
	p, ok := s.signedIn(w, r, "")
	if !ok {
		return
	}
	if !s.parseForm(w, r) {
		return
	}
	days, err := strconv.Atoi(r.PostForm.Get("days"))
	if err != nil || days < 1 || days > 366 {
		s.renderAccount(w, r, p, http.StatusBadRequest, accountMsg{Error: "lifetime: give 1 to 366 days"})
		return
	}
	// The name is stored as text; PostgreSQL refuses invalid UTF-8 and NUL
	// there, so refuse them here with a message rather than a 500.
	name := r.PostForm.Get("name")
	if _, err := text("name", name, 100, false); err != nil {
		s.renderAccount(w, r, p, http.StatusBadRequest, accountMsg{Error: err.Error()})
		return
	}
	role := auth.Role(r.PostForm.Get("role"))
	tok, _, err := s.auth.IssueToken(r.Context(), p, requestID(r.Context()), s.source(r), 0, name, role, daysDuration(days))
	if err != nil {
		s.accountError(w, r, p, err)
		return
	}
	s.renderAccount(w, r, p, http.StatusCreated, accountMsg{NewToken: tok})
}

// accountError shows a refused account form with a message that is safe
// to show, or the error page for anything else.
func (s *Server) accountError(w http.ResponseWriter, r *http.Request, p auth.Principal, err error) {
	he, ok := authError(err).(*httpError)
	if !ok {
		he, ok = storeError(err, "account").(*httpError)
	}
	if !ok {
		s.fail(w, r, err)
		return
	}
	var le *auth.LockedError
	if errors.As(err, &le) {
		w.Header().Set("Retry-After", strconv.Itoa(int(le.RetryAfter.Seconds())+1))
	}
	s.renderAccount(w, r, p, he.status, accountMsg{Error: he.msg})
}
