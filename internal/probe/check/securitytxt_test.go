package check

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/devicelab"
	"github.com/bydesign-iot/bydesign/internal/disclose/securitytxt"
	"github.com/bydesign-iot/bydesign/internal/probe"
	"github.com/bydesign-iot/bydesign/internal/probe/tlsscan/tlsfixture"
)

// serveSecurityTxt runs a loopback web server answering the well-known path.
func serveSecurityTxt(t *testing.T, useTLS bool, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+securitytxt.WellKnownPath, h)
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>device</html>")) })
	var srv *httptest.Server
	if useTLS {
		srv = httptest.NewTLSServer(mux)
	} else {
		srv = httptest.NewServer(mux)
	}
	t.Cleanup(srv.Close)
	return srv
}

func textFile(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte(body))
	}
}

func TestSecurityTxtOnDevice(t *testing.T) {
	future := time.Now().AddDate(0, 3, 0).UTC().Format(time.RFC3339)
	good := "Contact: mailto:psirt@vendor.example\nExpires: " + future + "\nEncryption: https://vendor.example/key.asc\n"
	cases := []struct {
		name    string
		useTLS  bool
		handler http.HandlerFunc
		status  probe.Status
		detail  string
	}{
		{"valid over https", true, textFile(good), probe.Pass, "valid security.txt"},
		{"expired", true, textFile("Contact: mailto:a@b.example\nExpires: 2020-01-01T00:00:00Z\n"), probe.Fail, "expired"},
		{"missing contact", true, textFile("Expires: " + future + "\n"), probe.Fail, "no-contact"},
		{"served as html", true, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(good))
		}, probe.Fail, "bad-content-type"},
		{"plain http", false, textFile(good), probe.Fail, "not-https"},
		{"absent", true, http.NotFound, probe.Observed, "no security.txt"},
		{"redirect", true, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "https://elsewhere.example/.well-known/security.txt", http.StatusMovedPermanently)
		}, probe.Observed, "not followed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := serveSecurityTxt(t, tc.useTLS, tc.handler)
			addr, port := splitAddr(t, srv.Listener.Addr().String())
			fs := probeOne(t, SecurityTxt{}, addr, port)
			if len(fs) != 1 {
				t.Fatalf("want one finding, got %+v", fs)
			}
			if fs[0].Status != tc.status || !strings.Contains(fs[0].Detail, tc.detail) {
				t.Errorf("got %s %q; want %s containing %q", fs[0].Status, fs[0].Detail, tc.status, tc.detail)
			}
			if len(fs[0].Evidence) == 0 || !strings.HasPrefix(fs[0].Evidence[0].Sent, "GET ") {
				t.Errorf("no request in evidence: %+v", fs[0].Evidence)
			}
		})
	}
}

func TestSecurityTxtAgainstLab(t *testing.T) {
	addr := startLab(t, "127.77.5.3", &devicelab.Profile{Name: "cam",
		HTTP: &devicelab.HTTP{Port: 18444, TLS: true, Auth: "none", SecurityTxt: true}})
	fs := probeOne(t, SecurityTxt{}, addr, 18444)
	if len(fs) != 1 || fs[0].Status != probe.Pass {
		t.Fatalf("want one pass, got %+v", fs)
	}
	addr = startLab(t, "127.77.5.4", &devicelab.Profile{Name: "bare", HTTP: &devicelab.HTTP{Port: 18444, TLS: true, Auth: "none"}})
	fs = probeOne(t, SecurityTxt{}, addr, 18444)
	if len(fs) != 1 || fs[0].Status != probe.Observed {
		t.Fatalf("want one observed absence, got %+v", fs)
	}
}

