package store

import (
	"context"
	"fmt"
	"time"
)

// ErrSetupDone answers a setup token spent after an account exists.
var ErrSetupDone = fmt.Errorf("%w: setup is done: an account already exists", ErrConflict)

func (d *DB) CreateSetupToken(ctx context.Context, by Actor, hash string, expires time.Time) error {
	if hash == "" {
		return invalidf("setup token: hash required")
	}
	err := d.tx(ctx, func(c conn) error {
		now := d.stamp()
		if _, err := c.exec(ctx, `INSERT INTO setup_tokens (hash, created, expires) VALUES (?, ?, ?)`,
			hash, now, expires.UTC().Truncate(time.Microsecond)); err != nil {
			return err
		}
		return c.audit(ctx, by, now, "setup.token", "setup", "", "one-time setup token issued, expires "+expires.UTC().Format(time.RFC3339))
	})
	if err != nil {
		return fmt.Errorf("store: create setup token: %w", err)
	}
	return nil
}

func (d *DB) CompleteSetup(ctx context.Context, by Actor, hash string, now time.Time, u User) (User, error) {
	if err := checkUser(u); err != nil {
		return User{}, err
	}
	err := d.tx(ctx, func(c conn) error {
		// Several servers starting on an empty database each issue a token;
		// only the first one spent may create an account. Setups take turns
		// (SQLite's immediate transaction; an advisory lock on PostgreSQL),
		// and each checks that no account exists yet.
		if d.dialect == "postgres" {
			if _, err := c.exec(ctx, `SELECT pg_advisory_xact_lock(7216450924)`); err != nil {
				return err
			}
		}
		// The DELETE is the claim: of two concurrent calls only one removes the row.
		res, err := c.exec(ctx, `DELETE FROM setup_tokens WHERE hash = ? AND expires > ?`, hash, now.UTC())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("setup token", "by hash")
		}
		var users int
		if err := c.row(ctx, `SELECT count(*) FROM users`).Scan(&users); err != nil {
			return err
		}
		if users > 0 {
			return ErrSetupDone
		}
		if _, err := c.exec(ctx, `DELETE FROM setup_tokens`); err != nil { // the other servers' links
			return err
		}
		u, err = c.insertUser(ctx, by, u, d.stamp())
		return err
	})
	if err != nil {
		return User{}, fmt.Errorf("store: complete setup: %w", err)
	}
	return u, nil
}
