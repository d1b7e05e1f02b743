package web

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// cache keeps rendered catalog responses. The catalog never changes while
// the process runs, so an entry never goes stale. Responses to free-text
// searches are not kept at all (anyone could fill the cache with distinct
// words), and the rest are capped by total size, dropping the least
// recently used entry first, so new pages can always be cached.
type cache struct {
	mu       sync.Mutex
	entries  map[string]*list.Element // of *entry
	lru      list.List                // front: most recently used
	size     int64
	maxBytes int64
}

type entry struct {
	key    string
	body   []byte
	gz     []byte // nil when compressing does not pay
	etag   string
	header http.Header // the kept headers below, as the handler set them
}

// keptHeaders are the handler's headers a cached entry replays.
var keptHeaders = []string{"Content-Type", "Content-Disposition", "Content-Security-Policy"}

// entryOverhead approximates the map, list and header memory of an entry.
const entryOverhead = 512

func (e *entry) cost() int64 { return int64(len(e.key)+len(e.body)+len(e.gz)) + entryOverhead }

func newCache(maxBytes int64) *cache {
	return &cache{entries: map[string]*list.Element{}, maxBytes: maxBytes}
}

// freeTextParams are query parameters that take arbitrary words.
var freeTextParams = []string{"q"}

// cacheKey is the path and the parameters in a canonical form (sorted by
// name, values trimmed as the handlers trim them, empty ones dropped as
// the handlers ignore them), so ?a=1&b=2 and ?b=2&a=1 share an entry. ok
// is false when the request carries free text and must not be cached.
func cacheKey(r *http.Request) (key string, ok bool) {
	if r.URL.RawQuery == "" {
		return r.URL.Path, true
	}
	canon := url.Values{}
	for name, vals := range r.URL.Query() {
		for _, v := range vals {
			if v = strings.TrimSpace(v); v == "" {
				continue
			}
			if slices.Contains(freeTextParams, name) {
				return "", false
			}
			canon[name] = append(canon[name], v)
		}
	}
	if len(canon) == 0 {
		return r.URL.Path, true
	}
	return r.URL.Path + "?" + canon.Encode(), true
}

func (c *cache) get(k string) *entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[k]
	if !ok {
		return nil
	}
	c.lru.MoveToFront(el)
	return el.Value.(*entry)
}

// put keeps e, evicting the least recently used entries until it fits.
// An entry larger than the whole cache is not kept.
func (c *cache) put(e *entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cost := e.cost()
	if cost > c.maxBytes {
		return
	}
	if old, ok := c.entries[e.key]; ok {
		c.size -= old.Value.(*entry).cost()
		c.lru.Remove(old)
	}
	for c.size+cost > c.maxBytes {
		last := c.lru.Back()
		victim := last.Value.(*entry)
		c.lru.Remove(last)
		delete(c.entries, victim.key)
		c.size -= victim.cost()
	}
	c.entries[e.key] = c.lru.PushFront(e)
	c.size += cost
}

func (c *cache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

func (c *cache) bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.size
}

// wrap serves from the cache, or renders once and keeps a 200 response.
// Errors are never cached; free-text searches are rendered every time.
func (c *cache) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k, cacheable := cacheKey(r)
		var e *entry
		if cacheable {
			e = c.get(k)
		}
		if e == nil {
			rec := &recorder{header: http.Header{}, status: http.StatusOK}
			next.ServeHTTP(rec, r)
			if rec.status != http.StatusOK {
				rec.replay(w)
				return
			}
			e = newEntry(k, rec)
			if cacheable {
				c.put(e)
			}
		}
		e.serve(w, r)
	})
}

func newEntry(key string, rec *recorder) *entry {
	body := rec.buf.Bytes()
	sum := sha256.Sum256(body)
	e := &entry{
		key:    key,
		body:   body,
		etag:   `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`,
		header: http.Header{},
	}
	for _, k := range keptHeaders {
		if v := rec.header.Get(k); v != "" {
			e.header.Set(k, v)
		}
	}
	if len(body) > 1024 {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		if b.Len() < len(body)*9/10 {
			e.gz = b.Bytes()
		}
	}
	return e
}

func (e *entry) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("ETag", e.etag)
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("Vary", "Accept-Encoding")
	for k, v := range e.header {
		h[k] = v
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatch(inm, e.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := e.body
	if e.gz != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = e.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(name) == "gzip" && strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// recorder captures a handler's response so it can be cached.
type recorder struct {
	header http.Header
	status int
	buf    bytes.Buffer
	wrote  bool
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
}
func (r *recorder) Write(b []byte) (int, error) { r.wrote = true; return r.buf.Write(b) }

func (r *recorder) replay(w http.ResponseWriter) {
	for k, v := range r.header {
		w.Header()[k] = v
	}
	w.WriteHeader(r.status)
	w.Write(r.buf.Bytes())
}
