package assess

import "slices"

// Scratch holds the per-evaluation state. Reuse one per goroutine: after
// the first declaration, evaluating allocates nothing.
type Scratch struct {
	facts    []value // declared
	observed []value
	obsFrom  []findingRef
	conds    []int8 // -1 silent, 0 false, 1 true
	provStmt []*Statement
	pracStmt []*Statement
	evals    []peval
	reasons  []reason
	markets  []marketEval
	decl     *Declaration
	ev       *preparedEvidence
	today    int // assessment date as YYYYMMDD, for label routes
	runDay   int // when set, the date of the whole run (batch), read once
}

type peval struct {
	v          Verdict
	declared   Verdict // before observations
	start, end int32   // reasons
}

// marketEval is one market's outcome.
type marketEval struct {
	verdict  Verdict
	counts   [Incomplete]int
	viaRoute []int // provisions met only through a route (indexes into market provs); reused
}

// NewScratch sizes a scratch for this engine.
func (e *Engine) NewScratch() *Scratch {
	return &Scratch{
		facts:    make([]value, len(factTable)),
		observed: make([]value, len(factTable)),
		obsFrom:  make([]findingRef, len(factTable)),
		conds:    make([]int8, len(conditionIdx)),
		provStmt: make([]*Statement, len(e.provs)),
		pracStmt: make([]*Statement, len(e.pracIDs)),
		evals:    make([]peval, len(e.provs)),
		reasons:  make([]reason, 0, 8*len(e.provs)),
		markets:  make([]marketEval, len(e.markets)),
	}
}

// evaluate runs the whole assessment into s. ev may be nil.
func (e *Engine) evaluate(s *Scratch, d *Declaration, ev *preparedEvidence) {
	s.decl, s.ev = d, ev
	s.today = s.runDay
	if s.today == 0 {
		s.today = dayOf(e.now())
	}
	for i, f := range factTable {
		s.facts[i] = value{}
		f.read(d, &s.facts[i])
		s.observed[i] = value{}
	}
	if ev != nil {
		copy(s.observed, ev.observed)
		copy(s.obsFrom, ev.from)
	}
	for i := range s.conds {
		s.conds[i] = -1
	}
	for c, b := range d.Conditions {
		if i, ok := conditionIdx[c]; ok {
			s.conds[i] = 0
			if b {
				s.conds[i] = 1
			}
		}
	}
	clear(s.provStmt)
	for id, st := range d.Provisions {
		if i, ok := e.provIdx[id]; ok {
			s.provStmt[i] = st
		}
	}
	clear(s.pracStmt)
	for id, st := range d.Practices {
		if i, ok := e.pracIdx[id]; ok {
			s.pracStmt[i] = st
		}
	}
	s.reasons = s.reasons[:0]
	for i := range e.provs {
		e.evalProvision(s, i)
	}
	for mi := range e.markets {
		e.evalMarket(s, mi)
	}
}

func (s *Scratch) add(r reason) { s.reasons = append(s.reasons, r) }

// combine folds one outcome into a running verdict: a failure decides, a
// silence keeps it open, passes accumulate.
func combine(acc, v Verdict, first bool) Verdict {
	switch {
	case acc == Fail || v == Fail:
		return Fail
	case first:
		return v
	case acc == NotDeclared || v == NotDeclared:
		return NotDeclared
	default:
		return Pass
	}
}

func (e *Engine) evalProvision(s *Scratch, i int) {
	cp := &e.provs[i]
	pe := &s.evals[i]
	pe.start = int32(len(s.reasons))
	defer func() { pe.end = int32(len(s.reasons)) }()
	for k, c := range cp.conds {
		v, neg := s.conds[c], int32(0)
		if cp.negated[k] {
			neg = 1
			if v >= 0 {
				v = 1 - v
			}
		}
		switch v {
		case 0:
			s.add(reason{kind: rCondFalse, a: int32(c), b: neg})
			pe.v, pe.declared = NotApplicable, NotApplicable
			return
		case -1:
			s.add(reason{kind: rCondAssumed, a: int32(c), b: neg})
		}
	}
	st := s.provStmt[i]
	if st != nil && st.Status == "not-applicable" {
		s.add(reason{kind: rStmtNA})
		pe.v, pe.declared = NotApplicable, NotApplicable
		return
	}
	v, decided := NotDeclared, false
	contradicted := false
	for ri, rr := range cp.rules {
		for ti := range e.rules.tests[rr.rule] {
			t := &e.rules.tests[rr.rule][ti]
			if t.op == opConsistent {
				obs := s.observed[t.fact]
				if !obs.set {
					continue // nothing observed, nothing to compare
				}
				seen := Fail
				if s.facts[t.fact] == obs {
					seen = Pass
				}
				s.add(reason{kind: rObservedTest, v: seen, a: int32(ri), b: int32(ti), finding: s.obsFrom[t.fact]})
				if seen == Fail {
					s.add(reason{kind: rContradiction, a: int32(t.fact), finding: s.obsFrom[t.fact]})
					contradicted = true
				}
				v = combine(v, seen, !decided)
				decided = true
				continue
			}
			out := t.eval(s.facts[t.fact])
			if obs := s.observed[t.fact]; obs.set {
				seen := t.eval(obs)
				s.add(reason{kind: rObservedTest, v: seen, a: int32(ri), b: int32(ti), finding: s.obsFrom[t.fact]})
				if out != NotDeclared && out != seen {
					s.add(reason{kind: rContradiction, a: int32(t.fact), finding: s.obsFrom[t.fact]})
					contradicted = true
				}
				out = seen
			} else {
				s.add(reason{kind: rTest, v: out, a: int32(ri), b: int32(ti)})
			}
			v = combine(v, out, !decided)
			decided = true
		}
	}
	// Statements fill what rules leave open, and a declared "not
	// implemented" always counts.
	if st != nil {
		out := stmtVerdict(st)
		s.add(reason{kind: rStmt, v: out})
		v = fillIn(v, out, decided)
		decided = true
	} else {
		for pi, p := range cp.practices {
			if ps := s.pracStmt[p]; ps != nil {
				out := stmtVerdict(ps)
				s.add(reason{kind: rPracticeStmt, v: out, a: int32(pi)})
				v = fillIn(v, out, decided)
				decided = true
			}
		}
	}
	if !decided {
		s.add(reason{kind: rNoRule})
	}
	if v == Pass && cp.labOnly && !hasLabReport(st) {
		s.add(reason{kind: rLabReport})
		v = Inconclusive
	}
	pe.declared = v
	if contradicted {
		pe.declared = NotDeclared // the declared side is recorded in the trace
	}
	pe.v = e.observe(s, i, v)
}