func TestSecurityTxtVendorURL(t *testing.T) {
	future := time.Now().AddDate(0, 3, 0).UTC().Format(time.RFC3339)
	var body string // set once the server's URL is known, before any request
	srv := serveSecurityTxt(t, true, func(w http.ResponseWriter, r *http.Request) { textFile(body)(w, r) })
	u, _ := url.Parse(srv.URL)
	vendorURL := srv.URL + securitytxt.WellKnownPath
	body = "Contact: https://vendor.example/report\nExpires: " + future + "\nCanonical: " + vendorURL + "\n"
	addr, port := splitAddr(t, u.Host)
	cases := []struct {
		name   string
		url    string
		status probe.Status
	}{
		{"vendor on this target", vendorURL, probe.Pass},
		{"vendor outside scope", "https://192.0.2.10/.well-known/security.txt", probe.OutOfScope},
		{"vendor host name", "https://vendor.example/.well-known/security.txt", probe.Skipped},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var vendor []probe.Finding
			for _, f := range probeOne(t, SecurityTxt{VendorURL: tc.url}, addr, port) {
				if strings.HasPrefix(f.Detail, "vendor") {
					vendor = append(vendor, f)
				}
			}
			if len(vendor) != 1 || vendor[0].Status != tc.status {
				t.Fatalf("want one vendor finding with status %s, got %+v", tc.status, vendor)
			}
		})
	}
}

func TestWithVendorURL(t *testing.T) {
	scope, err := probe.ParseScope("127.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	targets := []netip.Addr{netip.MustParseAddr("127.0.0.9")}
	cases := []struct {
		url string
		err string
	}{
		{"https://127.0.0.9/.well-known/security.txt", ""},
		{"https://127.0.0.9:8443/.well-known/security.txt", ""},
		{"https://vendor.example/.well-known/security.txt", "not an IP address"},
		{"https://192.0.2.1/.well-known/security.txt", "outside the scope"},
		{"https://127.0.0.10/.well-known/security.txt", "must also be given as a target"},
		{"ftp://127.0.0.9/security.txt", "not an http(s) URL"},
	}
	for _, tc := range cases {
		checks, err := WithVendorURL(All(), tc.url, scope, targets)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: err = %v, want %q", tc.url, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tc.url, err)
		}
		n := 0
		for _, c := range checks {
			if s, ok := c.(SecurityTxt); ok && s.VendorURL == tc.url {
				n++
			}
		}
		if n != 1 || len(checks) != len(All()) {
			t.Errorf("%s: vendor URL set on %d checks of %d", tc.url, n, len(checks))
		}
	}
}

// TestSecurityTxtOnUnnamedTLS serves the file from OpenSSL's -WWW mode, a
// web server the engine names only "tls", and sent as text/plain without a
// charset.
func TestSecurityTxtOnUnnamedTLS(t *testing.T) {
	dir := t.TempDir()
	future := time.Now().AddDate(0, 3, 0).UTC().Format(time.RFC3339)
	if err := os.MkdirAll(filepath.Join(dir, ".well-known"), 0o700); err != nil {
		t.Fatal(err)
	}
	body := "Contact: mailto:psirt@vendor.example\nExpires: " + future + "\n"
	if err := os.WriteFile(filepath.Join(dir, ".well-known", "security.txt"), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, err := tlsfixture.NewCert(tlsfixture.CertSpec{CommonName: "www", IPs: []net.IP{net.IPv4(127, 0, 0, 1)}})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := tlsfixture.StartOpenSSL(context.Background(), dir, cert, "-WWW")
	if errors.Is(err, tlsfixture.ErrMissing) {
		t.Skipf("skipping: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	addr, port := splitAddr(t, srv.Addr)
	fs := probeOne(t, SecurityTxt{}, addr, port)
	if len(fs) != 1 {
		t.Fatalf("want one finding, got %+v", fs)
	}
	if fs[0].Status != probe.Fail || !strings.Contains(fs[0].Detail, "bad-charset") {
		t.Errorf("got %s %q; want fail naming bad-charset", fs[0].Status, fs[0].Detail)
	}
}
