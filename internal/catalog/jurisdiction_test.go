package catalog_test

import (
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/catalog/dataset"
)

// TestInternationalJurisdiction: ISO/IEC 29147 is filed under INT, which
// has no region, and no longer adds to GB.
func TestInternationalJurisdiction(t *testing.T) {
	c, err := catalog.Load(dataset.FS())
	if err != nil {
		t.Fatal(err)
	}
	j, ok := c.Jurisdiction("int")
	if !ok || j.Kind != catalog.JurisdictionInternational || j.Regional() || j.Group != "" || j.M49.Region != "" {
		t.Fatalf("INT = %+v, %v", j, ok)
	}
	if d, _ := c.Document("iso-iec-29147"); d == nil || d.Jurisdiction != "INT" {
		t.Errorf("iso-iec-29147 is under %+v, want INT", d)
	}
	for _, j := range c.Jurisdictions {
		if j.ID != "INT" && !j.Regional() {
			t.Errorf("%s is not regional", j.ID)
		}
	}
}

// TestJurisdictionKindRules: leaving region and group out is allowed only
// for the international kind, and that kind may not carry them.
func TestJurisdictionKindRules(t *testing.T) {
	const file = "jurisdictions.yaml"
	intl := "{id: INT, name: International standards bodies, kind: international,"
	gb := "{id: GB, name: United Kingdom, group: WEOG, m49: {region: Europe, subregion: Northern Europe, source: *m49},"
	cases := []struct{ name, old, new, want string }{
		{"international with a group", intl, intl + " group: WEOG,", "field group: an international jurisdiction has no regional group"},
		{"international with m49", intl, intl + " m49: {region: Europe},", "field m49: an international jurisdiction has no UN M49 region"},
		{"international with a parent", intl, intl + " parent: GB,", "field parent: an international jurisdiction has no parent"},
		{"international with a country id", "{id: INT,", "{id: IS,", `field id: international jurisdiction id "IS" is not three capital letters`},
		{"INT without the kind", " kind: international,", "", "field group: is required"},
		{"country without m49", gb, "{id: GB, name: United Kingdom, group: WEOG,", "field m49: is required"},
		{"country without group", gb, "{id: GB, name: United Kingdom, m49: {region: Europe, subregion: Northern Europe, source: *m49},", "field group: is required"},
		{"unknown kind", gb, strings.Replace(gb, "name: United Kingdom,", "name: United Kingdom, kind: global,", 1), `field kind: unknown jurisdiction kind "global"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := catalog.Load(mutate(t, file, tc.old, tc.new))
			if err == nil {
				t.Fatal("loaded without error")
			}
			if !strings.Contains(err.Error(), file+":") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error does not say %q at a line of %s:\n%v", tc.want, file, err)
			}
		})
	}
}
