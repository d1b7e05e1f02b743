package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
)

// rebind turns the ? placeholders the queries are written with into $n for
// PostgreSQL. Queries never contain a literal question mark.
func (d *DB) rebind(q string) string {
	if d.dialect != "postgres" || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for _, c := range q {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// conn runs rebound queries on a pool or transaction.
type conn struct {
	d *DB
	q querier
}

func (c conn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := storableText(args); err != nil {
		return nil, err
	}
	return c.q.ExecContext(ctx, c.d.rebind(query), args...)
}

// storableText refuses text PostgreSQL cannot take (NUL, invalid UTF-8)
// on both dialects, so what SQLite would keep and PostgreSQL would fail on
// with an internal error is the same clear ErrInvalid on either, for
// writes and lookups alike. Callers validate their fields first; this is
// the floor.
func storableText(args []any) error {
	for i, a := range args {
		s, ok := a.(string)
		if ok && (strings.IndexByte(s, 0) >= 0 || !utf8.ValidString(s)) {
			return fmt.Errorf("store: value %d: %w: text with NUL or invalid UTF-8", i+1, ErrInvalid)
		}
	}
	return nil
}

func (c conn) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := storableText(args); err != nil {
		return nil, err
	}
	return c.q.QueryContext(ctx, c.d.rebind(query), args...)
}

// row returns the one-row result as a scanner, so a refused argument can
// surface as the Scan error, where callers already look.
func (c conn) row(ctx context.Context, query string, args ...any) scanner {
	if err := storableText(args); err != nil {
		return errRow{err}
	}
	return c.q.QueryRowContext(ctx, c.d.rebind(query), args...)
}

type scanner interface{ Scan(dest ...any) error }

type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// read is the read pool.
func (d *DB) read() conn { return conn{d, d.r} }

// tx runs fn in one write transaction, committing if it returns nil.
func (d *DB) tx(ctx context.Context, fn func(c conn) error) error {
	t, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return d.mapErr(err)
	}
	if err := fn(conn{d, t}); err != nil {
		t.Rollback()
		return d.mapErr(err)
	}
	return d.mapErr(t.Commit())
}

// audit appends an audit entry inside the write's transaction.
func (c conn) audit(ctx context.Context, by Actor, at time.Time, action, targetType string, targetID any, detail string) error {
	_, err := c.exec(ctx, `INSERT INTO audit_log (at, actor_id, actor_name, request_id, source, action, target_type, target_id, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		at, nullID(by.UserID), by.Name, by.RequestID, by.Source, action, targetType, fmt.Sprint(targetID), detail)
	if err != nil {
		return fmt.Errorf("store: audit %s: %w", action, err)
	}
	return nil
}

// mapErr turns driver constraint errors into the sentinels, keeping the
// driver error in the chain for logs.
func (d *DB) mapErr(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case 2067, 1555: // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
			return fmt.Errorf("%w: %w", ErrConflict, err)
		case 787: // SQLITE_CONSTRAINT_FOREIGNKEY
			return fmt.Errorf("%w: referenced row: %w", ErrNotFound, err)
		case 275, 1299: // SQLITE_CONSTRAINT_CHECK, _NOTNULL
			return fmt.Errorf("%w: %w", ErrInvalid, err)
		}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505":
			return fmt.Errorf("%w: %w", ErrConflict, err)
		case "23503":
			return fmt.Errorf("%w: referenced row: %w", ErrNotFound, err)
		case "23514", "23502", "22P02":
			return fmt.Errorf("%w: %w", ErrInvalid, err)
		}
	}
	return err
}

func invalidf(format string, args ...any) error {
	return &ValidationError{Msg: fmt.Sprintf(format, args...)}
}

func notFound(what string, id any) error {
	return fmt.Errorf("store: %s %v: %w", what, id, ErrNotFound)
}

// nullID stores 0 as NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func timeOf(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// jsonText checks raw is JSON and returns it as text for the column.
func jsonText(field string, raw json.RawMessage, required bool) (any, error) {
	if len(raw) == 0 {
		if required {
			return nil, invalidf("%s: JSON value required", field)
		}
		return nil, nil
	}
	if !json.Valid(raw) {
		return nil, invalidf("%s: not valid JSON", field)
	}
	return string(raw), nil
}

// stringList stores a list of strings as a JSON array.
func stringList(field string, l []string, required bool) (string, error) {
	if l == nil {
		l = []string{}
	}
	if required && len(l) == 0 {
		return "", invalidf("%s: at least one value required", field)
	}
	for i, s := range l {
		if strings.TrimSpace(s) == "" {
			return "", invalidf("%s[%d]: empty value", field, i)
		}
	}
	b, err := json.Marshal(l)
	return string(b), err
}

func parseList(field, s string) ([]string, error) {
	var l []string
	if err := json.Unmarshal([]byte(s), &l); err != nil {
		return nil, fmt.Errorf("store: column %s: %w", field, err)
	}
	return l, nil
}

// page resolves a Page into a limit and the id to continue below (0: from
// the top). Cursors are the last id of the previous page.
func page(p Page) (int, int64, error) {
	limit := p.Limit
	switch {
	case limit <= 0:
		limit = DefaultLimit
	case limit > MaxLimit:
		limit = MaxLimit
	}
	if p.Cursor == "" {
		return limit, 0, nil
	}
	id, err := strconv.ParseInt(p.Cursor, 10, 64)
	if err != nil || id <= 0 {
		return 0, 0, invalidf("page cursor %q", p.Cursor)
	}
	return limit, id, nil
}

// finish trims the extra row fetched to detect a next page.
func finish[T any](items []T, limit int, id func(T) int64) List[T] {
	if items == nil {
		items = []T{}
	}
	if len(items) <= limit {
		return List[T]{Items: items}
	}
	items = items[:limit]
	return List[T]{Items: items, Next: strconv.FormatInt(id(items[limit-1]), 10)}
}

// where builds a conjunction of conditions with their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}
