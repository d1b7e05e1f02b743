// Package assess checks a product's declaration, and optionally observed
// probe evidence, against market and label profiles. The rules that decide
// which declared facts satisfy which provision are data (package rules),
// compiled once into an Engine that evaluates many declarations cheaply.
package assess

// FormatVersion is the value of a declaration's "bydesign" field.
const FormatVersion = "declaration/v1"

// Declaration is what a manufacturer states about one product. Every field
// is optional except the product identity: an absent fact is "not declared",
// which is different from a fact declared false.
type Declaration struct {
	Bydesign   string                `yaml:"bydesign" json:"bydesign"`
	Product    Product               `yaml:"product" json:"product"`
	Conditions map[string]bool       `yaml:"conditions,omitempty" json:"conditions,omitempty"`
	Passwords  *Passwords            `yaml:"passwords,omitempty" json:"passwords,omitempty"`
	Updates    *Updates              `yaml:"updates,omitempty" json:"updates,omitempty"`
	Support    *Support              `yaml:"support,omitempty" json:"support,omitempty"`
	Warranty   *Warranty             `yaml:"warranty,omitempty" json:"warranty,omitempty"`
	Disclosure *Disclosure           `yaml:"disclosure,omitempty" json:"disclosure,omitempty"`
	Data       *Data                 `yaml:"data,omitempty" json:"data,omitempty"`
	Security   *Security             `yaml:"security,omitempty" json:"security,omitempty"`
	SBOM       *SBOM                 `yaml:"sbom,omitempty" json:"sbom,omitempty"`
	Labels     []Label               `yaml:"labels,omitempty" json:"labels,omitempty"`
	Practices  map[string]*Statement `yaml:"practices,omitempty" json:"practices,omitempty"`
	Provisions map[string]*Statement `yaml:"provisions,omitempty" json:"provisions,omitempty"`

	name string  // file it came from, for errors found later
	loc  locator // maps JSON paths back to lines
}

// Product identifies the product and lists its interfaces.
type Product struct {
	Manufacturer   string      `yaml:"manufacturer" json:"manufacturer"`
	Model          string      `yaml:"model" json:"model"`
	Versions       Versions    `yaml:"versions,omitempty" json:"versions,omitempty"`
	DeviceClass    string      `yaml:"device_class,omitempty" json:"device_class,omitempty"`
	PlacedOnMarket string      `yaml:"placed_on_market,omitempty" json:"placed_on_market,omitempty"` // YYYY-MM-DD
	Interfaces     []Interface `yaml:"interfaces,omitempty" json:"interfaces,omitempty"`
}

// Versions are the hardware and software versions the declaration covers.
type Versions struct {
	Hardware string `yaml:"hardware,omitempty" json:"hardware,omitempty"`
	Firmware string `yaml:"firmware,omitempty" json:"firmware,omitempty"`
	Software string `yaml:"software,omitempty" json:"software,omitempty"`
}

// Interface is one way to reach the product. The list is the complete set
// of network services: a service the probe finds that is not listed, or is
// listed as disabled, contradicts the declaration.
type Interface struct {
	Name           string `yaml:"name" json:"name"`
	Protocol       string `yaml:"protocol" json:"protocol"` // see Protocols
	Port           int    `yaml:"port,omitempty" json:"port,omitempty"`
	Enabled        *bool  `yaml:"enabled,omitempty" json:"enabled,omitempty"` // default true
	Authentication string `yaml:"authentication,omitempty" json:"authentication,omitempty"`
}

// Passwords describes how the product's passwords are set.
type Passwords struct {
	Scheme               string `yaml:"scheme" json:"scheme"` // see PasswordSchemes
	BruteForceProtection *bool  `yaml:"brute_force_protection,omitempty" json:"brute_force_protection,omitempty"`
	NotFromIdentifiers   *bool  `yaml:"not_derived_from_identifiers,omitempty" json:"not_derived_from_identifiers,omitempty"`
	Changeable           *bool  `yaml:"changeable,omitempty" json:"changeable,omitempty"`
}

// Updates describes the software update mechanism.
type Updates struct {
	Mechanism          string `yaml:"mechanism,omitempty" json:"mechanism,omitempty"` // see UpdateMechanisms
	Signed             *bool  `yaml:"signed,omitempty" json:"signed,omitempty"`
	Automatic          *bool  `yaml:"automatic,omitempty" json:"automatic,omitempty"`
	RollbackProtection *bool  `yaml:"rollback_protection,omitempty" json:"rollback_protection,omitempty"`
	FreeOfCharge       *bool  `yaml:"free_of_charge,omitempty" json:"free_of_charge,omitempty"`
	UserNotified       *bool  `yaml:"user_notified,omitempty" json:"user_notified,omitempty"`
}

// Support is the security support period.
type Support struct {
	EndDate          string `yaml:"end_date,omitempty" json:"end_date,omitempty"` // YYYY-MM-DD or YYYY-MM
	Published        *bool  `yaml:"published,omitempty" json:"published,omitempty"`
	URL              string `yaml:"url,omitempty" json:"url,omitempty"`
	ExpectedUseYears int    `yaml:"expected_use_years,omitempty" json:"expected_use_years,omitempty"`
	Justification    string `yaml:"justification,omitempty" json:"justification,omitempty"`
}

