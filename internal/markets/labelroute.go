package markets

import (
	"strconv"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

// routeText says what meets a route in one phrase: its accepted provisions,
// or a current label of one of its schemes. A label route has no
// provisions, so joining AllOf alone would print nothing for it.
func routeText(r catalog.Route) string {
	if len(r.AnyLabel) == 0 {
		return join(r.AllOf)
	}
	parts := make([]string, len(r.AnyLabel))
	for i, l := range r.AnyLabel {
		parts[i] = l.Scheme + " (level " + strconv.Itoa(l.MinLevel) + "+)"
	}
	return "a current " + strings.Join(parts, " or ") + " label"
}

// labelCell lists a route's accepted labels for CSV as scheme:min_level.
func labelCell(ls []catalog.LabelRequirement) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = l.Scheme + ":" + strconv.Itoa(l.MinLevel)
	}
	return cell(parts)
}
