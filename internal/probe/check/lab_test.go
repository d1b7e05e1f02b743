package check

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/devicelab"
	"github.com/bydesign-iot/bydesign/internal/probe"
)

// nextNet hands each test its own 127.1.N.0/24, apart from other packages, so
// fixed ports (1900, 5353, 8080, ...) never collide when packages run together.
var nextNet atomic.Int32

func labAddr() netip.Addr {
	n := 40 + nextNet.Add(1)
	return netip.AddrFrom4([4]byte{127, 1, byte(n), 1})
}

// labDevice runs one device from a profile text.
func labDevice(t *testing.T, profile string) *devicelab.Device {
	t.Helper()
	p, err := devicelab.ParseProfile(t.Name(), []byte(profile))
	if err != nil {
		t.Fatal(err)
	}
	d, err := devicelab.Start(context.Background(), labAddr(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// runProbe probes one address with the given checks (all when nil).
func runProbe(t *testing.T, a netip.Addr, ports []int, cfg probe.Config, checks ...probe.Check) []probe.Finding {
	t.Helper()
	return runReport(t, a, ports, cfg, checks...).Targets[0].Findings
}

func runReport(t *testing.T, a netip.Addr, ports []int, cfg probe.Config, checks ...probe.Check) *probe.Report {
	t.Helper()
	sc, err := probe.ParseScope(a.String())
	if err != nil {
		t.Fatal(err)
	}
	cfg.Scope, cfg.Ports = sc, ports
	if cfg.UDPPorts == nil {
		cfg.UDPPorts = []int{}
	}
	cfg.Checks = checks
	if checks == nil {
		cfg.Checks = All()
	}
	rep, err := probe.Run(context.Background(), cfg, []netip.Addr{a})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// find returns the findings of one check, keyed by port.
func find(fs []probe.Finding, check string) map[int]probe.Finding {
	out := map[int]probe.Finding{}
	for _, f := range fs {
		if f.Check == check {
			out[f.Port] = f
		}
	}
	return out
}

func dump(fs []probe.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %d %s %s %s: %s\n", f.Port, f.Service, f.Check, f.Status, f.Detail)
	}
	return b.String()
}

const lockoutDevice = `
name: acme-cam
credentials: [{user: admin, password: admin}]
lockout: {after: 5, duration: 60s}
telnet: {port: 2323, banner: "AcmeCam IPC v2.4.1"}
ssh: {port: 2222, version: "SSH-2.0-dropbear_2022.83"}
ftp: {port: 2121, banner: "AcmeCam FTP 1.0.3 ready"}
http: {port: 8080, auth: basic, server: "acme-httpd/2.1", config_open: true}
mqtt: {port: 1883}
rtsp: {port: 8554, auth: digest, server: "AcmeStream/1.2"}
ssdp: {port: 1900}
mdns: {port: 5353}
`

// The case nmap gets wrong: a device that locks out after 5 failures and
// accepts admin/admin. Credential checks run first, on an unspent budget,
// so every service reports the default password, and the brute-force check
// then sees the lockout.
func TestLockoutDeviceWithDefaultPassword(t *testing.T) {
	d := labDevice(t, lockoutDevice)
	fs := runProbe(t, d.Addr, []int{2323, 2222, 2121, 8080, 1883, 8554}, probe.Config{AllowCredentials: true, UDPPorts: []int{1900, 5353}})
	creds := find(fs, "default-credentials")
	want := map[int]string{2323: "telnet", 2222: "ssh", 2121: "ftp", 8080: "http-basic", 1883: "mqtt", 8554: "rtsp-digest"}
	for port, method := range want {
		f, ok := creds[port]
		if !ok || f.Status != probe.Fail || !strings.Contains(f.Detail, "over "+method) || !strings.Contains(f.Detail, `user "admin"`) {
			t.Errorf("port %d: default-credentials = %+v, want fail over %s\n%s", port, f, method, dump(fs))
		}
		// The password here equals the user name, so leaks are tested with
		// a distinctive password in leak_test.go; control passwords can be
		// looked for here.
		for _, e := range f.Evidence {
			if leaks(e.Sent + e.Seen + e.Note) {
				t.Errorf("port %d: evidence leaks a password: %+v", port, e)
			}
		}
	}
	bf := find(fs, "brute-force-protection")
	if len(bf) != 1 {
		t.Fatalf("brute-force findings: %+v", bf)
	}
	for _, f := range bf {
		if f.Status != probe.Pass || !strings.Contains(f.Detail, "lockout after 5 failed logins") {
			t.Errorf("brute-force = %+v, want pass with lockout after 5", f)
		}
	}
	checks := map[string]map[int]probe.Status{
		"cleartext-services":          {2323: probe.Fail, 2121: probe.Fail, 8080: probe.Fail, 1883: probe.Fail, 8554: probe.Fail, 2222: probe.Pass},
		"version-disclosure":          {2222: probe.Fail, 8080: probe.Fail, 8554: probe.Fail, 2121: probe.Fail},
		"http-config-unauthenticated": {8080: probe.Fail},
		"mqtt-anonymous":              {1883: probe.Pass},
		"ftp-anonymous":               {2121: probe.Pass},
		"upnp-description":            {1900: probe.Inconclusive}, // no description at the LOCATION: 404
		"telnet-no-login":             {2323: probe.Pass},
		"rtsp-unauthenticated":        {8554: probe.Pass},
		"discovery-services":          {1900: probe.Observed, 5353: probe.Observed},
		"open-ports":                  {2323: probe.Observed, 1900: probe.Observed},
		"flood-resilience":            {0: probe.Skipped},
	}
	for check, ports := range checks {
		got := find(fs, check)
		for port, st := range ports {
			if got[port].Status != st {
				t.Errorf("%s on %d = %q (%s), want %s", check, port, got[port].Status, got[port].Detail, st)
			}
		}
	}
}

// Under a lockout without a default password the verdict is inconclusive,
// never "no default password".
func TestLockoutWithoutDefaultIsInconclusive(t *testing.T) {
	d := labDevice(t, `
credentials: [{user: owner, password: "x9-unique-Qm2"}]
lockout: {after: 3, duration: 60s}
telnet: {port: 2323}
ftp: {port: 2121}
`)
	rep := runReport(t, d.Addr, []int{2323, 2121}, probe.Config{AllowCredentials: true})
	fs := rep.Targets[0].Findings
	if lg := rep.Targets[0].Logins; lg == nil || lg.Lockout == nil || lg.Lockout.AfterFailures != 3 || lg.Failures != 3 {
		t.Errorf("login summary = %+v, want 3 failures and a lockout after 3", lg)
	}
	creds := find(fs, "default-credentials")
	if f := creds[2121]; f.Status != probe.Inconclusive || !strings.Contains(f.Detail, "lockout observed after 3 failed logins") {
		t.Errorf("ftp (tried first) = %+v, want inconclusive with lockout after 3\n%s", f, dump(fs))
	}
	if f := creds[2323]; f.Status != probe.LockoutObserved {
		t.Errorf("telnet (after the lockout) = %+v, want lockout-observed", f)
	}
	for _, f := range creds {
		if f.Status == probe.Pass {
			t.Errorf("a locked-out device was reported free of default passwords: %+v", f)
		}
	}
	if _, failures := d.LoginStats(); failures > 3 {
		t.Errorf("device saw %d failed logins; the probe should stop at the lockout (3)", failures)
	}
}

// A unique password and no protection: the whole list is refused (pass),
// and the brute-force check finds no lockout (fail).
func TestUniquePasswordNoProtection(t *testing.T) {
	d := labDevice(t, `
credentials: [{user: owner, password: "x9-unique-Qm2"}]
ftp: {port: 2121, banner: "FTP ready"}
`)
	fs := runProbe(t, d.Addr, []int{2121}, probe.Config{AllowCredentials: true})
	if f := find(fs, "default-credentials")[2121]; f.Status != probe.Pass {
		t.Errorf("default-credentials = %+v, want pass", f)
	}
	if f := find(fs, "brute-force-protection")[2121]; f.Status != probe.Fail || !strings.Contains(f.Detail, "within 10 failed logins") {
		t.Errorf("brute-force = %+v, want fail within 10", f)
	}
	if f := find(fs, "version-disclosure")[2121]; f.Status != probe.Pass {
		t.Errorf("version-disclosure = %+v, want pass for a banner without version", f)
	}
}

func TestThrottlingCounts(t *testing.T) {
	d := labDevice(t, `
credentials: [{user: owner, password: "x9-unique-Qm2"}]
throttle: {step: 120ms}
mqtt: {port: 1883}
`)
	fs := runProbe(t, d.Addr, []int{1883}, probe.Config{AllowCredentials: true, BruteForceThreshold: 6}, BruteForce{})
	if f := find(fs, "brute-force-protection")[1883]; f.Status != probe.Pass || !strings.Contains(f.Detail, "throttling") {
		t.Errorf("brute-force = %+v, want pass by throttling\n%s", f, dump(fs))
	}
}

func TestUnauthenticatedAccess(t *testing.T) {
	d := labDevice(t, `
credentials: [{user: admin, password: admin}]
telnet: {port: 2323, no_login: true}
mqtt: {port: 1883, anonymous: true}
rtsp: {port: 8554, auth: none}
http: {port: 8080, auth: none}
`)
	fs := runProbe(t, d.Addr, []int{2323, 1883, 8554, 8080}, probe.Config{AllowCredentials: true})
	for _, c := range []struct {
		check string
		port  int
		want  probe.Status
	}{
		{"telnet-no-login", 2323, probe.Fail},
		{"mqtt-anonymous", 1883, probe.Fail},
		{"rtsp-unauthenticated", 8554, probe.Fail},
		{"http-config-unauthenticated", 8080, probe.Fail}, // auth none: the settings page is open too
	} {
		if f := find(fs, c.check)[c.port]; f.Status != c.want {
			t.Errorf("%s on %d = %+v, want %s\n%s", c.check, c.port, f, c.want, dump(fs))
		}
	}
	creds := find(fs, "default-credentials")
	if f := creds[8554]; f.Status != probe.Skipped {
		t.Errorf("rtsp without auth: default-credentials = %+v, want skipped", f)
	}
	if f := creds[2323]; f.Status == probe.Fail || f.Status == probe.Pass {
		t.Errorf("telnet without login: default-credentials = %+v, want no verdict", f)
	}
}

func TestHTTPFormAndDigest(t *testing.T) {
	for _, auth := range []string{"form", "digest"} {
		t.Run(auth, func(t *testing.T) {
			d := labDevice(t, `
credentials: [{user: admin, password: "1234"}]
http: {port: 8443, tls: true, auth: `+auth+`}
`)
			fs := runProbe(t, d.Addr, []int{8443}, probe.Config{AllowCredentials: true})
			f := find(fs, "default-credentials")[8443]
			if f.Service != probe.SvcHTTPS || f.Status != probe.Fail || !strings.Contains(f.Detail, "http-"+auth) {
				t.Errorf("default-credentials = %+v, want fail over http-%s on https\n%s", f, auth, dump(fs))
			}
			if c := find(fs, "cleartext-services")[8443]; c.Status != probe.Pass {
				t.Errorf("cleartext = %+v, want pass for https", c)
			}
		})
	}
}

func TestFloodRecovery(t *testing.T) {
	for _, tc := range []struct {
		name, recovery string
		want           probe.Status
	}{
		{"recovers", "500ms", probe.Pass},
		{"stays down", "30s", probe.Fail},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := labDevice(t, `
flood: {max_conns: 10, recovery: `+tc.recovery+`}
ftp: {port: 2121}
`)
			cfg := probe.Config{AllowFlood: true, FloodConns: 40, FloodDuration: time.Second, RecoveryLimit: 2 * time.Second}
			fs := runProbe(t, d.Addr, []int{2121}, cfg, Flood{})
			f := find(fs, "flood-resilience")[2121]
			if f.Status != tc.want {
				t.Errorf("flood = %+v, want %s", f, tc.want)
			}
		})
	}
}

// A MOTD ending in '#' before the login prompt must not look like a shell
// (a false success in several scanners).
func TestTelnetMOTDWithPromptCharacters(t *testing.T) {
	d := labDevice(t, `
credentials: [{user: owner, password: "x9-unique-Qm2"}]
telnet: {port: 2323, banner: "Welcome to cam #"}
`)
	fs := runProbe(t, d.Addr, []int{2323}, probe.Config{AllowCredentials: true, BruteForceThreshold: 2})
	if f := find(fs, "default-credentials")[2323]; f.Status != probe.Pass {
		t.Errorf("default-credentials = %+v, want pass\n%s", f, dump(fs))
	}
	if f := find(fs, "telnet-no-login")[2323]; f.Status != probe.Pass {
		t.Errorf("telnet-no-login = %+v, want pass", f)
	}
}

func TestSSHKeysOnlyIsSkipped(t *testing.T) {
	d := labDevice(t, `
ssh: {port: 2222, version: "SSH-2.0-server", keys_only: true}
`)
	fs := runProbe(t, d.Addr, []int{2222}, probe.Config{AllowCredentials: true}, DefaultCredentials{})
	if f := find(fs, "default-credentials")[2222]; f.Status != probe.Skipped || !strings.Contains(f.Detail, "no password login") {
		t.Errorf("default-credentials = %+v, want skipped: keys only", f)
	}
}

// Lockout seen over HTTP basic: the device closes connections once locked.
func TestBruteForceLockoutOverHTTP(t *testing.T) {
	d := labDevice(t, `
credentials: [{user: owner, password: "x9-unique-Qm2"}]
lockout: {after: 4, duration: 60s}
http: {port: 8080, auth: basic}
`)
	fs := runProbe(t, d.Addr, []int{8080}, probe.Config{AllowCredentials: true}, BruteForce{})
	if f := find(fs, "brute-force-protection")[8080]; f.Status != probe.Pass || !strings.Contains(f.Detail, "lockout after 4 failed logins over http-basic") {
		t.Errorf("brute-force = %+v, want pass: lockout after 4 over http-basic", f)
	}
}
