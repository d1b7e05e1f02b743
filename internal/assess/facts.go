package assess

import (
	"strconv"
	"time"
)

// A fact is one thing a declaration states (or evidence observes) that rules
// test. Facts are named in the rules data; the table below is the only place
// that knows how to read each one from a Declaration. Computed facts (the
// support period against the warranty, for example) are derived here too,
// once per declaration.
type fact struct {
	name string
	kind factKind
	read func(d *Declaration, v *value)
}

type factKind uint8

const (
	boolFact factKind = iota
	stringFact
	numberFact
)

func (k factKind) String() string {
	return [...]string{"true/false", "text", "number"}[k]
}

// value is a fact's value; set is false when the declaration is silent.
type value struct {
	set bool
	b   bool
	n   int
	s   string
}

// text renders a value for messages.
func (v value) text(k factKind) string {
	switch {
	case !v.set:
		return "(not stated)"
	case k == stringFact:
		return v.s
	case k == numberFact:
		return strconv.Itoa(v.n)
	}
	return strconv.FormatBool(v.b)
}

func (v *value) setBool(p *bool) {
	if p != nil {
		*v = value{set: true, b: *p}
	}
}

// craMinimumYears is the CRA Art. 13(8) default minimum support period.
const craMinimumYears = 5

// serviceProtocols are the network services whose presence is a fact
// ("service.telnet.enabled"), declared in product.interfaces and
// observable by the probe.
var serviceProtocols = []string{"telnet", "ssh", "http", "https", "mqtt", "mqtts", "rtsp", "ftp", "upnp", "mdns", "snmp", "coap"}

