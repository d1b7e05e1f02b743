package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/auth"
	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/catalog/dataset"
	"github.com/bydesign-iot/bydesign/internal/store"
)

var testCatalog = sync.OnceValues(func() (*catalog.Catalog, error) { return catalog.Load(dataset.FS()) })

// fixture is a server over the built-in catalog and a real, fresh store of
// one backend, with one account per role and a token for each.
type fixture struct {
	t       testing.TB
	backend string
	srv     *Server
	st      store.Store
	auth    *auth.Service
	tokens  map[auth.Role]string
	users   map[auth.Role]store.User
}

// cheapHash keeps argon2id honest but fast enough for tests.
var cheapHash = auth.HashParams{Memory: 64, Time: 1, Threads: 1}

func newFixture(t testing.TB, b backend) *fixture {
	t.Helper()
	f := newEmptyFixture(t, b)
	ctx := context.Background()
	for _, role := range auth.Roles {
		u, err := f.auth.CreateUser(ctx, store.System, string(role)+"-user", "a long test password", role)
		if err != nil {
			t.Fatal(err)
		}
		tok, _, err := f.auth.IssueToken(ctx, auth.Principal{User: u, Role: role}, "", "", 0, "test", role, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.tokens[role], f.users[role] = tok, u
	}
	return f
}

// newEmptyFixture has no accounts, as on a first start.
func newEmptyFixture(t testing.TB, b backend) *fixture {
	t.Helper()
	cat, err := testCatalog()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, b.dsn(t))
	if err != nil {
		t.Fatalf("open %s store: %v", b.name, err)
	}
	t.Cleanup(func() { st.Close() })
	svc, err := auth.New(st, auth.Options{Hash: cheapHash})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Options{Catalog: cat, Store: st, Auth: svc, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, backend: b.name, srv: srv, st: st, auth: svc, tokens: map[auth.Role]string{}, users: map[auth.Role]store.User{}}
}

func storeFilterAction(a string) store.AuditFilter { return store.AuditFilter{Action: a} }
func storePage() store.Page                        { return store.Page{} }

// catalogOnly is a server without a store.
func catalogOnly(t testing.TB) *Server {
	t.Helper()
	cat, err := testCatalog()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Options{Catalog: cat, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// do sends a request through the whole handler chain.
func do(h http.Handler, method, target, token, body string, hdr ...string) *httptest.ResponseRecorder {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, target, rd)
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func decode[T any](t *testing.T, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %q: %v", w.Body.String(), err)
	}
	return v
}
