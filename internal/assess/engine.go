package assess

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

// Engine is a rule set compiled against a catalog for a list of markets.
// Build it once; it is read-only afterwards and safe for concurrent use, each
// goroutine with its own Scratch.
type Engine struct {
	cat      *catalog.Catalog
	rules    *RuleSet
	provs    []cprov        // every provision a market or route needs
	provIdx  map[string]int // provision id -> index in provs
	pracIDs  []string       // practices, index = catalog order
	pracIdx  map[string]int
	markets  []cmarket // chosen markets first, then label levels added for the ladder
	chosen   int       // len of chosen markets
	families []family
	schemes  []string         // labelling schemes a declaration may name
	now      func() time.Time // the clock that dates the assessment
}

type cprov struct {
	p         *catalog.Provision
	conds     []int  // indexes into catalog.Conditions
	negated   []bool // per condition: it must be declared false
	rules     []ruleRef
	practices []int    // mapped practices
	relations []string // relation of each mapped practice
	labOnly   bool     // only a lab test can verify it
	mandatory bool     // modality shall
}

// ruleRef is a rule governing a provision and how it got there.
type ruleRef struct {
	rule     int
	practice int // -1 when selected by provision id
}

type cmarket struct {
	profile *catalog.Profile
	provs   []int
	routes  map[int][]croute // provision -> its deemed-compliance routes
}

// croute is one deemed-compliance route: all the provisions in allOf, or
// one current label matching labels.
type croute struct {
	allOf  []int
	labels []catalog.LabelRequirement
	source catalog.Source
}

// family is a ladder of label levels, e.g. sg-cls-1 .. sg-cls-4.
type family struct {
	id     string
	levels []int // market indexes, by ascending level
}

var conditionIdx = func() map[string]int {
	m := map[string]int{}
	for i, c := range catalog.Conditions {
		m[c] = i
	}
	return m
}()

// NewEngine compiles rs against cat for the given market (profile) ids.
func NewEngine(cat *catalog.Catalog, rs *RuleSet, markets []string) (*Engine, error) {
	if len(markets) == 0 {
		return nil, fmt.Errorf("assess: no market chosen")
	}
	e := &Engine{cat: cat, rules: rs, provIdx: map[string]int{}, pracIdx: map[string]int{}, schemes: cat.LabelSchemes(), now: time.Now}
	for i, p := range cat.Practices {
		e.pracIDs = append(e.pracIDs, p.ID)
		e.pracIdx[p.ID] = i
	}
	seen := map[string]bool{}
	for _, id := range markets {
		if seen[id] {
			continue
		}
		seen[id] = true
		if err := e.addMarket(id); err != nil {
			return nil, err
		}
	}
	e.chosen = len(e.markets)
	e.addFamilies(seen)
	return e, nil
}

func (e *Engine) addMarket(id string) error {
	rp, err := e.cat.Resolve(id)
	if err != nil {
		return fmt.Errorf("assess: %w", err)
	}
	m := cmarket{profile: rp.Profile, routes: map[int][]croute{}}
	for _, p := range rp.Provisions {
		m.provs = append(m.provs, e.prov(p))
	}
	for _, r := range rp.Routes {
		p, ok := e.cat.Provision(r.Provision)
		if !ok {
			continue // validated by the catalog
		}
		cr := croute{source: r.Source, labels: r.AnyLabel}
		for _, a := range r.AllOf {
			ap, _ := e.cat.Provision(a)
			cr.allOf = append(cr.allOf, e.prov(ap))
		}
		i := e.prov(p)
		m.routes[i] = append(m.routes[i], cr)
	}
	e.markets = append(e.markets, m)
	return nil
}

// SetClock replaces the system clock that dates each assessment (a label
// counts only through its expiry day). Call it before the engine is shared;
// tests and reproducible reruns pin the date with it.
func (e *Engine) SetClock(now func() time.Time) { e.now = now }

// addFamilies finds label ladders touched by the chosen markets and adds
// their other levels, so the highest level reached can be reported.
func (e *Engine) addFamilies(chosen map[string]bool) {
	byRoot := map[string][]*catalog.Profile{}
	for i := range e.cat.Profiles {
		p := &e.cat.Profiles[i]
		if p.Kind != "label" || p.Level == 0 {
			continue
		}
		root := p
		for root.Extends != "" {
			parent, ok := e.cat.Profile(root.Extends)
			if !ok {
				break
			}
			root = parent
		}
		byRoot[root.ID] = append(byRoot[root.ID], p)
	}
	roots := make([]string, 0, len(byRoot))
	for r := range byRoot {
		roots = append(roots, r)
	}
	sort.Strings(roots)
	for _, root := range roots {
		ps := byRoot[root]
		if !slices.ContainsFunc(ps, func(p *catalog.Profile) bool { return chosen[p.ID] }) || len(ps) < 2 {
			continue
		}
		sort.Slice(ps, func(i, j int) bool { return ps[i].Level < ps[j].Level })
		f := family{id: strings.TrimSuffix(root, "-1")}
		for _, p := range ps {
			mi := slices.IndexFunc(e.markets, func(m cmarket) bool { return m.profile.ID == p.ID })
			if mi < 0 {
				if e.addMarket(p.ID) != nil {
					continue
				}
				mi = len(e.markets) - 1
			}
			f.levels = append(f.levels, mi)
		}
		e.families = append(e.families, f)
	}
}

