package web

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
)

func TestSourceTrustsOnlyConfiguredProxies(t *testing.T) {
	srv := catalogOnly(t)
	srv.proxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	tests := []struct {
		remote, xff, want string
	}{
		{"192.0.2.7:5000", "", "192.0.2.7"},
		{"192.0.2.7:5000", "203.0.113.9", "192.0.2.7"},                // not a proxy: header ignored
		{"10.1.2.3:5000", "203.0.113.9", "203.0.113.9"},               // trusted proxy
		{"10.1.2.3:5000", "198.51.100.1, 203.0.113.9", "203.0.113.9"}, // only the last hop counts
		{"10.1.2.3:5000", "not-an-ip", "10.1.2.3"},
		{"[::ffff:10.1.2.3]:5000", "203.0.113.9", "203.0.113.9"},
		// Chained proxies: the first untrusted address from the right.
		{"10.1.2.3:5000", "198.51.100.1, 203.0.113.9, 10.0.0.5", "203.0.113.9"},
		{"10.1.2.3:5000", "203.0.113.9, 10.9.9.9, 10.0.0.5", "203.0.113.9"},
		{"10.1.2.3:5000", "10.9.9.9, 10.0.0.5", "10.9.9.9"},                // all inside: the farthest
		{"10.1.2.3:5000", "198.51.100.1, not-an-ip, 10.0.0.5", "10.0.0.5"}, // stop at the garbled hop
		{"10.1.2.3:5000", "198.51.100.1, ::ffff:10.0.0.5", "198.51.100.1"},
	}
	for _, tc := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.remote
		if tc.xff != "" {
			r.Header.Set("X-Forwarded-For", tc.xff)
		}
		if got := srv.source(r); got != tc.want {
			t.Errorf("remote %s, XFF %q: source %s, want %s", tc.remote, tc.xff, got, tc.want)
		}
	}
}

// TestLoginLockout checks that repeated wrong passwords lock the account
// with 429 and a Retry-After header, and that the right password is then
// refused too until the lock lifts.
func TestLoginLockout(t *testing.T) {
	onBackends(t, func(t *testing.T, bk backend) {
		f := newFixture(t, bk)
		h := f.srv.Handler()
		post := func(pw string) *httptest.ResponseRecorder {
			r := httptest.NewRequest("POST", "/login", strings.NewReader(url.Values{"username": {"viewer-user"}, "password": {pw}}.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			return w
		}
		for i := range 5 {
			if w := post("wrong password " + string(rune('a'+i))); w.Code != http.StatusUnauthorized {
				t.Fatalf("attempt %d: %d", i, w.Code)
			}
		}
		w := post("a long test password")
		if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" {
			t.Fatalf("after 5 failures: %d, Retry-After %q", w.Code, w.Header().Get("Retry-After"))
		}
	})
}
