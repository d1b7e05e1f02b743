package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"
)

// Conformance cases for the registry and curation tables; run by TestConformance.

func testProducts(t *testing.T, d *DB) {
	owner := newUser(t, d, "acme", "manufacturer")
	p := must[Product](t)(d.CreateProduct(ctx, alice, Product{Manufacturer: "Acme", Model: "Cam 1", Versions: []string{"1.0", "1.1"}, OwnerID: owner.ID, Declaration: json.RawMessage(`{"b":2,"a":1}`)}))
	got := must[Product](t)(d.Product(ctx, p.ID))
	if !reflect.DeepEqual(got, p) {
		t.Errorf("Product = %+v\nwant %+v", got, p)
	}
	if string(got.Declaration) != `{"b":2,"a":1}` {
		t.Errorf("declaration bytes changed: %s", got.Declaration)
	}
	for _, c := range []struct {
		name string
		p    Product
		want error
	}{
		{"duplicate name ignoring case", Product{Manufacturer: "ACME", Model: "cam 1"}, ErrConflict},
		{"empty model", Product{Manufacturer: "Acme"}, ErrInvalid},
		{"bad declaration", Product{Manufacturer: "Acme", Model: "X", Declaration: json.RawMessage(`{`)}, ErrInvalid},
		{"empty version", Product{Manufacturer: "Acme", Model: "Y", Versions: []string{""}}, ErrInvalid},
		{"unknown owner", Product{Manufacturer: "Acme", Model: "Z", OwnerID: 999}, ErrNotFound},
		// PostgreSQL cannot store these; both dialects must refuse them alike.
		{"NUL in model", Product{Manufacturer: "Acme", Model: "Z\x00"}, ErrInvalid},
		{"invalid UTF-8 manufacturer", Product{Manufacturer: "Acme\xff", Model: "Z"}, ErrInvalid},
	} {
		_, err := d.CreateProduct(ctx, alice, c.p)
		wantErr(t, c.name, err, c.want)
	}
	p.Versions = append(p.Versions, "2.0")
	up := must[Product](t)(d.UpdateProduct(ctx, alice, p))
	if up.Revision != 2 || len(up.Versions) != 3 || up.Updated.Before(up.Created) {
		t.Errorf("updated: %+v", up)
	}
	_, err := d.UpdateProduct(ctx, alice, p) // still revision 1
	wantErr(t, "stale revision", err, ErrConflict)
	p.ID = 999
	_, err = d.UpdateProduct(ctx, alice, p)
	wantErr(t, "update missing", err, ErrNotFound)

	other := must[Product](t)(d.CreateProduct(ctx, alice, Product{Manufacturer: "Bolt", Model: "Plug"}))
	for _, c := range []struct {
		f    ProductFilter
		want []int64
	}{
		{ProductFilter{}, []int64{other.ID, up.ID}},
		{ProductFilter{OwnerID: owner.ID}, []int64{up.ID}},
		{ProductFilter{Manufacturer: "bolt"}, []int64{other.ID}},
		{ProductFilter{Query: "PLU"}, []int64{other.ID}},
		{ProductFilter{Query: "%"}, nil},
	} {
		l := must[List[Product]](t)(d.ListProducts(ctx, c.f, Page{}))
		var ids []int64
		for _, p := range l.Items {
			ids = append(ids, p.ID)
		}
		if fmt.Sprint(ids) != fmt.Sprint(c.want) {
			t.Errorf("ListProducts(%+v) = %v, want %v", c.f, ids, c.want)
		}
	}
	a := must[Assessment](t)(d.CreateAssessment(ctx, alice, Assessment{ProductID: up.ID, Verdict: "pass", Result: json.RawMessage(`{}`)}))
	r := must[ProbeRun](t)(d.CreateProbeRun(ctx, alice, ProbeRun{ProductID: up.ID, Targets: []string{"127.0.0.1"}, Result: json.RawMessage(`[]`)}))
	if err := d.DeleteProduct(ctx, alice, up.ID); err != nil {
		t.Fatal(err)
	}
	wantErr(t, "delete twice", d.DeleteProduct(ctx, alice, up.ID), ErrNotFound)
	_, err = d.Assessment(ctx, a.ID)
	wantErr(t, "assessment of deleted product", err, ErrNotFound)
	run := must[ProbeRun](t)(d.ProbeRun(ctx, r.ID))
	if run.ProductID != 0 {
		t.Errorf("probe run of deleted product: product %d, want detached", run.ProductID)
	}
}

