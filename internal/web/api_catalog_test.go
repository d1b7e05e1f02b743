package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

func TestCatalogAPI(t *testing.T) {
	h := catalogOnly(t).Handler()
	cat, _ := testCatalog()
	tests := []struct {
		name, target string
		status       int
		check        func(t *testing.T, body string)
	}{
		{"all documents", "/api/v1/documents", 200, func(t *testing.T, body string) {
			if n := strings.Count(body, `"legal_force"`); n != len(cat.Documents) {
				t.Errorf("got %d documents, want %d", n, len(cat.Documents))
			}
		}},
		{"mandatory in GRULAC", "/api/v1/documents?region=GRULAC&legal_force=mandatory", 200, func(t *testing.T, body string) {
			if !strings.Contains(body, `"br-anatel-telecom-cyber-requirements"`) || strings.Contains(body, `"us-ca-sb327"`) {
				t.Errorf("filter wrong: %s", clip(body))
			}
		}},
		{"search", "/api/v1/documents?q=anatel", 200, func(t *testing.T, body string) {
			if strings.Count(body, `"id"`) < 1 || !strings.Contains(body, "ANATEL") {
				t.Errorf("search missed: %s", clip(body))
			}
		}},
		{"no match is an empty array", "/api/v1/documents?q=zzzzzz", 200, func(t *testing.T, body string) {
			if strings.TrimSpace(body) != "[]" {
				t.Errorf("got %s", body)
			}
		}},
		{"unknown kind", "/api/v1/documents?kind=poem", 400, func(t *testing.T, body string) {
			if !strings.Contains(body, "kind") || !strings.Contains(body, "labelling-scheme") || !strings.Contains(body, `"id"`) {
				t.Errorf("message should name the parameter and choices: %s", body)
			}
		}},
		{"unknown parameter", "/api/v1/documents?colour=red", 400, nil},
		{"one document", "/api/v1/documents/us-ca-sb327", 200, func(t *testing.T, body string) {
			if !strings.Contains(body, `"provisions"`) {
				t.Errorf("no provisions: %s", clip(body))
			}
		}},
		{"missing document", "/api/v1/documents/nope", 404, nil},
		{"practices", "/api/v1/practices?category=secure-updating", 200, func(t *testing.T, body string) {
			if !strings.Contains(body, "mandatory-software-updates") || strings.Contains(body, `"vulnerability-disclosure"`) {
				t.Errorf("category filter wrong: %s", clip(body))
			}
		}},
		{"practice", "/api/v1/practices/vulnerability-disclosure", 200, nil},
		{"provisions", "/api/v1/provisions?document=us-ca-sb327", 200, nil},
		{"jurisdictions", "/api/v1/jurisdictions?m49=Africa", 200, func(t *testing.T, body string) {
			if !strings.Contains(body, `"KE"`) || strings.Contains(body, `"GB"`) {
				t.Errorf("m49 filter wrong: %s", clip(body))
			}
		}},
		{"categories", "/api/v1/categories", 200, nil},
		{"matrix", "/api/v1/matrix?by=region", 200, func(t *testing.T, body string) {
			if !strings.Contains(body, `"by": "region"`) && !strings.Contains(body, `"by":"region"`) {
				t.Errorf("matrix: %s", clip(body))
			}
		}},
		{"matrix bad axis", "/api/v1/matrix?by=planet", 400, nil},
		{"matrix csv", "/api/v1/matrix?format=csv", 200, func(t *testing.T, body string) {
			if !strings.HasPrefix(body, "practice,docs,") {
				t.Errorf("csv: %s", clip(body))
			}
		}},
		{"compare", "/api/v1/compare?j=GB,US", 200, func(t *testing.T, body string) {
			if !strings.Contains(body, `"agreement"`) {
				t.Errorf("compare: %s", clip(body))
			}
		}},
		{"compare needs two", "/api/v1/compare?j=GB", 400, nil},
		{"compare markdown", "/api/v1/compare?j=GB&j=SG&format=md", 200, func(t *testing.T, body string) {
			if !strings.Contains(body, "| practice | agreement | GB | SG |") {
				t.Errorf("md: %s", clip(body))
			}
		}},
		{"gaps of a region", "/api/v1/gaps?region=African%20Group", 200, func(t *testing.T, body string) {
			if !strings.Contains(body, `"missing"`) {
				t.Errorf("gaps: %s", clip(body))
			}
		}},
		{"gaps two scopes", "/api/v1/gaps?region=WEOG&jurisdiction=GB", 400, nil},
		{"category gaps", "/api/v1/gaps", 200, nil},
		{"report annex1", "/api/v1/report/annex1?format=csv", 200, nil},
		{"unknown report table", "/api/v1/report/annex9", 404, func(t *testing.T, body string) {
			if !strings.Contains(body, "annex1") {
				t.Errorf("should list valid tables: %s", body)
			}
		}},
		{"regions chart", "/api/v1/charts/regions.svg", 200, func(t *testing.T, body string) {
			if !strings.HasPrefix(body, "<svg") {
				t.Errorf("not svg: %s", clip(body))
			}
		}},
		{"heat map", "/api/v1/charts/heatmap.svg?by=m49", 200, nil},
		{"unknown path", "/api/v1/nothing", 404, nil},
		{"markets", "/api/v1/markets", 200, func(t *testing.T, body string) {
			if !strings.Contains(body, `"provisions"`) {
				t.Errorf("markets: %s", clip(body))
			}
		}},
		{"market csv", "/api/v1/markets/" + firstProfile(t) + "?format=csv", 200, nil},
		{"unknown market", "/api/v1/markets/atlantis", 404, func(t *testing.T, body string) {
			if !strings.Contains(body, firstProfile(t)) {
				t.Errorf("should list valid profiles: %s", clip(body))
			}
		}},
		{"crosswalk", "/api/v1/crosswalk?a=profile:" + firstProfile(t) + "&b=doc:us-ca-sb327", 200, func(t *testing.T, body string) {
			if !strings.Contains(body, `"only_a"`) {
				t.Errorf("crosswalk: %s", clip(body))
			}
		}},
		{"crosswalk needs two", "/api/v1/crosswalk?a=x", 400, nil},
		{"crosswalk bad prefix", "/api/v1/crosswalk?a=profile:" + firstProfile(t) + "&b=document:us-ca-sb327", 400, nil},
		{"crosswalk bad id", "/api/v1/crosswalk?a=profile:" + firstProfile(t) + "&b=doc:US%20CA", 400, nil},
		{"crosswalk empty id", "/api/v1/crosswalk?a=profile:&b=doc:us-ca-sb327", 400, nil},
		{"crosswalk unknown id", "/api/v1/crosswalk?a=profile:" + firstProfile(t) + "&b=doc:no-such-document", 404, nil},
		{"crosswalk without provisions", "/api/v1/crosswalk?a=doc:ca-itsap-00-012&b=doc:us-ca-sb327", 400, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := do(h, "GET", tc.target, "", "")
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, clip(w.Body.String()))
			}
			if tc.status >= 400 {
				e := decode[errorBody](t, w)
				if e.ID == "" || e.Error == "" {
					t.Errorf("error body lacks id or message: %s", w.Body.String())
				}
			}
			if tc.check != nil {
				tc.check(t, w.Body.String())
			}
		})
	}
}

