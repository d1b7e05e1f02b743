package catalog_test

import (
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

// Label routes name a labelling scheme the catalog knows and a level of at
// least 1; a bad one is reported at the route's own line and field.
func TestBrokenLabelRouteIsRejectedWithPlace(t *testing.T) {
	const file = "markets/uk-psti.yaml"
	const labels = "any_label: &labels [{scheme: sg-cls, min_level: 1}, {scheme: jp-jc-star, min_level: 1}]"
	cases := []struct {
		name, old, new, want string
	}{
		{"unknown scheme", "{scheme: sg-cls, min_level: 1}", "{scheme: sg-cs, min_level: 1}",
			`markets/uk-psti.yaml:153: field scheme: route for "uk-psti/sch1-1": "sg-cs" is not a known labelling scheme (valid: fi-cybersecurity-label, jp-jc-star, sg-cls)`},
		{"not a label", "{scheme: sg-cls, min_level: 1}", "{scheme: eu-cra, min_level: 1}",
			`markets/uk-psti.yaml:153: field scheme: route for "uk-psti/sch1-1": "eu-cra" is not a known labelling scheme`},
		{"level zero", "{scheme: jp-jc-star, min_level: 1}", "{scheme: jp-jc-star, min_level: 0}",
			`markets/uk-psti.yaml:153: field min_level: route for "uk-psti/sch1-1": min_level of "jp-jc-star" is 0`},
		{"level missing", "{scheme: jp-jc-star, min_level: 1}", "{scheme: jp-jc-star}",
			`markets/uk-psti.yaml:153: field min_level: route for "uk-psti/sch1-1": min_level of "jp-jc-star" is 0`},
		{"both kinds", labels, labels + "\n        all_of: [etsi-en-303-645/5.1-1]",
			`markets/uk-psti.yaml:153: field any_label: route for "uk-psti/sch1-1" gives both all_of and any_label`},
		{"neither", labels, "any_label: &labels []",
			`markets/uk-psti.yaml:152: field all_of: route for "uk-psti/sch1-1" lists no accepted provisions (all_of) or labels (any_label)`},
		{"level the scheme does not award", "{scheme: jp-jc-star, min_level: 1}", "{scheme: jp-jc-star, min_level: 5}",
			`markets/uk-psti.yaml:153: field min_level: route for "uk-psti/sch1-1": "jp-jc-star" awards levels 1 to 4, not 5`},
		{"unknown label field", "{scheme: sg-cls, min_level: 1}", "{scheme: sg-cls, level: 1}", `markets/uk-psti.yaml:153: field level: unknown field "level"`},
		{"unknown accepted provision", "all_of: [iso-iec-29147/6.2.2,", "all_of: [iso-iec-29147/6.2.9,",
			`markets/uk-psti.yaml:147: field all_of: unknown provision "iso-iec-29147/6.2.9"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := catalog.Load(mutate(t, file, tc.old, tc.new))
			if err == nil {
				t.Fatal("broken dataset loaded without error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error does not say %q:\n%v", tc.want, err)
			}
		})
	}
}

// The labelling schemes a route or a declaration may name are the
// catalog's labelling-scheme documents.
func TestLabelSchemes(t *testing.T) {
	got := strings.Join(builtin(t).LabelSchemes(), ",")
	for _, want := range []string{"jp-jc-star", "sg-cls"} {
		if !strings.Contains(got, want) {
			t.Errorf("LabelSchemes() = %s, missing %s", got, want)
		}
	}
	if strings.Contains(got, "eu-cra") || strings.Contains(got, "iso-iec-29147") {
		t.Errorf("LabelSchemes() = %s lists a document that is no label", got)
	}
}

// A labelling scheme says how many levels it awards; other documents may not.
func TestSchemeLevels(t *testing.T) {
	for _, tc := range []struct{ file, old, new, want string }{
		{"markets/jp-jc-star.yaml", "    levels: 4\n", "", `field levels: a labelling scheme needs levels`},
		{"markets/uk-psti.yaml", "    kind: regulation\n", "    kind: regulation\n    levels: 2\n", `field levels: only a labelling scheme has levels`},
	} {
		_, err := catalog.Load(mutate(t, tc.file, tc.old, tc.new))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.file, err, tc.want)
		}
	}
}
