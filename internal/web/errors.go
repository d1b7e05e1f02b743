package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
)

// httpError is an error whose message is safe to show a client.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func errorf(status int, msg string) *httpError { return &httpError{status: status, msg: msg} }

var (
	errNotFound     = errorf(http.StatusNotFound, "not found")
	errMethod       = errorf(http.StatusMethodNotAllowed, "method not allowed")
	errCrossOrigin  = errorf(http.StatusForbidden, "cross-origin request refused")
	errInternal     = errorf(http.StatusInternalServerError, "internal error")
	errUnauthorized = errorf(http.StatusUnauthorized, "a valid bearer token is required")
	errForbidden    = errorf(http.StatusForbidden, "your role does not allow this")
	errNoRegistry   = errorf(http.StatusServiceUnavailable, "this server has no registry store")
	errTooLarge     = errorf(http.StatusRequestEntityTooLarge, "request body too large")
)

// badRequest is a 400 with a message that names what was wrong and where.
func badRequest(msg string) *httpError { return errorf(http.StatusBadRequest, msg) }

// errorBody is the JSON form of every API error.
type errorBody struct {
	Error string `json:"error"`
	ID    string `json:"id"`
}

// fail answers with an error: JSON under /api/, an HTML page elsewhere.
// Errors that are not httpError are logged with the request id and shown
// only as "internal error" with that id.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	id := requestID(r.Context())
	var he *httpError
	if !errors.As(err, &he) {
		s.log.Error("request failed", "id", id, "method", r.Method, "path", r.URL.Path, "err", err)
		he = errInternal
	}
	if he.status == http.StatusUnauthorized && isAPI(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="bydesign"`)
	}
	w.Header().Del("ETag")
	w.Header().Set("Cache-Control", "no-store")
	if isAPI(r) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(he.status)
		json.NewEncoder(w).Encode(errorBody{Error: he.msg, ID: id})
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(he.status)
	s.pages.renderError(w, errorView{Status: he.status, Title: http.StatusText(he.status), Message: he.msg, ID: id})
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// maxFormBytes bounds a browser form body; the forms hold a few fields.
const maxFormBytes = 64 << 10

// parseForm reads a bounded form body, answering the request itself when it
// cannot; the caller just returns on false.
func (s *Server) parseForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, badRequest("form: could not be read"))
		return false
	}
	return true
}
