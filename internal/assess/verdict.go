package assess

import "fmt"

// Verdict is the outcome for one provision, or for a whole market.
type Verdict uint8

const (
	NotDeclared   Verdict = iota // the declaration is silent and nothing was observed
	Pass                         // met, by declaration, observation or a deemed-compliance route
	Fail                         // not met
	NotApplicable                // a condition of the provision is false for this product
	Inconclusive                 // evidence exists but does not decide
	Incomplete                   // market only: nothing fails but mandatory provisions are open
)

var verdictNames = [...]string{"not-declared", "pass", "fail", "not-applicable", "inconclusive", "incomplete"}

func (v Verdict) String() string {
	if int(v) < len(verdictNames) {
		return verdictNames[v]
	}
	return fmt.Sprintf("verdict(%d)", v)
}

// MarshalText writes the verdict's name in JSON and YAML.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// reasonKind says what one trace entry records.
type reasonKind uint8

const (
	rCondFalse     reasonKind = iota // a = condition
	rCondAssumed                     // a = condition
	rStmtNA                          // provision statement says not applicable
	rTest                            // a = rule ref index, b = test index, v = outcome (Pass, Fail, NotDeclared)
	rStmt                            // provision statement, v = outcome
	rPracticeStmt                    // a = index into the provision's practices, v = outcome
	rNoRule                          // nothing decides the provision
	rLabReport                       // declared met but only a lab report verifies it
	rObservedTest                    // a = rule ref, b = test, c = observation finding, v = outcome
	rObserved                        // c = finding naming the provision, v = outcome
	rObservedPrac                    // c = finding naming a mapped practice, v = outcome
	rContradiction                   // a = fact (or -1), c = finding
	rUnconfirmed                     // declared met or seen passing elsewhere, but a check naming the provision could not conclude; c = finding
)

// reason is one trace entry, kept small and allocation-free; Result turns
// it into words.
type reason struct {
	kind    reasonKind
	v       Verdict
	a, b    int32
	finding findingRef
}
