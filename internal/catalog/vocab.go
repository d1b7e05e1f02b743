package catalog

import (
	"regexp"
	"slices"
	"strings"
	"time"
)

// Closed vocabularies. Values outside them are dataset errors.
var (
	Stakeholders  = []string{"manufacturer", "developer", "service-provider", "importer", "distributor", "retailer", "user", "government"}
	DocumentKinds = []string{"law", "regulation", "standard", "code-of-practice", "guideline", "labelling-scheme", "certification-scheme", "consultation", "roadmap"}
	LegalForces   = []string{"mandatory", "voluntary", "proposed"}
	Modalities    = []string{"shall", "should", "may"}
	Verifications = []string{"declaration", "document-review", "network-probe", "lab-test"}
	Relations     = []string{"equal", "subset", "superset", "intersect"}
	SourceKinds   = []string{"report", "standard", "statute", "web", "curation", "classifier", "dataset"}
	ProfileKinds  = []string{"market", "label"}
	RecordKinds   = []string{"recommendation", "next-step", "conclusion"}
	// Conditions name product facts that decide whether a provision applies
	// (for example EN 303 645's "where passwords are used"). A declaration
	// states each as true or false; assess marks a provision not applicable
	// when one of its conditions is false.
	Conditions = []string{
		"uses-passwords",           // the device authenticates users or machines with passwords
		"updatable",                // the device's software can be updated
		"constrained-device",       // too constrained to support updates or some controls
		"has-user-interface",       // a user interface on the device or an app
		"has-network-interface",    // a network interface of any kind
		"has-remote-access",        // management reachable from the network
		"has-associated-services",  // cloud or companion services
		"has-mobile-app",           // a companion mobile application
		"processes-personal-data",  // processes personal data
		"sends-telemetry",          // sends telemetry to the manufacturer or others
		"has-debug-interface",      // physical debug or test interfaces
		"has-sensitive-parameters", // stores security parameters in persistent storage
		"accepts-external-input",   // takes input from users, APIs or networks
		"has-hardware-security",    // offers a hardware root of trust or secure storage
		"is-wifi-router",           // a home Wi-Fi router (some labels single these out)
		"handles-payment",          // processes payments or money transfers
		"is-childrens-device",      // designed for or used by children
		"is-wearable",              // worn on the body
		"has-connected-actuator",   // can act on the physical world
		// Added for EN 303 645's conditional provisions (5.1-4, 5.4-2, 6-2, 6-3).
		"has-user-authentication", // users authenticate against the device (password, PIN, biometric)
		"has-device-identity",     // a hard-coded unique per-device identity is used for security
		"relies-on-consent",       // personal data is processed on the basis of the consumer's consent
		"is-network-equipment",    // forwards traffic between networks: router, modem, switch, access point (EN 18031-1 singles these out)
	}
)

var (
	idRE   = regexp.MustCompile(`^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$`)
	jurRE  = regexp.MustCompile(`^[A-Z]{2}(-[A-Z0-9]{1,3})?$`)
	dateRE = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
)

func oneOf(v string, set []string) bool { return slices.Contains(set, v) }

// NotPrefix negates a provision condition: "not:constrained-device" holds
// when the product is declared not constrained (EN 303 645's "unless the
// device is constrained").
const NotPrefix = "not:"

// ParseCondition splits a provision condition into its fact and whether it
// is negated.
func ParseCondition(c string) (fact string, negated bool) {
	if f, ok := strings.CutPrefix(c, NotPrefix); ok {
		return f, true
	}
	return c, false
}

// validDate accepts YYYY, YYYY-MM and YYYY-MM-DD, and rejects impossible days.
func validDate(s string) bool {
	if !dateRE.MatchString(s) {
		return false
	}
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(s)]
	_, err := time.Parse(layout, s)
	return err == nil
}
