package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/auth"
)

func TestBadBodies(t *testing.T) {
	onBackends(t, func(t *testing.T, bk backend) {
		f := newFixture(t, bk)
		h := f.srv.Handler()
		tok := f.tokens[auth.Admin]
		created := do(h, "POST", "/api/v1/products", tok, goodProduct)
		if created.Code != http.StatusCreated {
			t.Fatalf("setup: %d", created.Code)
		}
		market := f.srv.cat.Profiles[0].ID
		huge := `{"manufacturer":"` + strings.Repeat("a", DefaultMaxBody) + `","model":"x"}`
		tests := []struct {
			name, target, body string
			status             int
			mention            string // the message must name this
		}{
			{"empty", "/api/v1/products", " ", 400, "empty"},
			{"not json", "/api/v1/products", "manufacturer=acme", 400, "invalid JSON at byte"},
			{"truncated", "/api/v1/products", `{"manufacturer":"a"`, 400, "ends too early"},
			{"unknown field", "/api/v1/products", `{"manufacturer":"a","model":"b","colour":"red"}`, 400, `"colour"`},
			{"wrong type", "/api/v1/products", `{"manufacturer":1,"model":"b"}`, 400, "field manufacturer: expected a string"},
			{"versions not a list", "/api/v1/products", `{"manufacturer":"a","model":"b","versions":"1.0"}`, 400, "versions"},
			{"trailing data", "/api/v1/products", `{"manufacturer":"a","model":"b"} {}`, 400, "after the JSON object"},
			{"array body", "/api/v1/products", `[1,2]`, 400, "expected an object"},
			{"missing model", "/api/v1/products", `{"manufacturer":"a"}`, 400, "field model: required"},
			{"control chars", "/api/v1/products", `{"manufacturer":"a\u0000b","model":"m"}`, 400, "control characters"},
			{"too long", "/api/v1/products", `{"manufacturer":"` + strings.Repeat("x", 201) + `","model":"m"}`, 400, "longer than 200"},
			{"declaration not object", "/api/v1/products", `{"manufacturer":"a","model":"b","declaration":[1]}`, 400, "field declaration"},
			{"declaration with an unknown field", "/api/v1/products", `{"manufacturer":"a","model":"b","declaration":{"bydesign":"declaration/v1","product":{"manufacturer":"a","model":"b"},"bogus":1}}`, 400, `unknown field "bogus"`},
			{"declaration with an unknown label scheme", "/api/v1/products", `{"manufacturer":"a","model":"b","declaration":{"bydesign":"declaration/v1","product":{"manufacturer":"a","model":"b"},"labels":[{"scheme":"xx-label","level":1,"id":"L1","expires":"2030-01-01"}]}}`, 400, `unknown labelling scheme "xx-label"`},
			{"declaration with an unknown provision", "/api/v1/products", `{"manufacturer":"a","model":"b","declaration":{"bydesign":"declaration/v1","product":{"manufacturer":"a","model":"b"},"provisions":{"narnia/1":{"status":"implemented"}}}}`, 400, `unknown provision "narnia/1"`},
			{"declaration with an impossible date", "/api/v1/products", `{"manufacturer":"a","model":"b","declaration":{"bydesign":"declaration/v1","product":{"manufacturer":"a","model":"b"},"support":{"end":"2027-02-30"}}}`, 400, "support.end"},
			{"oversized", "/api/v1/products", huge, 413, "too large"},
			{"no markets", "/api/v1/products/1/assessments", `{"markets":[],"verdict":"pass","result":{}}`, 400, "field markets"},
			{"unknown market", "/api/v1/products/1/assessments", `{"markets":["mars"],"verdict":"pass","result":{}}`, 400, "markets[0]"},
			{"bad verdict", "/api/v1/products/1/assessments", `{"markets":["` + market + `"],"verdict":"<b>","result":{}}`, 400, "field verdict"},
			{"result not object", "/api/v1/products/1/assessments", `{"markets":["` + market + `"],"verdict":"pass","result":"ok"}`, 400, "field result"},
			{"bad target", "/api/v1/probe-runs", `{"targets":["not a host!"],"result":{}}`, 400, "targets[0]"},
			{"no targets", "/api/v1/probe-runs", `{"targets":[],"result":{}}`, 400, "field targets"},
			{"negative product", "/api/v1/probe-runs", `{"product_id":-1,"targets":["127.0.0.1"],"result":{}}`, 400, "product_id"},
			{"missing product", "/api/v1/probe-runs", `{"product_id":42,"targets":["127.0.0.1"],"result":{}}`, 404, "product"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				w := do(h, "POST", tc.target, tok, tc.body)
				if w.Code != tc.status {
					t.Fatalf("status %d, want %d: %s", w.Code, tc.status, clip(w.Body.String()))
				}
				e := decode[errorBody](t, w)
				if e.ID == "" || !strings.Contains(e.Error, tc.mention) {
					t.Errorf("error %q (id %q) should mention %q", e.Error, e.ID, tc.mention)
				}
			})
		}
		t.Run("wrong content type", func(t *testing.T) {
			w := do(h, "POST", "/api/v1/products", tok, goodProduct, "Content-Type", "text/plain")
			if w.Code != http.StatusUnsupportedMediaType {
				t.Fatalf("status %d", w.Code)
			}
		})
	})
}

