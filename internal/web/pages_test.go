package web

import (
	"io/fs"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// TestPagesRender fetches every public page and checks what a screen
// reader and a phone need: a language, a viewport, one h1, a main landmark,
// a labelled navigation, and a label for every form control.
func TestPagesRender(t *testing.T) {
	onBackends(t, func(t *testing.T, bk backend) {
		f := newFixture(t, bk)
		h := f.srv.Handler()
		pages := []struct{ path, want string }{
			{"/", "documents from"},
			{"/documents", "Legal force"},
			{"/documents?region=WEOG&legal_force=mandatory", "documents."},
			{"/documents/us-ca-sb327", "Provisions"},
			{"/practices", "Stakeholder"},
			{"/practices/vulnerability-disclosure", "Documents that cover it"},
			{"/provisions?document=us-ca-sb327", "Verification"},
			{"/jurisdictions", "UN M49 region"},
			{"/jurisdictions", "International standards bodies (INT)</td><td colspan=\"2\"><span class=\"muted\">international: no report group or UN region"},
			{"/coverage", `heatmap.svg?by=jurisdiction&amp;evidence=all&amp;rows=practice`},
			{"/coverage?rows=category&by=m49&grouping=m49", "Documents by region"},
			{"/compare", "Choose at least two"},
			{"/compare?j=GB&j=US&j=SG", "covered in every chosen jurisdiction"},
			{"/compare?j=GB,US", `/api/v1/compare?evidence=all&amp;j=GB%2CUS&amp;format=csv`},
			{"/documents?kind=law", `/api/v1/documents?kind=law"`},
			{"/gaps", "Categories each jurisdiction lacks"},
			{"/gaps?subregion=Northern%20Europe", "missing"},
			{"/markets", "Provisions"},
			{"/markets/" + firstProfile(t), "Regimes it draws on"},
			{"/markets/uk-psti", `uk-psti/sch1-3 is met by holding a current label: <a href="/documents/sg-cls">sg-cls</a> at level 1 or above or <a href="/documents/jp-jc-star">jp-jc-star</a> at level 1 or above`},
			{"/markets/uk-psti", "uk-psti/sch1-2 is met by meeting all of iso-iec-29147/6.2.2, iso-iec-29147/6.2.5, iso-iec-29147/6.5"},
			{"/crosswalk", "Choose two regimes"},
			{"/crosswalk?a=profile:" + firstProfile(t) + "&b=doc:us-ca-sb327", "with no counterpart"},
			{"/products", "Manufacturer or model"},
			{"/login", "Password"},
			{"/setup", "Setup is complete"},
		}
		label := regexp.MustCompile(`(?s)<label>[^<]*<(input|select|textarea)`)
		control := regexp.MustCompile(`<(input|select|textarea)[^>]*>`)
		for _, p := range pages {
			t.Run(p.path, func(t *testing.T) {
				w := do(h, "GET", p.path, "", "")
				body := w.Body.String()
				if w.Code != http.StatusOK {
					t.Fatalf("status %d: %s", w.Code, clip(body))
				}
				for _, want := range []string{p.want, `<html lang="en">`, `name="viewport"`, `<main id="main"`, `<nav aria-label="Main">`, `class="skip"`} {
					if !strings.Contains(body, want) {
						t.Errorf("page lacks %q", want)
					}
				}
				if n := strings.Count(body, "<h1"); n != 1 {
					t.Errorf("%d h1 elements", n)
				}
				controls := 0
				for _, c := range control.FindAllString(body, -1) {
					if !strings.Contains(c, `type="hidden"`) && !strings.Contains(c, `type="checkbox"`) {
						controls++
					}
				}
				if labelled := len(label.FindAllString(body, -1)); labelled < controls {
					t.Errorf("%d form controls, only %d inside a label", controls, labelled)
				}
			})
		}
	})
}

func TestPageErrors(t *testing.T) {
	h := catalogOnly(t).Handler()
	for _, tc := range []struct {
		path   string
		status int
	}{
		{"/documents/nope", 404}, {"/documents?kind=poem", 400}, {"/compare?j=XX", 400}, {"/nowhere", 404},
	} {
		w := do(h, "GET", tc.path, "", "")
		if w.Code != tc.status || !strings.Contains(w.Body.String(), "Error id") || !strings.Contains(w.Header().Get("Content-Type"), "text/html") {
			t.Errorf("%s: status %d, want %d with an error page", tc.path, w.Code, tc.status)
		}
	}
}

func TestMetricsCountRoutes(t *testing.T) {
	h := catalogOnly(t).Handler()
	for range 3 {
		do(h, "GET", "/api/v1/practices", "", "")
	}
	do(h, "GET", "/missing", "", "")
	body := do(h, "GET", "/metrics", "", "").Body.String()
	for _, want := range []string{
		`bydesign_http_requests_total{route="GET /api/v1/practices",code="2xx"} 3`,
		`bydesign_http_requests_total{route="unmatched",code="4xx"} 1`,
		`bydesign_http_request_duration_seconds_count{route="GET /api/v1/practices"} 3`,
		`bydesign_http_request_duration_seconds_bucket{route="GET /api/v1/practices",le="+Inf"} 3`,
		"# TYPE bydesign_http_request_duration_seconds histogram",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func firstProfile(t *testing.T) string {
	cat, err := testCatalog()
	if err != nil || len(cat.Profiles) == 0 {
		t.Fatalf("no profiles: %v", err)
	}
	return cat.Profiles[0].ID
}

// TestBrokenTemplateFailsStart checks that template problems surface when
// the server is built, not on the first request that renders the page.
func TestBrokenTemplateFailsStart(t *testing.T) {
	layout, err := fs.ReadFile(templateFiles, "templates/layout.html")
	if err != nil {
		t.Fatal(err)
	}
	for name, page := range map[string]string{
		"syntax error":  `{{define "content"}}{{if}}{{end}}`,
		"no content":    `<p>nothing defined</p>`,
		"unknown func":  `{{define "content"}}{{nosuchfunc .}}{{end}}`,
		"unclosed html": `{{define "content"}}<a href="{{.Title}}{{end}}`,
	} {
		fsys := fstest.MapFS{
			"templates/layout.html": {Data: layout},
			"templates/page.html":   {Data: []byte(page)},
		}
		if _, err := parsePagesFS(fsys); err == nil {
			t.Errorf("%s: parsed without error", name)
		}
	}
	if _, err := parsePagesFS(templateFiles); err != nil {
		t.Fatalf("the embedded templates: %v", err)
	}
}
