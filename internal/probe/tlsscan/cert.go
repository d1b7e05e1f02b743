package tlsscan

import (
	"crypto/dsa" //nolint:staticcheck // only to recognise DSA keys servers still present
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"time"
)

// CertInfo summarises one certificate of the server's chain.
type CertInfo struct {
	Subject            string    `json:"subject"`
	Issuer             string    `json:"issuer"`
	SerialNumber       string    `json:"serial_number"`
	NotBefore          time.Time `json:"not_before"`
	NotAfter           time.Time `json:"not_after"`
	KeyType            string    `json:"key_type"`
	KeyBits            int       `json:"key_bits"`
	SignatureAlgorithm string    `json:"signature_algorithm"`
	SelfSigned         bool      `json:"self_signed"`
	DNSNames           []string  `json:"dns_names,omitempty"`
	IPAddresses        []string  `json:"ip_addresses,omitempty"`
	SHA256             string    `json:"sha256"`
	// HostnameMatch is set on the leaf when a server name was given.
	HostnameMatch *bool `json:"hostname_match,omitempty"`
}

// describeChain parses DER certificates, leaf first. A certificate that does
// not parse ends the chain with an error naming its position.
func describeChain(ders [][]byte, serverName string) ([]CertInfo, []*x509.Certificate, error) {
	var infos []CertInfo
	var certs []*x509.Certificate
	for i, der := range ders {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			return infos, certs, fmt.Errorf("certificate %d of %d: %w", i+1, len(ders), err)
		}
		certs = append(certs, c)
		info := describe(c)
		if i == 0 && serverName != "" {
			ok := c.VerifyHostname(serverName) == nil
			info.HostnameMatch = &ok
		}
		infos = append(infos, info)
	}
	return infos, certs, nil
}

func describe(c *x509.Certificate) CertInfo {
	sum := sha256.Sum256(c.Raw)
	info := CertInfo{
		Subject:            c.Subject.String(),
		Issuer:             c.Issuer.String(),
		SerialNumber:       c.SerialNumber.Text(16),
		NotBefore:          c.NotBefore.UTC(),
		NotAfter:           c.NotAfter.UTC(),
		SignatureAlgorithm: c.SignatureAlgorithm.String(),
		DNSNames:           c.DNSNames,
		SHA256:             hex.EncodeToString(sum[:]),
	}
	for _, ip := range c.IPAddresses {
		info.IPAddresses = append(info.IPAddresses, ip.String())
	}
	info.KeyType, info.KeyBits = keyOf(c.PublicKey)
	// Self-signed: issuer equals subject and the certificate's own key
	// verifies its signature (a name match alone can be forged or chance).
	// CheckSignatureFrom would also demand CA flags, which device
	// certificates often lack.
	info.SelfSigned = c.Subject.String() == c.Issuer.String() &&
		c.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature) == nil
	return info
}

func keyOf(pub any) (string, int) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return "RSA", k.N.BitLen()
	case *ecdsa.PublicKey:
		return "ECDSA", k.Curve.Params().BitSize
	case ed25519.PublicKey:
		return "Ed25519", 256
	case *dsa.PublicKey:
		return "DSA", k.P.BitLen()
	}
	return fmt.Sprintf("%T", pub), 0
}
