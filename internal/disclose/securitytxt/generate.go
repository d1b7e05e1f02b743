package securitytxt

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Spec is what a manufacturer states in its security.txt.
type Spec struct {
	Contact            []string  `json:"contact" yaml:"contact"`
	Expires            time.Time `json:"expires" yaml:"expires"`
	Encryption         []string  `json:"encryption,omitempty" yaml:"encryption,omitempty"`
	Acknowledgments    []string  `json:"acknowledgments,omitempty" yaml:"acknowledgments,omitempty"`
	PreferredLanguages []string  `json:"preferred_languages,omitempty" yaml:"preferred_languages,omitempty"`
	Canonical          []string  `json:"canonical,omitempty" yaml:"canonical,omitempty"`
	Policy             []string  `json:"policy,omitempty" yaml:"policy,omitempty"`
	Hiring             []string  `json:"hiring,omitempty" yaml:"hiring,omitempty"`
	CSAF               []string  `json:"csaf,omitempty" yaml:"csaf,omitempty"`
	// Comment lines go at the top, each prefixed with "# ".
	Comment []string `json:"comment,omitempty" yaml:"comment,omitempty"`
}

// Generate writes the file for spec, in the field order of RFC 9116 §2.5,
// with LF line endings. The output is parsed back and any error-severity
// problem (a missing Contact, an http URI, a past Expires) is returned
// instead of a file that clients would distrust.
func Generate(spec Spec, now time.Time) ([]byte, error) {
	var b strings.Builder
	for _, c := range spec.Comment {
		if strings.ContainsAny(c, "\r\n") {
			return nil, errors.New("securitytxt: generate: comment contains a line break")
		}
		b.WriteString("# " + c + "\n")
	}
	fields := []struct {
		name   string
		values []string
	}{
		{FieldContact, spec.Contact},
		{FieldExpires, expiresValue(spec.Expires)},
		{FieldEncryption, spec.Encryption},
		{FieldAcknowledgments, spec.Acknowledgments},
		{FieldPreferredLanguages, joined(spec.PreferredLanguages)},
		{FieldCanonical, spec.Canonical},
		{FieldPolicy, spec.Policy},
		{FieldHiring, spec.Hiring},
		{FieldCSAF, spec.CSAF},
	}
	for _, f := range fields {
		for _, v := range f.values {
			if strings.ContainsAny(v, "\r\n") || strings.TrimSpace(v) != v {
				return nil, fmt.Errorf("securitytxt: generate: %s value %q has line breaks or edge spaces", f.name, v)
			}
			b.WriteString(f.name + ": " + v + "\n")
		}
	}
	out := []byte(b.String())
	res := Parse(out, Options{Now: now})
	var errs []error
	for _, p := range res.Problems {
		if p.Severity == Error {
			errs = append(errs, fmt.Errorf("%s: %s", p.Code, p.Message))
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("securitytxt: generate: %w", errors.Join(errs...))
	}
	return out, nil
}

func expiresValue(t time.Time) []string {
	if t.IsZero() {
		return nil
	}
	return []string{t.UTC().Truncate(time.Second).Format(time.RFC3339)}
}

func joined(tags []string) []string {
	if len(tags) == 0 {
		return nil
	}
	return []string{strings.Join(tags, ", ")}
}
