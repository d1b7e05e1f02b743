package securitytxt

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// validate applies the field rules of RFC 9116 §2.5 to a parsed file.
func validate(f *File, opt Options, add func(Problem)) {
	counts := map[string][]Field{}
	for _, fd := range f.Fields {
		if c := canonicalName(fd.Name); c != "" {
			counts[c] = append(counts[c], fd)
		}
	}
	if len(counts[FieldContact]) == 0 {
		add(Problem{Severity: Error, Field: FieldContact, Code: "no-contact", Message: "Contact is required"})
	}
	for _, fd := range counts[FieldContact] {
		checkContact(fd, add)
	}
	checkExpires(f, counts[FieldExpires], opt.Now, add)
	for _, fd := range counts[FieldEncryption] {
		checkURI(fd, []string{"https", "dns", "openpgp4fpr"}, add)
	}
	for _, name := range []string{FieldAcknowledgments, FieldCanonical, FieldPolicy, FieldHiring, FieldCSAF} {
		for _, fd := range counts[name] {
			checkURI(fd, []string{"https"}, add)
		}
	}
	for _, fd := range counts[FieldCSAF] {
		if !strings.HasSuffix(fd.Value, "/provider-metadata.json") {
			add(Problem{Line: fd.Line, Field: FieldCSAF, Severity: Warning, Code: "csaf-not-provider-metadata",
				Message: "CSAF should point to a provider-metadata.json file"})
		}
	}
	langs := counts[FieldPreferredLanguages]
	for _, fd := range langs[min(1, len(langs)):] {
		add(Problem{Line: fd.Line, Field: FieldPreferredLanguages, Severity: Error, Code: "multiple-preferred-languages",
			Message: "Preferred-Languages may appear only once; later ones are ignored"})
	}
	if len(langs) > 0 {
		for _, tag := range f.PreferredLanguages {
			if _, err := language.Parse(tag); err != nil || tag == "" {
				add(Problem{Line: langs[0].Line, Field: FieldPreferredLanguages, Severity: Error, Code: "invalid-language-tag",
					Message: fmt.Sprintf("%q is not an RFC 5646 language tag (tags are separated by commas)", tag)})
			}
		}
	}
	if opt.URL != "" && len(f.Canonical) > 0 && !contains(f.Canonical, opt.URL) {
		add(Problem{Line: counts[FieldCanonical][0].Line, Field: FieldCanonical, Severity: Error, Code: "canonical-mismatch",
			Message: fmt.Sprintf("no Canonical field lists %s, the URL the file was fetched from", opt.URL)})
	}
	if f.Signed && len(f.Canonical) == 0 {
		add(Problem{Severity: Warning, Field: FieldCanonical, Code: "signed-without-canonical",
			Message: "a signed file should carry a Canonical field so the signature cannot be replayed elsewhere"})
	}
	if hasEmail(f.Contact) && len(f.Encryption) == 0 {
		add(Problem{Severity: Info, Field: FieldEncryption, Code: "email-without-encryption",
			Message: "an e-mail contact without an Encryption key leaves reports readable in transit"})
	}
	for _, fd := range f.Unknown {
		if k := nearest(fd.Name); k != "" {
			add(Problem{Line: fd.Line, Field: fd.Name, Severity: Warning, Code: "field-name-typo",
				Message: fmt.Sprintf("unknown field %q; did you mean %q?", fd.Name, k)})
		}
	}
}

