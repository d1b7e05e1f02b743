package assess

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

// validate checks what the decoder cannot: required fields, dates, closed
// vocabularies and ranges. Errors carry JSON paths; Parse adds the lines.
func validate(d *Declaration) InputErrors {
	var v validator
	if d.Bydesign != FormatVersion {
		v.add("$.bydesign", "must be %q, got %q", FormatVersion, d.Bydesign)
	}
	v.need("$.product.manufacturer", d.Product.Manufacturer)
	v.need("$.product.model", d.Product.Model)
	// free text ends up in terminal tables and reports: no control
	// characters, which could rewrite a terminal
	for _, f := range [...]struct{ path, s string }{
		{"$.product.manufacturer", d.Product.Manufacturer}, {"$.product.model", d.Product.Model},
		{"$.product.device_class", d.Product.DeviceClass}, {"$.product.versions.hardware", d.Product.Versions.Hardware},
		{"$.product.versions.firmware", d.Product.Versions.Firmware}, {"$.product.versions.software", d.Product.Versions.Software},
	} {
		v.text(f.path, f.s)
	}
	v.date("$.product.placed_on_market", d.Product.PlacedOnMarket, false)
	for i, it := range d.Product.Interfaces {
		p := joinIndex("$.product.interfaces", i)
		v.need(p+".name", it.Name)
		v.text(p+".name", it.Name)
		v.oneOf(p+".protocol", it.Protocol, Protocols, true)
		if it.Port < 0 || it.Port > 65535 {
			v.add(p+".port", "port %d outside 0..65535", it.Port)
		}
		v.oneOf(p+".authentication", it.Authentication, Authentications, false)
	}
	for k := range d.Conditions {
		if _, ok := conditionIdx[k]; !ok {
			v.add(joinKey("$.conditions", k), "unknown condition %q (valid: %s)", k, strings.Join(catalog.Conditions, ", "))
		}
	}
	if d.Passwords != nil {
		v.oneOf("$.passwords.scheme", d.Passwords.Scheme, PasswordSchemes, true)
	}
	if d.Updates != nil {
		v.oneOf("$.updates.mechanism", d.Updates.Mechanism, UpdateMechanisms, false)
	}
	if s := d.Support; s != nil {
		v.date("$.support.end_date", s.EndDate, true)
		v.url("$.support.url", s.URL)
		if s.ExpectedUseYears < 0 || s.ExpectedUseYears > 100 {
			v.add("$.support.expected_use_years", "%d outside 0..100", s.ExpectedUseYears)
		}
		if s.ExpectedUseYears > 0 && strings.TrimSpace(s.Justification) == "" {
			v.add("$.support.justification", "is required when expected_use_years is given")
		}
	}
	if w := d.Warranty; w != nil && (w.Months < 0 || w.Months > 1200) {
		v.add("$.warranty.months", "%d outside 0..1200", w.Months)
	}
	if ds := d.Disclosure; ds != nil {
		if ds.Contact != "" && !validContact(ds.Contact) {
			v.add("$.disclosure.contact", "%q is neither an https URL nor an e-mail address", ds.Contact)
		}
		v.url("$.disclosure.policy_url", ds.PolicyURL)
		v.url("$.disclosure.security_txt", ds.SecurityTxt)
		if ds.AcknowledgeWithinDays < 0 || ds.AcknowledgeWithinDays > 365 {
			v.add("$.disclosure.acknowledge_within_days", "%d outside 0..365", ds.AcknowledgeWithinDays)
		}
	}
	if d.SBOM != nil {
		v.oneOf("$.sbom.format", d.SBOM.Format, SBOMFormats, true)
		v.url("$.sbom.url", d.SBOM.URL)
	}
	for i, l := range d.Labels {
		p := joinIndex("$.labels", i)
		// One certificate listed twice could carry two expiries or levels,
		// and the engine would count the kinder one: refuse the repeat.
		if k := slices.IndexFunc(d.Labels[:i], func(o Label) bool { return o.Scheme == l.Scheme && o.ID == l.ID }); k >= 0 && l.ID != "" {
			v.add(p+".id", "label %s %s is already declared at %s", l.Scheme, l.ID, joinIndex("$.labels", k))
		}
		if l.Scheme == "" {
			v.add(p+".scheme", "is required")
		} else if !schemeRE.MatchString(l.Scheme) {
			v.add(p+".scheme", "%q is not a scheme id (lower-case letters, digits, dots and dashes, e.g. sg-cls)", l.Scheme)
		}
		if l.Level < 1 || l.Level > maxLabelLevel {
			v.add(p+".level", "%d outside 1..%d", l.Level, maxLabelLevel)
		}
		v.need(p+".id", l.ID)
		v.text(p+".id", l.ID)
		if l.Expires == "" {
			v.add(p+".expires", "is required (YYYY-MM-DD)")
		}
		v.date(p+".expires", l.Expires, false)
	}
	v.statements("$.practices", d.Practices)
	v.statements("$.provisions", d.Provisions)
	return v.errs
}