func testResults(t *testing.T, d *DB) {
	u := newUser(t, d, "m", "manufacturer")
	p := must[Product](t)(d.CreateProduct(ctx, alice, Product{Manufacturer: "A", Model: "B"}))
	a := must[Assessment](t)(d.CreateAssessment(ctx, alice, Assessment{ProductID: p.ID, Markets: []string{"eu-red", "uk-psti"}, Verdict: "fail", Result: json.RawMessage(`{"x":[1,2]}`), CreatedBy: u.ID}))
	if got := must[Assessment](t)(d.Assessment(ctx, a.ID)); !reflect.DeepEqual(got, a) {
		t.Errorf("Assessment = %+v, want %+v", got, a)
	}
	_, err := d.CreateAssessment(ctx, alice, Assessment{ProductID: 999, Verdict: "pass", Result: json.RawMessage(`{}`)})
	wantErr(t, "assessment of missing product", err, ErrNotFound)
	_, err = d.CreateAssessment(ctx, alice, Assessment{ProductID: p.ID, Verdict: "pass"})
	wantErr(t, "assessment without result", err, ErrInvalid)
	_, err = d.Assessment(ctx, 999)
	wantErr(t, "missing assessment", err, ErrNotFound)

	r := must[ProbeRun](t)(d.CreateProbeRun(ctx, alice, ProbeRun{Targets: []string{"127.0.0.1:22"}, Result: json.RawMessage(`{"ok":true}`), CreatedBy: u.ID}))
	if got := must[ProbeRun](t)(d.ProbeRun(ctx, r.ID)); !reflect.DeepEqual(got, r) {
		t.Errorf("ProbeRun = %+v, want %+v", got, r)
	}
	_, err = d.CreateProbeRun(ctx, alice, ProbeRun{Result: json.RawMessage(`{}`)})
	wantErr(t, "probe run without targets", err, ErrInvalid)
	_, err = d.CreateProbeRun(ctx, alice, ProbeRun{ProductID: 999, Targets: []string{"x"}, Result: json.RawMessage(`{}`)})
	wantErr(t, "probe run of missing product", err, ErrNotFound)
	if l := must[List[ProbeRun]](t)(d.ListProbeRuns(ctx, p.ID, Page{})); len(l.Items) != 0 {
		t.Errorf("runs of product: %+v, want none", l.Items)
	}
	if l := must[List[Assessment]](t)(d.ListAssessments(ctx, p.ID, Page{})); len(l.Items) != 1 {
		t.Errorf("assessments of product: %d, want 1", len(l.Items))
	}
}

func testCurated(t *testing.T, d *DB) {
	prov := Provenance{Document: "ETSI EN 303 645", Clause: "5.1-1", URL: "https://www.etsi.org/", Unverified: true}
	r := must[CuratedRecord](t)(d.CreateCurated(ctx, alice, CuratedRecord{Kind: KindProvision, Key: "etsi-5.1-1", Body: json.RawMessage(`{"summary":"own words"}`), Provenance: prov}))
	if got := must[CuratedRecord](t)(d.CuratedByID(ctx, r.ID)); !reflect.DeepEqual(got, r) {
		t.Errorf("CuratedByID = %+v, want %+v", got, r)
	}
	for _, c := range []struct {
		name string
		r    CuratedRecord
		want error
	}{
		{"duplicate key", CuratedRecord{Kind: KindProvision, Key: "etsi-5.1-1", Body: json.RawMessage(`{}`), Provenance: prov}, ErrConflict},
		{"unknown kind", CuratedRecord{Kind: "law", Key: "k", Body: json.RawMessage(`{}`), Provenance: prov}, ErrInvalid},
		{"no provenance", CuratedRecord{Kind: KindMapping, Key: "k", Body: json.RawMessage(`{}`)}, ErrInvalid},
		{"body not an object", CuratedRecord{Kind: KindMapping, Key: "k", Body: json.RawMessage(`[1]`), Provenance: prov}, ErrInvalid},
	} {
		_, err := d.CreateCurated(ctx, alice, c.r)
		wantErr(t, c.name, err, c.want)
	}
	r.Body = json.RawMessage(`{"summary":"better words"}`)
	up := must[CuratedRecord](t)(d.UpdateCurated(ctx, alice, r))
	if up.Revision != 2 || string(up.Body) != string(r.Body) {
		t.Errorf("updated: %+v", up)
	}
	_, err := d.UpdateCurated(ctx, alice, r)
	wantErr(t, "stale revision", err, ErrConflict)
	must[CuratedRecord](t)(d.CreateCurated(ctx, alice, CuratedRecord{Kind: KindDocument, Key: "doc", Body: json.RawMessage(`{}`), Provenance: prov}))
	if l := must[List[CuratedRecord]](t)(d.ListCurated(ctx, KindDocument, Page{})); len(l.Items) != 1 || l.Items[0].Key != "doc" {
		t.Errorf("ListCurated(document) = %+v", l.Items)
	}
	if err := d.DeleteCurated(ctx, alice, r.ID); err != nil {
		t.Fatal(err)
	}
	_, err = d.CuratedByID(ctx, r.ID)
	wantErr(t, "deleted record", err, ErrNotFound)
}

