package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/auth"
	"github.com/bydesign-iot/bydesign/internal/store"
)

// auditFor returns the newest audit entry with this action and target.
func auditFor(t *testing.T, st store.Store, action, target string) (store.AuditEntry, bool) {
	t.Helper()
	l, err := st.ListAudit(context.Background(), store.AuditFilter{Action: action}, store.Page{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range l.Items {
		if target == "" || e.TargetID == target {
			return e, true
		}
	}
	return store.AuditEntry{}, false
}

// TestAPIRevokeToken checks DELETE /api/v1/tokens/{id}: owners revoke
// their own tokens, admins anyone's, others see 404, and it is audited
// with the caller's address.
func TestAPIRevokeToken(t *testing.T) {
	onBackends(t, func(t *testing.T, bk backend) {
		f := newFixture(t, bk)
		h := f.srv.Handler()
		ctx := context.Background()
		issue := func(role auth.Role) (string, int64) {
			u := f.users[role]
			tok, rec, err := f.auth.IssueToken(ctx, auth.Principal{User: u, Role: role}, "", "", 0, "extra", role, 0)
			if err != nil {
				t.Fatal(err)
			}
			return tok, rec.ID
		}
		viewerTok, viewerID := issue(auth.Viewer)
		curatorTok, curatorID := issue(auth.Curator)
		id := func(n int64) string { return fmt.Sprint(n) }
		tests := []struct {
			name, token, target string
			status              int
		}{
			{"no token", "", "/api/v1/tokens/" + id(viewerID), 401},
			{"bad token", "bdt_nonsense", "/api/v1/tokens/" + id(viewerID), 401},
			{"someone else's token", f.tokens[auth.Viewer], "/api/v1/tokens/" + id(curatorID), 404},
			{"not an id", f.tokens[auth.Viewer], "/api/v1/tokens/x", 404},
			{"unknown id", f.tokens[auth.Admin], "/api/v1/tokens/999999", 404},
			{"own token", f.tokens[auth.Viewer], "/api/v1/tokens/" + id(viewerID), 204},
			{"own token again", f.tokens[auth.Viewer], "/api/v1/tokens/" + id(viewerID), 404},
			{"admin, another's token", f.tokens[auth.Admin], "/api/v1/tokens/" + id(curatorID), 204},
		}
		for _, tc := range tests {
			w := do(h, "DELETE", tc.target, tc.token, "", "X-Forwarded-For", "203.0.113.1")
			if w.Code != tc.status {
				t.Errorf("%s: status %d, want %d: %s", tc.name, w.Code, tc.status, w.Body.String())
			}
		}
		for _, tok := range []string{viewerTok, curatorTok} {
			if w := do(h, "GET", "/api/v1/audit", tok, ""); w.Code != http.StatusUnauthorized {
				t.Errorf("revoked token still authenticates: %d", w.Code)
			}
		}
		e, ok := auditFor(t, f.st, "token.delete", id(curatorID))
		if !ok || e.ActorName != "admin-user" || e.Source == "" || e.RequestID == "" {
			t.Errorf("token.delete audit: %+v (found %v), want the admin, a source and a request id", e, ok)
		}
		if w := do(h, "GET", "/api/v1/audit", f.tokens[auth.Viewer], ""); w.Code == http.StatusUnauthorized {
			t.Error("the viewer's other token was revoked too")
		}
	})
}

var tokenRowRE = regexp.MustCompile(`action="/account/tokens/(\d+)/revoke"`)

// TestAccountPageFlows signs in through the forms and revokes a token,
// changes the password, and (as admin) creates and unlocks accounts.
func TestAccountPageFlows(t *testing.T) {
	onBackends(t, func(t *testing.T, bk backend) {
		f := newFixture(t, bk)
		b := newBrowser(t, f.srv.Handler())
		login := func(b *browser, user, pw string) int {
			code, _, _ := b.post("/login", url.Values{"username": {user}, "password": {pw}, "next": {"/account"}})
			return code
		}
		if code := login(b, "viewer-user", "a long test password"); code != 200 {
			t.Fatalf("login: %d", code)
		}
		// Creating a token records the client address in the audit log.
		code, body, _ := b.post("/account/tokens", url.Values{"name": {"laptop"}, "role": {"viewer"}, "days": {"7"}})
		if code != http.StatusCreated {
			t.Fatalf("create token: %d %s", code, clip(body))
		}
		// Text PostgreSQL would refuse is a form error on every backend.
		for name, want := range map[string]string{"nul\x00": "contains control characters", "bad \xff": "not valid UTF-8"} {
			if code, body, _ := b.post("/account/tokens", url.Values{"name": {name}, "role": {"viewer"}, "days": {"7"}}); code != http.StatusBadRequest || !strings.Contains(body, want) {
				t.Errorf("token named %q: %d, want 400 saying %q: %s", name, code, want, clip(body))
			}
		}
		m := tokenRowRE.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no revoke form on the account page: %s", clip(body))
		}
		if e, ok := auditFor(t, f.st, "token.create", m[1]); !ok || e.Source != "127.0.0.1" {
			t.Errorf("token.create audit: %+v, want source 127.0.0.1", e)
		}
		code, body, _ = b.post("/account/tokens/"+m[1]+"/revoke", nil)
		if code != 200 || !strings.Contains(body, "Token revoked") || strings.Contains(body, "/account/tokens/"+m[1]+"/revoke") {
			t.Errorf("revoke: %d %s", code, clip(body))
		}
		if e, ok := auditFor(t, f.st, "token.delete", m[1]); !ok || e.Source != "127.0.0.1" {
			t.Errorf("token.delete audit: %+v", e)
		}
		// Someone else's token id is not found, not revoked.
		if code, _, _ := b.post(fmt.Sprintf("/account/tokens/%d/revoke", adminTokenID(t, f)), nil); code != http.StatusNotFound {
			t.Errorf("revoking another user's token from the page: %d, want 404", code)
		}
		// Accounts are for admins only.
		if code, _, _ := b.post("/account/users", url.Values{"username": {"mallory"}, "role": {"admin"}, "password": {"a long enough pw"}, "password2": {"a long enough pw"}}); code != http.StatusForbidden {
			t.Errorf("viewer creating an account: %d, want 403", code)
		}
		if code, _, _ := b.post("/account/unlock", url.Values{"username": {"admin-user"}}); code != http.StatusForbidden {
			t.Errorf("viewer unlocking: %d, want 403", code)
		}
		// Password change: the current password is required.
		pw := url.Values{"current": {"wrong current pw"}, "password": {"a new long password"}, "password2": {"a new long password"}}
		if code, _, _ := b.post("/account/password", pw); code != http.StatusUnauthorized {
			t.Errorf("wrong current password: %d, want 401", code)
		}
		pw.Set("current", "a long test password")
		pw.Set("password2", "something else entirely")
		if code, _, _ := b.post("/account/password", pw); code != http.StatusBadRequest {
			t.Errorf("mismatched new passwords: %d, want 400", code)
		}
		pw.Set("password2", "a new long password")
		code, _, landed := b.post("/account/password", pw)
		if code != 200 || landed != "/login" {
			t.Errorf("change password: %d, landed on %s, want the login page", code, landed)
		}
		if code, _ := b.get("/account"); code != 200 || login(b, "viewer-user", "a long test password") != http.StatusUnauthorized {
			t.Error("the old password still works")
		}
		if login(b, "viewer-user", "a new long password") != 200 {
			t.Error("the new password does not work")
		}

		// Admin: create an account, lock it, unlock it.
		a := newBrowser(t, f.srv.Handler())
		if code := login(a, "admin-user", "a long test password"); code != 200 {
			t.Fatalf("admin login: %d", code)
		}
		code, body, _ = a.post("/account/users", url.Values{"username": {"Heidi"}, "role": {"curator"}, "password": {"heidi's long password"}, "password2": {"heidi's long password"}})
		if code != http.StatusCreated || !strings.Contains(body, "heidi") {
			t.Fatalf("create account: %d %s", code, clip(body))
		}
		if code, _, _ := a.post("/account/users", url.Values{"username": {"heidi"}, "role": {"viewer"}, "password": {"another long password"}, "password2": {"another long password"}}); code != http.StatusConflict {
			t.Errorf("duplicate account: %d, want 409", code)
		}
		if code, _, _ := a.post("/account/users", url.Values{"username": {"ivan"}, "role": {"root"}, "password": {"another long password"}, "password2": {"another long password"}}); code != http.StatusBadRequest {
			t.Errorf("unknown role: %d, want 400", code)
		}
		u, err := f.st.UserByName(context.Background(), "heidi")
		if err != nil || u.Role != "curator" {
			t.Fatalf("created user: %+v, %v", u, err)
		}
		h := newBrowser(t, f.srv.Handler())
		for range 5 {
			login(h, "heidi", "not her password")
		}
		if code := login(h, "heidi", "heidi's long password"); code != http.StatusTooManyRequests {
			t.Fatalf("after 5 failures: %d, want locked", code)
		}
		if code, body, _ := a.post("/account/unlock", url.Values{"username": {"heidi"}}); code != 200 || !strings.Contains(body, "cleared") {
			t.Errorf("unlock: %d %s", code, clip(body))
		}
		if code := login(h, "heidi", "heidi's long password"); code != 200 {
			t.Errorf("after unlock: %d", code)
		}
		if _, ok := auditFor(t, f.st, "login.unlock", "heidi"); !ok {
			t.Error("unlock not audited")
		}
	})
}

func adminTokenID(t *testing.T, f *fixture) int64 {
	toks, err := f.st.ListTokens(context.Background(), f.users[auth.Admin].ID)
	if err != nil || len(toks) == 0 {
		t.Fatalf("admin tokens: %v %v", toks, err)
	}
	return toks[0].ID
}
