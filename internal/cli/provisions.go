package cli

import (
	"context"
	"errors"
	"io"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/markets"
	"github.com/bydesign-iot/bydesign/internal/render"
)

type provisionsOptions struct {
	common
	document string
	practice string
}

func runProvisions(ctx context.Context, env *Env, args []string) error {
	var o provisionsOptions
	fs := newFlags("provisions", &o.common, render.Formats)
	fs.StringVar(&o.document, "document", "", "list the provisions of this document, in its order")
	fs.StringVar(&o.practice, "practice", "", "list every provision, in every regime, that maps to this practice")
	pos, err := parse(fs, args, env.Stdout)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("provisions: unexpected argument %q", pos[0])
	}
	if (o.document == "") == (o.practice == "") {
		return usagef("provisions: give exactly one of --document ID or --practice ID")
	}
	f, c, err := o.open(render.Formats)
	if err != nil {
		return err
	}
	return provisions(env.Stdout, f, c, o)
}

func provisions(w io.Writer, f render.Format, c *catalog.Catalog, o provisionsOptions) error {
	if o.document != "" {
		ps, err := markets.ByDocument(c, o.document)
		if err != nil {
			return notFound(err)
		}
		return render.Write(w, f, render.List[markets.Provision]{Items: ps, View: func(ps []markets.Provision) render.Grid {
			g := markets.ProvisionGrid(ps)
			g.Title = "Provisions of " + o.document
			if len(ps) == 0 {
				g.Notes = append(g.Notes, "no provision-level data for this document yet")
			}
			return g
		}})
	}
	ps, err := markets.ByPractice(c, o.practice)
	if err != nil {
		return notFound(err)
	}
	return render.Write(w, f, render.List[markets.PracticeProvision]{Items: ps, View: func(ps []markets.PracticeProvision) render.Grid {
		g := markets.PracticeGrid(ps)
		g.Title = "Provisions bearing on " + o.practice
		if whole := markets.WholeDocuments(c, o.practice); len(whole) > 0 {
			g.Notes = append(g.Notes, "also mapped as whole documents, without provision-level data: "+choices(whole))
		}
		return g
	}})
}

// notFound turns an unknown id, or a document without provisions, from the
// markets queries into a usage error (exit 2) that names the value and the
// valid choices.
func notFound(err error) error {
	var nf *markets.NotFoundError
	if errors.As(err, &nf) {
		return usagef("%v", nf)
	}
	var np *markets.NoProvisionsError
	if errors.As(err, &np) {
		return usagef("%v", np)
	}
	return err
}
