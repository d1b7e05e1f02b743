package cli

import (
	"context"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/analysis"
	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/render"
)

type reportOptions struct {
	common
	artefact string
}

var reportArtefacts = []string{"annex1", "annex2", "regions", "consistency", "questions", "recommendations", "claims"}

func runReport(ctx context.Context, env *Env, args []string) error {
	var o reportOptions
	fs := newFlags("report", &o.common, render.Formats)
	pos, err := parse(fs, args, env.Stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("report: name one artefact (valid: %s)", strings.Join(reportArtefacts, ", "))
	}
	o.artefact = pos[0]
	f, c, err := o.open(render.Formats)
	if err != nil {
		return err
	}
	t, err := report(c, o.artefact)
	if err != nil {
		return err
	}
	return render.Write(env.Stdout, f, t)
}

// report selects an artefact; it is shared with the server.
func report(c *catalog.Catalog, name string) (render.Tabular, error) {
	switch name {
	case "annex1":
		return analysis.Annex1(c), nil
	case "annex2":
		return analysis.Annex2(c), nil
	case "regions":
		return analysis.Regions(c, true), nil
	case "consistency":
		return analysis.Consistency(c), nil
	case "questions":
		return analysis.Questions(c), nil
	case "recommendations":
		return analysis.Recommendations(c), nil
	case "claims":
		return analysis.Claims(c), nil
	}
	return nil, usagef("report: unknown artefact %q (valid: %s)", name, strings.Join(reportArtefacts, ", "))
}
