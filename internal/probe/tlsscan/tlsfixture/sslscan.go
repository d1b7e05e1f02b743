package tlsfixture

import (
	"context"
	"encoding/xml"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// Pair is one accepted (protocol version, suite id) combination, with the
// version written as the scanner writes it ("TLS1.2").
type Pair struct {
	Version string
	Suite   uint16
}

// SSLScan runs sslscan against addr and returns the pairs it found accepted.
// Only the cipher enumeration runs; the extra vulnerability tests are off.
func SSLScan(ctx context.Context, addr string) (map[Pair]bool, error) {
	bin, err := exec.LookPath("sslscan")
	if err != nil {
		return nil, fmt.Errorf("%w: sslscan (Debian package sslscan)", ErrMissing)
	}
	cmd := exec.CommandContext(ctx, bin, "--no-colour", "--no-heartbleed", "--no-renegotiation",
		"--no-compression", "--no-fallback", "--no-check-certificate", "--no-groups",
		"--no-cipher-details", "--xml=-", addr)
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("tlsfixture: sslscan: %w", err)
	}
	return ParseSSLScanXML(out)
}

// ParseSSLScanXML reads sslscan's --xml output.
func ParseSSLScanXML(b []byte) (map[Pair]bool, error) {
	var doc struct {
		Tests []struct {
			Ciphers []struct {
				Status  string `xml:"status,attr"`
				Version string `xml:"sslversion,attr"`
				ID      string `xml:"id,attr"`
			} `xml:"cipher"`
		} `xml:"ssltest"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("tlsfixture: sslscan xml: %w", err)
	}
	out := map[Pair]bool{}
	for _, t := range doc.Tests {
		for _, c := range t.Ciphers {
			if c.Status != "accepted" && c.Status != "preferred" {
				continue
			}
			id, err := strconv.ParseUint(strings.TrimPrefix(strings.ToLower(c.ID), "0x"), 16, 16)
			if err != nil {
				return nil, fmt.Errorf("tlsfixture: sslscan xml: cipher id %q: %w", c.ID, err)
			}
			v := strings.Replace(c.Version, "TLSv", "TLS", 1)
			out[Pair{Version: v, Suite: uint16(id)}] = true
		}
	}
	return out, nil
}