func TestDocumentFilterMatchesCatalog(t *testing.T) {
	srv := catalogOnly(t)
	cat, _ := testCatalog()
	for _, force := range catalog.LegalForces {
		got := srv.documents(docFilter{LegalForce: force})
		want := 0
		for _, d := range cat.Documents {
			if d.LegalForce == force {
				want++
			}
		}
		if len(got) != want {
			t.Errorf("legal_force=%s: %d documents, want %d", force, len(got), want)
		}
	}
}

func TestCacheETag(t *testing.T) {
	h := catalogOnly(t).Handler()
	first := do(h, "GET", "/api/v1/practices", "", "")
	etag := first.Header().Get("ETag")
	if first.Code != 200 || etag == "" {
		t.Fatalf("status %d, etag %q", first.Code, etag)
	}
	again := do(h, "GET", "/api/v1/practices", "", "", "If-None-Match", etag)
	if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
		t.Fatalf("conditional GET: status %d, %d bytes", again.Code, again.Body.Len())
	}
	gz := do(h, "GET", "/api/v1/practices", "", "", "Accept-Encoding", "gzip")
	if gz.Header().Get("Content-Encoding") != "gzip" || gz.Body.Len() >= first.Body.Len() {
		t.Fatalf("gzip: encoding %q, %d vs %d bytes", gz.Header().Get("Content-Encoding"), gz.Body.Len(), first.Body.Len())
	}
	// Query order does not matter; errors are never cached.
	a := do(h, "GET", "/api/v1/documents?kind=law&legal_force=mandatory", "", "")
	b := do(h, "GET", "/api/v1/documents?legal_force=mandatory&kind=law", "", "")
	if a.Header().Get("ETag") != b.Header().Get("ETag") {
		t.Error("equivalent queries got different ETags")
	}
	bad := do(h, "GET", "/api/v1/documents?kind=x", "", "")
	if bad.Header().Get("ETag") != "" || bad.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("error response cacheable: %v", bad.Header())
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := catalogOnly(t).Handler()
	for _, target := range []string{"/", "/api/v1/documents", "/nowhere", "/api/v1/charts/regions.svg"} {
		w := do(h, "GET", target, "", "")
		for _, k := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Request-Id"} {
			if w.Header().Get(k) == "" {
				t.Errorf("%s: no %s header", target, k)
			}
		}
		if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors") {
			t.Errorf("%s: CSP lacks frame-ancestors: %q", target, csp)
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	h := catalogOnly(t).Handler()
	w := do(h, "DELETE", "/api/v1/documents", "", "")
	if w.Code != http.StatusMethodNotAllowed || !strings.Contains(w.Header().Get("Allow"), "GET") {
		t.Fatalf("status %d allow %q", w.Code, w.Header().Get("Allow"))
	}
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}