// Warranty is the commercial or legal guarantee period.
type Warranty struct {
	Months int `yaml:"months" json:"months"`
}

// Disclosure is how security researchers reach the manufacturer.
type Disclosure struct {
	Contact               string `yaml:"contact,omitempty" json:"contact,omitempty"` // URL or e-mail
	PolicyURL             string `yaml:"policy_url,omitempty" json:"policy_url,omitempty"`
	SecurityTxt           string `yaml:"security_txt,omitempty" json:"security_txt,omitempty"`
	AcknowledgeWithinDays int    `yaml:"acknowledge_within_days,omitempty" json:"acknowledge_within_days,omitempty"`
}

// Data is how the product treats user data.
type Data struct {
	Deletion           *bool `yaml:"deletion,omitempty" json:"deletion,omitempty"`
	EncryptedInTransit *bool `yaml:"encrypted_in_transit,omitempty" json:"encrypted_in_transit,omitempty"`
	EncryptedAtRest    *bool `yaml:"encrypted_at_rest,omitempty" json:"encrypted_at_rest,omitempty"`
	Minimisation       *bool `yaml:"minimisation,omitempty" json:"minimisation,omitempty"`
	UserInformed       *bool `yaml:"user_informed,omitempty" json:"user_informed,omitempty"`
}

// Security holds the remaining engineering facts profiles ask about.
type Security struct {
	NoHardcodedSecrets      *bool `yaml:"no_hardcoded_secrets,omitempty" json:"no_hardcoded_secrets,omitempty"`
	NoKnownExploitableVulns *bool `yaml:"no_known_exploitable_vulnerabilities,omitempty" json:"no_known_exploitable_vulnerabilities,omitempty"`
	SecurityTesting         *bool `yaml:"security_testing,omitempty" json:"security_testing,omitempty"`
	InputValidation         *bool `yaml:"input_validation,omitempty" json:"input_validation,omitempty"`
	SecureBoot              *bool `yaml:"secure_boot,omitempty" json:"secure_boot,omitempty"`
	SecureByDefault         *bool `yaml:"secure_by_default,omitempty" json:"secure_by_default,omitempty"`
	Logging                 *bool `yaml:"logging,omitempty" json:"logging,omitempty"`
	Resilience              *bool `yaml:"resilience,omitempty" json:"resilience,omitempty"`
	DebugInterfacesLocked   *bool `yaml:"debug_interfaces_locked,omitempty" json:"debug_interfaces_locked,omitempty"`
	SecureStorage           *bool `yaml:"secure_storage,omitempty" json:"secure_storage,omitempty"`
	StrongCryptography      *bool `yaml:"strong_cryptography,omitempty" json:"strong_cryptography,omitempty"`
	PerDeviceSecrets        *bool `yaml:"per_device_secrets,omitempty" json:"per_device_secrets,omitempty"`
}

// SBOM says whether a software bill of materials exists and where.
type SBOM struct {
	Format string `yaml:"format" json:"format"` // see SBOMFormats
	URL    string `yaml:"url,omitempty" json:"url,omitempty"`
}

// Label is a security label the product holds. Some markets accept a
// current label in place of meeting a provision (UK PSTI accepts Singapore's
// CLS and Japan's JC-STAR); a label counts through its expiry day and not
// after.
type Label struct {
	Scheme  string `yaml:"scheme" json:"scheme"`   // the catalog's id of the labelling scheme, e.g. sg-cls
	Level   int    `yaml:"level" json:"level"`     // 1 for the entry level
	ID      string `yaml:"id" json:"id"`           // the certificate or registration number
	Expires string `yaml:"expires" json:"expires"` // YYYY-MM-DD, the last day the label is valid
}

// maxLabelLevel bounds a label's level; the schemes encoded have four.
const maxLabelLevel = 9

// Statement is what the product does about one practice or provision.
type Statement struct {
	Status        string     `yaml:"status" json:"status"` // see StatementStatuses
	Justification string     `yaml:"justification,omitempty" json:"justification,omitempty"`
	Evidence      []Evidence `yaml:"evidence,omitempty" json:"evidence,omitempty"`
}

// Evidence points at something that backs a statement.
type Evidence struct {
	Kind  string `yaml:"kind" json:"kind"` // see EvidenceKinds
	Ref   string `yaml:"ref" json:"ref"`   // a document name, URL or file
	Title string `yaml:"title,omitempty" json:"title,omitempty"`
}

// Closed vocabularies of the declaration format.
var (
	PasswordSchemes   = []string{"unique-per-device", "user-set", "universal-default", "none"}
	StatementStatuses = []string{"implemented", "not-implemented", "not-applicable"}
	EvidenceKinds     = []string{"document", "url", "probe-result", "sbom", "lab-report", "test-report"}
	UpdateMechanisms  = []string{"ota", "app", "manual", "none"}
	SBOMFormats       = []string{"cyclonedx", "spdx", "other"}
	Protocols         = []string{"telnet", "ssh", "http", "https", "mqtt", "mqtts", "rtsp", "ftp", "upnp", "mdns", "snmp", "coap", "bluetooth", "zigbee", "other"}
	Authentications   = []string{"none", "password", "key", "certificate", "token", "pairing"}
)