// TestListFiltersRefuseBadText checks that filters of stored records
// refuse NUL, other control characters and invalid UTF-8 with a 400 that
// names the parameter. PostgreSQL rejects such text outright, so without
// the check these were 500s there while SQLite answered 200.
func TestListFiltersRefuseBadText(t *testing.T) {
	onBackends(t, func(t *testing.T, bk backend) {
		f := newFixture(t, bk)
		h := f.srv.Handler()
		admin := f.tokens[auth.Admin]
		for _, tc := range []struct{ target, mention string }{
			{"/api/v1/products?q=a%00b", `"q" contains control characters`},
			{"/api/v1/products?q=%ff", `"q" is not valid UTF-8`},
			{"/api/v1/products?manufacturer=%c3%28", `"manufacturer" is not valid UTF-8`},
			{"/api/v1/audit?action=%00", `"action" contains control characters`},
			{"/api/v1/audit?target_type=%fe", `"target_type" is not valid UTF-8`},
			{"/api/v1/audit?target_id=1%0a2", `"target_id" contains control characters`},
			{"/products?q=%00", `&#34;q&#34; contains control characters`},
		} {
			w := do(h, "GET", tc.target, admin, "")
			msg := w.Body.String()
			if strings.HasPrefix(tc.target, "/api/") {
				msg = decode[errorBody](t, w).Error
			}
			if w.Code != http.StatusBadRequest || !strings.Contains(msg, tc.mention) {
				t.Errorf("GET %s: status %d, want 400 naming %s: %s", tc.target, w.Code, tc.mention, clip(msg))
			}
		}
		// Text that is merely unusual still searches.
		if w := do(h, "GET", "/api/v1/products?q=caf%C3%A9%20%E2%80%94", admin, ""); w.Code != http.StatusOK {
			t.Errorf("non-ASCII search: %d %s", w.Code, w.Body.String())
		}
	})
}

// TestCrossOriginFormRefused checks CSRF protection: a browser form posted
// from another site is refused before any handler runs.
func TestCrossOriginFormRefused(t *testing.T) {
	f := newFixture(t, sqliteBackend) // refused before any store call: one backend is enough
	h := f.srv.Handler()
	for _, target := range []string{"/login", "/products", "/logout", "/setup", "/account/tokens", "/account/tokens/1/revoke", "/account/password", "/account/users", "/account/unlock"} {
		w := do(h, "POST", target, "", "", "Sec-Fetch-Site", "cross-site", "Content-Type", "application/x-www-form-urlencoded")
		if w.Code != http.StatusForbidden || !strings.Contains(w.Body.String(), "cross-origin") {
			t.Errorf("%s: status %d", target, w.Code)
		}
	}
	w := do(h, "POST", "/login", "", "", "Origin", "https://evil.example", "Content-Type", "application/x-www-form-urlencoded")
	if w.Code != http.StatusForbidden {
		t.Errorf("foreign Origin: status %d", w.Code)
	}
}

