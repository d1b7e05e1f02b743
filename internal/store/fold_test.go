package store

import (
	"slices"
	"testing"
)

// testProductSearchFolds checks that search and the manufacturer filter
// ignore case beyond ASCII the same way on both databases, including for
// rows stored before the folded columns existed.
func testProductSearchFolds(t *testing.T, d *DB) {
	oko := must[Product](t)(d.CreateProduct(ctx, alice, Product{Manufacturer: "Öko Haus GmbH", Model: "Wärmepumpe Ü1"}))
	plain := must[Product](t)(d.CreateProduct(ctx, alice, Product{Manufacturer: "Acme", Model: "Cam"}))
	search := func(f ProductFilter) []int64 {
		t.Helper()
		l := must[List[Product]](t)(d.ListProducts(ctx, f, Page{}))
		var ids []int64
		for _, p := range l.Items {
			ids = append(ids, p.ID)
		}
		return ids
	}
	check := func(stage string) {
		t.Helper()
		for _, c := range []struct {
			f    ProductFilter
			want []int64
		}{
			{ProductFilter{Query: "Öko"}, []int64{oko.ID}},
			{ProductFilter{Query: "öko"}, []int64{oko.ID}},
			{ProductFilter{Query: "ÖKO HAUS"}, []int64{oko.ID}},
			{ProductFilter{Query: "wärme"}, []int64{oko.ID}},
			{ProductFilter{Query: "ü1"}, []int64{oko.ID}},
			{ProductFilter{Query: "oko"}, nil},
			{ProductFilter{Query: "ACME"}, []int64{plain.ID}},
			{ProductFilter{Manufacturer: "öko haus gmbh"}, []int64{oko.ID}},
		} {
			if got := search(c.f); !slices.Equal(got, c.want) {
				t.Errorf("%s: ListProducts(%+v) = %v, want %v", stage, c.f, got, c.want)
			}
		}
	}
	check("new rows")
	// Renaming refolds.
	oko.Model = "Kältemaschine"
	oko = must[Product](t)(d.UpdateProduct(ctx, alice, oko))
	if got := search(ProductFilter{Query: "KÄLTE"}); !slices.Equal(got, []int64{oko.ID}) {
		t.Errorf("after rename: %v", got)
	}
	oko.Model = "Wärmepumpe Ü1"
	oko = must[Product](t)(d.UpdateProduct(ctx, alice, oko))
	// Rows from before the migration have no folded names until the
	// backfill that Open runs.
	if _, err := d.w.ExecContext(ctx, `UPDATE products SET manufacturer_fold = NULL, model_fold = NULL`); err != nil {
		t.Fatal(err)
	}
	if err := d.backfillFolds(ctx); err != nil {
		t.Fatal(err)
	}
	check("after backfill")
}