func facts() []fact {
	b := func(name string, get func(d *Declaration) *bool) fact {
		return fact{name, boolFact, func(d *Declaration, v *value) { v.setBool(get(d)) }}
	}
	pw := func(d *Declaration) *Passwords {
		if d.Passwords == nil {
			return &Passwords{}
		}
		return d.Passwords
	}
	up := func(d *Declaration) *Updates { return orZero(d.Updates) }
	da := func(d *Declaration) *Data { return orZero(d.Data) }
	se := func(d *Declaration) *Security { return orZero(d.Security) }
	fs := []fact{
		{"password.scheme", stringFact, func(d *Declaration, v *value) {
			if d.Passwords != nil && d.Passwords.Scheme != "" {
				*v = value{set: true, s: d.Passwords.Scheme}
			}
		}},
		b("password.brute_force_protection", func(d *Declaration) *bool { return pw(d).BruteForceProtection }),
		b("password.not_derived_from_identifiers", func(d *Declaration) *bool { return pw(d).NotFromIdentifiers }),
		{"update.mechanism", stringFact, func(d *Declaration, v *value) {
			if d.Updates != nil && d.Updates.Mechanism != "" {
				*v = value{set: true, s: d.Updates.Mechanism}
			}
		}},
		b("password.changeable", func(d *Declaration) *bool { return pw(d).Changeable }),
		b("update.signed", func(d *Declaration) *bool { return up(d).Signed }),
		b("update.automatic", func(d *Declaration) *bool { return up(d).Automatic }),
		b("update.rollback_protection", func(d *Declaration) *bool { return up(d).RollbackProtection }),
		b("update.free_of_charge", func(d *Declaration) *bool { return up(d).FreeOfCharge }),
		b("update.user_notified", func(d *Declaration) *bool { return up(d).UserNotified }),
		b("data.deletion", func(d *Declaration) *bool { return da(d).Deletion }),
		b("data.encrypted_in_transit", func(d *Declaration) *bool { return da(d).EncryptedInTransit }),
		b("data.encrypted_at_rest", func(d *Declaration) *bool { return da(d).EncryptedAtRest }),
		b("data.minimisation", func(d *Declaration) *bool { return da(d).Minimisation }),
		b("data.user_informed", func(d *Declaration) *bool { return da(d).UserInformed }),
		b("security.no_hardcoded_secrets", func(d *Declaration) *bool { return se(d).NoHardcodedSecrets }),
		b("security.no_known_exploitable_vulnerabilities", func(d *Declaration) *bool { return se(d).NoKnownExploitableVulns }),
		b("security.security_testing", func(d *Declaration) *bool { return se(d).SecurityTesting }),
		b("security.input_validation", func(d *Declaration) *bool { return se(d).InputValidation }),
		b("security.secure_boot", func(d *Declaration) *bool { return se(d).SecureBoot }),
		b("security.secure_by_default", func(d *Declaration) *bool { return se(d).SecureByDefault }),
		b("security.logging", func(d *Declaration) *bool { return se(d).Logging }),
		b("security.resilience", func(d *Declaration) *bool { return se(d).Resilience }),
		b("security.debug_interfaces_locked", func(d *Declaration) *bool { return se(d).DebugInterfacesLocked }),
		b("security.secure_storage", func(d *Declaration) *bool { return se(d).SecureStorage }),
		b("security.strong_cryptography", func(d *Declaration) *bool { return se(d).StrongCryptography }),
		b("security.per_device_secrets", func(d *Declaration) *bool { return se(d).PerDeviceSecrets }),
		{"support.published", boolFact, func(d *Declaration, v *value) {
			if s := d.Support; s != nil {
				*v = value{set: true, b: s.EndDate != "" && (s.Published == nil || *s.Published)}
			}
		}},
		{"support.covers_warranty", boolFact, supportCoversWarranty},
		{"support.meets_cra_minimum", boolFact, supportMeetsCRAMinimum},
		{"warranty.months", numberFact, func(d *Declaration, v *value) {
			if d.Warranty != nil {
				*v = value{set: true, n: d.Warranty.Months}
			}
		}},
		{"disclosure.contact_published", boolFact, func(d *Declaration, v *value) {
			if d.Disclosure != nil {
				*v = value{set: true, b: d.Disclosure.Contact != "" || d.Disclosure.SecurityTxt != ""}
			}
		}},
		{"disclosure.policy_published", boolFact, func(d *Declaration, v *value) {
			if d.Disclosure != nil {
				*v = value{set: true, b: d.Disclosure.PolicyURL != ""}
			}
		}},
		{"disclosure.security_txt", boolFact, func(d *Declaration, v *value) {
			if d.Disclosure != nil {
				*v = value{set: true, b: d.Disclosure.SecurityTxt != ""}
			}
		}},
		{"disclosure.acknowledge_within_days", numberFact, func(d *Declaration, v *value) {
			if d.Disclosure != nil && d.Disclosure.AcknowledgeWithinDays > 0 {
				*v = value{set: true, n: d.Disclosure.AcknowledgeWithinDays}
			}
		}},
		{"sbom.available", boolFact, func(d *Declaration, v *value) {
			*v = value{set: true, b: d.SBOM != nil}
		}},
		{"product.identified", boolFact, func(d *Declaration, v *value) {
			ver := d.Product.Versions
			*v = value{set: true, b: d.Product.Model != "" && (ver.Firmware != "" || ver.Software != "" || ver.Hardware != "")}
		}},
		{"interfaces.authenticated", boolFact, func(d *Declaration, v *value) {
			if len(d.Product.Interfaces) == 0 {
				return
			}
			ok := true
			for _, it := range d.Product.Interfaces {
				if enabled(it) && it.Authentication == "none" {
					ok = false
				}
			}
			*v = value{set: true, b: ok}
		}},
	}
	for _, proto := range serviceProtocols {
		fs = append(fs, fact{"service." + proto + ".enabled", boolFact, func(d *Declaration, v *value) {
			if len(d.Product.Interfaces) == 0 {
				return // no interface list: silent on every service
			}
			on := false
			for _, it := range d.Product.Interfaces {
				if it.Protocol == proto && enabled(it) {
					on = true
				}
			}
			*v = value{set: true, b: on}
		}})
	}
	return fs
}

func orZero[T any](p *T) *T {
	if p == nil {
		return new(T)
	}
	return p
}

func enabled(it Interface) bool { return it.Enabled == nil || *it.Enabled }

// supportWindow returns the market date and the end of support, or false
// when either is missing.
func supportWindow(d *Declaration) (start, end time.Time, ok bool) {
	if d.Support == nil || d.Support.EndDate == "" || d.Product.PlacedOnMarket == "" {
		return start, end, false
	}
	start, err1 := parseDate(d.Product.PlacedOnMarket, false)
	end, err2 := parseDate(d.Support.EndDate, true)
	return start, end, err1 == nil && err2 == nil
}

// supportCoversWarranty: security support must last at least as long as the
// warranty (the IS3C report's fifth recommendation).
func supportCoversWarranty(d *Declaration, v *value) {
	start, end, ok := supportWindow(d)
	if !ok || d.Warranty == nil {
		return
	}
	*v = value{set: true, b: !end.Before(start.AddDate(0, d.Warranty.Months, 0))}
}

// supportMeetsCRAMinimum: five years from placing on the market, or the
// declared shorter expected use when it is justified.
func supportMeetsCRAMinimum(d *Declaration, v *value) {
	start, end, ok := supportWindow(d)
	if !ok {
		return
	}
	years := craMinimumYears
	if u := d.Support.ExpectedUseYears; u > 0 && u < years {
		years = u
	}
	*v = value{set: true, b: !end.Before(start.AddDate(years, 0, 0))}
}
