package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/store"
)

func TestTokens(t *testing.T) {
	forEachStore(t, func(t *testing.T, st store.Store) {
		s, clk := newService(t, st)
		admin := Principal{User: mustUser(t, s, "root", Admin), Role: Admin}
		mu := mustUser(t, s, "maker", Manufacturer)
		maker := Principal{User: mu, Role: Manufacturer}

		tok, rec, err := s.IssueToken(ctx, maker, "req-7", "192.0.2.44", 0, "ci", Manufacturer, 0)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256([]byte(tok))
		if rec.Hash == tok || rec.Hash != hex.EncodeToString(sum[:]) {
			t.Errorf("stored hash %q: want SHA-256 of the token, never the token", rec.Hash)
		}
		if !strings.HasPrefix(tok, rec.Prefix) || len(rec.Prefix) >= len(tok)/2 {
			t.Errorf("prefix %q of token: want a short leading part", rec.Prefix)
		}
		if want := clk.Now().Add(90 * 24 * time.Hour); !rec.Expires.Equal(want) {
			t.Errorf("expires %v, want default %v", rec.Expires, want)
		}
		stored, err := st.TokenByHash(ctx, rec.Hash)
		if err != nil || strings.Contains(fmt.Sprintf("%+v", stored), tok) {
			t.Errorf("stored record %+v (%v) must not contain the token", stored, err)
		}
		audit, _ := st.ListAudit(ctx, store.AuditFilter{}, store.Page{Limit: store.MaxLimit})
		created := false
		for _, e := range audit.Items {
			if e.Action == "token.create" && e.TargetID == fmt.Sprint(rec.ID) {
				created = true
				if e.Source != "192.0.2.44" || e.RequestID != "req-7" {
					t.Errorf("token.create audit: source %q, request %q; want the caller's address and request id", e.Source, e.RequestID)
				}
			}
		}
		if !created {
			t.Error("no token.create audit entry")
		}
		for _, e := range audit.Items {
			if strings.Contains(fmt.Sprintf("%+v", e), tok) || strings.Contains(e.Detail, rec.Hash) {
				t.Errorf("audit entry leaks the token or its hash: %+v", e)
			}
		}

		p, err := s.Token(ctx, tok)
		if err != nil || p.User.ID != mu.ID || p.Role != Manufacturer || p.TokenID != rec.ID {
			t.Fatalf("Token = %+v, %v", p, err)
		}
		if err := p.Require(WriteProducts); err != nil {
			t.Errorf("manufacturer token cannot write products: %v", err)
		}
		if err := p.Require(ManageAccounts); !errors.Is(err, ErrForbidden) {
			t.Errorf("manufacturer token manages accounts: %v", err)
		}

		for _, c := range []struct {
			name string
			by   Principal
			user int64
			role Role
			ttl  time.Duration
			want error
		}{
			{"above own role", maker, 0, Admin, 0, ErrForbidden},
			{"for another user without admin", maker, admin.User.ID, Viewer, 0, ErrForbidden},
			{"admin for user above that user's role", admin, mu.ID, Curator, 0, ErrForbidden},
			{"unknown user", admin, 999, Viewer, 0, store.ErrNotFound},
		} {
			if _, _, err := s.IssueToken(ctx, c.by, "", "", c.user, "x", c.role, c.ttl); !errors.Is(err, c.want) {
				t.Errorf("%s: %v, want %v", c.name, err, c.want)
			}
		}
		var pe *PolicyError
		if _, _, err := s.IssueToken(ctx, maker, "", "", 0, "x", Viewer, 400*24*time.Hour); !errors.As(err, &pe) {
			t.Errorf("too long ttl: %v", err)
		}
		if _, _, err := s.IssueToken(ctx, maker, "", "", 0, "", Viewer, 0); !errors.As(err, &pe) {
			t.Errorf("empty name: %v", err)
		}
		for _, bad := range []string{"ci\x00", "ci\xff", "ci\nnext"} {
			if _, _, err := s.IssueToken(ctx, maker, "", "", 0, bad, Viewer, 0); !errors.As(err, &pe) {
				t.Errorf("name %q: %v, want a policy error on every store", bad, err)
			}
		}

		// A viewer token of the manufacturer stops working when it expires.
		short, _, err := s.IssueToken(ctx, maker, "", "", 0, "short", Viewer, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if p, err := s.Token(ctx, short); err != nil || p.Role != Viewer {
			t.Fatalf("viewer token: %+v %v", p, err)
		}
		clk.advance(time.Hour)
		if _, err := s.Token(ctx, short); !errors.Is(err, ErrUnauthenticated) {
			t.Errorf("expired token: %v", err)
		}

		// Lowering the user's role disables tokens above it.
		if err := st.SetUserRole(ctx, store.System, mu.ID, string(Viewer)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Token(ctx, tok); !errors.Is(err, ErrUnauthenticated) {
			t.Errorf("token above the user's new role: %v", err)
		}
		st.SetUserRole(ctx, store.System, mu.ID, string(Manufacturer))

		if err := s.RevokeToken(ctx, maker, "", "", admin.User.ID, rec.ID); !errors.Is(err, ErrForbidden) {
			t.Errorf("revoking for another user without admin: %v", err)
		}
		if err := s.RevokeToken(ctx, maker, "", "", mu.ID, rec.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Token(ctx, tok); !errors.Is(err, ErrUnauthenticated) {
			t.Errorf("revoked token: %v", err)
		}
		for _, bad := range []string{"", "Bearer " + tok, "bdt_", tok[:len(tok)-1], "bds_" + tok[4:]} {
			if _, err := s.Token(ctx, bad); !errors.Is(err, ErrUnauthenticated) {
				t.Errorf("Token(%q) = %v", bad, err)
			}
		}
	})
}

func TestSetup(t *testing.T) {
	forEachStore(t, func(t *testing.T, st store.Store) {
		s, _ := newService(t, st)
		tok, err := s.Bootstrap(ctx, "", "")
		if err != nil || !strings.HasPrefix(tok, setupPrefix) {
			t.Fatalf("Bootstrap = %q, %v: want a setup token", tok, err)
		}
		if n, _ := st.CountUsers(ctx); n != 0 {
			t.Fatalf("bootstrap created %d users; there must be no default account", n)
		}
		if _, err := s.CompleteSetup(ctx, setupPrefix+strings.Repeat("A", 43), "root", "correct horse battery", "", ""); !errors.Is(err, ErrUnauthenticated) {
			t.Errorf("wrong setup token: %v", err)
		}
		var pe *PolicyError
		if _, err := s.CompleteSetup(ctx, tok, "root", "short", "", ""); !errors.As(err, &pe) {
			t.Errorf("weak password: %v", err)
		}
		u, err := s.CompleteSetup(ctx, tok, "Root", "correct horse battery", "127.0.0.1", "r1")
		if err != nil || u.Role != string(Admin) || u.Username != "root" {
			t.Fatalf("CompleteSetup = %+v, %v", u, err)
		}
		if _, err := s.CompleteSetup(ctx, tok, "root2", "correct horse battery", "", ""); !errors.Is(err, ErrUnauthenticated) {
			t.Errorf("setup token reused: %v", err)
		}
		if again, err := s.Bootstrap(ctx, "", ""); again != "" || err != nil {
			t.Errorf("Bootstrap with an account = %q, %v: want nothing", again, err)
		}
		if _, _, err := s.Login(ctx, "root", "correct horse battery", "127.0.0.1", ""); err != nil {
			t.Errorf("login as the new admin: %v", err)
		}
	})
}

func TestSetupTokenExpires(t *testing.T) {
	st := open(t, t.TempDir()+"/setup.db")
	s, clk := newService(t, st)
	tok, err := s.Bootstrap(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	clk.advance(24*time.Hour + time.Second)
	if _, err := s.CompleteSetup(ctx, tok, "root", "correct horse battery", "", ""); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("expired setup token: %v", err)
	}
}

func TestBootstrapFromSecret(t *testing.T) {
	st := open(t, t.TempDir()+"/admin.db")
	s, _ := newService(t, st)
	tok, err := s.Bootstrap(ctx, "", "a long admin secret")
	if err != nil || tok != "" {
		t.Fatalf("Bootstrap = %q, %v", tok, err)
	}
	if _, p, err := s.Login(ctx, "admin", "a long admin secret", "127.0.0.1", ""); err != nil || p.Role != Admin {
		t.Fatalf("login as the file-created admin: %+v %v", p, err)
	}
	var pe *PolicyError
	st2 := open(t, t.TempDir()+"/weak.db")
	s2, _ := newService(t, st2)
	if _, err := s2.Bootstrap(ctx, "admin", "password"); !errors.As(err, &pe) {
		t.Errorf("weak admin secret accepted: %v", err)
	}
}
