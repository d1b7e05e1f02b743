package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/analysis"
	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/chart"
)

type chartOptions struct {
	common
	out, grouping, by, evidence string
}

var chartKinds = []string{"regions", "heatmap"}

func runChart(ctx context.Context, env *Env, args []string) error {
	var o chartOptions
	fs := newFlags("chart", nil, nil)
	fs.StringVar(&o.dataset, "dataset", "", "dataset directory (default: the built-in dataset)")
	fs.StringVar(&o.out, "out", "", "write the SVG to this file (default: standard output)")
	fs.StringVar(&o.grouping, "grouping", "report", "regions chart grouping: report, m49, m49-subregion")
	fs.StringVar(&o.by, "by", "jurisdiction", "heat map columns: jurisdiction, document, region, m49, subregion, category")
	evidenceFlag(fs, &o.evidence)
	pos, err := parse(fs, args, env.Stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("chart: name one chart (valid: %s)", strings.Join(chartKinds, ", "))
	}
	c, err := o.load()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := drawChart(&buf, c, pos[0], o); err != nil {
		return err
	}
	if o.out == "" {
		_, err = env.Stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(o.out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	fmt.Fprintf(env.Stderr, "wrote %s\n", o.out)
	return nil
}

func drawChart(buf *bytes.Buffer, c *catalog.Catalog, kind string, o chartOptions) error {
	switch kind {
	case "regions":
		if err := chart.RegionChart(buf, c, o.grouping, true); err != nil {
			return usagef("chart: --grouping: %v", err)
		}
		return nil
	case "heatmap":
		by, err := analysis.ParseAxis(o.by, analysis.ColumnAxes)
		if err != nil {
			return usagef("chart: --by: %v", err)
		}
		ev, err := parseEvidence(o.evidence)
		if err != nil {
			return err
		}
		m := analysis.ComputeMatrix(c, analysis.ByPractice, by, ev)
		return chart.HeatMap(buf, "Coverage of practices by "+string(by), m)
	}
	return usagef("chart: unknown chart %q (valid: %s)", kind, strings.Join(chartKinds, ", "))
}
