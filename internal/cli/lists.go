package cli

import (
	"context"
	"strconv"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/analysis"
	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/render"
)

func runPractices(ctx context.Context, env *Env, args []string) error {
	return listCommand(env, "practices", args, func(c *catalog.Catalog) render.Tabular {
		return render.List[catalog.Practice]{Items: c.Practices, View: func(ps []catalog.Practice) render.Grid {
			g := render.Grid{Title: "Practices", Columns: []string{"id", "name", "categories", "documents"}}
			for i, p := range ps {
				g.Rows = append(g.Rows, []string{p.ID, p.Name, strings.Join(p.Categories, ", "), strconv.Itoa(len(c.PracticeDocs[i]))})
			}
			return g
		}}
	})
}

func runDocuments(ctx context.Context, env *Env, args []string) error {
	var o common
	var jur string
	fs := newFlags("documents", &o, render.Formats)
	fs.StringVar(&jur, "jurisdiction", "", "only documents of this jurisdiction (ISO code, EU or INT; see 'bydesign jurisdictions')")
	pos, err := parse(fs, args, env.Stdout)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("documents: unexpected argument %q", pos[0])
	}
	f, c, err := o.open(render.Formats)
	if err != nil {
		return err
	}
	ds := c.Documents
	if jur != "" {
		j, ok := c.Jurisdiction(jur)
		if !ok {
			return usagef("documents: unknown --jurisdiction %q (valid: %s)", jur, choices(catalog.IDs(c.Jurisdictions, func(j *catalog.Jurisdiction) string { return j.ID })))
		}
		ds = nil
		for _, d := range c.Documents {
			if d.Jurisdiction == j.ID {
				ds = append(ds, d)
			}
		}
	}
	return render.Write(env.Stdout, f, render.List[catalog.Document]{Items: ds, View: func(ds []catalog.Document) render.Grid {
		g := render.Grid{Title: "Documents", Columns: []string{"doc", "id", "jurisdiction", "kind", "force", "title"}}
		for _, d := range ds {
			g.Rows = append(g.Rows, []string{analysis.DocLabel(&d), d.ID, d.Jurisdiction, d.Kind, d.LegalForce, d.Title})
		}
		return g
	}})
}

func runJurisdictions(ctx context.Context, env *Env, args []string) error {
	return listCommand(env, "jurisdictions", args, func(c *catalog.Catalog) render.Tabular {
		return render.List[catalog.Jurisdiction]{Items: c.Jurisdictions, View: func(js []catalog.Jurisdiction) render.Grid {
			// kind says why an international body has no group or region.
			g := render.Grid{Title: "Jurisdictions", Columns: []string{"id", "name", "group", "m49 region", "m49 sub-region", "kind"}}
			for _, j := range js {
				g.Rows = append(g.Rows, []string{j.ID, j.Name, j.Group, j.M49.Region, j.M49.Subregion, j.Kind})
			}
			return g
		}}
	})
}

// listCommand runs a command that takes no arguments and prints one list.
func listCommand(env *Env, name string, args []string, list func(*catalog.Catalog) render.Tabular) error {
	var o common
	fs := newFlags(name, &o, render.Formats)
	pos, err := parse(fs, args, env.Stdout)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("%s: unexpected argument %q", name, pos[0])
	}
	f, c, err := o.open(render.Formats)
	if err != nil {
		return err
	}
	return render.Write(env.Stdout, f, list(c))
}