// TestErrorsHideInternals checks that a failure inside a handler shows an
// id, not the error's text.
func TestErrorsHideInternals(t *testing.T) {
	onBackends(t, func(t *testing.T, bk backend) {
		f := newFixture(t, bk)
		f.st.Close() // every store call now fails with an internal error
		for _, target := range []string{"/api/v1/products", "/products"} {
			w := do(f.srv.Handler(), "GET", target, "", "")
			if w.Code != http.StatusInternalServerError {
				t.Fatalf("%s: status %d", target, w.Code)
			}
			body := w.Body.String()
			if strings.Contains(body, "sql") || strings.Contains(body, "closed") || !strings.Contains(body, w.Header().Get("X-Request-Id")) {
				t.Errorf("%s: body leaks internals or lacks the id: %s", target, clip(body))
			}
		}
		if w := do(f.srv.Handler(), "GET", "/readyz", "", ""); w.Code != http.StatusServiceUnavailable {
			t.Errorf("readyz with a closed store: %d", w.Code)
		}
	})
}

func FuzzCreateProduct(f *testing.F) {
	for _, s := range []string{goodProduct, `{}`, `{"manufacturer":"a","model":"b","versions":[]}`, `[`, `{"declaration":{"a":[1,{"b":null}]}}`, "\x00", `{"manufacturer":"a","model":"b"}x`,
		`{"manufacturer":"a\u0000","model":"b"}`, "{\"manufacturer\":\"a\xff\",\"model\":\"b\"}", `{"manufacturer":"a","model":"b","declaration":{"k\u0000":"\u0000"}}`} {
		f.Add(s)
	}
	fxs := fuzzFixtures(f)
	f.Fuzz(func(t *testing.T, body string) {
		for _, fx := range fxs {
			w := do(fx.srv.Handler(), "POST", "/api/v1/products", fx.tokens[auth.Admin], body)
			checkFuzzResponse(t, fx.backend, w.Code, w.Body.String(), http.StatusCreated, http.StatusBadRequest, http.StatusConflict, http.StatusRequestEntityTooLarge)
		}
	})
}

func FuzzCreateProbeRun(f *testing.F) {
	for _, s := range []string{`{"targets":["127.0.0.1"],"result":{}}`, `{"targets":["::1","[::1]:80","a.b"],"result":{"x":1}}`, `{"product_id":1e99}`, `{"targets":null}`, `{"targets":["127.0.0.1"],"result":{"\u0000":"\u0000"}}`} {
		f.Add(s)
	}
	fxs := fuzzFixtures(f)
	f.Fuzz(func(t *testing.T, body string) {
		for _, fx := range fxs {
			w := do(fx.srv.Handler(), "POST", "/api/v1/probe-runs", fx.tokens[auth.Admin], body)
			checkFuzzResponse(t, fx.backend, w.Code, w.Body.String(), http.StatusCreated, http.StatusBadRequest, http.StatusNotFound, http.StatusRequestEntityTooLarge)
		}
	})
}

// FuzzRegistryQuery sends arbitrary query strings to the listings that
// filter stored records; on PostgreSQL a value the database refuses
// must come back as 400, not 500.
func FuzzRegistryQuery(f *testing.F) {
	for _, s := range []string{"q=acme", "q=%00", "q=%ff", "manufacturer=a%fe", "action=%00", "target_id=%c3%28", "actor=1&action=product.create", "product=1", "cursor=%00", "limit=-1", "%zz"} {
		f.Add(s)
	}
	fxs := fuzzFixtures(f)
	f.Fuzz(func(t *testing.T, query string) {
		for _, fx := range fxs {
			for _, path := range []string{"/api/v1/products", "/products", "/api/v1/audit", "/api/v1/probe-runs", "/api/v1/products/1/assessments"} {
				req, err := http.NewRequest("GET", path, nil)
				if err != nil {
					t.Fatal(err)
				}
				req.URL.RawQuery = query // as a client could send it, unparsed
				req.Header.Set("Authorization", "Bearer "+fx.tokens[auth.Admin])
				w := httptest.NewRecorder()
				fx.srv.Handler().ServeHTTP(w, req)
				checkFuzzResponse(t, fx.backend+" GET "+path, w.Code, w.Body.String(), http.StatusOK, http.StatusBadRequest, http.StatusNotFound)
			}
		}
	})
}

