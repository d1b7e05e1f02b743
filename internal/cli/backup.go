package cli

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/config"
	"github.com/bydesign-iot/bydesign/internal/render"
	"github.com/bydesign-iot/bydesign/internal/store"
)

type backupOptions struct {
	format string
	db     string
	out    string
}

// defaultDB is the database the server uses without --db: BYDESIGN_DB, or
// bydesign.db in the working directory.
func defaultDB() string {
	if v := os.Getenv(config.EnvName("db")); v != "" {
		return v
	}
	return "bydesign.db"
}

var backupFormats = []render.Format{render.Table, render.JSON}

// runBackup copies a live SQLite database to a new file while servers keep
// running; for PostgreSQL it prints how to use pg_dump instead.
func runBackup(ctx context.Context, env *Env, args []string) error {
	var o backupOptions
	fs := newFlags("backup", nil, nil)
	fs.StringVar(&o.format, "format", "table", "output format: table, json")
	fs.StringVar(&o.db, "db", defaultDB(), "SQLite database file or postgres:// URL (env BYDESIGN_DB)")
	fs.StringVar(&o.out, "out", "", "backup file to create (must not exist)")
	pos, err := parse(fs, args, env.Stdout)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("backup: unexpected argument %q", pos[0])
	}
	f, err := render.ParseFormat(o.format, backupFormats)
	if err != nil {
		return usagef("backup: %v", err)
	}
	if store.IsPostgres(o.db) {
		pgGuidance(env.Stderr, o.db, o.out)
		return usagef("backup: bydesign does not copy PostgreSQL itself; use pg_dump as shown above (nothing was written)")
	}
	if o.out == "" {
		return usagef("backup: --out FILE is required")
	}
	if _, err := os.Stat(o.db); err != nil {
		return usagef("backup: database %s: %v", o.db, err)
	}
	if _, err := os.Lstat(o.out); err == nil {
		return usagef("backup: %s exists; choose a new file", o.out)
	}
	info, err := store.BackupSQLite(ctx, o.db, o.out)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return render.Write(env.Stdout, f, backupResult{"backup written", info})
}

// pgGuidance prints, on stderr, pg_dump and pg_restore commands for the database,
// with any password left out of the URL.
func pgGuidance(w io.Writer, dsn, out string) {
	dsn = guidanceURL(dsn)
	if out == "" {
		out = "bydesign.dump"
	}
	fmt.Fprintf(w, `PostgreSQL databases are backed up with PostgreSQL's own tools, which give
consistent online dumps while servers keep running:

  pg_dump --format=custom --file=%[1]s '%[2]s'

Restore into an empty database (stop the servers first), then start bydesign,
which applies any newer migrations:

  pg_restore --clean --if-exists --no-owner --dbname='%[2]s' %[1]s

Pass the password through a ~/.pgpass file or PGPASSFILE, not on the command line.
For point-in-time recovery use WAL archiving; see docs/operations.md.
`, out, dsn)
}

// guidanceURL is dsn fit to print: without a password in the user info
// or in any password query parameter, and passed through RedactURL as
// well; the fragment is dropped. A value that does not parse as a URL, or
// still mentions a password somewhere else, is not printed at all.
func guidanceURL(dsn string) string {
	const placeholder = "postgres://USER@HOST:5432/DBNAME"
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme == "" || u.Opaque != "" {
		return placeholder
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	for k := range q {
		if strings.EqualFold(k, "password") {
			q.Del(k)
		}
	}
	u.RawQuery = q.Encode()
	u.Fragment, u.RawFragment = "", ""
	out := config.RedactURL(u.String())
	if strings.Contains(strings.ToLower(out), "password") {
		return placeholder // somewhere unexpected, so print none of it
	}
	return out
}

// backupResult is what backup and restore print.
type backupResult struct {
	Status string `json:"status"`
	store.BackupInfo
}

func (r backupResult) Grid() render.Grid {
	return render.Grid{
		Title:   r.Status,
		Columns: []string{"file", "bytes", "schema", "users", "products", "audit entries"},
		Rows: [][]string{{r.Path, strconv.FormatInt(r.Bytes, 10), strconv.Itoa(r.SchemaVersion),
			strconv.Itoa(r.Users), strconv.Itoa(r.Products), strconv.Itoa(r.AuditEntries)}},
	}
}
