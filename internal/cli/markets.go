package cli

import (
	"context"
	"io"
	"slices"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/markets"
	"github.com/bydesign-iot/bydesign/internal/render"
)

type marketsOptions struct {
	common
	show string // profile id for "markets show ID"; empty lists them all
	on   string // list only profiles that apply on this day
}

func runMarkets(ctx context.Context, env *Env, args []string) error {
	var o marketsOptions
	fs := newFlags("markets", &o.common, render.Formats)
	fs.StringVar(&o.on, "on", "", "list only the profiles that apply on this day, YYYY-MM-DD (profiles without dates always apply)")
	pos, err := parse(fs, args, env.Stdout)
	if err != nil {
		return err
	}
	show := false
	switch {
	case len(pos) == 0 || len(pos) == 1 && pos[0] == "list":
	case pos[0] == "show" && len(pos) == 2:
		show, o.show = true, pos[1]
	case pos[0] == "show":
		show = true
		if len(pos) > 2 {
			return usagef("markets show: takes one profile id, got %d", len(pos)-1)
		}
	default:
		return usagef("markets: unknown subcommand %q (valid: list, show ID)", pos[0])
	}
	if o.on != "" {
		if show {
			return usagef("markets show: --on applies to the listing only")
		}
		if _, err := markets.ParseDay(o.on); err != nil {
			return usagef("markets: --on %v", err)
		}
	}
	f, c, err := o.open(render.Formats)
	if err != nil {
		return err
	}
	if show && o.show == "" {
		return usagef("markets show: give a profile id (valid: %s)", choices(catalog.IDs(c.Profiles, func(p *catalog.Profile) string { return p.ID })))
	}
	return marketsRun(env.Stdout, f, c, o)
}

func marketsRun(w io.Writer, f render.Format, c *catalog.Catalog, o marketsOptions) error {
	if o.show != "" {
		d, err := markets.Show(c, o.show)
		if err != nil {
			return notFound(err)
		}
		return render.Write(w, f, d)
	}
	ms, err := markets.List(c)
	if err != nil {
		return err
	}
	title := "Markets and labels"
	if o.on != "" {
		day, _ := markets.ParseDay(o.on) // checked in runMarkets
		ms = slices.DeleteFunc(ms, func(m markets.Market) bool { return !m.AppliesOn(day) })
		title += " that apply on " + o.on
	}
	return render.Write(w, f, render.List[markets.Market]{Items: ms, View: func(ms []markets.Market) render.Grid {
		g := markets.MarketsGrid(ms)
		g.Title = title
		g.Notes = []string{"provisions count own and inherited ones; 'bydesign markets show ID' lists them with conditions and routes"}
		return g
	}})
}
