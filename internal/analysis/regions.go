package analysis

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/render"
)

// RegionCount is one bar of the report's Fig. 2, under one grouping.
type RegionCount struct {
	Grouping      string   `json:"grouping"` // "report" (regional group), "m49" or "m49-subregion"
	Region        string   `json:"region"`
	Documents     int      `json:"documents"`
	Share         float64  `json:"share"` // of all documents counted, 0..1
	Jurisdictions []string `json:"jurisdictions"`
}

// Regions counts documents per region. With reportOnly, only documents the
// report numbered are counted, reproducing Fig. 2.
func Regions(c *catalog.Catalog, reportOnly bool) render.List[RegionCount] {
	var out []RegionCount
	for _, g := range []struct {
		name string
		axis Axis
	}{{"report", ByRegion}, {"m49", ByM49}, {"m49-subregion", BySubregion}} {
		keep := keeper(AllMappings)
		if reportOnly {
			keep = keeper(ReportAnnex2)
		}
		cols, of := docGroups(c, g.axis, keep)
		counts := make([]int, len(cols))
		jurs := make([]map[string]bool, len(cols))
		total := 0
		for d, doc := range c.Documents {
			if of[d] < 0 {
				continue
			}
			counts[of[d]]++
			total++
			if jurs[of[d]] == nil {
				jurs[of[d]] = map[string]bool{}
			}
			jurs[of[d]][doc.Jurisdiction] = true
		}
		var rows []RegionCount
		for i, col := range cols {
			if counts[i] == 0 {
				continue
			}
			rows = append(rows, RegionCount{Grouping: g.name, Region: col.Label, Documents: counts[i],
				Share: float64(counts[i]) / float64(total), Jurisdictions: sortedKeys(jurs[i])})
		}
		sort.SliceStable(rows, func(i, k int) bool {
			if rows[i].Documents != rows[k].Documents {
				return rows[i].Documents > rows[k].Documents
			}
			return rows[i].Region < rows[k].Region
		})
		out = append(out, rows...)
	}
	return render.List[RegionCount]{Items: out, View: func(rs []RegionCount) render.Grid {
		g := render.Grid{Title: "Regional distribution of policy documents (Fig. 2)", Columns: []string{"grouping", "region", "documents", "share", "jurisdictions"}}
		for _, r := range rs {
			g.Rows = append(g.Rows, []string{r.Grouping, r.Region, strconv.Itoa(r.Documents), fmt.Sprintf("%.1f%%", 100*r.Share), strconv.Itoa(len(r.Jurisdictions))})
		}
		return g
	}}
}