// prov returns the index of p in the engine's table, compiling it once.
func (e *Engine) prov(p *catalog.Provision) int {
	if i, ok := e.provIdx[p.ID]; ok {
		return i
	}
	cp := cprov{p: p, mandatory: p.Modality == "shall"}
	for _, c := range p.Conditions {
		fact, neg := catalog.ParseCondition(c)
		if i, ok := conditionIdx[fact]; ok {
			cp.conds = append(cp.conds, i)
			cp.negated = append(cp.negated, neg)
		}
	}
	for _, m := range p.Maps {
		if i, ok := e.pracIdx[m.Practice]; ok {
			cp.practices = append(cp.practices, i)
			cp.relations = append(cp.relations, m.Relation)
		}
	}
	cp.labOnly = len(p.Verification) > 0 && !slices.ContainsFunc(p.Verification, func(v string) bool { return v != "lab-test" })
	for ri, r := range e.rules.Rules {
		for _, s := range r.AppliesTo {
			if ref, ok := e.selects(s, &cp); ok {
				cp.rules = append(cp.rules, ruleRef{rule: ri, practice: ref})
				break
			}
		}
	}
	e.provs = append(e.provs, cp)
	e.provIdx[p.ID] = len(e.provs) - 1
	return len(e.provs) - 1
}

func (e *Engine) selects(s Selector, cp *cprov) (int, bool) {
	if s.Provision != "" {
		return -1, s.Provision == cp.p.ID
	}
	if s.Document != "" && s.Document != cp.p.Document {
		return 0, false
	}
	pi, ok := e.pracIdx[s.Practice]
	if !ok {
		return 0, false
	}
	for k, p := range cp.practices {
		if p == pi && (len(s.Relations) == 0 || slices.Contains(s.Relations, cp.relations[k])) {
			return pi, true
		}
	}
	return 0, false
}

// Markets returns the chosen market ids, in order.
func (e *Engine) Markets() []string {
	out := make([]string, e.chosen)
	for i := range out {
		out[i] = e.markets[i].profile.ID
	}
	return out
}

// CheckReferences reports provision, practice and label scheme ids in a
// declaration that the catalog does not know, with their JSON paths.
func (e *Engine) CheckReferences(d *Declaration) error {
	return checkReferences(e.cat, e.schemes, d)
}

// CheckReferences is Engine.CheckReferences for callers without an engine,
// such as a server checking a declaration when it is stored.
func CheckReferences(cat *catalog.Catalog, d *Declaration) error {
	return checkReferences(cat, cat.LabelSchemes(), d)
}

func checkReferences(cat *catalog.Catalog, schemes []string, d *Declaration) error {
	var errs InputErrors
	for k := range d.Provisions {
		if _, ok := cat.Provision(k); !ok {
			errs = append(errs, &InputError{Path: joinKey("$.provisions", k), Msg: fmt.Sprintf("unknown provision %q", k)})
		}
	}
	for i, l := range d.Labels {
		if !slices.Contains(schemes, l.Scheme) {
			errs = append(errs, &InputError{Path: joinIndex("$.labels", i) + ".scheme", Msg: fmt.Sprintf("unknown labelling scheme %q (valid: %s)", l.Scheme, strings.Join(schemes, ", "))})
		} else if doc, _ := cat.Document(l.Scheme); l.Level > doc.Levels {
			errs = append(errs, &InputError{Path: joinIndex("$.labels", i) + ".level", Msg: fmt.Sprintf("%s awards levels 1 to %d, not %d", l.Scheme, doc.Levels, l.Level)})
		}
	}
	for k := range d.Practices {
		if _, ok := cat.Practice(k); !ok {
			ids := make([]string, len(cat.Practices))
			for i, p := range cat.Practices {
				ids[i] = p.ID
			}
			errs = append(errs, &InputError{Path: joinKey("$.practices", k), Msg: fmt.Sprintf("unknown practice %q (valid: %s)", k, strings.Join(ids, ", "))})
		}
	}
	if len(errs) == 0 {
		return nil
	}
	sort.Slice(errs, func(i, j int) bool { return errs[i].Path < errs[j].Path })
	for _, er := range errs {
		er.File, er.Field = d.name, lastField(er.Path)
		if d.loc != nil {
			er.Line = d.loc.line(er.Path)
		}
	}
	return errs
}
