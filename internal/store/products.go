package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// The folded names, falling back to SQL's lower() for a row an older
// server wrote during a rolling upgrade; the next start folds it properly.
const (
	foldedManufacturer = "COALESCE(manufacturer_fold, lower(manufacturer))"
	foldedModel        = "COALESCE(model_fold, lower(model))"
)

const productCols = `id, manufacturer, model, versions, owner_id, declaration, revision, created, updated`

func scanProduct(s interface{ Scan(...any) error }) (Product, error) {
	var p Product
	var versions string
	var owner sql.NullInt64
	var decl sql.NullString
	if err := s.Scan(&p.ID, &p.Manufacturer, &p.Model, &versions, &owner, &decl, &p.Revision, &p.Created, &p.Updated); err != nil {
		return Product{}, err
	}
	p.OwnerID, p.Created, p.Updated = owner.Int64, p.Created.UTC(), p.Updated.UTC()
	if decl.Valid {
		p.Declaration = []byte(decl.String)
	}
	var err error
	p.Versions, err = parseList("versions", versions)
	return p, err
}

// productArgs validates p and returns its column values.
func productArgs(p Product) (versions string, decl any, err error) {
	if strings.TrimSpace(p.Manufacturer) == "" || strings.TrimSpace(p.Model) == "" {
		return "", nil, invalidf("product: manufacturer and model required")
	}
	if versions, err = stringList("product versions", p.Versions, false); err != nil {
		return "", nil, err
	}
	decl, err = jsonText("product declaration", p.Declaration, false)
	return versions, decl, err
}

func (d *DB) CreateProduct(ctx context.Context, by Actor, p Product) (Product, error) {
	versions, decl, err := productArgs(p)
	if err != nil {
		return Product{}, err
	}
	err = d.tx(ctx, func(c conn) error {
		now := d.stamp()
		p.Created, p.Updated, p.Revision = now, now, 1
		if err := c.row(ctx, `INSERT INTO products (manufacturer, model, versions, owner_id, declaration, revision, created, updated, manufacturer_fold, model_fold)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			p.Manufacturer, p.Model, versions, nullID(p.OwnerID), decl, p.Revision, now, now, fold(p.Manufacturer), fold(p.Model)).Scan(&p.ID); err != nil {
			return err
		}
		return c.audit(ctx, by, now, "product.create", "product", p.ID, p.Manufacturer+" "+p.Model)
	})
	if err != nil {
		return Product{}, fmt.Errorf("store: create product: %w", err)
	}
	if p.Versions == nil {
		p.Versions = []string{}
	}
	return p, nil
}

func (d *DB) Product(ctx context.Context, id int64) (Product, error) {
	p, err := scanProduct(d.read().row(ctx, `SELECT `+productCols+` FROM products WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Product{}, notFound("product", id)
	}
	return p, err
}

func (d *DB) ListProducts(ctx context.Context, f ProductFilter, p Page) (List[Product], error) {
	limit, after, err := page(p)
	if err != nil {
		return List[Product]{}, err
	}
	var w where
	if after > 0 {
		w.add("id < ?", after)
	}
	if f.OwnerID != 0 {
		w.add("owner_id = ?", f.OwnerID)
	}
	if f.Manufacturer != "" {
		w.add(foldedManufacturer+" = ?", fold(f.Manufacturer))
	}
	if f.Query != "" {
		// instr avoids LIKE wildcards in user input; PostgreSQL spells it strpos.
		fn := "instr"
		if d.dialect == "postgres" {
			fn = "strpos"
		}
		q := fold(f.Query)
		w.add("("+fn+"("+foldedManufacturer+", ?) > 0 OR "+fn+"("+foldedModel+", ?) > 0)", q, q)
	}
	rows, err := d.read().query(ctx, `SELECT `+productCols+` FROM products`+w.sql()+` ORDER BY id DESC LIMIT ?`, append(w.args, limit+1)...)
	if err != nil {
		return List[Product]{}, fmt.Errorf("store: list products: %w", err)
	}
	items, err := collect(rows, scanProduct)
	return finish(items, limit, func(p Product) int64 { return p.ID }), err
}

func (d *DB) UpdateProduct(ctx context.Context, by Actor, p Product) (Product, error) {
	versions, decl, err := productArgs(p)
	if err != nil {
		return Product{}, err
	}
	var out Product
	err = d.tx(ctx, func(c conn) error {
		now := d.stamp()
		res, err := c.exec(ctx, `UPDATE products SET manufacturer = ?, model = ?, versions = ?, owner_id = ?, declaration = ?,
			revision = revision + 1, updated = ?, manufacturer_fold = ?, model_fold = ? WHERE id = ? AND revision = ?`,
			p.Manufacturer, p.Model, versions, nullID(p.OwnerID), decl, now, fold(p.Manufacturer), fold(p.Model), p.ID, p.Revision)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return c.staleOrMissing(ctx, "products", "product", p.ID)
		}
		if out, err = scanProduct(c.row(ctx, `SELECT `+productCols+` FROM products WHERE id = ?`, p.ID)); err != nil {
			return err
		}
		return c.audit(ctx, by, now, "product.update", "product", p.ID, fmt.Sprintf("revision %d", out.Revision))
	})
	if err != nil {
		return Product{}, fmt.Errorf("store: update product: %w", err)
	}
	return out, nil
}

// staleOrMissing explains an update that matched no row.
func (c conn) staleOrMissing(ctx context.Context, table, what string, id int64) error {
	var n int
	if err := c.row(ctx, `SELECT count(*) FROM `+table+` WHERE id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return notFound(what, id)
	}
	return fmt.Errorf("%s %d: stale revision: %w", what, id, ErrConflict)
}

func (d *DB) DeleteProduct(ctx context.Context, by Actor, id int64) error {
	return d.deleteByID(ctx, by, "products", "product", id)
}

// deleteByID removes one row by id and audits it.
func (d *DB) deleteByID(ctx context.Context, by Actor, table, what string, id int64) error {
	err := d.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `DELETE FROM `+table+` WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound(what, id)
		}
		return c.audit(ctx, by, d.stamp(), what+".delete", what, id, "")
	})
	if err != nil {
		return fmt.Errorf("store: delete %s: %w", what, err)
	}
	return nil
}
