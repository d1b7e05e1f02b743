package assess

// The declaration half of the fast JSON path (see fastjson.go): one small
// function per section, each giving up on any key it does not know.

// fastDecode decodes data into d, or returns errFallback.
func fastDecode(data []byte, d *Declaration) error {
	l := &lexer{b: data}
	err := l.object(func(k []byte) error {
		var err error
		switch string(k) {
		case "bydesign":
			d.Bydesign, err = l.str()
		case "product":
			err = l.product(&d.Product)
		case "conditions":
			d.Conditions = map[string]bool{}
			err = l.object(func(k []byte) error {
				b, err := l.boolean()
				d.Conditions[string(k)] = b
				return err
			})
		case "passwords":
			d.Passwords = &Passwords{}
			err = l.passwords(d.Passwords)
		case "updates":
			d.Updates = &Updates{}
			err = l.updates(d.Updates)
		case "support":
			d.Support = &Support{}
			err = l.support(d.Support)
		case "warranty":
			d.Warranty = &Warranty{}
			err = l.object(func(k []byte) error {
				if string(k) != "months" {
					return errFallback
				}
				var err error
				d.Warranty.Months, err = l.integer()
				return err
			})
		case "disclosure":
			d.Disclosure = &Disclosure{}
			err = l.disclosure(d.Disclosure)
		case "data":
			d.Data = &Data{}
			err = l.bools(dataFields(d.Data))
		case "security":
			d.Security = &Security{}
			err = l.bools(securityFields(d.Security))
		case "sbom":
			d.SBOM = &SBOM{}
			err = l.strings(func(k []byte) *string {
				switch string(k) {
				case "format":
					return &d.SBOM.Format
				case "url":
					return &d.SBOM.URL
				}
				return nil
			})
		case "labels":
			d.Labels = []Label{}
			err = l.array(func() error {
				var lb Label
				err := l.object(func(k []byte) error {
					var err error
					switch string(k) {
					case "scheme":
						lb.Scheme, err = l.str()
					case "level":
						lb.Level, err = l.integer()
					case "id":
						lb.ID, err = l.str()
					case "expires":
						lb.Expires, err = l.str()
					default:
						return errFallback
					}
					return err
				})
				d.Labels = append(d.Labels, lb)
				return err
			})
		case "practices":
			d.Practices, err = l.statements()
		case "provisions":
			d.Provisions, err = l.statements()
		default:
			return errFallback
		}
		return err
	})
	if err != nil {
		return err
	}
	if l.ws(); l.i != len(l.b) {
		return errFallback
	}
	return nil
}

// strings and bools decode objects whose members are all of one kind;
// field maps a key to its destination, nil for an unknown key.
func (l *lexer) strings(field func([]byte) *string) error {
	return l.object(func(k []byte) error {
		p := field(k)
		if p == nil {
			return errFallback
		}
		var err error
		*p, err = l.str()
		return err
	})
}

func (l *lexer) bools(field func([]byte) **bool) error {
	return l.object(func(k []byte) error {
		p := field(k)
		if p == nil {
			return errFallback
		}
		var err error
		*p, err = l.boolPtr()
		return err
	})
}

func (l *lexer) product(p *Product) error {
	return l.object(func(k []byte) error {
		var err error
		switch string(k) {
		case "manufacturer":
			p.Manufacturer, err = l.str()
		case "model":
			p.Model, err = l.str()
		case "device_class":
			p.DeviceClass, err = l.str()
		case "placed_on_market":
			p.PlacedOnMarket, err = l.str()
		case "versions":
			err = l.strings(func(k []byte) *string {
				switch string(k) {
				case "hardware":
					return &p.Versions.Hardware
				case "firmware":
					return &p.Versions.Firmware
				case "software":
					return &p.Versions.Software
				}
				return nil
			})
		case "interfaces":
			p.Interfaces = []Interface{}
			err = l.array(func() error {
				var it Interface
				err := l.object(func(k []byte) error {
					var err error
					switch string(k) {
					case "name":
						it.Name, err = l.str()
					case "protocol":
						it.Protocol, err = l.word(Protocols)
					case "authentication":
						it.Authentication, err = l.word(Authentications)
					case "port":
						it.Port, err = l.integer()
					case "enabled":
						it.Enabled, err = l.boolPtr()
					default:
						return errFallback
					}
					return err
				})
				p.Interfaces = append(p.Interfaces, it)
				return err
			})
		default:
			return errFallback
		}
		return err
	})
}

