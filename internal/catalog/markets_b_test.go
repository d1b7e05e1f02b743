package catalog_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/catalog/dataset"
)

// The regimes of the second market batch: EU CRA, EU RED with EN 18031,
// California SB-327, NIST IR 8259A/B, Australia's smart-device rules and
// Japan's JC-STAR. Each entry names a profile, the documents it draws on and
// the dates the instrument fixes.
var marketsB = []struct {
	profile     string
	kind        string
	appliesFrom string
	documents   []string
}{
	{"eu-cra", "market", "2027-12-11", []string{"eu-cra"}},
	{"eu-cra-reporting", "market", "2026-09-11", []string{"eu-cra"}},
	{"us-ca-sb327", "market", "2020-01-01", []string{"us-ca-sb327"}},
	{"nist-ir-8259", "market", "", []string{"nist-ir-8259a", "nist-ir-8259b"}},
	{"eu-red", "market", "2025-08-01", []string{"eu-red-da", "en-18031-1", "en-18031-2", "en-18031-3"}},
	{"au-smart-devices", "market", "2026-03-04", []string{"au-smart-device-rules"}},
	{"jp-jc-star-1", "label", "2025-03-25", []string{"jp-jc-star"}},
}

func marketsBCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(dataset.FS())
	if err != nil {
		t.Fatalf("load built-in dataset: %v", err)
	}
	return c
}

func TestMarketsBProfilesResolve(t *testing.T) {
	c := marketsBCatalog(t)
	for _, m := range marketsB {
		t.Run(m.profile, func(t *testing.T) {
			rp, err := c.Resolve(m.profile)
			if err != nil {
				t.Fatal(err)
			}
			if len(rp.Provisions) == 0 {
				t.Fatal("profile resolves to no provisions")
			}
			if rp.Profile.Kind != m.kind {
				t.Errorf("kind = %q, want %q", rp.Profile.Kind, m.kind)
			}
			if rp.Profile.AppliesFrom != m.appliesFrom {
				t.Errorf("applies_from = %q, want %q", rp.Profile.AppliesFrom, m.appliesFrom)
			}
			for _, p := range rp.Provisions {
				if !slices.Contains(m.documents, p.Document) {
					t.Errorf("provision %s comes from %q, outside %v", p.ID, p.Document, m.documents)
				}
			}
		})
	}
}

// Every provision of these regimes is summarised, sourced with a locator,
// and either maps to a practice or says why it does not.
func TestMarketsBProvisionsComplete(t *testing.T) {
	c := marketsBCatalog(t)
	docs := map[string]bool{}
	for _, m := range marketsB {
		for _, d := range m.documents {
			docs[d] = true
		}
	}
	for d := range docs {
		doc, ok := c.Document(d)
		if !ok {
			t.Errorf("document %q missing", d)
			continue
		}
		if doc.Number == 0 && !doc.AddedAfter {
			t.Errorf("document %q has no report number and is not marked added after the report", d)
		}
		provs := c.ProvisionsOf(d)
		if len(provs) == 0 {
			t.Errorf("document %q has no provisions", d)
		}
		for _, p := range provs {
			for _, m := range p.Maps {
				// Practice links are our judgement, never the instrument's.
				if m.Source == nil || m.Source.Ref != "bydesign-curation" {
					t.Errorf("%s -> %s is not sourced to the curators", p.ID, m.Practice)
				}
				if strings.TrimSpace(m.Rationale) == "" {
					t.Errorf("%s -> %s has no rationale", p.ID, m.Practice)
				}
			}
			if len(p.Practices) == 0 && strings.TrimSpace(p.NoPractice) == "" {
				t.Errorf("%s maps to no practice and gives no reason", p.ID)
			}
			if len(p.Practices) > 0 && p.NoPractice != "" {
				t.Errorf("%s both maps to practices and says it maps to none", p.ID)
			}
			if p.Source.Locator == "" {
				t.Errorf("%s has no locator in its source", p.ID)
			}
			if strings.TrimSpace(p.Title) == "" {
				t.Errorf("%s has no title", p.ID)
			}
		}
	}
}

