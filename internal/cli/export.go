package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/markets"
	"github.com/bydesign-iot/bydesign/internal/oscal"
	"github.com/bydesign-iot/bydesign/internal/render"
)

type exportOptions struct {
	common
	kind     string // oscal or csv
	out      string
	modified string // RFC 3339 last-modified for OSCAL metadata
	pairs    pairList
}

// pairList collects repeated --pair A,B flags.
type pairList []markets.Pair

func (p *pairList) String() string { return "" }

func (p *pairList) Set(s string) error {
	pr, err := markets.ParsePair(s)
	if err != nil {
		return err
	}
	*p = append(*p, pr)
	return nil
}

// exportKinds are the export targets, in help order.
var exportKinds = []string{"oscal", "csv"}

func runExport(ctx context.Context, env *Env, args []string) error {
	var o exportOptions
	fs := newFlags("export", &o.common, render.Formats)
	fs.StringVar(&o.out, "out", "", "directory to write into (created if missing; existing files of the same name are replaced)")
	fs.StringVar(&o.modified, "last-modified", "", "OSCAL last-modified stamp, RFC 3339 (default: SOURCE_DATE_EPOCH if set, else a fixed stamp, so output is reproducible)")
	fs.Var(&o.pairs, "pair", "also export the crosswalk of A to B, given as A,B (document or profile ids, as crosswalk takes); repeatable")
	pos, err := parse(fs, args, env.Stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (pos[0] != "oscal" && pos[0] != "csv") {
		return usagef("export: give what to export (valid: %s), e.g. bydesign export oscal --out DIR", choices(exportKinds))
	}
	o.kind = pos[0]
	if o.out == "" {
		return usagef("export %s: --out DIR is required", o.kind)
	}
	when, err := lastModified(o.modified)
	if err != nil {
		return err
	}
	f, c, err := o.open(render.Formats)
	if err != nil {
		return err
	}
	files, err := exportFiles(c, o.kind, oscal.Options{LastModified: when, Version: Version, Pairs: o.pairs})
	if err != nil {
		return notFound(err)
	}
	if err := writeFiles(o.out, files); err != nil {
		return err
	}
	return render.Write(env.Stdout, f, render.List[exported]{Items: files, View: func(fs []exported) render.Grid {
		g := render.Grid{Title: "Wrote " + markets.Count(len(fs), "file") + " to " + o.out, Columns: []string{"file", "kind", "bytes", "title"}}
		for _, x := range fs {
			g.Rows = append(g.Rows, []string{x.Name, x.Kind, strconv.Itoa(x.Bytes), x.Title})
		}
		return g
	}})
}

// exported is one written file, as the command reports it.
type exported struct {
	Name  string `json:"name"`
	Kind  string `json:"kind"` // catalog, profile, mapping-collection, csv
	Title string `json:"title"`
	Bytes int    `json:"bytes"`
	data  []byte
}

func exportFiles(c *catalog.Catalog, kind string, opts oscal.Options) ([]exported, error) {
	var out []exported
	if kind == "oscal" {
		files, err := oscal.Export(c, opts)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			out = append(out, exported{Name: f.Name, Kind: f.Model, Title: f.Title, Bytes: len(f.Data), data: f.Data})
		}
		return out, nil
	}
	tables, err := markets.Tables(c, opts.Pairs...)
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		var b bytes.Buffer
		if err := render.Write(&b, render.CSV, gridOnly(t.Grid)); err != nil {
			return nil, fmt.Errorf("export: %s: %w", t.Name, err)
		}
		out = append(out, exported{Name: t.Name, Kind: "csv", Title: markets.Count(len(t.Grid.Rows), "row"), Bytes: b.Len(), data: b.Bytes()})
	}
	return out, nil
}

type gridOnly render.Grid

func (g gridOnly) Grid() render.Grid { return render.Grid(g) }

// writeFiles writes into dir through an os.Root, so no file name can reach
// outside it.
func writeFiles(dir string, files []exported) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("export: create %s: %w", dir, err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("export: open %s: %w", dir, err)
	}
	defer root.Close()
	for _, f := range files {
		if err := root.WriteFile(f.Name, f.data, 0o644); err != nil {
			return fmt.Errorf("export: write %s: %w", f.Name, err)
		}
	}
	return nil
}

// lastModified picks the OSCAL stamp: the flag, else SOURCE_DATE_EPOCH (the
// reproducible-builds convention), else the package's fixed default.
func lastModified(flag string) (time.Time, error) {
	if flag != "" {
		t, err := time.Parse(time.RFC3339, flag)
		if err != nil {
			return time.Time{}, usagef("export: --last-modified %q is not an RFC 3339 time such as 2026-01-02T15:04:05Z", flag)
		}
		return t, nil
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil || sec < 0 {
			return time.Time{}, usagef("export: SOURCE_DATE_EPOCH %q is not a count of seconds", s)
		}
		return time.Unix(sec, 0).UTC(), nil
	}
	return oscal.DefaultModified, nil
}
