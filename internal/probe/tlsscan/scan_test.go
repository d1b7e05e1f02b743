package tlsscan

import (
	"context"
	"crypto/tls"
	"slices"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/probe/tlsscan/tlsfixture"
)

func TestScanGoServer(t *testing.T) {
	cases := []struct {
		name         string
		cfg          *tls.Config
		spec         tlsfixture.CertSpec
		serverName   string
		want         []string
		wantFindings []string
		notFindings  []string
	}{
		{
			name: "tls13 only",
			cfg:  &tls.Config{MinVersion: tls.VersionTLS13},
			want: []string{"TLS1.3 0x1301", "TLS1.3 0x1302", "TLS1.3 0x1303"},
			// The chain comes from crypto/tls here: no cleartext Certificate.
			wantFindings: []string{FindingSelfSigned},
			notFindings:  []string{FindingLegacyProtocol, FindingCBCOnly, FindingWeakKey},
		},
		{
			// No shared key-share group: the server answers with a
			// HelloRetryRequest, which still names its chosen suite.
			name:        "tls13 hello retry request",
			cfg:         &tls.Config{MinVersion: tls.VersionTLS13, CurvePreferences: []tls.CurveID{tls.CurveP256}},
			want:        []string{"TLS1.3 0x1301", "TLS1.3 0x1302", "TLS1.3 0x1303"},
			notFindings: []string{FindingLegacyProtocol},
		},
		{
			name: "tls12 two suites",
			cfg: &tls.Config{MinVersion: tls.VersionTLS12, MaxVersion: tls.VersionTLS12,
				CipherSuites: []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA}},
			want:         []string{"TLS1.2 0xC014", "TLS1.2 0xC02F"},
			wantFindings: []string{FindingSelfSigned},
			notFindings:  []string{FindingLegacyProtocol, FindingCBCOnly, FindingNoForward},
		},
		{
			name: "legacy versions with 3DES and static RSA",
			cfg: &tls.Config{MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11,
				CipherSuites: []uint16{tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA, tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA}},
			want: []string{"TLS1.0 0x000A", "TLS1.0 0xC013", "TLS1.1 0x000A", "TLS1.1 0xC013"},
			wantFindings: []string{FindingLegacyProtocol, FindingNoModern, FindingTripleDES,
				FindingCBCOnly, FindingNoForward},
		},
		{
			name:         "weak expired certificate for another host",
			cfg:          &tls.Config{MinVersion: tls.VersionTLS12, MaxVersion: tls.VersionTLS12},
			spec:         tlsfixture.CertSpec{CommonName: "other", DNSNames: []string{"other.example"}, RSABits: 1024, NotBefore: time.Now().Add(-48 * time.Hour), NotAfter: time.Now().Add(-24 * time.Hour)},
			serverName:   "device.example",
			wantFindings: []string{FindingWeakKey, FindingExpired, FindingHostname, FindingSelfSigned},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cert := newCert(t, tc.spec)
			cfg := tc.cfg.Clone()
			cfg.Certificates = []tls.Certificate{cert.TLS}
			addr := startGoServer(t, cfg)
			res, err := Scan(context.Background(), loopbackDialer(addr), Options{ServerName: tc.serverName})
			if err != nil {
				t.Fatal(err)
			}
			if tc.want != nil {
				if got := pairs(res); !slices.Equal(got, tc.want) {
					t.Errorf("accepted pairs:\n got  %v\n want %v", got, tc.want)
				}
			}
			if len(res.Chain) != 1 {
				t.Fatalf("chain has %d certificates, want 1", len(res.Chain))
			}
			if res.Chain[0].SHA256 == "" || res.Chain[0].KeyType != "RSA" {
				t.Errorf("leaf not described: %+v", res.Chain[0])
			}
			got := findingIDs(res)
			for _, id := range tc.wantFindings {
				if !got[id] {
					t.Errorf("missing finding %q; got %v", id, res.Findings)
				}
			}
			for _, id := range tc.notFindings {
				if got[id] {
					t.Errorf("unexpected finding %q; got %v", id, res.Findings)
				}
			}
		})
	}
}

