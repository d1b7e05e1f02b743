package analysis

import (
	"strconv"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/render"
)

// Comparison sets jurisdictions side by side, practice by practice.
type Comparison struct {
	Evidence      Evidence        `json:"evidence"`
	Jurisdictions []Column        `json:"jurisdictions"`
	Practices     []ComparisonRow `json:"practices"`
	label         map[string]string
}

// ComparisonRow is one practice across the compared jurisdictions.
type ComparisonRow struct {
	Practice string `json:"practice"`
	Name     string `json:"name"`
	// Agreement: "all" cover it, "some", or "none".
	Agreement string `json:"agreement"`
	// Documents holds, per jurisdiction in order, the documents covering it.
	Documents [][]string `json:"documents"`
}

// Compare builds the comparison; ids must be valid jurisdiction ids.
func Compare(c *catalog.Catalog, ids []string, ev Evidence) *Comparison {
	cover := Coverage(c, ev)
	cmp := &Comparison{Evidence: ev, label: map[string]string{}}
	col := map[string]int{}
	for i, id := range ids {
		j, _ := c.Jurisdiction(id)
		col[j.ID] = i
		cmp.Jurisdictions = append(cmp.Jurisdictions, Column{ID: j.ID, Label: j.Name})
	}
	docs := make([][][]string, len(c.Practices))
	for p := range docs {
		docs[p] = make([][]string, len(ids))
		for i := range docs[p] {
			docs[p][i] = []string{}
		}
	}
	for d, doc := range c.Documents {
		i, ok := col[doc.Jurisdiction]
		if !ok {
			continue
		}
		for _, p := range cover[d] {
			docs[p][i] = append(docs[p][i], doc.ID)
			cmp.label[doc.ID] = DocLabel(&c.Documents[d])
		}
	}
	for p, pr := range c.Practices {
		n := 0
		for _, ds := range docs[p] {
			if len(ds) > 0 {
				n++
			}
		}
		agree := "some"
		switch n {
		case 0:
			agree = "none"
		case len(ids):
			agree = "all"
		}
		cmp.Practices = append(cmp.Practices, ComparisonRow{Practice: pr.ID, Name: pr.Name, Agreement: agree, Documents: docs[p]})
	}
	return cmp
}

// Grid shows each jurisdiction's covering documents as report numbers.
func (cmp *Comparison) Grid() render.Grid {
	g := render.Grid{Title: "Practice by practice", Columns: []string{"practice", "agreement"}}
	for _, j := range cmp.Jurisdictions {
		g.Columns = append(g.Columns, j.ID)
	}
	for _, r := range cmp.Practices {
		row := []string{r.Practice, r.Agreement}
		for _, ds := range r.Documents {
			if len(ds) == 0 {
				row = append(row, "-")
				continue
			}
			ls := make([]string, len(ds))
			for i, d := range ds {
				ls[i] = cmp.label[d]
			}
			row = append(row, strings.Join(ls, " "))
		}
		g.Rows = append(g.Rows, row)
	}
	all := 0
	for _, r := range cmp.Practices {
		if r.Agreement == "all" {
			all++
		}
	}
	g.Notes = []string{strconv.Itoa(all) + " practices are covered in every compared jurisdiction."}
	return g
}
