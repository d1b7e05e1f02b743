package assess

import (
	"fmt"
	"time"
)

// Label routes: a market may accept a current label in place of a
// provision. A label counts when its scheme is one the route names, its
// level is at least the route's minimum, and its expiry day is on or after
// the assessment date (the engine's clock, as a UTC calendar day).

// civilDay turns YYYY-MM-DD into the number YYYYMMDD, so dates compare as
// integers without building time values; ok is false for anything else.
func civilDay(s string) (int, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if i == 4 || i == 7 {
			continue
		}
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// dayOf is the UTC calendar day of t as YYYYMMDD.
func dayOf(t time.Time) int {
	y, m, d := t.UTC().Date()
	return y*10000 + int(m)*100 + d
}

func dayText(n int) string { return fmt.Sprintf("%04d-%02d-%02d", n/10000, n/100%100, n%100) }

// labelFit is how one declared label stands against one route.
type labelFit uint8

const (
	labelOtherScheme labelFit = iota // the route does not name its scheme
	labelTooLow                      // below the route's minimum level
	labelExpired                     // expired before the assessment date
	labelCurrent                     // satisfies the route
)

// fit checks label l against route r on day today, and returns the
// route's minimum level for the label's scheme.
func fit(l *Label, r *croute, today int) (labelFit, int) {
	best, min := labelOtherScheme, 0
	for _, req := range r.labels {
		if req.Scheme != l.Scheme {
			continue
		}
		f := labelCurrent
		switch exp, ok := civilDay(l.Expires); {
		case l.Level < req.MinLevel:
			f = labelTooLow
		case !ok || exp < today:
			f = labelExpired
		}
		if f >= best {
			best, min = f, req.MinLevel
		}
	}
	return best, min
}

// currentLabel is the index of the first declared label that satisfies r,
// or -1.
func (s *Scratch) currentLabel(r *croute) int {
	for k := range s.decl.Labels {
		if f, _ := fit(&s.decl.Labels[k], r, s.today); f == labelCurrent {
			return k
		}
	}
	return -1
}

// explainLabelRoute adds the label that met route r, or, when none did,
// why each declared label of a scheme the route names was not counted
// (expired, too low, or current but facing a failure, see routeMet).
func (e *Engine) explainLabelRoute(s *Scratch, r *croute, met bool, pr *ProvisionResult) bool {
	date := dayText(s.today)
	src := r.source
	if met {
		k := s.currentLabel(r)
		if k < 0 {
			return false
		}
		l := s.decl.Labels[k]
		pr.Trace = append(pr.Trace, TraceStep{Kind: "route", Outcome: Pass, Label: &l, Date: date, Source: &src})
		pr.Reasons = append(pr.Reasons, fmt.Sprintf("met through the deemed-compliance route of a current label: %s level %d (%s), valid until %s, assessed on %s", l.Scheme, l.Level, l.ID, l.Expires, date))
		return true
	}
	for k := range s.decl.Labels {
		l := s.decl.Labels[k]
		f, min := fit(&l, r, s.today)
		var why string
		switch f {
		case labelTooLow:
			why = fmt.Sprintf("label %s level %d (%s) is below level %d, the lowest this route accepts; the route is not counted", l.Scheme, l.Level, l.ID, min)
		case labelExpired:
			why = fmt.Sprintf("label %s level %d (%s) was valid until %s, before the assessment date %s; the route is not counted", l.Scheme, l.Level, l.ID, l.Expires, date)
		case labelCurrent: // not met although current: the provision fails on its own
			why = fmt.Sprintf("label %s level %d (%s) is current, but does not outweigh the failure above; the route is not counted", l.Scheme, l.Level, l.ID)
		default:
			continue
		}
		pr.Trace = append(pr.Trace, TraceStep{Kind: "route", Outcome: Fail, Label: &l, Date: date, Source: &src})
		pr.Reasons = append(pr.Reasons, why)
	}
	return false
}