func TestCRAAnnexI(t *testing.T) {
	c := marketsBCatalog(t)
	var want []string
	want = append(want, "CRA-AI-P1-1")
	for l := 'a'; l <= 'm'; l++ {
		want = append(want, fmt.Sprintf("CRA-AI-P1-2%c", l))
	}
	for n := 1; n <= 8; n++ {
		want = append(want, fmt.Sprintf("CRA-AI-P2-%d", n))
	}
	var part1, part2 []string
	for _, p := range c.ProvisionsOf("eu-cra") {
		switch {
		case strings.HasPrefix(p.Ref, "CRA-AI-P1-2"):
			part1 = append(part1, p.Ref)
		case strings.HasPrefix(p.Ref, "CRA-AI-P2-"):
			part2 = append(part2, p.Ref)
		}
	}
	if len(part1) != 13 {
		t.Errorf("Annex I Part I point (2) has %d items, want 13 (a to m): %v", len(part1), part1)
	}
	if len(part2) != 8 {
		t.Errorf("Annex I Part II has %d items, want 8: %v", len(part2), part2)
	}
	for _, ref := range want {
		p, ok := c.Provision("eu-cra/" + ref)
		if !ok {
			t.Errorf("eu-cra/%s missing", ref)
			continue
		}
		if p.Modality != "shall" || !slices.Contains(p.Binds, "manufacturer") {
			t.Errorf("%s: modality %q binds %v, want a manufacturer's shall", p.ID, p.Modality, p.Binds)
		}
	}
	rp, err := c.Resolve("eu-cra")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, p := range rp.Provisions {
		got[p.Ref] = true
	}
	for _, ref := range append(want, "art-13-8", "art-14-2", "art-14-4", "art-71-2") {
		if !got[ref] {
			t.Errorf("profile eu-cra does not select %s", ref)
		}
	}
}

// The support-period rule is its own provision, tied to the end-of-life
// practice, and states the five-year floor.
func TestCRASupportPeriod(t *testing.T) {
	c := marketsBCatalog(t)
	p, ok := c.Provision("eu-cra/art-13-8")
	if !ok {
		t.Fatal("eu-cra/art-13-8 (support period) missing")
	}
	if !slices.Contains(p.Practices, "end-of-life-support") {
		t.Errorf("support period maps to %v, want end-of-life-support among them", p.Practices)
	}
	if !strings.Contains(p.Summary, "five years") {
		t.Errorf("support period summary does not state the five-year minimum: %q", p.Summary)
	}
	for _, ref := range []string{"art-14-2", "art-14-4"} {
		p, ok := c.Provision("eu-cra/" + ref)
		if !ok {
			t.Fatalf("eu-cra/%s missing", ref)
		}
		for _, clock := range []string{"24 hours", "72 hours", "11 September 2026"} {
			if !strings.Contains(p.Summary, clock) {
				t.Errorf("%s summary lacks %q", p.ID, clock)
			}
		}
	}
}

func TestCRADocumentDates(t *testing.T) {
	c := marketsBCatalog(t)
	d, ok := c.Document("eu-cra")
	if !ok {
		t.Fatal("document eu-cra missing")
	}
	got := [...]string{d.Jurisdiction, d.Kind, d.LegalForce, d.InForce, d.AppliesFrom}
	want := [...]string{"EU", "regulation", "mandatory", "2024-12-10", "2027-12-11"}
	if got != want {
		t.Errorf("eu-cra (jurisdiction, kind, force, in force, applies from) = %v, want %v", got, want)
	}
	if !d.AddedAfter {
		t.Error("eu-cra is not marked added_after_report")
	}
}

// SB-327's password options and label option are routes to its general
// duty, each resolving to a provision of the same statute.
func TestSB327Routes(t *testing.T) {
	c := marketsBCatalog(t)
	rp, err := c.Resolve("us-ca-sb327")
	if err != nil {
		t.Fatal(err)
	}
	var via []string
	for _, r := range rp.Routes {
		if r.Provision != "us-ca-sb327/1798.91.04-a" {
			t.Errorf("route to %s, want only routes to the general duty", r.Provision)
		}
		via = append(via, r.AllOf...)
	}
	want := []string{"us-ca-sb327/1798.91.04-b-1", "us-ca-sb327/1798.91.04-b-2", "us-ca-sb327/1798.91.04-c"}
	if !slices.Equal(via, want) {
		t.Errorf("routes go through %v, want %v", via, want)
	}
	for _, id := range want[:2] {
		p, _ := c.Provision(id)
		if !slices.Contains(p.Conditions, "has-remote-access") {
			t.Errorf("%s conditions %v lack has-remote-access (the statute limits it to authentication from outside a local network)", id, p.Conditions)
		}
	}
}

