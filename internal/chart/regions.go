package chart

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/analysis"
	"github.com/bydesign-iot/bydesign/internal/catalog"
)

// RegionGroupings lists the groupings the regional chart can use.
var RegionGroupings = []string{"report", "m49", "m49-subregion"}

// RegionChart draws the report's Fig. 2 under one grouping. With reportOnly,
// only the report's own documents are counted.
func RegionChart(w io.Writer, c *catalog.Catalog, grouping string, reportOnly bool) error {
	if !slices.Contains(RegionGroupings, grouping) {
		return fmt.Errorf("unknown grouping %q (valid: %s)", grouping, strings.Join(RegionGroupings, ", "))
	}
	var rows []analysis.RegionCount
	for _, r := range analysis.Regions(c, reportOnly).Items {
		if r.Grouping == grouping {
			rows = append(rows, r)
		}
	}
	return Bars(w, "Regional distribution of policy documents ("+grouping+")", rows)
}
