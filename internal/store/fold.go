package store

import (
	"context"
	"fmt"
	"strings"
)

// fold is the case folding product search uses on both databases. It is
// done here, not in SQL, because SQLite's lower() changes only ASCII
// letters while PostgreSQL's follows the database's locale; folding in Go
// makes "Öko" find "ÖKO" and "öko" the same way on both.
func fold(s string) string { return strings.ToLower(s) }

// backfillFolds fills the folded name columns of products stored before
// they existed. It runs at open, after the migrations; rows written since
// carry them already, so this is a no-op on every later start.
func (d *DB) backfillFolds(ctx context.Context) error {
	err := d.tx(ctx, func(c conn) error {
		rows, err := c.query(ctx, `SELECT id, manufacturer, model FROM products WHERE manufacturer_fold IS NULL OR model_fold IS NULL`)
		if err != nil {
			return err
		}
		type name struct {
			id                  int64
			manufacturer, model string
		}
		var todo []name
		for rows.Next() {
			var n name
			if err := rows.Scan(&n.id, &n.manufacturer, &n.model); err != nil {
				rows.Close()
				return err
			}
			todo = append(todo, n)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, n := range todo {
			if _, err := c.exec(ctx, `UPDATE products SET manufacturer_fold = ?, model_fold = ? WHERE id = ?`,
				fold(n.manufacturer), fold(n.model), n.id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: fill product search columns: %w", err)
	}
	return nil
}
