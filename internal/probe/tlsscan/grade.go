package tlsscan

import (
	"fmt"
	"strings"
	"time"
)

// Severity ranks a finding.
type Severity string

// Severities, most serious first.
const (
	SeverityHigh   Severity = "high"
	SeverityMedium Severity = "medium"
	SeverityLow    Severity = "low"
)

// Finding is one weakness in the server's TLS configuration.
type Finding struct {
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	// Items lists what triggered the finding, as "VERSION SUITE" or a
	// certificate subject, sorted as the scan met them.
	Items []string `json:"items,omitempty"`
}

// Finding ids. They are stable: checks and evidence files refer to them.
const (
	FindingLegacyProtocol = "legacy-protocol"
	FindingNoModern       = "no-modern-protocol"
	FindingNullCipher     = "null-cipher"
	FindingExportCipher   = "export-cipher"
	FindingAnonymous      = "anonymous-key-exchange"
	FindingRC4            = "rc4-cipher"
	FindingTripleDES      = "3des-cipher"
	FindingWeakCipher     = "weak-cipher" // single DES, RC2, IDEA
	FindingCBCOnly        = "cbc-only"
	FindingNoForward      = "no-forward-secrecy"
	FindingWeakKey        = "weak-key"
	FindingWeakKex        = "weak-key-exchange"
	FindingWeakSignature  = "weak-signature"
	FindingExpired        = "certificate-expired"
	FindingNotYetValid    = "certificate-not-yet-valid"
	FindingSelfSigned     = "self-signed-certificate"
	FindingHostname       = "hostname-mismatch"
)

// grade turns a scan result into findings. Protocol versions are graded on
// their own, unlike suite-only grades that give a TLS 1.0 server full marks.
func grade(r *Result, now time.Time) []Finding {
	var out []Finding
	modern, accepted := false, false
	for _, v := range r.Versions {
		if !v.Supported {
			continue
		}
		accepted = true
		if !v.Version.Legacy() {
			modern = true
			continue
		}
		sev := SeverityMedium
		if v.Version == VersionSSL30 {
			sev = SeverityHigh
		}
		out = append(out, Finding{ID: FindingLegacyProtocol, Severity: sev,
			Message: fmt.Sprintf("%s is accepted; it is deprecated and should be disabled", v.Version),
			Items:   []string{v.Version.String()}})
	}
	if accepted && !modern {
		out = append(out, Finding{ID: FindingNoModern, Severity: SeverityHigh,
			Message: "neither TLS 1.2 nor TLS 1.3 is accepted"})
	}
	suiteRules := []struct {
		id   string
		sev  Severity
		msg  string
		test func(Suite) bool
	}{
		{FindingNullCipher, SeverityHigh, "suites without encryption are accepted", func(s Suite) bool { return s.Null }},
		{FindingExportCipher, SeverityHigh, "export-grade suites are accepted", func(s Suite) bool { return s.Export }},
		{FindingAnonymous, SeverityHigh, "suites without server authentication are accepted", func(s Suite) bool { return s.Anonymous }},
		{FindingRC4, SeverityHigh, "RC4 suites are accepted", func(s Suite) bool { return s.RC4 }},
		{FindingTripleDES, SeverityMedium, "3DES suites are accepted (64-bit block cipher)", func(s Suite) bool { return s.TripleDES }},
		{FindingWeakCipher, SeverityHigh, "single DES, RC2 or IDEA suites are accepted", func(s Suite) bool {
			return s.WeakCipher && !s.Null && !s.Export && !s.RC4 && !s.TripleDES
		}},
		{FindingNoForward, SeverityLow, "suites without forward secrecy are accepted", func(s Suite) bool {
			return !s.Forward && !s.Anonymous && !s.Null
		}},
	}
	aead := false
	for _, rule := range suiteRules {
		var items []string
		for _, v := range r.Versions {
			for _, s := range v.Suites {
				if rule.test(s) {
					items = append(items, v.Version.String()+" "+s.Name)
				}
				aead = aead || s.AEAD
			}
		}
		if len(items) > 0 {
			out = append(out, Finding{ID: rule.id, Severity: rule.sev, Message: rule.msg, Items: items})
		}
	}
	if accepted && !aead {
		out = append(out, Finding{ID: FindingCBCOnly, Severity: SeverityMedium,
			Message: "no authenticated-encryption (AEAD) suite is accepted; only CBC or stream ciphers"})
	}
	for _, k := range r.KeyExchange {
		sev := Severity("")
		switch {
		case k.Kind == "DH" && k.Bits > 0 && k.Bits < 1024, k.Kind == "ECDH" && k.Bits > 0 && k.Bits < 224:
			sev = SeverityHigh
		case k.Kind == "DH" && k.Bits > 0 && k.Bits < 2048:
			sev = SeverityMedium
		}
		if sev != "" {
			out = append(out, Finding{ID: FindingWeakKex, Severity: sev,
				Message: "an ephemeral key-exchange group is below 2048-bit DH or 224-bit EC",
				Items:   []string{fmt.Sprintf("%s %s %s (%d bits)", k.Version, k.Kind, k.Group, k.Bits)}})
		}
	}
	return append(out, gradeChain(r.Chain, now)...)
}

func gradeChain(chain []CertInfo, now time.Time) []Finding {
	var out []Finding
	add := func(id string, sev Severity, msg, item string) {
		for i := range out {
			if out[i].ID == id {
				out[i].Items = append(out[i].Items, item)
				return
			}
		}
		out = append(out, Finding{ID: id, Severity: sev, Message: msg, Items: []string{item}})
	}
	for i, c := range chain {
		if weakKey(c) {
			add(FindingWeakKey, SeverityHigh, "a certificate key is below 2048-bit RSA/DSA or 256-bit EC",
				fmt.Sprintf("%s %s-%d", c.Subject, c.KeyType, c.KeyBits))
		}
		sig := strings.ToUpper(c.SignatureAlgorithm)
		// A self-signed root's own signature is not relied on by anyone.
		if (strings.Contains(sig, "MD5") || strings.Contains(sig, "SHA1")) && !(c.SelfSigned && i > 0) {
			add(FindingWeakSignature, SeverityMedium, "a certificate is signed with MD5 or SHA-1", c.Subject+" "+c.SignatureAlgorithm)
		}
		if now.After(c.NotAfter) {
			add(FindingExpired, SeverityHigh, "a certificate has expired", c.Subject+" expired "+c.NotAfter.Format(time.RFC3339))
		}
		if now.Before(c.NotBefore) {
			add(FindingNotYetValid, SeverityMedium, "a certificate is not yet valid", c.Subject+" valid from "+c.NotBefore.Format(time.RFC3339))
		}
	}
	if len(chain) > 0 {
		leaf := chain[0]
		if leaf.SelfSigned {
			add(FindingSelfSigned, SeverityLow, "the server certificate is self-signed; clients cannot authenticate it without pinning", leaf.Subject)
		}
		if leaf.HostnameMatch != nil && !*leaf.HostnameMatch {
			// A self-signed leaf cannot be validated anyway; the wrong name
			// only matters much for a certificate a client could verify.
			sev := SeverityMedium
			if leaf.SelfSigned {
				sev = SeverityLow
			}
			add(FindingHostname, sev, "the server certificate does not name the address it was reached at", leaf.Subject)
		}
	}
	return out
}

func weakKey(c CertInfo) bool {
	switch c.KeyType {
	case "RSA", "DSA":
		return c.KeyBits < 2048
	case "ECDSA":
		return c.KeyBits < 256
	}
	return false
}
