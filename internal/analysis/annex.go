package analysis

import (
	"sort"
	"strconv"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/render"
)

// Annex1Row is one row of the report's Annex 1, regenerated from data.
type Annex1Row struct {
	Number         int    `json:"number"`
	ID             string `json:"id"`
	Title          string `json:"title"`
	Issuer         string `json:"issuer"`
	Jurisdiction   string `json:"jurisdiction"` // the report's name for it
	JurisdictionID string `json:"jurisdiction_id"`
	Region         string `json:"region"` // the report's regional group
	M49Region      string `json:"m49_region"`
	Language       string `json:"language"`
	LanguageCode   string `json:"language_code"`
	Researcher     string `json:"researcher"`
	Kind           string `json:"kind"`
	LegalForce     string `json:"legal_force"`
}

// Annex1 lists the report's documents in number order.
func Annex1(c *catalog.Catalog) render.List[Annex1Row] {
	var rows []Annex1Row
	for _, d := range c.Documents {
		if d.Number == 0 {
			continue
		}
		j, _ := c.Jurisdiction(d.Jurisdiction)
		rows = append(rows, Annex1Row{
			Number: d.Number, ID: d.ID, Title: d.Title, Issuer: d.Issuer,
			Jurisdiction: j.Name, JurisdictionID: j.ID, Region: j.Group, M49Region: j.M49.Region,
			Language: LanguageName(d.Language), LanguageCode: d.Language, Researcher: d.Researcher,
			Kind: d.Kind, LegalForce: d.LegalForce,
		})
	}
	sort.Slice(rows, func(i, k int) bool { return rows[i].Number < rows[k].Number })
	return render.List[Annex1Row]{Items: rows, View: func(rs []Annex1Row) render.Grid {
		g := render.Grid{Title: "Annex 1. Source documents", Columns: []string{"doc", "title", "issuer", "country or union", "region", "language"}}
		for _, r := range rs {
			g.Rows = append(g.Rows, []string{r.JurisdictionID + " #" + strconv.Itoa(r.Number), r.Title, r.Issuer, r.Jurisdiction, r.Region, r.Language})
		}
		return g
	}}
}

// languages names the BCP 47 codes the dataset uses, in English.
var languages = map[string]string{
	"en": "English", "pt": "Portuguese", "es": "Spanish", "nl": "Dutch", "ko": "Korean",
	"vi": "Vietnamese", "ja": "Japanese", "fr": "French", "de": "German", "ar": "Arabic", "fi": "Finnish",
}

// LanguageName returns the English name of a language code, or the code.
func LanguageName(code string) string {
	if n, ok := languages[code]; ok {
		return n
	}
	return code
}

// Annex2Row is one practice of the report's Annex 2 with its documents.
type Annex2Row struct {
	Practice   string   `json:"practice"` // the report's name
	ID         string   `json:"id"`
	Categories []string `json:"categories"` // the report's category names
	Documents  []int    `json:"documents"`  // Annex 1 numbers, ascending
	Summary    string   `json:"summary"`
}

// Annex2 regenerates Annex 2 from the report's coverage records only, so
// later curation never changes it.
func Annex2(c *catalog.Catalog) render.List[Annex2Row] {
	byPractice := map[string][]int{}
	for _, cv := range c.Coverage {
		byPractice[cv.Practice] = append(byPractice[cv.Practice], cv.Numbers...)
	}
	var rows []Annex2Row
	order := make([]*catalog.Practice, 0, len(c.Practices))
	for i := range c.Practices {
		if _, ok := byPractice[c.Practices[i].ID]; ok {
			order = append(order, &c.Practices[i])
		}
	}
	sort.SliceStable(order, func(i, k int) bool { return order[i].Order < order[k].Order })
	for _, p := range order {
		nums := uniqueSorted(byPractice[p.ID])
		rows = append(rows, Annex2Row{Practice: p.Name, ID: p.ID, Categories: categoryNames(c, p.Categories), Documents: nums, Summary: p.Summary})
	}
	return render.List[Annex2Row]{Items: rows, View: func(rs []Annex2Row) render.Grid {
		g := render.Grid{Title: "Annex 2. Good practices and the documents they were found in", Columns: []string{"category", "practice", "count", "documents"}}
		for _, r := range rs {
			g.Rows = append(g.Rows, []string{strings.Join(r.Categories, " and "), r.Practice, strconv.Itoa(len(r.Documents)), numbers(r.Documents)})
		}
		return g
	}}
}

func uniqueSorted(ns []int) []int {
	sort.Ints(ns)
	out := ns[:0:0]
	for i, n := range ns {
		if i == 0 || n != ns[i-1] {
			out = append(out, n)
		}
	}
	return out
}
