package analysis

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/render"
)

// Disagreement is a place where a narrative claim of the report disagrees
// with its annexes (or, for legal force, with the curated dataset).
type Disagreement struct {
	Claim    string `json:"claim"`
	Section  string `json:"section"`
	Kind     string `json:"kind"`
	Document int    `json:"document,omitempty"` // Annex 1 number concerned
	Stated   string `json:"stated"`             // what the narrative says
	Annex    string `json:"annex"`              // what the annexes (or dataset) say
	Message  string `json:"message"`
}

// Kinds of disagreement, in the order they are checked.
const (
	KindCount        = "count"            // a stated count differs from the documents listed
	KindUnknownDoc   = "unknown-document" // a cited number is not in Annex 1
	KindJurisdiction = "jurisdiction"     // a number cited under the wrong jurisdiction
	KindLegalForce   = "legal-force"      // the text's legal force differs from the dataset's
	KindPractice     = "practice"         // a cited document is not listed for the practice in Annex 2
	KindCategory     = "category"         // a cited document has no Annex 2 practice of the category
	KindDocTotal     = "document-total"   // a stated total of documents differs from Annex 1
	KindJurTotal     = "jurisdiction-total"
	KindJurList      = "jurisdiction-list" // a listed jurisdiction's count or presence differs from Annex 1
)

// Consistency checks every claim against the annexes.
func Consistency(c *catalog.Catalog) render.List[Disagreement] {
	var out []Disagreement
	cover := Coverage(c, ReportAnnex2)
	annexJur := map[string]int{}
	numbered := 0
	for _, d := range c.Documents {
		if d.Number != 0 {
			numbered++
			annexJur[d.Jurisdiction]++
		}
	}
	for i := range c.Claims {
		out = append(out, checkClaim(c, &c.Claims[i], cover, annexJur, numbered)...)
	}
	return render.List[Disagreement]{Items: out, View: func(ds []Disagreement) render.Grid {
		g := render.Grid{Title: "Where the report's narrative disagrees with its annexes", Columns: []string{"claim", "section", "kind", "doc", "stated", "annex", "message"}}
		for _, d := range ds {
			doc := ""
			if d.Document != 0 {
				doc = "#" + strconv.Itoa(d.Document)
			}
			g.Rows = append(g.Rows, []string{d.Claim, d.Section, d.Kind, doc, d.Stated, d.Annex, d.Message})
		}
		g.Notes = []string{fmt.Sprintf("%d disagreements in %d claims.", len(ds), len(c.Claims))}
		return g
	}}
}

func checkClaim(c *catalog.Catalog, cl *catalog.Claim, cover [][]int, annexJur map[string]int, numbered int) []Disagreement {
	var out []Disagreement
	add := func(kind string, doc int, stated, annex, format string, args ...any) {
		out = append(out, Disagreement{Claim: cl.ID, Section: cl.Section, Kind: kind, Document: doc, Stated: stated, Annex: annex, Message: fmt.Sprintf(format, args...)})
	}
	var nums []int
	for _, ct := range cl.Cites {
		if !slices.Contains(nums, ct.Number) {
			nums = append(nums, ct.Number)
		}
	}
	if cl.StatedCount > 0 && cl.StatedCount != len(nums) {
		add(KindCount, 0, strconv.Itoa(cl.StatedCount), strconv.Itoa(len(nums)),
			"the text says %d documents but cites %d (%s)", cl.StatedCount, len(nums), numbers(nums))
	}
	for _, ct := range cl.Cites {
		d, ok := c.DocumentByNumber(ct.Number)
		if !ok {
			add(KindUnknownDoc, ct.Number, "#"+strconv.Itoa(ct.Number), "", "Annex 1 has no document #%d", ct.Number)
			continue
		}
		if ct.Jurisdiction != "" && ct.Jurisdiction != d.Jurisdiction {
			add(KindJurisdiction, ct.Number, jurName(c, ct.Jurisdiction), jurName(c, d.Jurisdiction),
				"#%d is cited as a document of %s; Annex 1 lists it under %s (%s)", ct.Number, jurName(c, ct.Jurisdiction), jurName(c, d.Jurisdiction), d.Title)
		}
		if ct.LegalForce != "" && ct.LegalForce != d.LegalForce {
			add(KindLegalForce, ct.Number, ct.LegalForce, d.LegalForce+" ("+d.Kind+")",
				"#%d is presented as %s; the dataset records it as a %s %s", ct.Number, ct.LegalForce, d.LegalForce, d.Kind)
		}
		di, _ := c.DocumentIndex(d.ID)
		if cl.Practice != "" {
			p, _ := c.PracticeIndex(cl.Practice)
			if !slices.Contains(cover[di], p) {
				add(KindPractice, ct.Number, cl.Practice, "not listed",
					"#%d is cited for %q but Annex 2 does not list it for that practice", ct.Number, c.Practices[p].Name)
			}
		}
		if cl.Category != "" && !coversCategory(c, cover[di], cl.Category) {
			cat, _ := c.Category(cl.Category)
			add(KindCategory, ct.Number, cat.Name, "no practice",
				"#%d is cited as an example of %q but Annex 2 lists it under no practice of that category", ct.Number, cat.Name)
		}
	}
	if cl.StatedDocuments > 0 && cl.StatedDocuments != numbered {
		add(KindDocTotal, 0, strconv.Itoa(cl.StatedDocuments), strconv.Itoa(numbered), "the text counts %d documents; Annex 1 lists %d", cl.StatedDocuments, numbered)
	}
	if cl.StatedJurisdictions > 0 && cl.StatedJurisdictions != len(annexJur) {
		add(KindJurTotal, 0, strconv.Itoa(cl.StatedJurisdictions), strconv.Itoa(len(annexJur)),
			"the text counts %d jurisdictions; Annex 1 documents come from %d", cl.StatedJurisdictions, len(annexJur))
	}
	if len(cl.PerJurisdiction) > 0 {
		for _, j := range sortedKeys(annexJur) {
			stated, listed := cl.PerJurisdiction[j]
			switch {
			case !listed:
				add(KindJurList, 0, "absent", strconv.Itoa(annexJur[j]), "%s is missing from the list but Annex 1 has %d of its documents", jurName(c, j), annexJur[j])
			case stated != annexJur[j]:
				add(KindJurList, 0, strconv.Itoa(stated), strconv.Itoa(annexJur[j]), "the list gives %s %d documents; Annex 1 has %d", jurName(c, j), stated, annexJur[j])
			}
		}
		for _, j := range sortedKeys(cl.PerJurisdiction) {
			if annexJur[j] == 0 {
				add(KindJurList, 0, strconv.Itoa(cl.PerJurisdiction[j]), "0", "the list names %s but Annex 1 has none of its documents", jurName(c, j))
			}
		}
	}
	return out
}

func coversCategory(c *catalog.Catalog, practices []int, cat string) bool {
	for _, p := range practices {
		if slices.Contains(c.Practices[p].Categories, cat) {
			return true
		}
	}
	return false
}

func jurName(c *catalog.Catalog, id string) string {
	if j, ok := c.Jurisdiction(id); ok {
		return j.Name
	}
	return id
}