func (l *lexer) passwords(p *Passwords) error {
	return l.object(func(k []byte) error {
		var err error
		switch string(k) {
		case "scheme":
			p.Scheme, err = l.word(PasswordSchemes)
		case "brute_force_protection":
			p.BruteForceProtection, err = l.boolPtr()
		case "not_derived_from_identifiers":
			p.NotFromIdentifiers, err = l.boolPtr()
		case "changeable":
			p.Changeable, err = l.boolPtr()
		default:
			return errFallback
		}
		return err
	})
}

func (l *lexer) updates(u *Updates) error {
	return l.object(func(k []byte) error {
		var err error
		switch string(k) {
		case "mechanism":
			u.Mechanism, err = l.word(UpdateMechanisms)
		case "signed":
			u.Signed, err = l.boolPtr()
		case "automatic":
			u.Automatic, err = l.boolPtr()
		case "rollback_protection":
			u.RollbackProtection, err = l.boolPtr()
		case "free_of_charge":
			u.FreeOfCharge, err = l.boolPtr()
		case "user_notified":
			u.UserNotified, err = l.boolPtr()
		default:
			return errFallback
		}
		return err
	})
}

func (l *lexer) support(s *Support) error {
	return l.object(func(k []byte) error {
		var err error
		switch string(k) {
		case "end_date":
			s.EndDate, err = l.str()
		case "published":
			s.Published, err = l.boolPtr()
		case "url":
			s.URL, err = l.str()
		case "expected_use_years":
			s.ExpectedUseYears, err = l.integer()
		case "justification":
			s.Justification, err = l.str()
		default:
			return errFallback
		}
		return err
	})
}

func (l *lexer) disclosure(s *Disclosure) error {
	return l.object(func(k []byte) error {
		var err error
		switch string(k) {
		case "contact":
			s.Contact, err = l.str()
		case "policy_url":
			s.PolicyURL, err = l.str()
		case "security_txt":
			s.SecurityTxt, err = l.str()
		case "acknowledge_within_days":
			s.AcknowledgeWithinDays, err = l.integer()
		default:
			return errFallback
		}
		return err
	})
}

func dataFields(d *Data) func([]byte) **bool {
	return func(k []byte) **bool {
		switch string(k) {
		case "deletion":
			return &d.Deletion
		case "encrypted_in_transit":
			return &d.EncryptedInTransit
		case "encrypted_at_rest":
			return &d.EncryptedAtRest
		case "minimisation":
			return &d.Minimisation
		case "user_informed":
			return &d.UserInformed
		}
		return nil
	}
}

func securityFields(s *Security) func([]byte) **bool {
	return func(k []byte) **bool {
		switch string(k) {
		case "no_hardcoded_secrets":
			return &s.NoHardcodedSecrets
		case "no_known_exploitable_vulnerabilities":
			return &s.NoKnownExploitableVulns
		case "security_testing":
			return &s.SecurityTesting
		case "input_validation":
			return &s.InputValidation
		case "secure_boot":
			return &s.SecureBoot
		case "secure_by_default":
			return &s.SecureByDefault
		case "logging":
			return &s.Logging
		case "resilience":
			return &s.Resilience
		case "debug_interfaces_locked":
			return &s.DebugInterfacesLocked
		case "secure_storage":
			return &s.SecureStorage
		case "strong_cryptography":
			return &s.StrongCryptography
		case "per_device_secrets":
			return &s.PerDeviceSecrets
		}
		return nil
	}
}

func (l *lexer) statements() (map[string]*Statement, error) {
	m := map[string]*Statement{}
	err := l.object(func(k []byte) error {
		st := &Statement{}
		m[string(k)] = st
		return l.object(func(k []byte) error {
			var err error
			switch string(k) {
			case "status":
				st.Status, err = l.word(StatementStatuses)
			case "justification":
				st.Justification, err = l.str()
			case "evidence":
				st.Evidence = []Evidence{}
				err = l.array(func() error {
					var e Evidence
					err := l.strings(func(k []byte) *string {
						switch string(k) {
						case "kind":
							return &e.Kind
						case "ref":
							return &e.Ref
						case "title":
							return &e.Title
						}
						return nil
					})
					st.Evidence = append(st.Evidence, e)
					return err
				})
			default:
				return errFallback
			}
			return err
		})
	})
	return m, err
}
