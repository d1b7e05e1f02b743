package web

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// browser is a cookie-keeping client against a real listener.
type browser struct {
	t    *testing.T
	base string
	c    *http.Client
}

func newBrowser(t *testing.T, h http.Handler) *browser {
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: ts.URL, c: &http.Client{Jar: jar}}
}

func (b *browser) get(path string) (int, string) {
	b.t.Helper()
	resp, err := b.c.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func (b *browser) post(path string, form url.Values) (int, string, string) {
	b.t.Helper()
	resp, err := b.c.PostForm(b.base+path, form)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), resp.Request.URL.Path
}

// TestSetupLoginAddProduct walks the first start: the setup link creates
// the admin, who signs in, adds a product through the form and sees it.
func TestSetupLoginAddProduct(t *testing.T) {
	onBackends(t, func(t *testing.T, bk backend) {
		f := newFixture(t, bk)
		srv := f.srv
		b := newBrowser(t, srv.Handler())
		// With accounts present, setup says so and a bogus token is refused.
		if code, body := b.get("/setup?token=x"); code != 200 || !strings.Contains(body, "Setup is complete") {
			t.Fatalf("setup page: %d", code)
		}
		code, body, _ := b.post("/setup", url.Values{"token": {"bdu_bogus"}, "username": {"x"}, "password": {"a long enough password"}, "password2": {"a long enough password"}})
		if code != http.StatusUnauthorized || !strings.Contains(body, "not valid") {
			t.Fatalf("bogus setup token: %d", code)
		}
		// Wrong password: 401 and the form again.
		code, body, _ = b.post("/login", url.Values{"username": {"manufacturer-user"}, "password": {"wrong password here"}})
		if code != http.StatusUnauthorized || !strings.Contains(body, "wrong username or password") {
			t.Fatalf("bad login: %d %s", code, clip(body))
		}
		// Pages that need a session send the visitor to sign in.
		resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Get(b.base + "/products/new")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
			t.Fatalf("anonymous /products/new: %d %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		code, _, landed := b.post("/login", url.Values{"username": {"manufacturer-user"}, "password": {"a long test password"}, "next": {"/products/new"}})
		if code != 200 || landed != "/products/new" {
			t.Fatalf("login: %d, landed on %s", code, landed)
		}
		code, body, landed = b.post("/products", url.Values{"manufacturer": {"Example Devices"}, "model": {"Doorbell X"}, "versions": {"2.0, 2.1"}, "declaration": {minimalDeclaration}})
		if code != 200 || !strings.HasPrefix(landed, "/products/") || !strings.Contains(body, "Doorbell X") {
			t.Fatalf("add product: %d at %s: %s", code, landed, clip(body))
		}
		if _, body := b.get("/products"); !strings.Contains(body, "Doorbell X") || !strings.Contains(body, "2.0, 2.1") {
			t.Fatalf("product not listed: %s", clip(body))
		}
		// Bad form input re-renders the form with a message, not a 500.
		code, body, _ = b.post("/products", url.Values{"manufacturer": {""}, "model": {"m"}})
		if code != http.StatusBadRequest || !strings.Contains(body, "field manufacturer: required") {
			t.Fatalf("empty manufacturer: %d %s", code, clip(body))
		}
		code, body, _ = b.post("/products", url.Values{"manufacturer": {"a"}, "model": {"m"}, "declaration": {"{nope"}})
		if code != http.StatusBadRequest || !strings.Contains(body, "not valid JSON") {
			t.Fatalf("bad declaration: %d", code)
		}
		// A token issued on the account page works on the API, once shown.
		code, body, _ = b.post("/account/tokens", url.Values{"name": {"ci"}, "role": {"manufacturer"}, "days": {"30"}})
		if code != http.StatusCreated || !strings.Contains(body, "bdt_") {
			t.Fatalf("issue token: %d %s", code, clip(body))
		}
		i := strings.Index(body, "bdt_")
		tok := body[i : i+strings.IndexByte(body[i:], '<')]
		if w := do(srv.Handler(), "POST", "/api/v1/products", tok, goodProduct); w.Code != http.StatusCreated {
			t.Fatalf("API with issued token: %d %s", w.Code, w.Body.String())
		}
		code, _, _ = b.post("/account/tokens", url.Values{"name": {"too strong"}, "role": {"admin"}, "days": {"30"}})
		if code != http.StatusForbidden {
			t.Errorf("token above own role: %d", code)
		}
		code, _, _ = b.post("/account/tokens", url.Values{"name": {"x"}, "role": {"viewer"}, "days": {"9999"}})
		if code != http.StatusBadRequest {
			t.Errorf("token lifetime 9999 days: %d", code)
		}
		if code, _ := b.get("/audit"); code != http.StatusForbidden {
			t.Errorf("audit log for a manufacturer: %d", code)
		}
		// Sign out ends the session server-side.
		b.post("/logout", nil)
		if _, body := b.get("/login"); strings.Contains(body, "Signed in as") {
			t.Error("still signed in after logout")
		}
		audit, err := f.st.ListAudit(context.Background(), storeFilterAction("product.create"), storePage())
		if err != nil || len(audit.Items) != 2 {
			t.Fatalf("audit: %v, %d product.create entries", err, len(audit.Items))
		}
	})
}

func TestFirstStartSetup(t *testing.T) {
	onBackends(t, func(t *testing.T, bk backend) {
		f := newEmptyFixture(t, bk)
		tok, err := f.auth.Bootstrap(context.Background(), "", "")
		if err != nil || tok == "" {
			t.Fatalf("bootstrap: %q %v", tok, err)
		}
		b := newBrowser(t, f.srv.Handler())
		if _, body := b.get("/login"); !strings.Contains(body, "No account exists yet") {
			t.Error("login page does not point to setup")
		}
		pw := "correct horse battery"
		code, body, _ := b.post("/setup", url.Values{"token": {tok}, "username": {"root"}, "password": {pw}, "password2": {pw + "x"}})
		if code != http.StatusBadRequest || !strings.Contains(body, "differ") {
			t.Fatalf("mismatched passwords: %d", code)
		}
		code, body, _ = b.post("/setup", url.Values{"token": {tok}, "username": {"root"}, "password": {"short"}, "password2": {"short"}})
		if code != http.StatusBadRequest || !strings.Contains(body, "at least") {
			t.Fatalf("short password: %d", code)
		}
		code, _, landed := b.post("/setup", url.Values{"token": {tok}, "username": {"root"}, "password": {pw}, "password2": {pw}})
		if code != 200 || landed != "/login" {
			t.Fatalf("setup: %d, landed %s", code, landed)
		}
		code, _, _ = b.post("/setup", url.Values{"token": {tok}, "username": {"root2"}, "password": {pw}, "password2": {pw}})
		if code != http.StatusUnauthorized {
			t.Fatalf("setup token reused: %d", code)
		}
		code, _, landed = b.post("/login", url.Values{"username": {"root"}, "password": {pw}, "next": {"//evil.example/"}})
		if code != 200 || landed != "/products" {
			t.Fatalf("login after setup: %d, landed %s (open redirect?)", code, landed)
		}
		// The admin sees the audit log, with the setup and the sign-in in it.
		code, body = b.get("/audit")
		if code != 200 || !strings.Contains(body, "root") || !strings.Contains(body, "<td>setup</td>") {
			t.Fatalf("audit page: %d %s", code, clip(body))
		}
	})
}
