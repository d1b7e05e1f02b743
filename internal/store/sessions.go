package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

func (d *DB) CreateSession(ctx context.Context, by Actor, s Session) (Session, error) {
	if s.Hash == "" || s.UserID == 0 || s.Expires.IsZero() {
		return Session{}, invalidf("session: hash, user and expiry required")
	}
	err := d.tx(ctx, func(c conn) error {
		s.Created = d.stamp()
		s.LastSeen = s.Created
		s.Expires = s.Expires.UTC().Truncate(time.Microsecond)
		if _, err := c.exec(ctx, `INSERT INTO sessions (hash, user_id, created, last_seen, expires) VALUES (?, ?, ?, ?, ?)`,
			s.Hash, s.UserID, s.Created, s.LastSeen, s.Expires); err != nil {
			return err
		}
		// The target is the user: session hashes are credentials, kept out of the log.
		return c.audit(ctx, by, s.Created, "session.create", "user", s.UserID, "signed in")
	})
	if err != nil {
		return Session{}, fmt.Errorf("store: create session: %w", err)
	}
	return s, nil
}

func (d *DB) SessionByHash(ctx context.Context, hash string) (Session, error) {
	var s Session
	err := d.read().row(ctx, `SELECT hash, user_id, created, last_seen, expires FROM sessions WHERE hash = ?`, hash).
		Scan(&s.Hash, &s.UserID, &s.Created, &s.LastSeen, &s.Expires)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, notFound("session", "by hash")
	}
	s.Created, s.LastSeen, s.Expires = s.Created.UTC(), s.LastSeen.UTC(), s.Expires.UTC()
	return s, err
}

func (d *DB) TouchSession(ctx context.Context, hash string, seen, expires time.Time) error {
	return d.tx(ctx, func(c conn) error {
		_, err := c.exec(ctx, `UPDATE sessions SET last_seen = ?, expires = ? WHERE hash = ?`,
			seen.UTC().Truncate(time.Microsecond), expires.UTC().Truncate(time.Microsecond), hash)
		return err
	})
}

func (d *DB) DeleteSession(ctx context.Context, by Actor, hash string) error {
	err := d.tx(ctx, func(c conn) error {
		var uid int64
		err := c.row(ctx, `DELETE FROM sessions WHERE hash = ? RETURNING user_id`, hash).Scan(&uid)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("session", "by hash")
		}
		if err != nil {
			return err
		}
		return c.audit(ctx, by, d.stamp(), "session.delete", "user", uid, "signed out")
	})
	if err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

func (d *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	var n int64
	err := d.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `DELETE FROM sessions WHERE expires <= ?`, now.UTC())
		if err == nil {
			n, _ = res.RowsAffected()
		}
		return err
	})
	return n, err
}
