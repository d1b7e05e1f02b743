package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

const draftCols = `id, source, status, body, created_by, created, updated`

func scanDraft(s interface{ Scan(...any) error }) (Draft, error) {
	var d Draft
	var body string
	var by sql.NullInt64
	err := s.Scan(&d.ID, &d.Source, &d.Status, &body, &by, &d.Created, &d.Updated)
	d.Body, d.CreatedBy, d.Created, d.Updated = []byte(body), by.Int64, d.Created.UTC(), d.Updated.UTC()
	return d, err
}

func (d *DB) CreateDraft(ctx context.Context, by Actor, dr Draft) (Draft, error) {
	body, err := jsonText("draft body", dr.Body, true)
	if err != nil {
		return Draft{}, err
	}
	err = d.tx(ctx, func(c conn) error {
		now := d.stamp()
		dr.Status, dr.Created, dr.Updated = DraftNew, now, now
		if err := c.row(ctx, `INSERT INTO ingest_drafts (source, status, body, created_by, created, updated)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, dr.Source, dr.Status, body, nullID(dr.CreatedBy), now, now).Scan(&dr.ID); err != nil {
			return err
		}
		return c.audit(ctx, by, now, "draft.create", "draft", dr.ID, dr.Source)
	})
	if err != nil {
		return Draft{}, fmt.Errorf("store: create draft: %w", err)
	}
	return dr, nil
}

func (d *DB) Draft(ctx context.Context, id int64) (Draft, error) {
	dr, err := scanDraft(d.read().row(ctx, `SELECT `+draftCols+` FROM ingest_drafts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Draft{}, notFound("draft", id)
	}
	return dr, err
}

func (d *DB) ListDrafts(ctx context.Context, status string, p Page) (List[Draft], error) {
	limit, after, err := page(p)
	if err != nil {
		return List[Draft]{}, err
	}
	var w where
	if after > 0 {
		w.add("id < ?", after)
	}
	if status != "" {
		w.add("status = ?", status)
	}
	rows, err := d.read().query(ctx, `SELECT `+draftCols+` FROM ingest_drafts`+w.sql()+` ORDER BY id DESC LIMIT ?`, append(w.args, limit+1)...)
	if err != nil {
		return List[Draft]{}, fmt.Errorf("store: list drafts: %w", err)
	}
	items, err := collect(rows, scanDraft)
	return finish(items, limit, func(dr Draft) int64 { return dr.ID }), err
}

func (d *DB) SetDraftStatus(ctx context.Context, by Actor, id int64, status string) error {
	if status != DraftAccepted && status != DraftRejected && status != DraftNew {
		return invalidf("draft status %q (valid: new, accepted, rejected)", status)
	}
	err := d.tx(ctx, func(c conn) error {
		now := d.stamp()
		res, err := c.exec(ctx, `UPDATE ingest_drafts SET status = ?, updated = ? WHERE id = ?`, status, now, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("draft", id)
		}
		return c.audit(ctx, by, now, "draft.status", "draft", id, status)
	})
	if err != nil {
		return fmt.Errorf("store: set draft status: %w", err)
	}
	return nil
}