func TestScanNotTLS(t *testing.T) {
	// A plain-text service answering with a banner is not TLS.
	addr := startBanner(t, "SSH-2.0-dropbear\r\n")
	_, err := Scan(context.Background(), loopbackDialer(addr), Options{})
	if err == nil || !errorsIs(err, ErrNotTLS) {
		t.Fatalf("err = %v, want ErrNotTLS", err)
	}
}

func TestScanConnectionBudget(t *testing.T) {
	cert := newCert(t, tlsfixture.CertSpec{})
	addr := startGoServer(t, &tls.Config{Certificates: []tls.Certificate{cert.TLS}})
	res, err := Scan(context.Background(), loopbackDialer(addr), Options{MaxConnections: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Truncated || res.Connections != 3 {
		t.Errorf("truncated=%v connections=%d, want true and 3", res.Truncated, res.Connections)
	}
}

func TestDetect(t *testing.T) {
	cert := newCert(t, tlsfixture.CertSpec{})
	cases := []struct {
		name string
		addr string
		want bool
	}{
		{"go tls server", startGoServer(t, &tls.Config{Certificates: []tls.Certificate{cert.TLS}}), true},
		{"tls1.0 static RSA only", startOpenSSL(t, cert, "-tls1", "-cipher", "AES128-SHA:@SECLEVEL=0"), true},
		{"ssh banner", startBanner(t, "SSH-2.0-dropbear\r\n"), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Detect(context.Background(), loopbackDialer(tc.addr), Options{HandshakeTimeout: 2 * time.Second})
			if err != nil || got != tc.want {
				t.Errorf("Detect = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestScanChunksForSizeIntolerantServer(t *testing.T) {
	cert := newCert(t, tlsfixture.CertSpec{})
	backend := startGoServer(t, &tls.Config{Certificates: []tls.Certificate{cert.TLS},
		MinVersion: tls.VersionTLS12, MaxVersion: tls.VersionTLS12,
		CipherSuites: []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384}})
	addr := startSizeIntolerant(t, backend, 400)
	res, err := Scan(context.Background(), loopbackDialer(addr), Options{Versions: []Version{VersionTLS12}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := pairs(res), []string{"TLS1.2 0xC02F", "TLS1.2 0xC030"}; !slices.Equal(got, want) {
		t.Errorf("accepted pairs: got %v, want %v", got, want)
	}
	if !res.Versions[0].Chunked {
		t.Error("the full offer should have been refused and retried in chunks")
	}
}

func TestScanServerOrder(t *testing.T) {
	cert := newCert(t, tlsfixture.CertSpec{})
	cases := []struct {
		name string
		args []string
		want bool
	}{
		{"server preference", []string{"-tls1_2", "-serverpref", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384"}, true},
		{"client preference", []string{"-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			addr := startOpenSSL(t, cert, tc.args...)
			res, err := Scan(context.Background(), loopbackDialer(addr), Options{Versions: []Version{VersionTLS12}})
			if err != nil {
				t.Fatal(err)
			}
			got := res.Versions[0].ServerOrder
			if got == nil || *got != tc.want {
				t.Fatalf("server order = %v, want %v", got, tc.want)
			}
			if tc.want && res.Versions[0].Suites[0].ID != 0xC02F {
				t.Errorf("first suite %s, want the server's first choice", res.Versions[0].Suites[0].Name)
			}
		})
	}
}

// TestScanSilentServer: a service that never answers costs one timeout per
// version, not a chunked retry of every suite.
func TestScanSilentServer(t *testing.T) {
	addr := startSilent(t)
	res, err := Scan(context.Background(), loopbackDialer(addr), Options{
		Versions: []Version{VersionTLS12, VersionTLS13}, HandshakeTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if res.Connections != 2 || res.Versions[0].Supported || res.Versions[0].Answer != "no answer in time" {
		t.Errorf("connections %d, versions %+v", res.Connections, res.Versions)
	}
}
