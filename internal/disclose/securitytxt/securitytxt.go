// Package securitytxt parses, validates and generates security.txt files
// (RFC 9116): the machine-readable pointer to a vendor's vulnerability
// disclosure contact. Parsing is lenient and reports every problem with its
// line number and a severity, so a file can be judged rather than just
// refused. OpenPGP cleartext signatures are detected and their envelope
// stripped; the signature itself is not verified.
package securitytxt

import "time"

// Severity ranks a problem.
type Severity string

const (
	// Error: the file breaks a MUST of RFC 9116; clients may ignore it.
	Error Severity = "error"
	// Warning: a SHOULD is missed or the content looks mistaken.
	Warning Severity = "warning"
	// Info: a fact worth reporting, such as an unverified signature.
	Info Severity = "info"
)

// Problem is one thing wrong with, or notable about, a file. Line is
// 1-based in the bytes given to Parse; 0 means the file as a whole.
type Problem struct {
	Line     int      `json:"line"`
	Field    string   `json:"field,omitempty"`
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
}

// Field is one "Name: value" line as written.
type Field struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Line  int    `json:"line"`
}

// Comment is one "#" line, without the marker.
type Comment struct {
	Text string `json:"text"`
	Line int    `json:"line"`
}

// File is a parsed security.txt. Known fields are gathered by meaning;
// Fields keeps every field in order, unknown ones included (RFC 9116 §2.4
// says to ignore them, not to lose them).
type File struct {
	Contact            []string   `json:"contact,omitempty"`
	Expires            *time.Time `json:"expires,omitempty"`
	Encryption         []string   `json:"encryption,omitempty"`
	Acknowledgments    []string   `json:"acknowledgments,omitempty"`
	PreferredLanguages []string   `json:"preferred_languages,omitempty"`
	Canonical          []string   `json:"canonical,omitempty"`
	Policy             []string   `json:"policy,omitempty"`
	Hiring             []string   `json:"hiring,omitempty"`
	CSAF               []string   `json:"csaf,omitempty"`
	Unknown            []Field    `json:"unknown,omitempty"`
	Fields             []Field    `json:"fields,omitempty"`
	Comments           []Comment  `json:"comments,omitempty"`
	// Signed is set for an OpenPGP cleartext-signed file; SignatureVerified
	// only when Options.Keyring was given and one of its keys signed it.
	Signed            bool `json:"signed"`
	SignatureVerified bool `json:"signature_verified"`
}

// Options tune parsing and validation.
type Options struct {
	// Now is the time Expires is judged against; default time.Now().
	Now time.Time
	// URL is where the file was fetched from. When set and the file has
	// Canonical fields, one of them must equal it.
	URL string
	// MaxSize caps the input; default 32 KiB, the limit RFC 9116 §5.4 lets
	// parsers apply.
	MaxSize int
	// Keyring holds OpenPGP public keys (armored or binary) to verify a
	// signed file with. Without it a signature is reported, not verified.
	Keyring []byte
}

// Result is a parsed file with its problems, in line order.
type Result struct {
	File     *File     `json:"file"`
	Problems []Problem `json:"problems"`
}

// Valid reports whether no problem is an error.
func (r *Result) Valid() bool {
	for _, p := range r.Problems {
		if p.Severity == Error {
			return false
		}
	}
	return true
}

// Limits from RFC 9116 §5.4 that parsers may enforce.
const (
	DefaultMaxSize = 32 << 10
	maxLines       = 1000
	maxFieldLen    = 2048
)

// Canonical spellings of the fields this package knows (RFC 9116 §2.5 and
// the IANA "security.txt Fields" registry, which adds CSAF).
const (
	FieldContact            = "Contact"
	FieldExpires            = "Expires"
	FieldEncryption         = "Encryption"
	FieldAcknowledgments    = "Acknowledgments"
	FieldPreferredLanguages = "Preferred-Languages"
	FieldCanonical          = "Canonical"
	FieldPolicy             = "Policy"
	FieldHiring             = "Hiring"
	FieldCSAF               = "CSAF"
)

var knownFields = []string{FieldContact, FieldExpires, FieldEncryption, FieldAcknowledgments,
	FieldPreferredLanguages, FieldCanonical, FieldPolicy, FieldHiring, FieldCSAF}
