package web

import (
	"errors"
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/auth"
)

type setupPage struct {
	Token, User, Error string
	Done               bool
	MinLen             int
}

// pageSetup shows the first-start form. The token comes from the one-time
// link printed on the console; it is checked when the form is sent.
func (s *Server) pageSetup(w http.ResponseWriter, r *http.Request) {
	if s.st == nil {
		s.fail(w, r, errNoRegistry)
		return
	}
	data := setupPage{Token: r.URL.Query().Get("token"), MinLen: auth.MinPasswordLen}
	if n, err := s.st.CountUsers(r.Context()); err != nil {
		s.fail(w, r, err)
		return
	} else if n > 0 {
		data.Done = true
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "setup", s.newView(r, "First start", data))
}

// pageSetupSubmit spends the setup token to create the first admin.
func (s *Server) pageSetupSubmit(w http.ResponseWriter, r *http.Request) {
	if s.st == nil {
		s.fail(w, r, errNoRegistry)
		return
	}
	if !s.parseForm(w, r) {
		return
	}
	f := r.PostForm
	data := setupPage{Token: f.Get("token"), User: f.Get("username"), MinLen: auth.MinPasswordLen}
	if f.Get("password") != f.Get("password2") {
		data.Error = "the two passwords differ"
		s.render(w, r, http.StatusBadRequest, "setup", s.newView(r, "First start", data))
		return
	}
	_, err := s.auth.CompleteSetup(r.Context(), f.Get("token"), f.Get("username"), f.Get("password"), s.source(r), requestID(r.Context()))
	if err != nil {
		status := http.StatusBadRequest
		var pe *auth.PolicyError
		switch {
		case errors.As(err, &pe):
			data.Error = pe.Msg
		case errors.Is(err, auth.ErrUnauthenticated):
			status, data.Error = http.StatusUnauthorized, "the setup link is not valid, already used or expired; restart the server for a new one"
		default:
			s.fail(w, r, err)
			return
		}
		s.render(w, r, status, "setup", s.newView(r, "First start", data))
		return
	}
	http.Redirect(w, r, "/login?next=/account", http.StatusSeeOther)
}
