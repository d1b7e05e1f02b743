package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/auth"
	"github.com/bydesign-iot/bydesign/internal/store"
)

// minimalDeclaration is the smallest declaration assess accepts.
const minimalDeclaration = `{"bydesign":"declaration/v1","product":{"manufacturer":"Acme","model":"Cam 2"}}`

const goodProduct = `{"manufacturer":"Acme","model":"Cam 2","versions":["1.0","1.1"],"declaration":` + minimalDeclaration + `}`

func TestWritesNeedToken(t *testing.T) {
	onBackends(t, func(t *testing.T, bk backend) {
		f := newFixture(t, bk)
		h := f.srv.Handler()
		tests := []struct {
			name   string
			role   auth.Role // "" for no token
			token  string    // overrides role
			status int
		}{
			{"no token", "", "", http.StatusUnauthorized},
			{"malformed token", "", "not-a-token", http.StatusUnauthorized},
			{"unknown token", "", "bdt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", http.StatusUnauthorized},
			{"viewer", auth.Viewer, "", http.StatusForbidden},
			{"curator", auth.Curator, "", http.StatusForbidden},
			{"manufacturer", auth.Manufacturer, "", http.StatusCreated},
		}
		for i, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				tok := tc.token
				if tc.role != "" {
					tok = f.tokens[tc.role]
				}
				body := strings.Replace(goodProduct, "Cam 2", fmt.Sprintf("Cam %d", i), 1)
				w := do(h, "POST", "/api/v1/products", tok, body)
				if w.Code != tc.status {
					t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body.String())
				}
				if tc.status == http.StatusUnauthorized && !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Bearer") {
					t.Errorf("401 without WWW-Authenticate: %v", w.Header())
				}
			})
		}
		for _, target := range []string{"/api/v1/products/1/assessments", "/api/v1/probe-runs"} {
			if w := do(h, "POST", target, "", `{}`); w.Code != http.StatusUnauthorized {
				t.Errorf("POST %s without token: %d", target, w.Code)
			}
		}
	})
}

