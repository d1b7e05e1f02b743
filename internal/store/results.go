package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Assessments and probe runs: append-only results tied to products.

const assessmentCols = `id, product_id, markets, verdict, result, created_by, created`

func scanAssessment(s interface{ Scan(...any) error }) (Assessment, error) {
	var a Assessment
	var markets, result string
	var by sql.NullInt64
	if err := s.Scan(&a.ID, &a.ProductID, &markets, &a.Verdict, &result, &by, &a.Created); err != nil {
		return Assessment{}, err
	}
	a.Result, a.CreatedBy, a.Created = []byte(result), by.Int64, a.Created.UTC()
	var err error
	a.Markets, err = parseList("markets", markets)
	return a, err
}

func (d *DB) CreateAssessment(ctx context.Context, by Actor, a Assessment) (Assessment, error) {
	if a.ProductID == 0 || strings.TrimSpace(a.Verdict) == "" {
		return Assessment{}, invalidf("assessment: product and verdict required")
	}
	markets, err := stringList("assessment markets", a.Markets, false)
	if err != nil {
		return Assessment{}, err
	}
	result, err := jsonText("assessment result", a.Result, true)
	if err != nil {
		return Assessment{}, err
	}
	err = d.tx(ctx, func(c conn) error {
		a.Created = d.stamp()
		if err := c.row(ctx, `INSERT INTO assessments (product_id, markets, verdict, result, created_by, created)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			a.ProductID, markets, a.Verdict, result, nullID(a.CreatedBy), a.Created).Scan(&a.ID); err != nil {
			return err
		}
		return c.audit(ctx, by, a.Created, "assessment.create", "assessment", a.ID, fmt.Sprintf("product %d, verdict %s", a.ProductID, a.Verdict))
	})
	if err != nil {
		return Assessment{}, fmt.Errorf("store: create assessment: %w", err)
	}
	if a.Markets == nil {
		a.Markets = []string{}
	}
	return a, nil
}

func (d *DB) Assessment(ctx context.Context, id int64) (Assessment, error) {
	a, err := scanAssessment(d.read().row(ctx, `SELECT `+assessmentCols+` FROM assessments WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Assessment{}, notFound("assessment", id)
	}
	return a, err
}

func (d *DB) ListAssessments(ctx context.Context, productID int64, p Page) (List[Assessment], error) {
	limit, after, err := page(p)
	if err != nil {
		return List[Assessment]{}, err
	}
	var w where
	if after > 0 {
		w.add("id < ?", after)
	}
	if productID != 0 {
		w.add("product_id = ?", productID)
	}
	rows, err := d.read().query(ctx, `SELECT `+assessmentCols+` FROM assessments`+w.sql()+` ORDER BY id DESC LIMIT ?`, append(w.args, limit+1)...)
	if err != nil {
		return List[Assessment]{}, fmt.Errorf("store: list assessments: %w", err)
	}
	items, err := collect(rows, scanAssessment)
	return finish(items, limit, func(a Assessment) int64 { return a.ID }), err
}

const probeCols = `id, product_id, targets, result, created_by, created`

func scanProbeRun(s interface{ Scan(...any) error }) (ProbeRun, error) {
	var r ProbeRun
	var targets, result string
	var product, by sql.NullInt64
	if err := s.Scan(&r.ID, &product, &targets, &result, &by, &r.Created); err != nil {
		return ProbeRun{}, err
	}
	r.ProductID, r.Result, r.CreatedBy, r.Created = product.Int64, []byte(result), by.Int64, r.Created.UTC()
	var err error
	r.Targets, err = parseList("targets", targets)
	return r, err
}

func (d *DB) CreateProbeRun(ctx context.Context, by Actor, r ProbeRun) (ProbeRun, error) {
	targets, err := stringList("probe run targets", r.Targets, true)
	if err != nil {
		return ProbeRun{}, err
	}
	result, err := jsonText("probe run result", r.Result, true)
	if err != nil {
		return ProbeRun{}, err
	}
	err = d.tx(ctx, func(c conn) error {
		r.Created = d.stamp()
		if err := c.row(ctx, `INSERT INTO probe_runs (product_id, targets, result, created_by, created)
			VALUES (?, ?, ?, ?, ?) RETURNING id`,
			nullID(r.ProductID), targets, result, nullID(r.CreatedBy), r.Created).Scan(&r.ID); err != nil {
			return err
		}
		return c.audit(ctx, by, r.Created, "probe_run.create", "probe_run", r.ID, fmt.Sprintf("%d targets", len(r.Targets)))
	})
	if err != nil {
		return ProbeRun{}, fmt.Errorf("store: create probe run: %w", err)
	}
	return r, nil
}

func (d *DB) ProbeRun(ctx context.Context, id int64) (ProbeRun, error) {
	r, err := scanProbeRun(d.read().row(ctx, `SELECT `+probeCols+` FROM probe_runs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return ProbeRun{}, notFound("probe run", id)
	}
	return r, err
}

func (d *DB) ListProbeRuns(ctx context.Context, productID int64, p Page) (List[ProbeRun], error) {
	limit, after, err := page(p)
	if err != nil {
		return List[ProbeRun]{}, err
	}
	var w where
	if after > 0 {
		w.add("id < ?", after)
	}
	if productID != 0 {
		w.add("product_id = ?", productID)
	}
	rows, err := d.read().query(ctx, `SELECT `+probeCols+` FROM probe_runs`+w.sql()+` ORDER BY id DESC LIMIT ?`, append(w.args, limit+1)...)
	if err != nil {
		return List[ProbeRun]{}, fmt.Errorf("store: list probe runs: %w", err)
	}
	items, err := collect(rows, scanProbeRun)
	return finish(items, limit, func(r ProbeRun) int64 { return r.ID }), err
}
