package web

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/markets"
)

// crosswalkParams reads ?a= and ?b= (profile or document ids, optionally
// "profile:" or "doc:" qualified) and ?direct=true. A value that cannot be
// an id at all (a wrong prefix, characters ids never have) is a bad
// request; a well-formed id the catalog lacks is left to the lookup, which
// answers 404.
func crosswalkParams(q *query) (a, b string, direct bool) {
	a, b = regimeParam(q, "a"), regimeParam(q, "b")
	direct = q.oneOf("direct", []string{"true", "false"}) == "true"
	return a, b, direct
}

// regimeIDRE is the catalog's id syntax.
var regimeIDRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$`)

func regimeParam(q *query, name string) string {
	v := q.str(name)
	if v == "" {
		return ""
	}
	id := v
	if prefix, rest, ok := strings.Cut(v, ":"); ok {
		if prefix != "profile" && prefix != "doc" {
			q.fail("query parameter %s: unknown prefix %q (valid: profile, doc)", name, prefix)
			return ""
		}
		id = rest
	}
	if !regimeIDRE.MatchString(id) {
		q.fail("query parameter %s: %q is not a profile or document id (lower-case letters, digits, dots and hyphens)", name, id)
		return ""
	}
	return v
}

// apiCrosswalk relates two regimes provision by provision.
func (s *Server) apiCrosswalk(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query(), "a", "b", "direct", "format")
	a, b, direct := crosswalkParams(q)
	f := parseFormat(q)
	if q.err == nil && (a == "" || b == "") {
		q.fail("query parameters a and b: name two regimes, e.g. a=uk-psti&b=etsi-en-303-645")
	}
	if q.err != nil {
		s.fail(w, r, q.err)
		return
	}
	x, err := markets.CompareWith(s.cat, a, b, markets.Options{DirectOnly: direct})
	if err != nil {
		s.fail(w, r, marketsError(err))
		return
	}
	s.writeTabular(w, r, f, "crosswalk-"+x.Stem(), x)
}
