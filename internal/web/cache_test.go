package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestCacheSkipsFreeText checks that searches with free text are answered
// but never kept, so distinct words cannot fill the cache, while filters
// with a closed set of values are kept under one canonical key.
func TestCacheSkipsFreeText(t *testing.T) {
	srv := catalogOnly(t)
	h := srv.Handler()
	for i := range 50 {
		w := do(h, "GET", fmt.Sprintf("/api/v1/documents?q=word%d", i), "", "")
		if w.Code != http.StatusOK {
			t.Fatalf("search %d: %d %s", i, w.Code, w.Body.String())
		}
	}
	if n := srv.cache.len(); n != 0 {
		t.Errorf("after 50 free-text searches the cache holds %d entries, want 0", n)
	}
	for _, target := range []string{
		"/api/v1/documents?kind=law",
		"/api/v1/documents?kind=law&q=",
		"/api/v1/documents?kind=%20law%20",
		"/api/v1/documents?q=%20&kind=law",
	} {
		if w := do(h, "GET", target, "", ""); w.Code != http.StatusOK {
			t.Fatalf("%s: %d", target, w.Code)
		}
	}
	if n := srv.cache.len(); n != 1 {
		t.Errorf("equivalent filters made %d entries, want 1", n)
	}
}

// TestCacheEvictsLeastRecentlyUsed fills a small cache past its byte cap
// and checks it stays under the cap, drops the entry used longest ago and
// keeps caching new responses.
func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newCache(10 * (entryOverhead + 1000))
	h := c.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(make([]byte, 990)) // with the key, a little under 1000 bytes
	}))
	get := func(path string) {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", path, nil))
	}
	for i := range 10 {
		get(fmt.Sprintf("/p%d", i))
	}
	if c.len() != 10 {
		t.Fatalf("10 entries that fit: cache holds %d", c.len())
	}
	get("/p0") // now the most recently used; /p1 is the oldest
	for i := 10; i < 15; i++ {
		get(fmt.Sprintf("/p%d", i))
	}
	if c.bytes() > c.maxBytes {
		t.Errorf("cache holds %d bytes, cap %d", c.bytes(), c.maxBytes)
	}
	if c.get("/p0") == nil {
		t.Error("recently used /p0 was evicted")
	}
	for i := 1; i <= 5; i++ {
		if c.get(fmt.Sprintf("/p%d", i)) != nil {
			t.Errorf("/p%d, among the least recently used, is still cached", i)
		}
	}
	if c.get("/p14") == nil {
		t.Error("newest entry not cached: the full cache stopped taking entries")
	}
	c.put(&entry{key: "/huge", body: make([]byte, c.maxBytes)})
	if c.get("/huge") != nil || c.get("/p14") == nil {
		t.Error("an entry larger than the cap displaced the cache")
	}
}
