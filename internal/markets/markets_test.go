package markets

import (
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

func testCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(os.DirFS("testdata/dataset"))
	if err != nil {
		t.Fatalf("load test dataset: %v", err)
	}
	return c
}

func ids[T any](s []T, id func(T) string) []string {
	out := []string{}
	for _, x := range s {
		out = append(out, id(x))
	}
	return out
}

func TestByDocument(t *testing.T) {
	c := testCatalog(t)
	tests := []struct {
		doc     string
		want    []string
		wantErr string
	}{
		{"std-a", []string{"5.1-1", "5.2-1", "5.3-1", "5.11-1"}, ""},
		{"law-b", []string{"1", "2", "3", "4"}, ""},
		{"guide-d", []string{}, ""},
		{"nope", nil, `unknown document "nope" (valid: guide-d, label-c, law-b, std-a)`},
	}
	for _, tt := range tests {
		t.Run(tt.doc, func(t *testing.T) {
			got, err := ByDocument(c, tt.doc)
			if tt.wantErr != "" {
				var nf *NotFoundError
				if !errors.As(err, &nf) || err.Error() != tt.wantErr {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if refs := ids(got, func(p Provision) string { return p.Ref }); !slices.Equal(refs, tt.want) {
				t.Errorf("refs = %v, want %v", refs, tt.want)
			}
			for _, p := range got {
				if p.Conditions == nil || p.Practices == nil || p.Verification == nil {
					t.Errorf("%s: nil list in %+v", p.ID, p)
				}
			}
		})
	}
	got, _ := ByDocument(c, "law-b")
	if got[3].NoPractice == "" || len(got[3].Practices) != 0 {
		t.Errorf("law-b/4 should map to no practice with a reason, got %+v", got[3])
	}
	if !slices.Equal(got[0].Conditions, []string{"uses-passwords"}) {
		t.Errorf("law-b/1 conditions = %v", got[0].Conditions)
	}
}

func TestByPractice(t *testing.T) {
	c := testCatalog(t)
	tests := []struct {
		practice  string
		want      []string // provision id and relation
		wantWhole []string
	}{
		// mandatory regimes first, then by document id
		{"no-default-passwords", []string{"law-b/1 equal", "label-c/L1-1 equal", "std-a/5.1-1 equal"}, nil},
		{"software-updates", []string{"law-b/3 intersect", "label-c/L2-1 subset", "std-a/5.3-1 superset"}, nil},
		{"data-deletion", []string{"std-a/5.11-1 equal"}, []string{"guide-d"}},
	}
	for _, tt := range tests {
		t.Run(tt.practice, func(t *testing.T) {
			got, err := ByPractice(c, tt.practice)
			if err != nil {
				t.Fatal(err)
			}
			if s := ids(got, func(p PracticeProvision) string { return p.ID + " " + p.Relation }); !slices.Equal(s, tt.want) {
				t.Errorf("got %v, want %v", s, tt.want)
			}
			if w := WholeDocuments(c, tt.practice); !slices.Equal(w, tt.wantWhole) {
				t.Errorf("whole documents = %v, want %v", w, tt.wantWhole)
			}
		})
	}
	if _, err := ByPractice(c, "nope"); err == nil || !strings.Contains(err.Error(), "valid: data-deletion, no-default-passwords") {
		t.Errorf("unknown practice error = %v", err)
	}
}

func TestListAndShow(t *testing.T) {
	c := testCatalog(t)
	ms, err := List(c)
	if err != nil {
		t.Fatal(err)
	}
	got := ids(ms, func(m Market) string {
		return m.ID + " " + strings.Join([]string{itoa(m.Provisions), itoa(m.Mandatory), itoa(m.Conditional), itoa(m.Routes)}, "/")
	})
	want := []string{"label-c-1 2/2/0/0", "label-c-2 3/3/1/0", "law-b 4/4/1/2", "std-a 2/2/1/0"}
	if !slices.Equal(got, want) {
		t.Errorf("list = %v, want %v", got, want)
	}

	tests := []struct {
		id        string
		provs     []string
		chain     []string
		conds     []string
		routes    int
		documents []string
	}{
		{"law-b", []string{"law-b/1", "law-b/2", "law-b/3", "law-b/4"}, []string{"law-b"}, []string{"uses-passwords:law-b/1"}, 2, []string{"law-b"}},
		{"label-c-2", []string{"label-c/L1-1", "std-a/5.2-1", "label-c/L2-1"}, []string{"label-c-1", "label-c-2"}, []string{"updatable:label-c/L2-1"}, 0, []string{"label-c", "std-a"}},
		{"std-a", []string{"std-a/5.1-1", "std-a/5.2-1"}, []string{"std-a"}, []string{"uses-passwords:std-a/5.1-1"}, 0, []string{"std-a"}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			d, err := Show(c, tt.id)
			if err != nil {
				t.Fatal(err)
			}
			if p := ids(d.Provisions, func(p Provision) string { return p.ID }); !slices.Equal(p, tt.provs) {
				t.Errorf("provisions = %v, want %v", p, tt.provs)
			}
			if !slices.Equal(d.Chain, tt.chain) {
				t.Errorf("chain = %v, want %v", d.Chain, tt.chain)
			}
			cs := ids(d.Conditions, func(u ConditionUse) string { return u.Condition + ":" + strings.Join(u.Provisions, ",") })
			if !slices.Equal(cs, tt.conds) {
				t.Errorf("conditions = %v, want %v", cs, tt.conds)
			}
			if len(d.Routes) != tt.routes || !slices.Equal(d.Documents, tt.documents) {
				t.Errorf("routes = %d, documents = %v", len(d.Routes), d.Documents)
			}
			g := d.Grid()
			if len(g.Rows) != len(tt.provs) {
				t.Errorf("grid has %d rows, want %d", len(g.Rows), len(tt.provs))
			}
		})
	}
	if _, err := Show(c, "nope"); err == nil || err.Error() != `unknown profile "nope" (valid: label-c-1, label-c-2, law-b, std-a)` {
		t.Errorf("unknown profile error = %v", err)
	}
	d, _ := Show(c, "label-c-2")
	if rs := ids(d.Regimes, func(r Regime) string { return r.ID + ":" + itoa(r.Provisions) + ":" + r.LegalForce }); !slices.Equal(rs, []string{"label-c:2:voluntary", "std-a:1:voluntary"}) {
		t.Errorf("label-c-2 regimes = %v", rs)
	}
	d, _ = Show(c, "law-b")
	if r := d.Grid().Rows[0][6]; r != "std-a/5.1-1" {
		t.Errorf("law-b/1 deemed met by %q, want std-a/5.1-1", r)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
