package probe

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/render"
)

// Grid is the tabular view: one row per finding, targets in address order.
func (r *Report) Grid() render.Grid {
	g := render.Grid{Title: "bydesign probe", Columns: []string{"address", "port", "service", "check", "status", "detail", "practices"}}
	counts := map[Status]int{}
	for _, t := range r.Targets {
		for _, f := range t.Findings {
			port := "-"
			if f.Port > 0 {
				port = strconv.Itoa(f.Port)
				if f.Transport == "udp" {
					port += "/udp"
				}
			}
			g.Rows = append(g.Rows, []string{t.Address, port, f.Service, f.Check, string(f.Status), f.Detail, strings.Join(f.Practices, ", ")})
			counts[f.Status]++
		}
	}
	var parts []string
	for _, s := range Statuses {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", s, counts[s]))
		}
	}
	g.Notes = append(g.Notes, fmt.Sprintf("%d targets; %s. Scope %s.", len(r.Targets), strings.Join(parts, ", "), strings.Join(r.Scope.Prefixes, ", ")))
	return g
}
