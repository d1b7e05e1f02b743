package store

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// testAuditEveryWrite performs every audited write once and checks each
// adds exactly one audit entry carrying the actor, and that no entry
// contains a stored secret hash. It also checks that the table below names
// every Store method that takes an Actor, so a new write cannot skip it.
func testAuditEveryWrite(t *testing.T, d *DB) {
	by := Actor{UserID: 0, Name: "auditor", RequestID: "req-42", Source: "127.0.0.9"}
	secretHashes := []string{"tokenhash-secret", "sessionhash-secret", "setuphash-secret"}
	var u User
	var p Product
	var c CuratedRecord
	var dr Draft
	var tok APIToken
	writes := []struct {
		method string
		do     func() error
	}{
		// Setup first: it only succeeds while no account exists.
		{"CreateSetupToken", func() error { return d.CreateSetupToken(ctx, by, secretHashes[2], time.Now().Add(time.Hour)) }},
		{"CompleteSetup", func() error {
			_, err := d.CompleteSetup(ctx, by, secretHashes[2], time.Now(), User{Username: "root", Role: "admin", PasswordHash: "pwhash-secret3"})
			return err
		}},
		{"CreateUser", func() (err error) {
			u, err = d.CreateUser(ctx, by, User{Username: "u", Role: "admin", PasswordHash: "pwhash-secret"})
			return err
		}},
		{"SetUserRole", func() error { return d.SetUserRole(ctx, by, u.ID, "viewer") }},
		{"SetUserPassword", func() error { return d.SetUserPassword(ctx, by, u.ID, "pwhash-secret2") }},
		{"SetUserDisabled", func() error { return d.SetUserDisabled(ctx, by, u.ID, false) }},
		{"CreateToken", func() (err error) {
			tok, err = d.CreateToken(ctx, by, APIToken{UserID: u.ID, Name: "t", Prefix: "bdt_x", Hash: secretHashes[0], Role: "viewer"})
			return err
		}},
		{"DeleteToken", func() error { return d.DeleteToken(ctx, by, u.ID, tok.ID) }},
		{"CreateSession", func() error {
			_, err := d.CreateSession(ctx, by, Session{Hash: secretHashes[1], UserID: u.ID, Expires: time.Now().Add(time.Hour)})
			return err
		}},
		{"DeleteSession", func() error { return d.DeleteSession(ctx, by, secretHashes[1]) }},
		{"ClearLoginFailures", func() error { return d.ClearLoginFailures(ctx, by, "u") }},
		{"CreateProduct", func() (err error) {
			p, err = d.CreateProduct(ctx, by, Product{Manufacturer: "A", Model: "B"})
			return err
		}},
		{"UpdateProduct", func() (err error) { p, err = d.UpdateProduct(ctx, by, p); return err }},
		{"CreateAssessment", func() error {
			_, err := d.CreateAssessment(ctx, by, Assessment{ProductID: p.ID, Verdict: "pass", Result: json.RawMessage(`{}`)})
			return err
		}},
		{"CreateProbeRun", func() error {
			_, err := d.CreateProbeRun(ctx, by, ProbeRun{Targets: []string{"127.0.0.1"}, Result: json.RawMessage(`{}`)})
			return err
		}},
		{"DeleteProduct", func() error { return d.DeleteProduct(ctx, by, p.ID) }},
		{"CreateCurated", func() (err error) {
			c, err = d.CreateCurated(ctx, by, CuratedRecord{Kind: KindMapping, Key: "m", Body: json.RawMessage(`{}`), Provenance: Provenance{Document: "d"}})
			return err
		}},
		{"UpdateCurated", func() (err error) { c, err = d.UpdateCurated(ctx, by, c); return err }},
		{"DeleteCurated", func() error { return d.DeleteCurated(ctx, by, c.ID) }},
		{"CreateDraft", func() (err error) {
			dr, err = d.CreateDraft(ctx, by, Draft{Source: "s", Body: json.RawMessage(`{}`)})
			return err
		}},
		{"SetDraftStatus", func() error { return d.SetDraftStatus(ctx, by, dr.ID, DraftRejected) }},
	}

	covered := map[string]bool{}
	for _, w := range writes {
		covered[w.method] = true
	}
	actorType := reflect.TypeFor[Actor]()
	st := reflect.TypeFor[Store]()
	for i := range st.NumMethod() {
		m := st.Method(i)
		for j := range m.Type.NumIn() {
			if m.Type.In(j) == actorType && !covered[m.Name] {
				t.Errorf("write method %s takes an Actor but is not exercised here", m.Name)
			}
		}
	}

	count := func() int {
		l := must[List[AuditEntry]](t)(d.ListAudit(ctx, AuditFilter{}, Page{Limit: MaxLimit}))
		return len(l.Items)
	}
	for _, w := range writes {
		before := count()
		if err := w.do(); err != nil {
			t.Fatalf("%s: %v", w.method, err)
		}
		if n := count() - before; n != 1 {
			t.Errorf("%s wrote %d audit entries, want 1", w.method, n)
		}
	}
	all := must[List[AuditEntry]](t)(d.ListAudit(ctx, AuditFilter{}, Page{Limit: MaxLimit}))
	for _, e := range all.Items {
		if e.ActorName != by.Name || e.RequestID != by.RequestID || e.Source != by.Source || e.At.IsZero() {
			t.Errorf("entry %+v does not carry the actor", e)
		}
		text := fmt.Sprintf("%+v", e)
		for _, s := range append(secretHashes, "pwhash-secret") {
			if strings.Contains(text, s) {
				t.Errorf("audit entry %d leaks %q: %s", e.ID, s, text)
			}
		}
	}
	if l := must[List[AuditEntry]](t)(d.ListAudit(ctx, AuditFilter{TargetType: "product", TargetID: fmt.Sprint(p.ID)}, Page{})); len(l.Items) != 3 {
		t.Errorf("product audit trail: %d entries, want create, update, delete", len(l.Items))
	}
}

// testConcurrentWriters runs many goroutines writing at once; no write may
// fail (on SQLite that means no SQLITE_BUSY) and every row must be there.
func testConcurrentWriters(t *testing.T, d *DB) {
	const workers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				if _, err := d.CreateProduct(ctx, alice, Product{Manufacturer: fmt.Sprint("w", w), Model: fmt.Sprint("m", i)}); err != nil {
					errs <- err
				}
				if _, err := d.ListProducts(ctx, ProductFilter{}, Page{Limit: 5}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent write: %v", err)
	}
	l := must[List[Product]](t)(d.ListProducts(ctx, ProductFilter{}, Page{Limit: MaxLimit}))
	if len(l.Items) != workers*each {
		t.Errorf("%d products, want %d", len(l.Items), workers*each)
	}
}

// testMigrationsIdempotent re-runs the migrations on a live database.
func testMigrationsIdempotent(t *testing.T, d *DB) {
	newUser(t, d, "keep", "viewer")
	if err := d.migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := d.Ready(ctx); err != nil {
		t.Fatal(err)
	}
	if n := must[int](t)(d.CountUsers(ctx)); n != 1 {
		t.Errorf("users after re-migrate: %d", n)
	}
}
