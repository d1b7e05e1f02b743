package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

const tokenCols = `id, user_id, name, prefix, hash, role, created, last_used, expires`

func scanToken(s interface{ Scan(...any) error }) (APIToken, error) {
	var t APIToken
	var used, exp sql.NullTime
	err := s.Scan(&t.ID, &t.UserID, &t.Name, &t.Prefix, &t.Hash, &t.Role, &t.Created, &used, &exp)
	t.Created, t.LastUsed, t.Expires = t.Created.UTC(), timeOf(used), timeOf(exp)
	return t, err
}

func (d *DB) CreateToken(ctx context.Context, by Actor, t APIToken) (APIToken, error) {
	if t.Hash == "" || t.Role == "" || t.Name == "" || t.UserID == 0 {
		return APIToken{}, invalidf("token: user, name, hash and role required")
	}
	err := d.tx(ctx, func(c conn) error {
		t.Created, t.LastUsed = d.stamp(), time.Time{}
		t.Expires = t.Expires.UTC().Truncate(time.Microsecond)
		err := c.row(ctx, `INSERT INTO api_tokens (user_id, name, prefix, hash, role, created, expires)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			t.UserID, t.Name, t.Prefix, t.Hash, t.Role, t.Created, nullTime(t.Expires)).Scan(&t.ID)
		if err != nil {
			return err
		}
		return c.audit(ctx, by, t.Created, "token.create", "token", t.ID, fmt.Sprintf("user %d, name %q, prefix %s, role %s", t.UserID, t.Name, t.Prefix, t.Role))
	})
	if err != nil {
		return APIToken{}, fmt.Errorf("store: create token: %w", err)
	}
	return t, nil
}

func (d *DB) TokenByHash(ctx context.Context, hash string) (APIToken, error) {
	t, err := scanToken(d.read().row(ctx, `SELECT `+tokenCols+` FROM api_tokens WHERE hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return APIToken{}, notFound("token", "by hash")
	}
	return t, err
}

func (d *DB) TokenByID(ctx context.Context, id int64) (APIToken, error) {
	t, err := scanToken(d.read().row(ctx, `SELECT `+tokenCols+` FROM api_tokens WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return APIToken{}, notFound("token", id)
	}
	return t, err
}

func (d *DB) ListTokens(ctx context.Context, userID int64) ([]APIToken, error) {
	rows, err := d.read().query(ctx, `SELECT `+tokenCols+` FROM api_tokens WHERE user_id = ? ORDER BY id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: list tokens: %w", err)
	}
	items, err := collect(rows, scanToken)
	if items == nil {
		items = []APIToken{}
	}
	return items, err
}

func (d *DB) TouchToken(ctx context.Context, id int64, at time.Time) error {
	return d.tx(ctx, func(c conn) error {
		_, err := c.exec(ctx, `UPDATE api_tokens SET last_used = ? WHERE id = ?`, at.UTC().Truncate(time.Microsecond), id)
		return err
	})
}

func (d *DB) DeleteToken(ctx context.Context, by Actor, userID, id int64) error {
	err := d.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `DELETE FROM api_tokens WHERE id = ? AND user_id = ?`, id, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("token", id)
		}
		return c.audit(ctx, by, d.stamp(), "token.delete", "token", id, fmt.Sprintf("user %d", userID))
	})
	if err != nil {
		return fmt.Errorf("store: delete token: %w", err)
	}
	return nil
}