// NIST IR 8259A names six device capabilities and 8259B four supporting ones.
func TestNISTCapabilities(t *testing.T) {
	c := marketsBCatalog(t)
	for doc, want := range map[string][]string{
		"nist-ir-8259a": {"device-identification", "device-configuration", "data-protection", "logical-access-to-interfaces", "software-update", "cybersecurity-state-awareness"},
		"nist-ir-8259b": {"documentation", "information-and-query-reception", "information-dissemination", "education-and-awareness"},
	} {
		var got []string
		for _, p := range c.ProvisionsOf(doc) {
			got = append(got, p.Ref)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s capabilities = %v, want %v", doc, got, want)
		}
	}
}

// The EN 18031 mechanisms carry the condition that scopes each part, so a
// product outside a part's scope is not held to it.
func TestEN18031Scope(t *testing.T) {
	c := marketsBCatalog(t)
	for _, tc := range []struct {
		doc       string
		condition string
		refs      []string // nil: every mechanism of the part
	}{
		{"en-18031-1", "is-network-equipment", []string{"NMM", "TCM"}},
		{"en-18031-2", "processes-personal-data", nil},
		{"en-18031-3", "handles-payment", nil},
	} {
		provs := c.ProvisionsOf(tc.doc)
		if len(provs) == 0 {
			t.Errorf("%s has no mechanisms", tc.doc)
		}
		for _, p := range provs {
			if tc.refs != nil && !slices.Contains(tc.refs, p.Ref) {
				continue
			}
			if !slices.Contains(p.Conditions, tc.condition) {
				t.Errorf("%s conditions %v lack %s", p.ID, p.Conditions, tc.condition)
			}
		}
	}
	for _, ref := range []string{"ACM", "AUM", "SUM", "SSM", "SCM", "RLM", "NMM", "TCM", "CCK", "GEC", "CRY"} {
		if _, ok := c.Provision("en-18031-1/" + ref); !ok {
			t.Errorf("en-18031-1/%s missing", ref)
		}
	}
	for _, ref := range []string{"LGM", "DLM", "UNM"} {
		if _, ok := c.Provision("en-18031-2/" + ref); !ok {
			t.Errorf("en-18031-2/%s missing", ref)
		}
	}
}

// Australia's Schedule 1 has three requirements, mirrored on passwords,
// security-issue reporting and the support period.
func TestAustraliaSchedule1(t *testing.T) {
	c := marketsBCatalog(t)
	want := map[string]string{
		"sch1-cl2": "no-default-passwords",
		"sch1-cl3": "vulnerability-disclosure",
		"sch1-cl4": "end-of-life-support",
	}
	provs := c.ProvisionsOf("au-smart-device-rules")
	if len(provs) != len(want) {
		t.Errorf("got %d provisions, want %d", len(provs), len(want))
	}
	for _, p := range provs {
		practice, ok := want[p.Ref]
		if !ok {
			t.Errorf("unexpected provision %s", p.ID)
			continue
		}
		if !slices.Contains(p.Practices, practice) {
			t.Errorf("%s maps to %v, want %s among them", p.ID, p.Practices, practice)
		}
	}
	j, ok := c.Jurisdiction("AU")
	if !ok || j.M49.Region != "Oceania" {
		t.Errorf("jurisdiction AU = %+v, want one in Oceania", j)
	}
}

// Everything known about JC-STAR level 1 comes from secondary reading, so
// every provision must say so.
func TestJCStarMarkedUnverified(t *testing.T) {
	c := marketsBCatalog(t)
	for _, p := range c.ProvisionsOf("jp-jc-star") {
		if !p.Source.Unverified {
			t.Errorf("%s is not marked unverified", p.ID)
		}
		if p.Level != "1" {
			t.Errorf("%s level = %q, want 1", p.ID, p.Level)
		}
	}
}

