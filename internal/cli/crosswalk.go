package cli

import (
	"context"
	"io"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/markets"
	"github.com/bydesign-iot/bydesign/internal/render"
)

type crosswalkOptions struct {
	common
	a, b   string // document or profile ids, optionally "doc:" or "profile:" qualified
	direct bool   // leave out links inferred from shared practices
}

func runCrosswalk(ctx context.Context, env *Env, args []string) error {
	var o crosswalkOptions
	fs := newFlags("crosswalk", &o.common, render.Formats)
	fs.BoolVar(&o.direct, "direct", false, "only links recorded in the dataset (same provision, mapping, deemed-compliance route), none inferred from shared practices")
	pos, err := parse(fs, args, env.Stdout)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("crosswalk: give two document or profile ids, A and B (doc:ID or profile:ID to choose when an id is both)")
	}
	o.a, o.b = pos[0], pos[1]
	if o.a == o.b {
		return usagef("crosswalk: A and B are both %q; give two different regimes", o.a)
	}
	f, c, err := o.open(render.Formats)
	if err != nil {
		return err
	}
	return crosswalk(env.Stdout, f, c, o)
}

func crosswalk(w io.Writer, f render.Format, c *catalog.Catalog, o crosswalkOptions) error {
	x, err := markets.CompareWith(c, o.a, o.b, markets.Options{DirectOnly: o.direct})
	if err != nil {
		return notFound(err)
	}
	return render.Write(w, f, x)
}
