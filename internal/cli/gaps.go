package cli

import (
	"context"

	"github.com/bydesign-iot/bydesign/internal/analysis"
	"github.com/bydesign-iot/bydesign/internal/render"
)

type gapsOptions struct {
	common
	jurisdiction, region, m49, subregion, evidence string
	unmapped, categories                           bool
}

func runGaps(ctx context.Context, env *Env, args []string) error {
	var o gapsOptions
	fs := newFlags("gaps", &o.common, render.Formats)
	fs.StringVar(&o.jurisdiction, "jurisdiction", "", "practices no document of this jurisdiction covers (ISO code or EU)")
	fs.StringVar(&o.region, "region", "", "the same for a regional group of the report (e.g. GRULAC)")
	fs.StringVar(&o.m49, "m49", "", "the same for a UN M49 region (e.g. Africa)")
	fs.StringVar(&o.subregion, "subregion", "", "the same for a UN M49 sub-region")
	fs.BoolVar(&o.unmapped, "unmapped", false, "list documents that map to no practice")
	fs.BoolVar(&o.categories, "categories", false, "list jurisdictions with no document in a category")
	evidenceFlag(fs, &o.evidence)
	pos, err := parse(fs, args, env.Stdout)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("gaps: unexpected argument %q", pos[0])
	}
	scopes := map[string]string{"jurisdiction": o.jurisdiction, "region": o.region, "m49": o.m49, "subregion": o.subregion}
	var kind, id string
	n := 0
	for k, v := range scopes {
		if v != "" {
			kind, id = k, v
			n++
		}
	}
	if o.unmapped {
		n++
	}
	if o.categories {
		n++
	}
	if n != 1 {
		return usagef("gaps: choose exactly one of --jurisdiction, --region, --m49, --subregion, --unmapped, --categories")
	}
	ev, err := parseEvidence(o.evidence)
	if err != nil {
		return err
	}
	f, c, err := o.open(render.Formats)
	if err != nil {
		return err
	}
	switch {
	case o.unmapped:
		return render.Write(env.Stdout, f, analysis.UnmappedDocuments(c, ev))
	case o.categories:
		return render.Write(env.Stdout, f, analysis.CategoryGaps(c, ev))
	}
	s, err := analysis.ResolveScope(c, kind, id)
	if err != nil {
		return usagef("gaps: --%s: %v", kind, err)
	}
	return render.Write(env.Stdout, f, analysis.ScopeGaps(c, s, ev))
}
