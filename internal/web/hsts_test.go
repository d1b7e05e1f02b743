package web

import (
	"net/http"
	"testing"
)

// Behind TLS (secure cookies, from an https base URL) every response tells
// browsers to keep to https; over plain http the header would be ignored
// and only mislead, so it is not sent.
func TestStrictTransportSecurity(t *testing.T) {
	cat, err := testCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, secure := range []bool{false, true} {
		srv, err := New(Options{Catalog: cat, Version: "test", SecureCookies: secure})
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/", "/api/v1/documents", "/no-such-page", "/login"} {
			w := do(srv.Handler(), http.MethodGet, path, "", "")
			got := w.Header().Get("Strict-Transport-Security")
			if secure && got != "max-age=31536000" || !secure && got != "" {
				t.Errorf("secure=%v GET %s: Strict-Transport-Security %q", secure, path, got)
			}
		}
	}
}
