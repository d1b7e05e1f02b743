package probe

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/sarif"
)

// SARIF output: one rule per check; one result per finding that failed or
// could not be decided (passes are not results).

// WriteSARIF writes the report as SARIF 2.1.0. titles maps check ids to
// their titles (from the registry) for rule descriptions.
func (r *Report) WriteSARIF(w io.Writer, titles map[string]string) error {
	run := sarif.NewRun("bydesign-probe", "")
	ids := make([]string, 0, len(titles))
	for id := range titles {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		run.Rule(sarif.Rule{ID: id, ShortDescription: sarif.Message{Text: titles[id]}})
	}
	for _, t := range r.Targets {
		for _, f := range t.Findings {
			level := ""
			switch f.Status {
			case Fail:
				level = "error"
			case Inconclusive, LockoutObserved:
				level = "warning"
			default:
				continue
			}
			run.Rule(sarif.Rule{ID: f.Check, ShortDescription: sarif.Message{Text: f.Check}})
			uri := fmt.Sprintf("%s://%s", orDash(f.Transport, "tcp"), t.Address)
			if f.Port > 0 {
				uri = fmt.Sprintf("%s://%s", orDash(f.Transport, "tcp"), joinHostPort(t.Address, f.Port))
			}
			run.Add(sarif.Result{RuleID: f.Check, Level: level,
				Message:   sarif.Message{Text: fmt.Sprintf("%s: %s", f.Status, f.Detail)},
				Locations: sarif.At(uri, 0),
				Properties: map[string]any{"status": f.Status, "service": f.Service, "practices": f.Practices,
					"provisions": f.Provisions}})
		}
	}
	return sarif.Write(w, run)
}

func orDash(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func joinHostPort(host string, port int) string {
	if strings.Contains(host, ":") {
		return fmt.Sprintf("[%s]:%d", host, port)
	}
	return fmt.Sprintf("%s:%d", host, port)
}