func testDrafts(t *testing.T, d *DB) {
	dr := must[Draft](t)(d.CreateDraft(ctx, alice, Draft{Source: "law.pdf", Body: json.RawMessage(`{"provisions":[]}`)}))
	if dr.Status != DraftNew {
		t.Errorf("status %q, want new", dr.Status)
	}
	_, err := d.CreateDraft(ctx, alice, Draft{Source: "x", Body: json.RawMessage(`nope`)})
	wantErr(t, "bad body", err, ErrInvalid)
	wantErr(t, "bad status", d.SetDraftStatus(ctx, alice, dr.ID, "maybe"), ErrInvalid)
	wantErr(t, "missing draft", d.SetDraftStatus(ctx, alice, 999, DraftAccepted), ErrNotFound)
	if err := d.SetDraftStatus(ctx, alice, dr.ID, DraftAccepted); err != nil {
		t.Fatal(err)
	}
	if l := must[List[Draft]](t)(d.ListDrafts(ctx, DraftAccepted, Page{})); len(l.Items) != 1 || l.Items[0].ID != dr.ID {
		t.Errorf("accepted drafts: %+v", l.Items)
	}
	if l := must[List[Draft]](t)(d.ListDrafts(ctx, DraftNew, Page{})); len(l.Items) != 0 {
		t.Errorf("new drafts: %+v", l.Items)
	}
}

func testPagination(t *testing.T, d *DB) {
	const n = 23
	var want []int64
	for i := range n {
		p := must[Product](t)(d.CreateProduct(ctx, alice, Product{Manufacturer: "M", Model: fmt.Sprintf("model-%02d", i)}))
		want = append([]int64{p.ID}, want...) // newest first
	}
	var got []int64
	cursor, pages := "", 0
	for {
		l := must[List[Product]](t)(d.ListProducts(ctx, ProductFilter{}, Page{Limit: 10, Cursor: cursor}))
		for _, p := range l.Items {
			got = append(got, p.ID)
		}
		pages++
		if l.Next == "" {
			break
		}
		cursor = l.Next
	}
	if pages != 3 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("paged %d pages %v, want 3 pages %v", pages, got, want)
	}
	if l := must[List[Product]](t)(d.ListProducts(ctx, ProductFilter{}, Page{Limit: 10000})); len(l.Items) != n {
		t.Errorf("limit clamp: %d items", len(l.Items))
	}
	for _, bad := range []string{"x", "-1", "0", "1e3"} {
		_, err := d.ListProducts(ctx, ProductFilter{}, Page{Cursor: bad})
		wantErr(t, "cursor "+bad, err, ErrInvalid)
	}
	if l := must[List[AuditEntry]](t)(d.ListAudit(ctx, AuditFilter{Action: "product.create"}, Page{Limit: 5})); len(l.Items) != 5 || l.Next == "" {
		t.Errorf("audit page: %d items, next %q", len(l.Items), l.Next)
	}
}

// FuzzPageCursor: cursors come from request query strings; any string must
// give a valid page or ErrInvalid, never a panic or a non-positive id.
func FuzzPageCursor(f *testing.F) {
	for _, s := range []string{"", "1", "42", "0", "-1", "x", "9223372036854775807", "9223372036854775808", " 1", "1e3"} {
		f.Add(s, 10)
	}
	f.Fuzz(func(t *testing.T, cursor string, limit int) {
		l, id, err := page(Page{Limit: limit, Cursor: cursor})
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v is not ErrInvalid", err)
			}
			return
		}
		if l < 1 || l > MaxLimit || id < 0 || (cursor != "" && id == 0) {
			t.Fatalf("page(%q, %d) = %d, %d", cursor, limit, l, id)
		}
	})
}

func TestValidationErrorIsSafe(t *testing.T) {
	d := openDB(t, backends(t)[0])
	_, err := d.CreateProduct(ctx, alice, Product{Manufacturer: "Acme", Model: "X", Declaration: json.RawMessage(`{"secret":`)})
	var ve *ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, ErrInvalid) || ve.Msg != "product declaration: not valid JSON" {
		t.Fatalf("error %v (%T): want a ValidationError naming the field", err, err)
	}
}
