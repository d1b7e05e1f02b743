package tlsscan

import "fmt"

// Version is a protocol version as carried on the wire.
type Version uint16

// Protocol versions the scanner probes, oldest first.
const (
	VersionSSL30 Version = 0x0300
	VersionTLS10 Version = 0x0301
	VersionTLS11 Version = 0x0302
	VersionTLS12 Version = 0x0303
	VersionTLS13 Version = 0x0304
)

// AllVersions is every version the scanner knows how to offer.
var AllVersions = []Version{VersionSSL30, VersionTLS10, VersionTLS11, VersionTLS12, VersionTLS13}

func (v Version) String() string {
	switch v {
	case VersionSSL30:
		return "SSLv3"
	case VersionTLS10:
		return "TLS1.0"
	case VersionTLS11:
		return "TLS1.1"
	case VersionTLS12:
		return "TLS1.2"
	case VersionTLS13:
		return "TLS1.3"
	}
	return fmt.Sprintf("0x%04x", uint16(v))
}

// MarshalText makes versions readable in JSON output.
func (v Version) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// ParseVersion accepts the names String returns.
func ParseVersion(s string) (Version, error) {
	for _, v := range AllVersions {
		if v.String() == s {
			return v, nil
		}
	}
	return 0, fmt.Errorf("tlsscan: unknown protocol version %q", s)
}

// Legacy reports whether the version is deprecated (RFC 8996 for TLS 1.0
// and 1.1, RFC 7568 for SSLv3).
func (v Version) Legacy() bool { return v < VersionTLS12 }

// UnmarshalText is the inverse of MarshalText.
func (v *Version) UnmarshalText(b []byte) error {
	p, err := ParseVersion(string(b))
	if err != nil {
		return err
	}
	*v = p
	return nil
}
