package web

import (
	"net/url"
	"strings"
	"testing"
)

// TestSafeNext checks that only a plain local path survives as a
// post-login destination: browsers drop tabs and newlines and treat a
// backslash as a slash, so "/\t/evil.example" would become
// "//evil.example", a link to another host.
func TestSafeNext(t *testing.T) {
	tests := []struct {
		next, want string
	}{
		{"/products", "/products"},
		{"/products/12", "/products/12"},
		{"/products?page=2", "/products?page=2"},
		{"/documents/uk-psti", "/documents/uk-psti"},
		{"/", "/"},
		{"/products/", "/products/"},
		{"/markets/uk?b=document%3Ax", "/markets/uk?b=document%3Ax"},
		{"", "/products"},
		{"products", "/products"},
		{"//evil.example", "/products"},
		{"/\t/evil.example", "/products"},
		{"/\n/evil.example", "/products"},
		{"/\r/evil.example", "/products"},
		{"/ /evil.example", "/products"},
		{"/\\evil.example", "/products"},
		{"\\\\evil.example", "/products"},
		{"/%5Cevil.example", "/products"},
		{"/%2F/evil.example", "/products"},
		{"/%2fevil.example", "/products"},
		{"/%09/evil.example", "/products"},
		{"/./evil.example/..//x", "/products"},
		{"/a/..//evil.example", "/products"},
		{"https://evil.example/", "/products"},
		{"javascript:alert(1)", "/products"},
		{"/\x00", "/products"},
		{"/\u2028x", "/products"},
		{"/%zz", "/products"},
	}
	for _, tc := range tests {
		if got := safeNext(tc.next); got != tc.want {
			t.Errorf("safeNext(%q) = %q, want %q", tc.next, got, tc.want)
		}
	}
}

// FuzzSafeNext checks that whatever comes in, what goes out is a local
// path that no browser reading can turn into another host.
func FuzzSafeNext(f *testing.F) {
	for _, s := range []string{"/products", "/\t/evil.example", "//x", "/%5C/x", "/a/../b", "/?q=1#f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, next string) {
		got := safeNext(next)
		if got != "/products" && got != next {
			t.Fatalf("safeNext(%q) = %q: neither the input nor the default", next, got)
		}
		u, err := url.Parse(got)
		if err != nil || u.Host != "" || u.Scheme != "" || !strings.HasPrefix(got, "/") ||
			strings.HasPrefix(got, "//") || strings.ContainsAny(got, "\\\t\r\n ") {
			t.Fatalf("safeNext(%q) = %q: not a plain local path", next, got)
		}
	})
}
