package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkCachedRead is the whole handler chain for a cached catalog
// response: the path the load goal (10,000 requests/s) depends on.
func BenchmarkCachedRead(b *testing.B) {
	h := catalogOnly(b).Handler()
	for _, target := range []string{"/api/v1/documents", "/api/v1/matrix?by=region", "/compare?j=GB&j=US&j=SG"} {
		b.Run(target, func(b *testing.B) {
			do(h, "GET", target, "", "") // fill the cache
			r := httptest.NewRequest("GET", target, nil)
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				if w.Code != http.StatusOK {
					b.Fatal(w.Code)
				}
			}
		})
	}
}

// BenchmarkUncachedMatrix renders the matrix without the cache, to show
// what the cache saves.
func BenchmarkUncachedMatrix(b *testing.B) {
	srv := catalogOnly(b)
	r := httptest.NewRequest("GET", "/api/v1/matrix?by=region", nil)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		srv.apiMatrix(w, r)
	}
}

// BenchmarkCreateProduct is one authenticated product write through the
// whole chain: token check, decoding, the store's transaction with its
// audit row; on SQLite, and on PostgreSQL when BYDESIGN_TEST_POSTGRES is set.
func BenchmarkCreateProduct(b *testing.B) {
	for _, bk := range []backend{sqliteBackend, postgresBackend} {
		b.Run(bk.name, func(b *testing.B) {
			f := newFixture(b, bk)
			h := f.srv.Handler()
			tok := f.tokens["manufacturer"]
			n := 0
			b.ReportAllocs()
			for b.Loop() {
				n++
				body := `{"manufacturer":"Bench","model":"M` + itoa64(int64(n)) + `","versions":["1"]}`
				if w := do(h, "POST", "/api/v1/products", tok, body); w.Code != http.StatusCreated {
					b.Fatal(w.Code, w.Body.String())
				}
			}
		})
	}
}