type validator struct{ errs InputErrors }

func (v *validator) add(path, format string, args ...any) {
	v.errs = append(v.errs, &InputError{Path: path, Field: lastField(path), Msg: fmt.Sprintf(format, args...)})
}

func (v *validator) need(path, s string) {
	if strings.TrimSpace(s) == "" {
		v.add(path, "is required")
	}
}

func (v *validator) text(path, s string) {
	if hasControl(s) {
		v.add(path, "contains control characters")
	}
}

// hasControl reports C0 and C1 control characters and DEL; tabs and line
// breaks are allowed in long texts but not in names, which are one line.
func hasControl(s string) bool {
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n') || (r >= 0x7f && r < 0xa0) {
			return true
		}
	}
	return false
}

func (v *validator) oneOf(path, s string, set []string, required bool) {
	if s == "" {
		if required {
			v.add(path, "is required (valid: %s)", strings.Join(set, ", "))
		}
		return
	}
	if !slices.Contains(set, s) {
		v.add(path, "unknown value %q (valid: %s)", s, strings.Join(set, ", "))
	}
}

var (
	dateRE   = regexp.MustCompile(`^\d{4}-\d{2}(-\d{2})?$`)
	schemeRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$`)
)

// date accepts YYYY-MM-DD, and YYYY-MM where a month is precise enough (the
// CRA asks for at least month and year of the end of support).
func (v *validator) date(path, s string, monthOK bool) {
	if s == "" {
		return
	}
	if _, err := parseDate(s, monthOK); err != nil {
		v.add(path, "%v", err)
	}
}

// parseDate returns the date, or for YYYY-MM the last day of that month.
func parseDate(s string, monthOK bool) (time.Time, error) {
	if !dateRE.MatchString(s) || (!monthOK && len(s) != 10) {
		want := "YYYY-MM-DD"
		if monthOK {
			want = "YYYY-MM-DD or YYYY-MM"
		}
		return time.Time{}, fmt.Errorf("%q is not a date of the form %s", s, want)
	}
	if len(s) == 7 {
		t, err := time.Parse("2006-01", s)
		if err != nil {
			return time.Time{}, fmt.Errorf("%q is not a real month", s)
		}
		return t.AddDate(0, 1, -1), nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a real calendar date", s)
	}
	return t, nil
}

func (v *validator) url(path, s string) {
	if s == "" {
		return
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		v.add(path, "%q is not an https URL", s)
	}
}

func validContact(s string) bool {
	if u, err := url.Parse(s); err == nil && u.Scheme == "https" && u.Host != "" {
		return true
	}
	s = strings.TrimPrefix(s, "mailto:")
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s
}

// statements checks per-practice or per-provision statements. Paths are
// built only for errors: large declarations carry dozens of statements and
// batch mode validates millions of them.
func (v *validator) statements(base string, m map[string]*Statement) {
	start := len(v.errs)
	for k, st := range m {
		if st == nil {
			v.add(joinKey(base, k), "is empty; give at least a status")
			continue
		}
		if !slices.Contains(StatementStatuses, st.Status) {
			v.oneOf(joinKey(base, k)+".status", st.Status, StatementStatuses, true)
		}
		if st.Status == "not-applicable" && strings.TrimSpace(st.Justification) == "" {
			v.add(joinKey(base, k)+".justification", "is required when status is not-applicable")
		}
		if hasControl(st.Justification) {
			v.text(joinKey(base, k)+".justification", st.Justification)
		}
		for i, e := range st.Evidence {
			if !slices.Contains(EvidenceKinds, e.Kind) || strings.TrimSpace(e.Ref) == "" || hasControl(e.Ref) || hasControl(e.Title) {
				ep := joinIndex(joinKey(base, k)+".evidence", i)
				v.oneOf(ep+".kind", e.Kind, EvidenceKinds, true)
				v.need(ep+".ref", e.Ref)
				v.text(ep+".ref", e.Ref)
				v.text(ep+".title", e.Title)
			}
		}
	}
	added := v.errs[start:]
	sort.SliceStable(added, func(i, j int) bool { return added[i].Path < added[j].Path })
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
