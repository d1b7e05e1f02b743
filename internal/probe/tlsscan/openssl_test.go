package tlsscan

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/probe/tlsscan/tlsfixture"
)

// TestScanOpenSSL probes OpenSSL's s_server, which still speaks TLS 1.0/1.1
// and suites crypto/tls cannot offer.
func TestScanOpenSSL(t *testing.T) {
	dh1024, err := filepath.Abs("testdata/dh1024.pem")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name         string
		spec         tlsfixture.CertSpec
		args         []string
		want         []string
		wantFindings []string
		wantKex      []string
		noChain      bool
	}{
		{
			// Debian's OpenSSL 3 has no 3DES or RC4; the Go server test covers 3DES.
			name:         "tls1.0 only with static RSA",
			args:         []string{"-tls1", "-cipher", "AES128-SHA:@SECLEVEL=0"},
			want:         []string{"TLS1.0 0x002F"},
			wantFindings: []string{FindingLegacyProtocol, FindingNoModern, FindingCBCOnly, FindingNoForward},
		},
		{
			name:         "tls1.1 only",
			args:         []string{"-tls1_1", "-cipher", "ECDHE-RSA-AES128-SHA:@SECLEVEL=0"},
			want:         []string{"TLS1.1 0xC013"},
			wantFindings: []string{FindingLegacyProtocol, FindingNoModern, FindingCBCOnly},
		},
		{
			name:         "null cipher",
			args:         []string{"-tls1_2", "-cipher", "NULL-SHA256:@SECLEVEL=0"},
			want:         []string{"TLS1.2 0x003B"},
			wantFindings: []string{FindingNullCipher, FindingCBCOnly},
		},
		{
			name:         "anonymous DH, no certificate",
			args:         []string{"-tls1_2", "-cipher", "ADH-AES128-GCM-SHA256:@SECLEVEL=0"},
			want:         []string{"TLS1.2 0x00A6"},
			wantFindings: []string{FindingAnonymous},
			noChain:      true,
		},
		{
			// Public 1024-bit DH parameters (testdata/dh1024.pem, made with
			// openssl dhparam): a Logjam-era group.
			name:         "DHE with a 1024-bit group",
			args:         []string{"-tls1_2", "-dhparam", dh1024, "-cipher", "DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0"},
			want:         []string{"TLS1.2 0x009E"},
			wantFindings: []string{FindingWeakKex},
			wantKex:      []string{"TLS1.2 DH 1024-bit prime"},
		},
		{
			name:    "ECDHE on P-256",
			args:    []string{"-tls1_2", "-groups", "P-256", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"},
			want:    []string{"TLS1.2 0xC02F"},
			wantKex: []string{"TLS1.2 ECDH secp256r1"},
		},
		{
			// A P-384 certificate needs ecdsa_secp384r1_sha384 in TLS 1.3; a
			// hello without it would miss TLS 1.3 altogether.
			name:    "tls1.3 with P-384 certificate",
			spec:    tlsfixture.CertSpec{CommonName: "lab", KeyType: "ecdsa-p384"},
			args:    []string{"-tls1_3"},
			want:    []string{"TLS1.3 0x1301", "TLS1.3 0x1302", "TLS1.3 0x1303"},
			wantKex: []string{"TLS1.3 ECDH x25519"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			addr := startOpenSSL(t, newCert(t, tc.spec), tc.args...)
			res, err := Scan(context.Background(), loopbackDialer(addr), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := pairs(res); !slices.Equal(got, tc.want) {
				t.Errorf("accepted pairs:\n got  %v\n want %v", got, tc.want)
			}
			if (len(res.Chain) == 0) != tc.noChain {
				t.Errorf("chain length %d, want none: %v", len(res.Chain), tc.noChain)
			}
			var kex []string
			for _, k := range res.KeyExchange {
				kex = append(kex, k.Version.String()+" "+k.Kind+" "+k.Group)
			}
			if tc.wantKex != nil && !slices.Equal(kex, tc.wantKex) {
				t.Errorf("key exchange = %v, want %v", kex, tc.wantKex)
			}
			got := findingIDs(res)
			for _, id := range tc.wantFindings {
				if !got[id] {
					t.Errorf("missing finding %q; got %v", id, res.Findings)
				}
			}
		})
	}
}

// TestAgreesWithSSLScan compares the accepted (version, suite) set with
// sslscan's on the same OpenSSL server offering TLS 1.0 to 1.3.
func TestAgreesWithSSLScan(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping sslscan comparison in -short mode")
	}
	addr := startOpenSSL(t, newCert(t, tlsfixture.CertSpec{}), "-cipher", "DEFAULT:@SECLEVEL=0")
	ref, err := tlsfixture.SSLScan(context.Background(), addr)
	if errors.Is(err, tlsfixture.ErrMissing) {
		t.Skipf("skipping: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	res, err := Scan(context.Background(), loopbackDialer(addr), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for p := range ref {
		want = append(want, p.Version+" "+hex4(p.Suite))
	}
	sort.Strings(want)
	if got := pairs(res); !slices.Equal(got, want) {
		t.Errorf("differs from sslscan:\n ours    %v\n sslscan %v", got, want)
	}
	if len(want) == 0 {
		t.Fatal("sslscan found nothing; fixture broken")
	}
	t.Logf("%d pairs agree; %d connections", len(want), res.Connections)
}
