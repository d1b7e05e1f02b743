package markets

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func linkStrings(ls []Link) []string {
	out := []string{}
	for _, l := range ls {
		s := l.A + " " + l.Relation + " " + l.B + " " + l.Basis
		if len(l.Via) > 0 {
			s += " via " + strings.Join(l.Via, ",")
		}
		if l.Route != "" {
			s += " route " + l.Route
		}
		out = append(out, s)
	}
	return out
}

func TestCompare(t *testing.T) {
	c := testCatalog(t)
	tests := []struct {
		a, b         string
		kinds        string
		links        []string
		onlyA, onlyB []string
		shared       []string
		pOnlyB       []string
	}{
		{
			a: "law-b", b: "doc:std-a", kinds: "profile document",
			links: []string{
				"law-b/1 equal std-a/5.1-1 mapping route law-b",
				"law-b/2 subset std-a/5.2-1 mapping",
				"law-b/3 intersect std-a/5.3-1 practice via software-updates",
			},
			onlyA: []string{"law-b/4"}, onlyB: []string{"std-a/5.11-1"},
			shared: []string{"no-default-passwords", "software-updates", "vulnerability-disclosure"},
			pOnlyB: []string{"data-deletion"},
		},
		{
			// reversed: relations invert, the route still shows
			a: "doc:std-a", b: "doc:law-b", kinds: "document document",
			links: []string{
				"std-a/5.1-1 equal law-b/1 mapping route law-b",
				"std-a/5.2-1 superset law-b/2 mapping",
				"std-a/5.3-1 intersect law-b/3 practice via software-updates",
			},
			onlyA: []string{"std-a/5.11-1"}, onlyB: []string{"law-b/4"},
			shared: []string{"no-default-passwords", "software-updates", "vulnerability-disclosure"},
			pOnlyB: []string{},
		},
		{
			// the bare id std-a is the profile (shall only); label-c-2 holds
			// std-a/5.2-1 itself
			a: "label-c-2", b: "std-a", kinds: "profile profile",
			links: []string{
				"label-c/L1-1 equal std-a/5.1-1 practice via no-default-passwords",
				"std-a/5.2-1 equal std-a/5.2-1 same",
			},
			onlyA: []string{"label-c/L2-1"}, onlyB: []string{},
			shared: []string{"no-default-passwords", "vulnerability-disclosure"},
			pOnlyB: []string{},
		},
		{
			a: "label-c", b: "doc:std-a", kinds: "document document",
			links: []string{
				"label-c/L1-1 equal std-a/5.1-1 practice via no-default-passwords",
				// L2-1 subset of software-updates, 5.3-1 superset: L2-1 ⊆ p ⊆ 5.3-1
				"label-c/L2-1 subset std-a/5.3-1 practice via software-updates",
			},
			onlyA: []string{}, onlyB: []string{"std-a/5.2-1", "std-a/5.11-1"},
			shared: []string{"no-default-passwords", "software-updates"},
			pOnlyB: []string{"data-deletion", "vulnerability-disclosure"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.a+"_"+tt.b, func(t *testing.T) {
			x, err := Compare(c, tt.a, tt.b)
			if err != nil {
				t.Fatal(err)
			}
			if k := x.A.Kind + " " + x.B.Kind; k != tt.kinds {
				t.Errorf("kinds = %q, want %q", k, tt.kinds)
			}
			if got := linkStrings(x.Links); !slices.Equal(got, tt.links) {
				t.Errorf("links:\n got %q\nwant %q", got, tt.links)
			}
			if !slices.Equal(x.OnlyA, tt.onlyA) || !slices.Equal(x.OnlyB, tt.onlyB) {
				t.Errorf("only a = %v (want %v), only b = %v (want %v)", x.OnlyA, tt.onlyA, x.OnlyB, tt.onlyB)
			}
			if !slices.Equal(x.SharedPractices, tt.shared) || !slices.Equal(x.PracticesOnlyB, tt.pOnlyB) {
				t.Errorf("shared = %v (want %v), only b = %v (want %v)", x.SharedPractices, tt.shared, x.PracticesOnlyB, tt.pOnlyB)
			}
			g := x.Grid()
			if want := len(x.Links) + len(x.OnlyA) + len(x.OnlyB); len(g.Rows) != want {
				t.Errorf("grid rows = %d, want %d", len(g.Rows), want)
			}
		})
	}
}

func TestCompareDirectOnly(t *testing.T) {
	x, err := CompareWith(testCatalog(t), "law-b", "doc:std-a", Options{DirectOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"law-b/1 equal std-a/5.1-1 mapping route law-b", "law-b/2 subset std-a/5.2-1 mapping"}
	if got := linkStrings(x.Links); !slices.Equal(got, want) {
		t.Errorf("links = %q, want %q", got, want)
	}
	// law-b/3 was linked only through a practice; now A alone demands it
	if !slices.Equal(x.OnlyA, []string{"law-b/3", "law-b/4"}) || !slices.Equal(x.OnlyB, []string{"std-a/5.3-1", "std-a/5.11-1"}) {
		t.Errorf("only a = %v, only b = %v", x.OnlyA, x.OnlyB)
	}
}

func TestCompareErrors(t *testing.T) {
	c := testCatalog(t)
	tests := []struct{ a, b, want string }{
		{"nope", "std-a", `unknown document or profile "nope" (valid: label-c, label-c-1, label-c-2, law-b, std-a)`},
		{"std-a", "doc:nope", `unknown document "nope" (valid: label-c, law-b, std-a)`},
		{"profile:label-c", "std-a", `unknown profile "label-c" (valid: label-c-1, label-c-2, law-b, std-a)`},
		{"x:std-a", "std-a", `unknown id prefix "x" (valid: doc, profile)`},
		{"guide-d", "std-a", `document "guide-d" has no provision-level data (documents with provisions: label-c, law-b, std-a)`},
	}
	for _, tt := range tests {
		_, err := Compare(c, tt.a, tt.b)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Compare(%q, %q) error = %v\nwant %s", tt.a, tt.b, err, tt.want)
		}
		var nf *NotFoundError
		if strings.HasPrefix(tt.want, "unknown") && !errors.As(err, &nf) {
			t.Errorf("Compare(%q, %q): error is not a NotFoundError", tt.a, tt.b)
		}
	}
}

func TestCompose(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"equal", "equal", "equal"},
		{"equal", "superset", "subset"},
		{"subset", "equal", "subset"},
		{"subset", "superset", "subset"},
		{"superset", "subset", "superset"},
		{"equal", "subset", "superset"},
		{"subset", "subset", "intersect"},
		{"superset", "superset", "intersect"},
		{"intersect", "equal", "intersect"},
	}
	for _, tt := range tests {
		if got := compose(tt.a, tt.b); got != tt.want {
			t.Errorf("compose(%s, %s) = %s, want %s", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestLinkedPairs(t *testing.T) {
	got := LinkedPairs(testCatalog(t))
	want := []Pair{{A: "doc:law-b", B: "doc:std-a"}}
	if !slices.Equal(got, want) {
		t.Errorf("pairs = %v, want %v", got, want)
	}
}

func TestPairs(t *testing.T) {
	c := testCatalog(t)
	tests := []struct {
		in, stem, err string
	}{
		{"law-b,doc:std-a", "profile-law-b_std-a", ""},
		{"doc:law-b, doc:std-a", "law-b_std-a", ""},
		{"label-c-2,std-a", "profile-label-c-2_profile-std-a", ""},
		{"law-b", "", `"law-b" is not a pair of ids A,B`},
		{"a,b,c", "", `"a,b,c" is not a pair of ids A,B`},
		{",b", "", `",b" is not a pair of ids A,B`},
		{"std-a,std-a", "", `"std-a,std-a" pairs std-a with itself`},
	}
	for _, tt := range tests {
		p, err := ParsePair(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParsePair(%q) error = %v, want %s", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		x, err := Compare(c, p.A, p.B)
		if err != nil {
			t.Fatal(err)
		}
		if x.Stem() != tt.stem {
			t.Errorf("%q: stem %q, want %q", tt.in, x.Stem(), tt.stem)
		}
	}
	linked := []Pair{{"doc:law-b", "doc:std-a"}}
	got := WithExtra(linked, []Pair{{"doc:std-a", "doc:law-b"}, {"label-c", "std-a"}, {"doc:law-b", "doc:std-a"}})
	if want := []Pair{{"doc:law-b", "doc:std-a"}, {"label-c", "std-a"}}; !slices.Equal(got, want) {
		t.Errorf("WithExtra = %v, want %v", got, want)
	}
}
