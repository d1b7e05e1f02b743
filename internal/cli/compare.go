package cli

import (
	"context"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/analysis"
	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/render"
)

type compareOptions struct {
	common
	evidence string
}

func runCompare(ctx context.Context, env *Env, args []string) error {
	var o compareOptions
	fs := newFlags("compare", &o.common, render.Formats)
	evidenceFlag(fs, &o.evidence)
	ids, err := parse(fs, args, env.Stdout)
	if err != nil {
		return err
	}
	if len(ids) < 2 {
		return usagef("compare: name two or more jurisdictions, e.g. compare US GB")
	}
	ev, err := parseEvidence(o.evidence)
	if err != nil {
		return err
	}
	f, c, err := o.open(render.Formats)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for i, id := range ids {
		j, ok := c.Jurisdiction(id)
		if !ok {
			return usagef("compare: unknown jurisdiction %q (valid: %s)", id, strings.Join(catalog.IDs(c.Jurisdictions, func(j *catalog.Jurisdiction) string { return j.ID }), ", "))
		}
		if seen[j.ID] {
			return usagef("compare: jurisdiction %q named twice", id)
		}
		seen[j.ID] = true
		ids[i] = j.ID
	}
	return render.Write(env.Stdout, f, analysis.Compare(c, ids, ev))
}
