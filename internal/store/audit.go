package store

import (
	"context"
	"database/sql"
	"fmt"
)

func scanAudit(s interface{ Scan(...any) error }) (AuditEntry, error) {
	var e AuditEntry
	var actor sql.NullInt64
	err := s.Scan(&e.ID, &e.At, &actor, &e.ActorName, &e.RequestID, &e.Source, &e.Action, &e.TargetType, &e.TargetID, &e.Detail)
	e.At, e.ActorID = e.At.UTC(), actor.Int64
	return e, err
}

func (d *DB) ListAudit(ctx context.Context, f AuditFilter, p Page) (List[AuditEntry], error) {
	limit, after, err := page(p)
	if err != nil {
		return List[AuditEntry]{}, err
	}
	var w where
	if after > 0 {
		w.add("id < ?", after)
	}
	if f.ActorID != 0 {
		w.add("actor_id = ?", f.ActorID)
	}
	if f.Action != "" {
		w.add("action = ?", f.Action)
	}
	if f.TargetType != "" {
		w.add("target_type = ?", f.TargetType)
	}
	if f.TargetID != "" {
		w.add("target_id = ?", f.TargetID)
	}
	rows, err := d.read().query(ctx, `SELECT id, at, actor_id, actor_name, request_id, source, action, target_type, target_id, detail
		FROM audit_log`+w.sql()+` ORDER BY id DESC LIMIT ?`, append(w.args, limit+1)...)
	if err != nil {
		return List[AuditEntry]{}, fmt.Errorf("store: list audit: %w", err)
	}
	items, err := collect(rows, scanAudit)
	return finish(items, limit, func(e AuditEntry) int64 { return e.ID }), err
}
