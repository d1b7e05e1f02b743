package probe

import "context"

// Phase orders checks on a target: everything that could spend login
// attempts runs after the default-credential checks, and floods run last.
type Phase int

const (
	PhaseCredentials Phase = 1 // default credentials, first, on an unspent budget
	PhaseObserve     Phase = 2 // banners, cleartext, unauthenticated access, TLS, security.txt
	PhaseBruteForce  Phase = 3 // deliberate failed logins to see lockout or throttling
	PhaseFlood       Phase = 4 // capped connection flood and recovery
)

// Needs says which permission flags a check requires.
type Needs struct {
	Credentials bool // --allow-credentials: tries logins
	Flood       bool // --allow-flood: floods a service with connections
}

// Meta describes a check. Practices are catalog practice ids and Provisions
// catalog provision ids ("DOCUMENT/REF"); a registry test resolves them.
type Meta struct {
	ID         string
	Title      string
	Phase      Phase
	Needs      Needs
	Practices  []string
	Provisions []string
}

// Check is one probe check. Run must use only the Target's dialers and must
// return findings rather than errors: a network failure is a status.
type Check interface {
	Meta() Meta
	Run(ctx context.Context, t *Target) []Finding
}