func checkContact(fd Field, add func(Problem)) {
	u, err := url.Parse(fd.Value)
	if err != nil || u.Scheme == "" {
		msg := "Contact must be a URI (mailto:, tel: or https:)"
		if strings.Contains(fd.Value, "@") {
			msg = "an e-mail Contact needs the mailto: scheme"
		}
		add(Problem{Line: fd.Line, Field: FieldContact, Severity: Error, Code: "contact-not-uri", Message: msg})
		return
	}
	switch strings.ToLower(u.Scheme) {
	case "mailto":
		if !strings.Contains(u.Opaque, "@") {
			add(Problem{Line: fd.Line, Field: FieldContact, Severity: Error, Code: "invalid-uri", Message: "mailto: URI without an address"})
		}
	case "tel":
	case "https":
		if u.Host == "" {
			add(Problem{Line: fd.Line, Field: FieldContact, Severity: Error, Code: "invalid-uri", Message: "https URI without a host"})
		}
	case "http":
		add(Problem{Line: fd.Line, Field: FieldContact, Severity: Error, Code: "insecure-uri", Message: "web URIs must use https"})
	default:
		add(Problem{Line: fd.Line, Field: FieldContact, Severity: Warning, Code: "unusual-contact-scheme",
			Message: fmt.Sprintf("scheme %q; RFC 9116 names mailto:, tel: and https:", u.Scheme)})
	}
}

func checkURI(fd Field, schemes []string, add func(Problem)) {
	name := canonicalName(fd.Name)
	u, err := url.Parse(fd.Value)
	if err != nil || u.Scheme == "" {
		add(Problem{Line: fd.Line, Field: name, Severity: Error, Code: "invalid-uri",
			Message: fmt.Sprintf("%s must be a URI (%s)", name, strings.Join(schemes, ", "))})
		return
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme == "http" {
		add(Problem{Line: fd.Line, Field: name, Severity: Error, Code: "insecure-uri", Message: "web URIs must use https"})
		return
	}
	if !contains(schemes, scheme) {
		add(Problem{Line: fd.Line, Field: name, Severity: Error, Code: "invalid-uri",
			Message: fmt.Sprintf("%s URI scheme %q; expected %s", name, u.Scheme, strings.Join(schemes, ", "))})
		return
	}
	if scheme == "https" && u.Host == "" {
		add(Problem{Line: fd.Line, Field: name, Severity: Error, Code: "invalid-uri", Message: "https URI without a host"})
	}
}

// checkExpires requires exactly one RFC 3339 Expires in the future, and
// warns when it is more than a year ahead (RFC 9116 §2.5.5).
func checkExpires(f *File, fds []Field, now time.Time, add func(Problem)) {
	if len(fds) == 0 {
		add(Problem{Severity: Error, Field: FieldExpires, Code: "no-expires", Message: "Expires is required"})
		return
	}
	for _, fd := range fds[1:] {
		add(Problem{Line: fd.Line, Field: FieldExpires, Severity: Error, Code: "multiple-expires", Message: "Expires must appear exactly once"})
	}
	fd := fds[0]
	// RFC 3339 allows lower-case t and z; Go's layout wants upper case.
	t, err := time.Parse(time.RFC3339, strings.ToUpper(fd.Value))
	if err != nil {
		add(Problem{Line: fd.Line, Field: FieldExpires, Severity: Error, Code: "invalid-expires",
			Message: "Expires must be an RFC 3339 date-time such as 2027-01-31T23:59:59Z"})
		return
	}
	f.Expires = &t
	switch {
	case !t.After(now):
		add(Problem{Line: fd.Line, Field: FieldExpires, Severity: Error, Code: "expired",
			Message: fmt.Sprintf("the file expired on %s", t.UTC().Format(time.RFC3339))})
	case t.After(now.AddDate(1, 0, 0)):
		add(Problem{Line: fd.Line, Field: FieldExpires, Severity: Warning, Code: "expires-too-far",
			Message: "Expires is more than a year ahead; a shorter horizon keeps the file fresh"})
	}
}

func hasEmail(contacts []string) bool {
	for _, c := range contacts {
		if strings.HasPrefix(strings.ToLower(c), "mailto:") {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// nearest returns the known field within two edits of name, if any.
func nearest(name string) string {
	n := strings.ToLower(name)
	for _, k := range knownFields {
		if d := editDistance(n, strings.ToLower(k)); d > 0 && d <= 2 {
			return k
		}
	}
	return ""
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