func TestProductWriteFlowIsAudited(t *testing.T) {
	onBackends(t, func(t *testing.T, bk backend) {
		f := newFixture(t, bk)
		h := f.srv.Handler()
		w := do(h, "POST", "/api/v1/products", f.tokens[auth.Manufacturer], goodProduct)
		if w.Code != http.StatusCreated {
			t.Fatalf("create: %d %s", w.Code, w.Body.String())
		}
		p := decode[store.Product](t, w)
		if p.ID == 0 || p.OwnerID != f.users[auth.Manufacturer].ID || w.Header().Get("Location") != fmt.Sprintf("/api/v1/products/%d", p.ID) {
			t.Fatalf("product %+v, location %q", p, w.Header().Get("Location"))
		}
		if w := do(h, "POST", "/api/v1/products", f.tokens[auth.Manufacturer], goodProduct); w.Code != http.StatusConflict {
			t.Errorf("duplicate: %d %s", w.Code, w.Body.String())
		}
		list := decode[store.List[store.Product]](t, do(h, "GET", "/api/v1/products?q=acme", "", ""))
		if len(list.Items) != 1 || list.Items[0].Model != "Cam 2" || list.Items[0].Declaration != nil {
			t.Fatalf("public list (no declaration expected): %+v", list)
		}
		list = decode[store.List[store.Product]](t, do(h, "GET", "/api/v1/products?q=acme", f.tokens[auth.Viewer], ""))
		if len(list.Items) != 1 || !strings.Contains(string(list.Items[0].Declaration), "declaration/v1") {
			t.Fatalf("viewer should see the declaration: %+v", list)
		}
		if w := do(h, "GET", "/api/v1/products", "bdt_expired-or-wrong", ""); w.Code != http.StatusUnauthorized {
			t.Errorf("list with a bad token: %d, want 401", w.Code)
		}
		// Assessments: the owner may add one; another manufacturer may not.
		other, err := f.auth.CreateUser(context.Background(), store.System, "other-maker", "a long test password", auth.Manufacturer)
		if err != nil {
			t.Fatal(err)
		}
		otherTok, _, err := f.auth.IssueToken(context.Background(), auth.Principal{User: other, Role: auth.Manufacturer}, "", "", 0, "t", auth.Manufacturer, 0)
		if err != nil {
			t.Fatal(err)
		}
		market := f.srv.cat.Profiles[0].ID
		body := `{"markets":["` + market + `"],"verdict":"pass","result":{"passed":3}}`
		target := fmt.Sprintf("/api/v1/products/%d/assessments", p.ID)
		if w := do(h, "POST", target, otherTok, body); w.Code != http.StatusForbidden {
			t.Errorf("other manufacturer: %d", w.Code)
		}
		if w := do(h, "POST", target, f.tokens[auth.Manufacturer], body); w.Code != http.StatusCreated {
			t.Fatalf("assessment: %d %s", w.Code, w.Body.String())
		}
		if w := do(h, "POST", "/api/v1/products/999/assessments", f.tokens[auth.Admin], body); w.Code != http.StatusNotFound {
			t.Errorf("assessment of missing product: %d", w.Code)
		}
		as := decode[store.List[store.Assessment]](t, do(h, "GET", target, "", ""))
		if len(as.Items) != 1 || as.Items[0].Verdict != "pass" || string(as.Items[0].Result) != "null" {
			t.Fatalf("public assessments (verdict, no result): %+v", as)
		}
		as = decode[store.List[store.Assessment]](t, do(h, "GET", target, f.tokens[auth.Viewer], ""))
		if len(as.Items) != 1 || !strings.Contains(string(as.Items[0].Result), "passed") {
			t.Fatalf("viewer should see the result: %+v", as)
		}
		// Probe runs are private to read and need write-products to add.
		run := fmt.Sprintf(`{"product_id":%d,"targets":["127.0.0.1","192.0.2.0/24","cam.local:8443"],"result":{"findings":[]}}`, p.ID)
		if w := do(h, "POST", "/api/v1/probe-runs", f.tokens[auth.Manufacturer], run); w.Code != http.StatusCreated {
			t.Fatalf("probe run: %d %s", w.Code, w.Body.String())
		}
		if w := do(h, "GET", "/api/v1/probe-runs", "", ""); w.Code != http.StatusUnauthorized {
			t.Errorf("probe runs without token: %d", w.Code)
		}
		runs := decode[store.List[store.ProbeRun]](t, do(h, "GET", "/api/v1/probe-runs", f.tokens[auth.Viewer], ""))
		if len(runs.Items) != 1 || len(runs.Items[0].Targets) != 3 {
			t.Fatalf("runs: %+v", runs)
		}
		// Every write left an audit row naming the actor and the request id.
		audit, err := f.st.ListAudit(context.Background(), store.AuditFilter{ActorID: f.users[auth.Manufacturer].ID}, store.Page{})
		if err != nil {
			t.Fatal(err)
		}
		actions := map[string]bool{}
		for _, e := range audit.Items {
			actions[e.Action] = true
			if e.ActorName != "manufacturer-user" {
				t.Errorf("audit actor %q", e.ActorName)
			}
		}
		for _, want := range []string{"product.create", "assessment.create", "probe_run.create"} {
			if !actions[want] {
				t.Errorf("no audit entry %q in %v", want, actions)
			}
		}
	})
}

func TestNoStoreAnswers503(t *testing.T) {
	h := catalogOnly(t).Handler()
	for _, tc := range []struct{ method, target string }{
		{"GET", "/api/v1/products"}, {"POST", "/api/v1/products"}, {"GET", "/products"},
	} {
		body := ""
		if tc.method == "POST" {
			body = goodProduct
		}
		if w := do(h, tc.method, tc.target, "", body); w.Code != http.StatusServiceUnavailable {
			t.Errorf("%s %s: %d", tc.method, tc.target, w.Code)
		}
	}
}
