package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

const userCols = `id, username, role, password_hash, disabled, created, updated`

func scanUser(s interface{ Scan(...any) error }) (User, error) {
	var u User
	err := s.Scan(&u.ID, &u.Username, &u.Role, &u.PasswordHash, &u.Disabled, &u.Created, &u.Updated)
	u.Created, u.Updated = u.Created.UTC(), u.Updated.UTC()
	return u, err
}

func checkUser(u User) error {
	switch {
	case strings.TrimSpace(u.Username) == "":
		return invalidf("user: username required")
	case u.Role == "":
		return invalidf("user: role required")
	case u.PasswordHash == "":
		return invalidf("user: password hash required")
	}
	return nil
}

func (d *DB) CreateUser(ctx context.Context, by Actor, u User) (User, error) {
	if err := checkUser(u); err != nil {
		return User{}, err
	}
	err := d.tx(ctx, func(c conn) error {
		var err error
		u, err = c.insertUser(ctx, by, u, d.stamp())
		return err
	})
	if err != nil {
		return User{}, fmt.Errorf("store: create user: %w", err)
	}
	return u, nil
}

func (c conn) insertUser(ctx context.Context, by Actor, u User, now time.Time) (User, error) {
	u.Created, u.Updated = now, now
	err := c.row(ctx, `INSERT INTO users (username, role, password_hash, disabled, created, updated)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, u.Username, u.Role, u.PasswordHash, u.Disabled, now, now).Scan(&u.ID)
	if err != nil {
		return User{}, c.d.mapErr(err)
	}
	return u, c.audit(ctx, by, now, "user.create", "user", u.ID, "username "+u.Username+", role "+u.Role)
}

func (d *DB) User(ctx context.Context, id int64) (User, error) {
	u, err := scanUser(d.read().row(ctx, `SELECT `+userCols+` FROM users WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, notFound("user", id)
	}
	return u, err
}

func (d *DB) UserByName(ctx context.Context, username string) (User, error) {
	u, err := scanUser(d.read().row(ctx, `SELECT `+userCols+` FROM users WHERE lower(username) = lower(?)`, username))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, notFound("user", fmt.Sprintf("%q", username))
	}
	return u, err
}

func (d *DB) ListUsers(ctx context.Context, p Page) (List[User], error) {
	limit, after, err := page(p)
	if err != nil {
		return List[User]{}, err
	}
	var w where
	if after > 0 {
		w.add("id < ?", after)
	}
	rows, err := d.read().query(ctx, `SELECT `+userCols+` FROM users`+w.sql()+` ORDER BY id DESC LIMIT ?`, append(w.args, limit+1)...)
	if err != nil {
		return List[User]{}, fmt.Errorf("store: list users: %w", err)
	}
	items, err := collect(rows, scanUser)
	return finish(items, limit, func(u User) int64 { return u.ID }), err
}

func (d *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := d.read().row(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, err
}

func (d *DB) SetUserRole(ctx context.Context, by Actor, id int64, role string) error {
	if role == "" {
		return invalidf("user: role required")
	}
	return d.updateUser(ctx, by, id, "user.role", "role "+role, `UPDATE users SET role = ?, updated = ? WHERE id = ?`, role)
}

func (d *DB) SetUserPassword(ctx context.Context, by Actor, id int64, hash string) error {
	if hash == "" {
		return invalidf("user: password hash required")
	}
	return d.updateUser(ctx, by, id, "user.password", "password changed, sessions ended", `UPDATE users SET password_hash = ?, updated = ? WHERE id = ?`, hash)
}

func (d *DB) SetUserDisabled(ctx context.Context, by Actor, id int64, disabled bool) error {
	detail := "enabled"
	if disabled {
		detail = "disabled, sessions ended"
	}
	return d.updateUser(ctx, by, id, "user.disable", detail, `UPDATE users SET disabled = ?, updated = ? WHERE id = ?`, disabled)
}

// updateUser sets one column; password and disable changes also end the
// user's sessions in the same transaction.
func (d *DB) updateUser(ctx context.Context, by Actor, id int64, action, detail, query string, value any) error {
	err := d.tx(ctx, func(c conn) error {
		now := d.stamp()
		res, err := c.exec(ctx, query, value, now, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("user", id)
		}
		if action != "user.role" {
			if _, err := c.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
				return err
			}
		}
		return c.audit(ctx, by, now, action, "user", id, detail)
	})
	if err != nil {
		return fmt.Errorf("store: %s: %w", action, err)
	}
	return nil
}

// collect scans every row with scan.
func collect[T any](rows *sql.Rows, scan func(interface{ Scan(...any) error }) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
