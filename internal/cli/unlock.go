package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/auth"
	"github.com/bydesign-iot/bydesign/internal/store"
)

// runUnlock lifts a login lockout from the machine that holds the
// database. Lockouts count failures per account, so anyone can keep an
// administrator locked out by guessing; when no other administrator is
// left to unlock from the web, this is the way back. It needs access to
// the database, not an account, and the audit log records it.
func runUnlock(ctx context.Context, env *Env, args []string) error {
	fs := newFlags("unlock", nil, nil)
	db := fs.String("db", defaultDB(), "SQLite database file or postgres:// URL (env BYDESIGN_DB)")
	pos, err := parse(fs, args, env.Stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("unlock: give one username, e.g. bydesign unlock admin")
	}
	name, err := auth.NormalizeUsername(pos[0])
	if err != nil {
		return usagef("unlock: %v", err)
	}
	// Opening creates a missing SQLite file; a mistyped --db would leave an
	// empty database behind and report no such account.
	if !store.IsPostgres(*db) {
		if _, err := os.Stat(strings.TrimPrefix(*db, "file:")); err != nil {
			return usagef("unlock: --db %s: %v", *db, err)
		}
	}
	st, err := store.Open(ctx, *db)
	if errors.Is(err, store.ErrInvalid) {
		return usagef("unlock: --db: %v", err)
	}
	if err != nil {
		return fmt.Errorf("unlock: %w", err)
	}
	defer st.Close()
	if _, err := st.UserByName(ctx, name); errors.Is(err, store.ErrNotFound) {
		return usagef("unlock: no account %q in this database", name)
	} else if err != nil {
		return fmt.Errorf("unlock: %w", err)
	}
	svc, err := auth.New(st, auth.Options{})
	if err != nil {
		return err
	}
	if err := svc.Unlock(ctx, store.Actor{Name: "unlock command", Source: "local"}, name); err != nil {
		return fmt.Errorf("unlock: %w", err)
	}
	fmt.Fprintf(env.Stdout, "unlock: failed logins of %q cleared; the account can sign in again\n", name)
	return nil
}
