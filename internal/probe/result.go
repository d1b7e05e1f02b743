package probe

import (
	"cmp"
	"slices"
	"time"
)

// Step is one line of evidence: what the probe sent and what it saw.
// Secrets are redacted before they get here (see Redact).
type Step struct {
	Sent string `json:"sent,omitempty"`
	Seen string `json:"seen,omitempty"`
	Note string `json:"note,omitempty"`
}

// Finding is one check's outcome on one port (port 0: the whole target).
type Finding struct {
	Check      string   `json:"check"`
	Status     Status   `json:"status"`
	Port       int      `json:"port"`
	Transport  string   `json:"transport,omitempty"`
	Service    string   `json:"service"`
	Detail     string   `json:"detail"`
	Evidence   []Step   `json:"evidence"`
	Practices  []string `json:"practices"`
	Provisions []string `json:"provisions"`
}

// TargetResult holds the findings on one address, sorted.
type TargetResult struct {
	Address  string        `json:"address"`
	Services []Service     `json:"services"`
	Logins   *LoginSummary `json:"logins,omitempty"` // present when credential checks ran
	Findings []Finding     `json:"findings"`
}

// LoginSummary is what the target's failed-login budget recorded: every
// login attempt the probe made, and the lockout it saw, if any.
type LoginSummary struct {
	Attempts int      `json:"attempts"`
	Failures int      `json:"failures"`
	Budget   int      `json:"budget"`
	Lockout  *Lockout `json:"lockout,omitempty"`
}

// Report is the probe's whole output and also the evidence file assess
// reads. Only Started and Finished vary between identical runs.
type Report struct {
	Tool     string         `json:"tool"`
	Scope    ScopeInfo      `json:"scope"`
	Options  ReportOptions  `json:"options"`
	Started  time.Time      `json:"started"`
	Finished time.Time      `json:"finished"`
	Targets  []TargetResult `json:"targets"`
}

// ScopeInfo records the authorisation the run used.
type ScopeInfo struct {
	Prefixes []string `json:"prefixes"`
	Owner    string   `json:"owner,omitempty"`
	Expires  string   `json:"expires,omitempty"`
}

// ReportOptions records the permissions and limits of the run.
type ReportOptions struct {
	AllowCredentials bool     `json:"allow_credentials"`
	AllowFlood       bool     `json:"allow_flood"`
	Ports            []int    `json:"ports"`
	UDPPorts         []int    `json:"udp_ports"`
	LoginBudget      int      `json:"login_budget"`
	PerTargetRate    string   `json:"per_target_rate"`
	Checks           []string `json:"checks"`
}

// sortFindings gives a stable order: port, check, transport, status, detail.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Port, b.Port), cmp.Compare(a.Check, b.Check),
			cmp.Compare(a.Transport, b.Transport), cmp.Compare(a.Status, b.Status), cmp.Compare(a.Detail, b.Detail))
	})
}

// Failed reports whether any finding failed, for the exit code.
func (r *Report) Failed() bool {
	for _, t := range r.Targets {
		for _, f := range t.Findings {
			if f.Status == Fail {
				return true
			}
		}
	}
	return false
}
