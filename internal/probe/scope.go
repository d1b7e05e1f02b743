package probe

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/bydesign-iot/bydesign/internal/yamlx"
)

// Scope is the set of addresses the probe may send anything to. It is the
// authorisation of a run: a scope file also names its owner and an expiry.
type Scope struct {
	Prefixes []netip.Prefix
	Owner    string
	Expires  time.Time // zero: no expiry (command-line scopes)
}

// ParseScope parses a comma-separated list of CIDRs or addresses.
func ParseScope(s string) (*Scope, error) {
	sc := &Scope{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		p, err := parsePrefix(part)
		if err != nil {
			return nil, fmt.Errorf("scope: %w", err)
		}
		sc.Prefixes = append(sc.Prefixes, p)
	}
	if len(sc.Prefixes) == 0 {
		return nil, errors.New("scope: no CIDR given")
	}
	return sc, nil
}

// parsePrefix reads an address or CIDR. An IPv4-mapped IPv6 value is
// unmapped, so one device has one form and one login budget. A /0 is
// refused (it authorises everything), and so is a CIDR with host bits set,
// because the author most likely meant a single host.
func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			// netip's message repeats the input behind its function name.
			why := err.Error()
			if i := strings.LastIndex(why, "): "); i >= 0 {
				why = why[i+3:]
			}
			return p, fmt.Errorf("%q is not a CIDR: %s", s, why)
		}
		if p.Addr().Is4In6() && p.Bits() >= 96 {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		if p.Bits() == 0 {
			return netip.Prefix{}, fmt.Errorf("%q: a /0 prefix covers every address; name the networks you may probe", s)
		}
		if p != p.Masked() {
			return netip.Prefix{}, fmt.Errorf("%q has host bits set; write %s for the network or the address alone for one host", s, p.Masked())
		}
		return p, nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is neither an address nor a CIDR", s)
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// checkTarget refuses addresses that reach no single device or many at once.
func checkTarget(a netip.Addr) error {
	a = a.Unmap()
	switch {
	case a.IsUnspecified():
		return fmt.Errorf("%s is the unspecified address, not a device", a)
	case a.IsMulticast() || a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast():
		return fmt.Errorf("%s is a multicast address, not a device", a)
	case a == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return fmt.Errorf("%s is the broadcast address, not a device", a)
	}
	return nil
}

// scopeFile is the on-disk authorisation: who owns the devices, until when
// probing is allowed, and which networks.
type scopeFile struct {
	Owner   string   `yaml:"owner"`
	Expires string   `yaml:"expires"`
	Allow   []string `yaml:"allow"`
}

// ParseScopeFile decodes a scope file (YAML or JSON) and checks it is not
// expired at now. Errors name the file and, for decoding, the line.
func ParseScopeFile(name string, data []byte, now time.Time) (*Scope, error) {
	var f scopeFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("scope file %w", yamlx.FileError(name, err))
	}
	if strings.TrimSpace(f.Owner) == "" {
		return nil, fmt.Errorf("scope file %s: field owner: required (who authorised the probe)", name)
	}
	if f.Expires == "" {
		return nil, fmt.Errorf("scope file %s: field expires: required (RFC 3339 time or YYYY-MM-DD)", name)
	}
	exp, err := time.Parse(time.RFC3339, f.Expires)
	if err != nil {
		d, derr := time.Parse(time.DateOnly, f.Expires)
		if derr != nil {
			return nil, fmt.Errorf("scope file %s: field expires: %q is not RFC 3339 or YYYY-MM-DD", name, f.Expires)
		}
		exp = d.Add(24*time.Hour - time.Second)
	}
	if !now.Before(exp) {
		return nil, fmt.Errorf("scope file %s: field expires: authorisation expired at %s", name, exp.UTC().Format(time.RFC3339))
	}
	sc := &Scope{Owner: f.Owner, Expires: exp}
	for i, a := range f.Allow {
		p, err := parsePrefix(strings.TrimSpace(a))
		if err != nil {
			return nil, fmt.Errorf("scope file %s: field allow[%d]: %w", name, i, err)
		}
		sc.Prefixes = append(sc.Prefixes, p)
	}
	if len(sc.Prefixes) == 0 {
		return nil, fmt.Errorf("scope file %s: field allow: at least one CIDR required", name)
	}
	return sc, nil
}

// ErrScopeExpired is returned by a dial after the scope file's expiry.
var ErrScopeExpired = errors.New("probe: scope authorisation expired")

// Allows reports whether anything may be sent to a at now: inside the
// prefixes and before the expiry. It runs before every dial, so a long run
// stops at the expiry rather than only checking it at start.
func (s *Scope) Allows(a netip.Addr, now time.Time) error {
	if !s.Expires.IsZero() && !now.Before(s.Expires) {
		return fmt.Errorf("%w at %s", ErrScopeExpired, s.Expires.UTC().Format(time.RFC3339))
	}
	if !s.Contains(a) {
		return fmt.Errorf("%w: %s", ErrOutOfScope, a)
	}
	return nil
}

// Contains reports whether a is inside the scope.
func (s *Scope) Contains(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range s.Prefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// Info is the scope as recorded in a report.
func (s *Scope) Info() ScopeInfo {
	in := ScopeInfo{Owner: s.Owner}
	for _, p := range s.Prefixes {
		in.Prefixes = append(in.Prefixes, p.String())
	}
	if !s.Expires.IsZero() {
		in.Expires = s.Expires.UTC().Format(time.RFC3339)
	}
	return in
}

// MaxTargets bounds how many addresses one run expands to.
const MaxTargets = 65536

// ParseTargets expands addresses and CIDRs. Host names are refused: looking
// them up would send traffic to a resolver outside the scope.
func ParseTargets(args []string) ([]netip.Addr, error) {
	var out []netip.Addr
	seen := map[netip.Addr]bool{}
	for _, arg := range args {
		for _, s := range strings.Split(arg, ",") {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			p, err := parsePrefix(s)
			if err != nil {
				return nil, fmt.Errorf("target: %w (host names are not resolved)", err)
			}
			for a := p.Addr(); a.IsValid() && p.Contains(a); a = a.Next() {
				if err := checkTarget(a); err != nil {
					return nil, fmt.Errorf("target %q: %w", s, err)
				}
				if !seen[a] {
					seen[a] = true
					out = append(out, a)
				}
				if len(out) > MaxTargets {
					return nil, fmt.Errorf("target: more than %d addresses", MaxTargets)
				}
			}
		}
	}
	if len(out) == 0 {
		return nil, errors.New("target: no address given")
	}
	return out, nil
}
