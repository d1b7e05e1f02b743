package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
)

// decodeJSON reads one JSON object from the request body into v, strictly:
// the body must be application/json, at most s.maxBody bytes, one value
// with no unknown fields and nothing after it. Errors name the problem and
// where it is (a JSON path or byte offset), never internal details.
func (s *Server) decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return errorf(http.StatusUnsupportedMediaType, "body must be application/json")
		}
	}
	body := http.MaxBytesReader(w, r.Body, s.maxBody)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return errTooLarge
		}
		return badRequest("body: unexpected data after the JSON object")
	}
	return nil
}

// jsonError turns a decoding error into a 400 (or 413) with a clear,
// safe message.
func jsonError(err error) error {
	var (
		mbe *http.MaxBytesError
		se  *json.SyntaxError
		ute *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &mbe):
		return errTooLarge
	case errors.Is(err, io.EOF):
		return badRequest("body: empty; expected a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("body: JSON ends too early")
	case errors.As(err, &se):
		return badRequest(fmt.Sprintf("body: invalid JSON at byte %d", se.Offset))
	case errors.As(err, &ute):
		where := ute.Field
		if where == "" {
			where = "(top level)"
		}
		return badRequest(fmt.Sprintf("body: field %s: expected %s, got %s", where, kindName(ute.Type), ute.Value))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return badRequest("body: unknown field " + strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return badRequest("body: invalid JSON")
}

// fieldError is a 400 naming the JSON field at fault.
func fieldError(field, format string, args ...any) error {
	return badRequest("body: field " + field + ": " + fmt.Sprintf(format, args...))
}

// kindName names a Go type the way a JSON client thinks of it.
func kindName(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "a value"
}
