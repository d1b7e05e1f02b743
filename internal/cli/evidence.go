package cli

import (
	"flag"

	"github.com/bydesign-iot/bydesign/internal/analysis"
)

func evidenceFlag(fs *flag.FlagSet, v *string) {
	fs.StringVar(v, "evidence", "all", "which mappings count: all (report and curation) or report (Annex 2 only)")
}

func parseEvidence(s string) (analysis.Evidence, error) {
	switch analysis.Evidence(s) {
	case analysis.AllMappings, analysis.ReportAnnex2:
		return analysis.Evidence(s), nil
	}
	return "", usagef("--evidence: unknown value %q (valid: all, report)", s)
}
