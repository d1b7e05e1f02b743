package cli

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/bydesign-iot/bydesign/internal/render"
	"github.com/bydesign-iot/bydesign/internal/store"
)

type restoreOptions struct {
	format string
	db     string
	from   string
	force  bool
}

// runRestore replaces a SQLite database with a verified backup. An
// existing database is only replaced with --force, and is first saved
// beside itself so a mistaken restore can be undone.
func runRestore(ctx context.Context, env *Env, args []string) error {
	var o restoreOptions
	fs := newFlags("restore", nil, nil)
	fs.StringVar(&o.format, "format", "table", "output format: table, json")
	fs.StringVar(&o.db, "db", defaultDB(), "SQLite database file to restore into, or postgres:// URL (env BYDESIGN_DB)")
	fs.StringVar(&o.from, "from", "", "backup file written by 'bydesign backup'")
	fs.BoolVar(&o.force, "force", false, "replace an existing database (it is saved first as DB.before-restore-TIME)")
	pos, err := parse(fs, args, env.Stdout)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("restore: unexpected argument %q", pos[0])
	}
	f, err := render.ParseFormat(o.format, backupFormats)
	if err != nil {
		return usagef("restore: %v", err)
	}
	if store.IsPostgres(o.db) {
		pgGuidance(env.Stderr, o.db, o.from)
		return usagef("restore: bydesign does not restore PostgreSQL itself; use pg_restore as shown above")
	}
	if o.from == "" {
		return usagef("restore: --from FILE is required")
	}
	if _, err := store.VerifySQLite(ctx, o.from); err != nil {
		return usagef("restore: %v", err)
	}
	if _, err := os.Stat(o.db); err == nil {
		if !o.force {
			return usagef("restore: %s exists; stop every server using it and pass --force to replace it", o.db)
		}
		saved := o.db + ".before-restore-" + time.Now().UTC().Format("20060102T150405Z")
		if _, err := store.BackupSQLite(ctx, o.db, saved); err != nil {
			return fmt.Errorf("restore: saving the current database first: %w", err)
		}
		fmt.Fprintf(env.Stderr, "bydesign: saved the current database as %s\n", saved)
	}
	info, err := store.RestoreSQLite(ctx, o.from, o.db)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	return render.Write(env.Stdout, f, backupResult{"database restored", info})
}