// Cross-regime links: mirrored regimes point at ETSI EN 303 645 or UK PSTI,
// and JC-STAR accepts PSTI for three criteria.
func TestMarketsBCrossRegime(t *testing.T) {
	c := marketsBCatalog(t)
	links := map[string][]string{}
	for _, m := range c.Mappings {
		if strings.HasPrefix(m.From, "prov:") && strings.HasPrefix(m.To, "prov:") {
			links[m.From] = append(links[m.From], m.To)
		}
	}
	for _, tc := range []struct{ from, to string }{
		{"eu-cra/CRA-AI-P1-2b", "etsi-en-303-645/5.1-1"},
		{"eu-cra/CRA-AI-P2-5", "etsi-en-303-645/5.2-1"},
		{"eu-cra/art-13-8", "etsi-en-303-645/5.3-13"},
		{"us-ca-sb327/1798.91.04-b-1", "etsi-en-303-645/5.1-1"},
		{"us-ca-sb327/1798.91.04-b-2", "etsi-en-303-645/5.1-1"},
		{"au-smart-device-rules/sch1-cl2", "uk-psti/sch1-1"},
		{"au-smart-device-rules/sch1-cl3", "uk-psti/sch1-2"},
		{"au-smart-device-rules/sch1-cl4", "uk-psti/sch1-3"},
		{"au-smart-device-rules/sch1-cl2", "etsi-en-303-645/5.1-1"},
	} {
		if !slices.Contains(links["prov:"+tc.from], "prov:"+tc.to) {
			t.Errorf("no mapping from %s to %s", tc.from, tc.to)
		}
	}
	rp, err := c.Resolve("jp-jc-star-1")
	if err != nil {
		t.Fatal(err)
	}
	routes := map[string]string{}
	for _, r := range rp.Routes {
		if len(r.AllOf) != 1 {
			t.Errorf("route to %s needs %v, want a single PSTI paragraph", r.Provision, r.AllOf)
			continue
		}
		routes[r.Provision] = r.AllOf[0]
	}
	want := map[string]string{
		"jp-jc-star/S1.1-02": "uk-psti/sch1-1",
		"jp-jc-star/S1.1-05": "uk-psti/sch1-2",
		"jp-jc-star/S1.1-16": "uk-psti/sch1-3",
	}
	for k, v := range want {
		if routes[k] != v {
			t.Errorf("route to %s goes through %q, want %q", k, routes[k], v)
		}
	}
}

// A provision may name its own document, overriding the file's top-level
// one, so a regulation and the standards it relies on can share a file (as
// eu-red.yaml and nist-ir-8259.yaml do). A wrong override is reported with
// its file, line and field.
func TestProvisionDocumentOverride(t *testing.T) {
	const base = `references:
  - {id: ref, title: A reference, kind: web}
categories:
  - {id: cat, name: Cat, summary: A category.}
practices:
  - {id: prac, order: 1, name: Prac, summary: A practice., categories: [cat], stakeholders: [manufacturer], source: {ref: ref}}
jurisdictions:
  - {id: EU, name: European Union, group: G, m49: {region: Europe, source: {ref: ref}}, source: {ref: ref}}
documents:
  - {id: law, title: Law, issuer: I, jurisdiction: EU, language: en, kind: regulation, legal_force: mandatory, added_after_report: true, source: {ref: ref}}
  - {id: std, title: Std, issuer: I, jurisdiction: EU, language: en, kind: standard, legal_force: voluntary, added_after_report: true, source: {ref: ref}}
`
	provs := func(override string) string {
		return `document: law
provisions:
  - {ref: art-1, summary: S., modality: shall, binds: [manufacturer], verification: [declaration], no_practice: none, source: {ref: ref, locator: x}}
  - ref: M-1
    document: ` + override + `
    summary: S.
    modality: shall
    binds: [manufacturer]
    verification: [lab-test]
    maps: [{practice: prac, relation: intersect}]
    source: {ref: ref, locator: y}
`
	}
	for _, tc := range []struct {
		name, override string
		wantIDs        []string
		wantErr        string
	}{
		{"override", "std", []string{"law/art-1", "std/M-1"}, ""},
		{"unknown", "nope", nil, "b.yaml:5: field document: unknown document \"nope\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"a.yaml": {Data: []byte(base)},
				"b.yaml": {Data: []byte(provs(tc.override))},
			}
			c, err := catalog.Load(fsys)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, p := range c.Provisions {
				ids = append(ids, p.ID)
			}
			if !slices.Equal(ids, tc.wantIDs) {
				t.Errorf("provision ids = %v, want %v", ids, tc.wantIDs)
			}
			if got := len(c.ProvisionsOf("std")); got != 1 {
				t.Errorf("std has %d provisions, want 1", got)
			}
		})
	}
}
