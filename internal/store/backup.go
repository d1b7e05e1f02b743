package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"modernc.org/sqlite"
)

// BackupInfo describes a verified SQLite backup or database file.
type BackupInfo struct {
	Path          string `json:"path"`
	Bytes         int64  `json:"bytes"`
	SchemaVersion int    `json:"schema_version"`
	Users         int    `json:"users"`
	Products      int    `json:"products"`
	AuditEntries  int    `json:"audit_entries"`
}

// ErrPostgresBackup: backup and restore of PostgreSQL are left to
// pg_dump and pg_restore, which the operations guide describes.
var ErrPostgresBackup = errors.New("store: PostgreSQL backups use pg_dump and pg_restore")

func sqliteURI(path string, params string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + params
}

// BackupSQLite writes a consistent, compacted copy of the SQLite database
// at src to out with VACUUM INTO. Servers may keep reading and writing
// meanwhile: the copy is one read transaction's snapshot, WAL contents
// included. out must not exist; the copy is written beside it, checked,
// and renamed into place, owner-readable only.
func BackupSQLite(ctx context.Context, src, out string) (BackupInfo, error) {
	if IsPostgres(src) {
		return BackupInfo{}, ErrPostgresBackup
	}
	if _, err := os.Stat(src); err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup source: %w", err)
	}
	if _, err := os.Lstat(out); err == nil {
		return BackupInfo{}, fmt.Errorf("store: backup target %s exists; choose a new file", out)
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".partial-*")
	if err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup target: %w", err)
	}
	tmp.Close() // VACUUM INTO accepts an empty existing file; this one is 0600
	defer os.Remove(tmp.Name())

	db, err := sql.Open("sqlite", sqliteURI(src, "_busy_timeout=10000&_time_format=sqlite&_timezone=UTC"))
	if err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, tmp.Name()); err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	info, err := VerifySQLite(ctx, tmp.Name())
	if err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup came out unreadable: %w", err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	info.Path = out
	return info, nil
}

// VerifySQLite opens a SQLite file read-only and checks that it is intact
// (PRAGMA integrity_check) and holds a bydesign schema this binary knows.
func VerifySQLite(ctx context.Context, path string) (BackupInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("store: %w", err)
	}
	db, err := sql.Open("sqlite", sqliteURI(path, "mode=ro&_time_format=sqlite&_timezone=UTC"))
	if err != nil {
		return BackupInfo{}, fmt.Errorf("store: verify: %w", err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil {
		return BackupInfo{}, fmt.Errorf("store: verify %s: not a SQLite database: %w", path, err)
	}
	if check != "ok" {
		return BackupInfo{}, fmt.Errorf("store: verify %s: integrity check: %s", path, check)
	}
	info := BackupInfo{Path: path, Bytes: st.Size()}
	var v sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil {
		return BackupInfo{}, fmt.Errorf("store: verify %s: no bydesign schema: %w", path, err)
	}
	info.SchemaVersion = int(v.Int64)
	if latest := latestVersion("sqlite"); info.SchemaVersion < 1 || info.SchemaVersion > latest {
		return BackupInfo{}, fmt.Errorf("store: verify %s: schema version %d, this binary knows 1 to %d", path, info.SchemaVersion, latest)
	}
	for _, c := range []struct {
		table string
		n     *int
	}{{"users", &info.Users}, {"products", &info.Products}, {"audit_log", &info.AuditEntries}} {
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+c.table).Scan(c.n); err != nil {
			return BackupInfo{}, fmt.Errorf("store: verify %s: table %s: %w", path, c.table, err)
		}
	}
	return info, nil
}

// backuper is the modernc connection's backup API.
type backuper interface {
	NewRestore(srcURI string) (*sqlite.Backup, error)
}

// RestoreSQLite verifies the backup at from and copies it over the
// database at dst (created if missing) with SQLite's online backup API, so
// the copy goes through SQLite's locks and the WAL instead of replacing
// the file under a process that has it open. Stop servers first anyway:
// they would otherwise keep serving sessions that the restore removed.
func RestoreSQLite(ctx context.Context, from, dst string) (BackupInfo, error) {
	if IsPostgres(dst) {
		return BackupInfo{}, ErrPostgresBackup
	}
	if _, err := VerifySQLite(ctx, from); err != nil {
		return BackupInfo{}, err
	}
	d, err := openSQLite(dst) // creates the file 0600 if missing, WAL mode
	if err != nil {
		return BackupInfo{}, err
	}
	defer d.Close()
	c, err := d.w.Conn(ctx)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("store: restore: %w", err)
	}
	err = c.Raw(func(raw any) error {
		b, ok := raw.(backuper)
		if !ok {
			return errors.New("driver has no backup API")
		}
		bk, err := b.NewRestore(sqliteURI(from, "mode=ro"))
		if err != nil {
			return err
		}
		for {
			more, err := bk.Step(1024)
			if err != nil {
				bk.Finish()
				return err
			}
			if !more {
				return bk.Finish()
			}
		}
	})
	c.Close() // back to the one-connection pool, which migrate needs
	if err != nil {
		return BackupInfo{}, fmt.Errorf("store: restore: %w", err)
	}
	// Bring the restored schema up to this binary's version.
	if err := d.migrate(ctx); err != nil {
		return BackupInfo{}, err
	}
	d.Close()
	return VerifySQLite(ctx, dst)
}
