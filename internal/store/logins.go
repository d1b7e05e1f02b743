package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

func (d *DB) RecordLogin(ctx context.Context, a LoginAttempt) error {
	if a.At.IsZero() {
		a.At = d.stamp()
	}
	a.At = a.At.UTC().Truncate(time.Microsecond)
	err := d.tx(ctx, func(c conn) error {
		_, err := c.exec(ctx, `INSERT INTO login_attempts (account, source, success, at) VALUES (?, ?, ?, ?)`,
			a.Account, a.Source, a.Success, a.At)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: record login: %w", err)
	}
	return nil
}

func (d *DB) CountLoginFailures(ctx context.Context, account, source string, since time.Time) (LoginFailures, error) {
	f, err := countFailures(ctx, d.read(), account, source, since)
	if err != nil {
		return LoginFailures{}, fmt.Errorf("store: count login failures: %w", err)
	}
	return f, nil
}

func (d *DB) BeginLogin(ctx context.Context, a LoginAttempt, since time.Time, maxAccount, maxSource int) (LoginFailures, int64, error) {
	if a.At.IsZero() {
		a.At = d.stamp()
	}
	a.At = a.At.UTC().Truncate(time.Microsecond)
	var f LoginFailures
	var id int64
	err := d.tx(ctx, func(c conn) error {
		// SQLite has one writer, so the transaction is already serial.
		// PostgreSQL transactions run side by side: these locks make
		// attempts on the same account or from the same source take turns
		// between count and insert. Always account first, then source, so
		// two attempts cannot wait on each other.
		if d.dialect == "postgres" {
			for _, k := range []string{"login-account:" + a.Account, "login-source:" + a.Source} {
				if _, err := c.exec(ctx, `SELECT pg_advisory_xact_lock(hashtext(?))`, k); err != nil {
					return err
				}
			}
		}
		var err error
		if f, err = countFailures(ctx, c, a.Account, a.Source, since); err != nil {
			return err
		}
		if f.Account >= maxAccount || f.Source >= maxSource {
			return nil
		}
		return c.row(ctx, `INSERT INTO login_attempts (account, source, success, at) VALUES (?, ?, ?, ?) RETURNING id`,
			a.Account, a.Source, false, a.At).Scan(&id)
	})
	if err != nil {
		return LoginFailures{}, 0, fmt.Errorf("store: begin login: %w", err)
	}
	return f, id, nil
}

func (d *DB) SucceedLogin(ctx context.Context, id int64) error {
	err := d.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE login_attempts SET success = ? WHERE id = ?`, true, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("login attempt", id)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: succeed login: %w", err)
	}
	return nil
}

// countFailures counts failures since the given time: for the account only
// those after its latest success (rows are kept for review, so a success
// resets the count by being newer, not by deleting), for the source all.
// Attempts are ordered by id, which also orders attempts made within the
// same microsecond.
func countFailures(ctx context.Context, c conn, account, source string, since time.Time) (LoginFailures, error) {
	var f LoginFailures
	var lastA, lastS sql.NullTime
	var after int64
	since = since.UTC()
	err := c.row(ctx, `SELECT COALESCE(max(id), 0) FROM login_attempts WHERE account = ? AND success = ?`, account, true).Scan(&after)
	// max() loses the column type in SQLite, so the newest failure is
	// fetched with ORDER BY instead.
	if err == nil {
		err = c.row(ctx, `SELECT count(*) FROM login_attempts WHERE account = ? AND success = ? AND at > ? AND id > ?`, account, false, since, after).Scan(&f.Account)
	}
	if err == nil && f.Account > 0 {
		err = c.row(ctx, `SELECT at FROM login_attempts WHERE account = ? AND success = ? AND id > ? ORDER BY at DESC LIMIT 1`, account, false, after).Scan(&lastA)
	}
	if err == nil {
		err = c.row(ctx, `SELECT count(*) FROM login_attempts WHERE source = ? AND success = ? AND at > ?`, source, false, since).Scan(&f.Source)
	}
	if err == nil && f.Source > 0 {
		err = c.row(ctx, `SELECT at FROM login_attempts WHERE source = ? AND success = ? ORDER BY at DESC LIMIT 1`, source, false).Scan(&lastS)
	}
	if err != nil {
		return LoginFailures{}, err
	}
	f.LastAccount, f.LastSource = timeOf(lastA), timeOf(lastS)
	return f, nil
}

func (d *DB) ClearLoginFailures(ctx context.Context, by Actor, account string) error {
	err := d.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `DELETE FROM login_attempts WHERE account = ? AND success = ?`, account, false)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		return c.audit(ctx, by, d.stamp(), "login.unlock", "account", account, fmt.Sprintf("%d failures cleared", n))
	})
	if err != nil {
		return fmt.Errorf("store: clear login failures: %w", err)
	}
	return nil
}

func (d *DB) PruneLogins(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := d.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `DELETE FROM login_attempts WHERE at < ?`, before.UTC())
		if err == nil {
			n, _ = res.RowsAffected()
		}
		return err
	})
	return n, err
}
