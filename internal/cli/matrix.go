package cli

import (
	"context"

	"github.com/bydesign-iot/bydesign/internal/analysis"
	"github.com/bydesign-iot/bydesign/internal/render"
)

type matrixOptions struct {
	common
	by, rows, evidence string
}

func runMatrix(ctx context.Context, env *Env, args []string) error {
	var o matrixOptions
	fs := newFlags("matrix", &o.common, render.Formats)
	fs.StringVar(&o.by, "by", "jurisdiction", "columns: jurisdiction, document, region, m49, subregion, category")
	fs.StringVar(&o.rows, "rows", "practice", "rows: practice, category")
	evidenceFlag(fs, &o.evidence)
	pos, err := parse(fs, args, env.Stdout)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("matrix: unexpected argument %q", pos[0])
	}
	by, err := analysis.ParseAxis(o.by, analysis.ColumnAxes)
	if err != nil {
		return usagef("matrix: --by: %v", err)
	}
	rows, err := analysis.ParseAxis(o.rows, analysis.RowAxes)
	if err != nil {
		return usagef("matrix: --rows: %v", err)
	}
	ev, err := parseEvidence(o.evidence)
	if err != nil {
		return err
	}
	f, c, err := o.open(render.Formats)
	if err != nil {
		return err
	}
	return render.Write(env.Stdout, f, analysis.ComputeMatrix(c, rows, by, ev))
}
