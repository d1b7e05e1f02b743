package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/bydesign-iot/bydesign/internal/assess"
	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/render"
)

// Output formats of assess beyond the shared ones.
const (
	formatHTML  render.Format = "html"
	formatSARIF render.Format = "sarif"
)

var assessFormats = []render.Format{render.Table, render.JSON, render.Markdown, formatHTML, formatSARIF}

type assessOptions struct {
	common
	markets  string
	evidence string
	batch    string
	rules    string
	workers  int
	date     string
}

func runAssess(ctx context.Context, env *Env, args []string) error {
	var o assessOptions
	fs := newFlags("assess", &o.common, assessFormats)
	fs.StringVar(&o.markets, "market", "", "comma-separated market or label profile ids (see 'bydesign markets')")
	fs.StringVar(&o.evidence, "evidence", "", "probe result JSON ('bydesign probe --format json') to check the declaration against")
	fs.StringVar(&o.batch, "batch", "", "assess every declaration in a directory, or JSON lines on stdin with '-'; prints one JSON line each")
	fs.StringVar(&o.rules, "rules", "", "rules directory (default: the built-in rules)")
	fs.IntVar(&o.workers, "workers", 0, "batch workers (default: one per CPU)")
	fs.StringVar(&o.date, "date", "", "assessment date YYYY-MM-DD, e.g. for label expiry (default: today, UTC)")
	pos, err := parse(fs, args, env.Stdout)
	if err == nil {
		err = refuseEmpty(fs, "date", "a date as YYYY-MM-DD")
	}
	if err != nil {
		return err
	}
	switch {
	case o.batch == "" && len(pos) != 1:
		return usagef("assess: give one declaration file (or --batch DIR|-), got %d arguments", len(pos))
	case o.batch != "" && len(pos) != 0:
		return usagef("assess: --batch takes no file arguments")
	case o.batch != "" && o.evidence != "":
		return usagef("assess: --evidence applies to one declaration, not to --batch")
	}
	f, err := o.formatIn(assessFormats)
	if err != nil {
		return err
	}
	eng, err := o.engine()
	if err != nil {
		return err
	}
	if o.batch != "" {
		return assessBatch(ctx, env, eng, o)
	}
	return assessOne(env.Stdout, eng, pos[0], o.evidence, f)
}

// engine loads the catalog and rules and compiles them for the markets.
func (o *assessOptions) engine() (*assess.Engine, error) {
	cat, err := o.load()
	if err != nil {
		return nil, err
	}
	ids := splitList(o.markets)
	if len(ids) == 0 {
		return nil, usagef("assess: --market is required (valid: %s)", choices(catalog.IDs(cat.Profiles, func(p *catalog.Profile) string { return p.ID })))
	}
	for _, id := range ids {
		if _, ok := cat.Profile(id); !ok {
			return nil, usagef("assess: unknown market %q (valid: %s)", id, choices(catalog.IDs(cat.Profiles, func(p *catalog.Profile) string { return p.ID })))
		}
	}
	day, err := assessDate(o.date)
	if err != nil {
		return nil, err
	}
	rs, err := loadRules(o.rules)
	if err != nil {
		return nil, err
	}
	eng, err := assess.NewEngine(cat, rs, ids)
	if err != nil {
		return nil, err
	}
	if !day.IsZero() {
		eng.SetClock(func() time.Time { return day })
	}
	return eng, nil
}

// assessDate reads --date as a UTC calendar day; empty leaves the engine on
// the system clock. Only the day counts, so a fixed instant at midnight UTC
// is enough.
func assessDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, usagef("--date %q is not a calendar date in YYYY-MM-DD form", s)
	}
	return d, nil
}

func loadRules(dir string) (*assess.RuleSet, error) {
	if dir == "" {
		return assess.BuiltinRules()
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, usagef("--rules %q is not a directory", dir)
	}
	rs, err := assess.LoadRules(os.DirFS(dir))
	if err != nil {
		return nil, usagef("%v", err)
	}
	return rs, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// readInput reads a whole input file, refusing anything over limit before
// reading it all.
func readInput(name string, limit int64) ([]byte, error) {
	fh, err := os.Open(name)
	if err != nil {
		return nil, usagef("%v", err)
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, limit+1))
	if err != nil {
		return nil, usagef("read %s: %v", name, err)
	}
	return data, nil // over-limit input is reported by the parser
}

func assessOne(w io.Writer, eng *assess.Engine, file, evidence string, f render.Format) error {
	data, err := readInput(file, assess.MaxDeclarationSize)
	if err != nil {
		return err
	}
	d, err := assess.Parse(file, data)
	if err == nil {
		err = eng.CheckReferences(d)
	}
	if err != nil {
		return inputError(err)
	}
	var ev *assess.ProbeResult
	if evidence != "" {
		data, err := readInput(evidence, assess.MaxEvidenceSize)
		if err != nil {
			return err
		}
		if ev, err = assess.ParseEvidence(evidence, data); err != nil {
			return inputError(err)
		}
	}
	r := eng.Assess(d, ev)
	r.Evidence = evidence
	switch f {
	case formatHTML:
		err = assess.WriteHTML(w, r)
	case formatSARIF:
		err = assess.WriteSARIF(w, r, d, Version)
	default:
		err = render.Write(w, f, r)
	}
	if err != nil {
		return fmt.Errorf("assess: write: %w", err)
	}
	if r.Verdict != assess.Pass {
		return errFindings
	}
	return nil
}

// inputError shows a declaration or evidence problem as a usage error
// (exit 2), one problem per line.
func inputError(err error) error {
	var ie *assess.InputError
	var ies assess.InputErrors
	if errors.As(err, &ies) || errors.As(err, &ie) {
		msg := err.Error()
		if strings.Contains(msg, "\n") {
			msg = "invalid input:\n" + indent(msg)
		}
		return usagef("%s", msg)
	}
	return err
}

func assessBatch(ctx context.Context, env *Env, eng *assess.Engine, o assessOptions) error {
	var src assess.Source
	if o.batch == "-" {
		in := env.Stdin
		if in == nil {
			in = os.Stdin
		}
		src = assess.LinesSource(in, "stdin")
	} else {
		if st, err := os.Stat(o.batch); err != nil || !st.IsDir() {
			return usagef("--batch %q is not a directory (use - for JSON lines on stdin)", o.batch)
		}
		src = assess.DirSource(o.batch)
	}
	st, err := eng.Batch(ctx, src, env.Stdout, o.workers)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "bydesign: assessed %s on %s (%d passed, %d failed or open, %d invalid), %s\n",
		plural(st.Declarations, "declaration"), st.Date, st.Passed, st.Failed, st.Invalid, plural(st.Evaluations, "declaration-market evaluation"))
	if st.Skipped > 0 {
		fmt.Fprintf(env.Stderr, "bydesign: skipped %s (pass them to a single assess with --evidence)\n", plural(st.Skipped, "probe evidence file"))
	}
	switch {
	case st.Invalid > 0:
		return &UsageError{Msg: fmt.Sprintf("assess: %s could not be read; see the error lines", plural(st.Invalid, "declaration"))}
	case st.Failed > 0:
		return errFindings
	}
	return nil
}
