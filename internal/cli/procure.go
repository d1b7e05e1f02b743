package cli

import (
	"context"
	"errors"
	"io"
	"os"

	"github.com/bydesign-iot/bydesign/internal/assess"
	"github.com/bydesign-iot/bydesign/internal/render"
)

type procureOptions struct {
	assessOptions
	practices string
	evaluate  string
}

func runProcure(ctx context.Context, env *Env, args []string) error {
	var o procureOptions
	fs := newFlags("procure", &o.common, render.Formats)
	fs.StringVar(&o.markets, "market", "", "comma-separated market or label profile ids the product must meet")
	fs.StringVar(&o.practices, "practice", "", "comma-separated practice ids to keep (default: every provision of the markets)")
	fs.StringVar(&o.evaluate, "evaluate", "", "directory of vendors' declarations to score against the checklist")
	fs.StringVar(&o.rules, "rules", "", "rules directory (default: the built-in rules)")
	fs.StringVar(&o.date, "date", "", "with --evaluate: assessment date YYYY-MM-DD, e.g. for label expiry (default: today, UTC)")
	pos, err := parse(fs, args, env.Stdout)
	if err == nil {
		err = refuseEmpty(fs, "date", "a date as YYYY-MM-DD")
	}
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("procure: takes no arguments, got %q", pos[0])
	}
	f, err := o.formatIn(render.Formats)
	if err != nil {
		return err
	}
	eng, err := o.engine()
	if err != nil {
		return err
	}
	cl, err := eng.Checklist(splitList(o.practices))
	if err != nil {
		var ie *assess.InputError
		if errors.As(err, &ie) {
			return usagef("procure: --practice: %s", ie.Msg)
		}
		return err
	}
	if o.evaluate == "" {
		return render.Write(env.Stdout, f, cl)
	}
	if st, err := os.Stat(o.evaluate); err != nil || !st.IsDir() {
		return usagef("--evaluate %q is not a directory", o.evaluate)
	}
	return procureEvaluate(ctx, env.Stdout, f, eng, cl, o.evaluate)
}

// procureEvaluate scores every declaration in dir; an unreadable one gets
// an error column and exit 2 after the table is printed.
func procureEvaluate(ctx context.Context, w io.Writer, f render.Format, eng *assess.Engine, cl *assess.Checklist, dir string) error {
	ev := &assess.Evaluation{Checklist: cl, Vendors: []assess.VendorScore{}}
	s := eng.NewScratch()
	invalid, failed := 0, false
	err := assess.DirSource(dir)(func(name string, data []byte) bool {
		if ctx.Err() != nil {
			return false
		}
		d, err := assess.Parse(name, data)
		if err == nil {
			err = eng.CheckReferences(d)
		}
		if err != nil && assess.IsProbeEvidence(data) {
			return true // evidence kept beside the declarations
		}
		if err != nil {
			invalid++
			ev.Vendors = append(ev.Vendors, assess.VendorScore{Source: name, Error: err.Error(), Verdict: assess.NotDeclared, Verdicts: []assess.Verdict{}})
			return true
		}
		vs := eng.Score(cl, s, name, d)
		failed = failed || vs.Verdict != assess.Pass
		ev.Vendors = append(ev.Vendors, vs)
		return true
	})
	if err != nil {
		return err
	}
	if err := render.Write(w, f, ev); err != nil {
		return err
	}
	switch {
	case invalid > 0:
		return usagef("procure: %s could not be read (see the notes)", plural(invalid, "declaration"))
	case failed:
		return errFindings
	}
	return nil
}
