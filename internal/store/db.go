package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	"modernc.org/sqlite"               // registers "sqlite"
)

// DB is the Store over database/sql. For SQLite it keeps two pools: one
// connection for writes (SQLite allows one writer; queuing in Go avoids
// SQLITE_BUSY inside the process) and several read-only connections, which
// WAL lets run beside the writer. For PostgreSQL both are the same pool.
type DB struct {
	dialect string // "sqlite" or "postgres"
	w, r    *sql.DB
	now     func() time.Time
}

var _ Store = (*DB)(nil)

// IsPostgres reports whether a --db value names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to the database named by dsn, a postgres:// URL or a SQLite
// file path, and applies pending migrations. A missing SQLite file is
// created readable by the owner only; its directory must exist.
func Open(ctx context.Context, dsn string) (*DB, error) {
	var d *DB
	var err error
	if IsPostgres(dsn) {
		d, err = openPostgres(dsn)
	} else {
		d, err = openSQLite(dsn)
	}
	if err != nil {
		return nil, err
	}
	if err := d.startup(ctx); err != nil {
		d.Close()
		return nil, err
	}
	if err := d.backfillFolds(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

func openPostgres(dsn string) (*DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return &DB{dialect: "postgres", w: db, r: db, now: time.Now}, nil
}

// sqliteParams are the connection settings every SQLite connection gets:
// WAL so readers never block the writer, NORMAL sync (durable against a
// process crash; WAL keeps the file consistent on power loss), a busy
// timeout for other processes (backup), immediate write transactions so a
// transaction never has to upgrade its lock, foreign keys, and UTC times.
const sqliteParams = "_journal_mode=WAL&_synchronous=NORMAL&_busy_timeout=10000&_foreign_keys=1&_txlock=immediate&_time_format=sqlite&_timezone=UTC"

func openSQLite(path string) (*DB, error) {
	if i := strings.Index(path, "://"); i > 0 {
		return nil, fmt.Errorf("store: database %q: %w: the scheme %q is not supported; give postgres://... or a SQLite file path", path[:i+3]+"...", ErrInvalid, path[:i])
	}
	path = strings.TrimPrefix(path, "file:")
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("store: sqlite path %q: %w: give a plain file path", path, ErrInvalid)
	}
	// A missing directory is more often a typo than a wish: say so rather
	// than create a tree somewhere unexpected.
	switch st, err := os.Stat(filepath.Dir(path)); {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("store: sqlite path %q: %w: directory %q does not exist; create it first", path, ErrInvalid, filepath.Dir(path))
	case err != nil:
		return nil, fmt.Errorf("store: sqlite path %q: %w: %v", path, ErrInvalid, err)
	case !st.IsDir():
		return nil, fmt.Errorf("store: sqlite path %q: %w: %q is not a directory", path, ErrInvalid, filepath.Dir(path))
	}
	// Create the file with owner-only permissions before the driver does.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite file: %w", err)
	}
	f.Close()
	u := "file:" + (&url.URL{Path: path}).EscapedPath()
	w, err := sql.Open("sqlite", u+"?"+sqliteParams)
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	r, err := sql.Open("sqlite", u+"?"+sqliteParams+"&_query_only=1")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)
	return &DB{dialect: "sqlite", w: w, r: r, now: time.Now}, nil
}

// startup applies migrations. SQLite answers SQLITE_BUSY without waiting
// when peers open a fresh file together (the switch to WAL takes an
// exclusive lock outside the busy handler), so SQLite retries for a while.
func (d *DB) startup(ctx context.Context) error {
	deadline := time.Now().Add(15 * time.Second)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 250*time.Millisecond) {
		err := d.migrate(ctx)
		if err == nil || d.dialect != "sqlite" || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}

func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == 5 // SQLITE_BUSY and its extended codes
}

// Dialect is "sqlite" or "postgres".
func (d *DB) Dialect() string { return d.dialect }

// Close closes both pools.
func (d *DB) Close() error {
	err := d.w.Close()
	if d.r != d.w {
		err = errors.Join(err, d.r.Close())
	}
	return err
}

// Ready checks the database answers and the schema is current.
func (d *DB) Ready(ctx context.Context) error {
	if err := d.r.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	v, err := d.schemaVersion(ctx)
	if err != nil {
		return err
	}
	if want := latestVersion(d.dialect); v != want {
		return fmt.Errorf("store: schema version %d, want %d", v, want)
	}
	return nil
}

// stamp is the store's clock, truncated to microseconds because that is
// what PostgreSQL keeps, so both dialects return the same values.
func (d *DB) stamp() time.Time { return d.now().UTC().Truncate(time.Microsecond) }