// fillIn merges a statement's outcome into the rules' verdict.
func fillIn(v, stmt Verdict, decided bool) Verdict {
	switch {
	case !decided:
		return stmt
	case v == Fail || stmt == Fail:
		return Fail
	case v == NotDeclared:
		return stmt
	default:
		return v
	}
}

func stmtVerdict(st *Statement) Verdict {
	switch st.Status {
	case "implemented":
		return Pass
	case "not-implemented":
		return Fail
	default:
		return NotApplicable
	}
}

func hasLabReport(st *Statement) bool {
	return st != nil && slices.ContainsFunc(st.Evidence, func(e Evidence) bool { return e.Kind == "lab-report" })
}

// observe applies probe findings that name the provision, or one of its
// practices. A failure outranks the declaration: one naming the provision
// always, one on a practice where the provision is equal to, part of or
// wider than the practice (not where they merely intersect). A pass naming
// the provision fills a gap the declaration left; a pass on a practice only
// supports. (Observations of facts, applied in the rules, outrank the
// declaration both ways: they observe exactly the fact a test reads.)
func (e *Engine) observe(s *Scratch, i int, declared Verdict) Verdict {
	ev := s.ev
	if ev == nil {
		return declared
	}
	v := declared
	failed, passed, unsure := false, false, false
	var unconfirmed findingRef // a check naming the provision that could not conclude
	blocked := false
	for _, f := range ev.byProv[i] {
		out := ev.verdictOf(f)
		s.add(reason{kind: rObserved, v: out, finding: f})
		failed = failed || out == Fail
		passed = passed || out == Pass
		if out == Inconclusive && !blocked {
			unconfirmed, blocked = f, true
		}
	}
	unsure = blocked
	for k, p := range e.provs[i].practices {
		// a provision that only intersects the practice is not failed by
		// a failure observed on the practice: they overlap only in part
		narrow := e.provs[i].relations[k] != "intersect"
		for _, f := range ev.byPrac[p] {
			out := ev.verdictOf(f)
			if out == Fail && narrow {
				s.add(reason{kind: rObservedPrac, v: out, finding: f})
				failed = true
			} else if out != NotDeclared && declared == NotDeclared {
				s.add(reason{kind: rObservedPrac, v: out, finding: f})
				unsure = true
			}
		}
	}
	switch {
	case failed:
		if declared == Pass {
			s.add(reason{kind: rContradiction, a: -1, finding: firstOf(ev, s, Fail)})
		}
		v = Fail
	case blocked && declared != Fail && declared != NotApplicable:
		// A test of this very provision ran and could not conclude (a
		// lockout in force, say): a passing declaration or a pass seen on
		// another port does not outweigh it. Worst of the observations.
		// A check that concludes nothing cannot show the provision applies,
		// so a justified not-applicable stands.
		if declared == Pass || passed {
			s.add(reason{kind: rUnconfirmed, finding: unconfirmed})
		}
		v = Inconclusive
	case passed:
		// a check naming the provision sees one side of it: its pass fills
		// a gap but does not overturn a failure (declared, or observed
		// through a fact); the disagreement is still reported
		if declared == Fail {
			s.add(reason{kind: rContradiction, a: -1, finding: firstOf(ev, s, Pass)})
		}
		if declared == NotDeclared || declared == Inconclusive {
			v = Pass
		}
	case unsure && declared == NotDeclared:
		v = Inconclusive
	}
	return v
}

// firstOf finds the latest observed reason with verdict v, for the
// contradiction entry.
func firstOf(ev *preparedEvidence, s *Scratch, v Verdict) findingRef {
	for j := len(s.reasons) - 1; j >= 0; j-- {
		r := s.reasons[j]
		if (r.kind == rObserved || r.kind == rObservedPrac) && r.v == v {
			return r.finding
		}
	}
	return findingRef{}
}

func (t *ctest) eval(v value) Verdict {
	if !v.set {
		return NotDeclared
	}
	ok := false
	switch t.op {
	case opIs:
		switch t.kind {
		case stringFact:
			ok = v.s == t.s[0]
		case numberFact:
			ok = v.n == t.n
		default:
			ok = v.b == t.b
		}
	case opIn:
		ok = slices.Contains(t.s, v.s)
	case opAtMost:
		ok = v.n <= t.n
	case opPresent:
		ok = true
	}
	if ok {
		return Pass
	}
	return Fail
}
