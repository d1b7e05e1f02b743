package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

const curatedCols = `id, kind, record_key, body, provenance, revision, created_by, created, updated`

func scanCurated(s interface{ Scan(...any) error }) (CuratedRecord, error) {
	var r CuratedRecord
	var body, prov string
	var by sql.NullInt64
	if err := s.Scan(&r.ID, &r.Kind, &r.Key, &body, &prov, &r.Revision, &by, &r.Created, &r.Updated); err != nil {
		return CuratedRecord{}, err
	}
	r.Body, r.CreatedBy, r.Created, r.Updated = []byte(body), by.Int64, r.Created.UTC(), r.Updated.UTC()
	if err := json.Unmarshal([]byte(prov), &r.Provenance); err != nil {
		return CuratedRecord{}, fmt.Errorf("store: column provenance: %w", err)
	}
	return r, nil
}

var curatedKinds = []string{KindDocument, KindProvision, KindMapping}

func curatedArgs(r CuratedRecord) (body, prov string, err error) {
	switch {
	case !slices.Contains(curatedKinds, r.Kind):
		return "", "", invalidf("curated record: kind %q (valid: document, provision, mapping)", r.Kind)
	case strings.TrimSpace(r.Key) == "":
		return "", "", invalidf("curated record: key required")
	case strings.TrimSpace(r.Provenance.Document) == "":
		return "", "", invalidf("curated record: provenance document required")
	case !json.Valid(r.Body) || !bytes.HasPrefix(bytes.TrimSpace(r.Body), []byte("{")):
		return "", "", invalidf("curated record: body must be a JSON object")
	}
	p, err := json.Marshal(r.Provenance)
	return string(r.Body), string(p), err
}

func (d *DB) CreateCurated(ctx context.Context, by Actor, r CuratedRecord) (CuratedRecord, error) {
	body, prov, err := curatedArgs(r)
	if err != nil {
		return CuratedRecord{}, err
	}
	err = d.tx(ctx, func(c conn) error {
		now := d.stamp()
		r.Created, r.Updated, r.Revision = now, now, 1
		if err := c.row(ctx, `INSERT INTO curated_records (kind, record_key, body, provenance, revision, created_by, created, updated)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			r.Kind, r.Key, body, prov, r.Revision, nullID(r.CreatedBy), now, now).Scan(&r.ID); err != nil {
			return err
		}
		return c.audit(ctx, by, now, "curated.create", "curated", r.ID, r.Kind+" "+r.Key)
	})
	if err != nil {
		return CuratedRecord{}, fmt.Errorf("store: create curated record: %w", err)
	}
	return r, nil
}

func (d *DB) CuratedByID(ctx context.Context, id int64) (CuratedRecord, error) {
	r, err := scanCurated(d.read().row(ctx, `SELECT `+curatedCols+` FROM curated_records WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return CuratedRecord{}, notFound("curated record", id)
	}
	return r, err
}

func (d *DB) ListCurated(ctx context.Context, kind string, p Page) (List[CuratedRecord], error) {
	limit, after, err := page(p)
	if err != nil {
		return List[CuratedRecord]{}, err
	}
	var w where
	if after > 0 {
		w.add("id < ?", after)
	}
	if kind != "" {
		w.add("kind = ?", kind)
	}
	rows, err := d.read().query(ctx, `SELECT `+curatedCols+` FROM curated_records`+w.sql()+` ORDER BY id DESC LIMIT ?`, append(w.args, limit+1)...)
	if err != nil {
		return List[CuratedRecord]{}, fmt.Errorf("store: list curated records: %w", err)
	}
	items, err := collect(rows, scanCurated)
	return finish(items, limit, func(r CuratedRecord) int64 { return r.ID }), err
}

func (d *DB) UpdateCurated(ctx context.Context, by Actor, r CuratedRecord) (CuratedRecord, error) {
	var out CuratedRecord
	err := d.tx(ctx, func(c conn) error {
		cur, err := scanCurated(c.row(ctx, `SELECT `+curatedCols+` FROM curated_records WHERE id = ?`, r.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("curated record", r.ID)
		}
		if err != nil {
			return err
		}
		r.Kind, r.Key = cur.Kind, cur.Key // identity is fixed; only content changes
		body, prov, err := curatedArgs(r)
		if err != nil {
			return err
		}
		now := d.stamp()
		res, err := c.exec(ctx, `UPDATE curated_records SET body = ?, provenance = ?, revision = revision + 1, updated = ?
			WHERE id = ? AND revision = ?`, body, prov, now, r.ID, r.Revision)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("curated record %d: stale revision: %w", r.ID, ErrConflict)
		}
		if out, err = scanCurated(c.row(ctx, `SELECT `+curatedCols+` FROM curated_records WHERE id = ?`, r.ID)); err != nil {
			return err
		}
		return c.audit(ctx, by, now, "curated.update", "curated", r.ID, fmt.Sprintf("%s %s, revision %d", out.Kind, out.Key, out.Revision))
	})
	if err != nil {
		return CuratedRecord{}, fmt.Errorf("store: update curated record: %w", err)
	}
	return out, nil
}

func (d *DB) DeleteCurated(ctx context.Context, by Actor, id int64) error {
	return d.deleteByID(ctx, by, "curated_records", "curated", id)
}
