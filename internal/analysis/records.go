package analysis

import (
	"strconv"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/render"
)

// QuestionRow is a research question with the documents its answer cites.
type QuestionRow struct {
	catalog.Question
	Documents []int `json:"documents"` // Annex 1 numbers cited in the answer
}

// Questions lists the research questions with the numbers their claims cite.
func Questions(c *catalog.Catalog) render.List[QuestionRow] {
	var out []QuestionRow
	for _, q := range c.Questions {
		var nums []int
		for _, cl := range c.Claims {
			if cl.Question == q.ID {
				for _, ct := range cl.Cites {
					nums = append(nums, ct.Number)
				}
			}
		}
		out = append(out, QuestionRow{Question: q, Documents: nonNilInts(uniqueSorted(nums))})
	}
	return render.List[QuestionRow]{Items: out, View: func(rs []QuestionRow) render.Grid {
		g := render.Grid{Title: "Research questions", Columns: []string{"q", "topic", "answer", "documents cited"}}
		for _, r := range rs {
			g.Rows = append(g.Rows, []string{"Q" + strconv.Itoa(r.Number), r.Topic, r.Answer, numbers(r.Documents)})
		}
		return g
	}}
}

// Recommendations lists recommendations, conclusions and next steps.
func Recommendations(c *catalog.Catalog) render.List[catalog.Recommendation] {
	return render.List[catalog.Recommendation]{Items: c.Recommendations, View: func(rs []catalog.Recommendation) render.Grid {
		g := render.Grid{Title: "Recommendations, conclusions and next steps", Columns: []string{"id", "kind", "title", "summary", "practices"}}
		for _, r := range rs {
			g.Rows = append(g.Rows, []string{r.ID, r.Kind, r.Title, r.Summary, strings.Join(r.Practices, ", ")})
		}
		return g
	}}
}

// Claims lists the narrative claims with their citations.
func Claims(c *catalog.Catalog) render.List[catalog.Claim] {
	return render.List[catalog.Claim]{Items: c.Claims, View: func(cs []catalog.Claim) render.Grid {
		g := render.Grid{Title: "Claims in the report's narrative", Columns: []string{"id", "section", "summary", "cites"}}
		for _, cl := range cs {
			nums := make([]int, len(cl.Cites))
			for i, ct := range cl.Cites {
				nums[i] = ct.Number
			}
			g.Rows = append(g.Rows, []string{cl.ID, cl.Section, cl.Summary, numbers(nums)})
		}
		return g
	}}
}

func nonNilInts(s []int) []int {
	if s == nil {
		return []int{}
	}
	return s
}