func FuzzCatalogQuery(f *testing.F) {
	for _, s := range []string{"region=WEOG", "q=%00", "kind=law&kind=standard", "j=GB,US&format=md", "by=m49&rows=category", "%zz", "limit=-1"} {
		f.Add(s)
	}
	h := catalogOnly(f).Handler()
	f.Fuzz(func(t *testing.T, query string) {
		for _, path := range []string{"/api/v1/documents", "/api/v1/provisions", "/api/v1/compare", "/api/v1/gaps", "/api/v1/matrix", "/documents"} {
			req, err := http.NewRequest("GET", path, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.URL.RawQuery = query // as a client could send it, unparsed
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			checkFuzzResponse(t, "GET "+path, w.Code, w.Body.String(), http.StatusOK, http.StatusBadRequest)
		}
	})
}

func FuzzRunAssessment(f *testing.F) {
	for _, s := range []string{`{"markets":["eu-cra"]}`, `{"markets":[]}`, `{"markets":"eu-cra"}`, `{"markets":["eu-cra","eu-cra"]}`} {
		f.Add(s)
	}
	fxs := fuzzFixtures(f)
	for _, fx := range fxs {
		if w := do(fx.srv.Handler(), "POST", "/api/v1/products", fx.tokens[auth.Admin], goodProduct); w.Code != http.StatusCreated {
			f.Fatalf("%s: create product: %d", fx.backend, w.Code)
		}
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, fx := range fxs {
			w := do(fx.srv.Handler(), "POST", "/api/v1/products/1/assess", fx.tokens[auth.Admin], body)
			checkFuzzResponse(t, fx.backend, w.Code, w.Body.String(), http.StatusCreated, http.StatusBadRequest, http.StatusRequestEntityTooLarge)
		}
	})
}

// fuzzFixtures returns a fixture on SQLite and, when BYDESIGN_TEST_POSTGRES
// is set, one on PostgreSQL. A fuzz target has no subtests, so each input
// goes to both and a failure names the backend.
func fuzzFixtures(f *testing.F) []*fixture {
	fxs := []*fixture{newFixture(f, sqliteBackend)}
	if os.Getenv(pgEnv) != "" {
		fxs = append(fxs, newFixture(f, postgresBackend))
	}
	return fxs
}

func checkFuzzResponse(t *testing.T, where string, code int, body string, allowed ...int) {
	t.Helper()
	for _, a := range allowed {
		if code == a {
			return
		}
	}
	t.Fatalf("%s: status %d not in %v: %s", where, code, allowed, clip(body))
}

// FuzzForms sends arbitrary form bodies to every form handler, signed in,
// and accepts any answer but a server error.
func FuzzForms(f *testing.F) {
	for _, s := range []string{"username=a&password=b", "manufacturer=a&model=b&versions=1,2&declaration={}", "name=x&role=viewer&days=3", "token=bdu_x&password=a&password2=a", "%zz", "a=" + strings.Repeat("x", 70000),
		"username=a%00&password=b", "name=%ff&role=viewer&days=3", "manufacturer=a%00&model=b", "token=bdu_%00&username=%ff&password=a&password2=a"} {
		f.Add(s)
	}
	fxs := fuzzFixtures(f)
	cookies := make([]string, len(fxs))
	for i, fx := range fxs {
		cookie, _, err := fx.auth.Login(context.Background(), "manufacturer-user", "a long test password", "192.0.2.1", "")
		if err != nil {
			f.Fatalf("%s: %v", fx.backend, err)
		}
		cookies[i] = cookie
	}
	f.Fuzz(func(t *testing.T, body string) {
		for i, fx := range fxs {
			for _, target := range []string{"/login", "/setup", "/products", "/account/tokens", "/products/1/assess"} {
				r := httptest.NewRequest("POST", target, strings.NewReader(body))
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				r.AddCookie(&http.Cookie{Name: sessionCookie, Value: cookies[i]})
				w := httptest.NewRecorder()
				fx.srv.Handler().ServeHTTP(w, r)
				if w.Code >= 500 {
					t.Fatalf("%s: POST %s: status %d: %s", fx.backend, target, w.Code, clip(w.Body.String()))
				}
			}
		}
	})
}
