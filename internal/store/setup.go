package store

import (
	"context"
	"fmt"
	"time"
)

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
		// The DELETE is the claim: of two concurrent calls only one removes the row.
		res, err := c.exec(ctx, `DELETE FROM setup_tokens WHERE hash = ? AND expires > ?`, hash, now.UTC())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("setup token", "by hash")
		}
		u, err = c.insertUser(ctx, by, u, d.stamp())
		return err
	})
	if err != nil {
		return User{}, fmt.Errorf("store: complete setup: %w", err)
	}
	return u, nil
}
