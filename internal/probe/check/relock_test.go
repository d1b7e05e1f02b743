package check

import (
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// A device locked by an earlier run accepts every connection and closes it
// at once. Probed again within the lockout, its ports cannot be named and
// no login can be tried: the credential checks must say so (inconclusive),
// never stay silent, skip, or pass, or a device that accepts admin/admin
// would look clean.
func TestProbeAgainUnderLockout(t *testing.T) {
	// The test never waits for the lockout to end; it only has to outlast
	// the second run, which takes well under a second on loopback.
	d := labDevice(t, `
credentials: [{user: admin, password: admin}]
lockout: {after: 5, duration: 30s}
telnet: {port: 2323}
ftp: {port: 2121}
http: {port: 8080, auth: basic}
mqtt: {port: 1883}
`)
	ports := []int{1883, 2121, 2323, 8080}
	cfg := probe.Config{AllowCredentials: true, PerTargetRate: 500, PerTargetBurst: 50}
	checks := []probe.Check{OpenPorts{}, DefaultCredentials{}, BruteForce{}}

	first := runReport(t, d.Addr, ports, cfg, checks...).Targets[0]
	if f := find(first.Findings, "default-credentials")[2121]; f.Status != probe.Fail {
		t.Fatalf("first run: default-credentials on ftp = %s (%s), want fail\n%s", f.Status, f.Detail, dump(first.Findings))
	}
	if !d.Locked() {
		t.Fatalf("the first run did not set off the lockout\n%s", dump(first.Findings))
	}

	second := runReport(t, d.Addr, ports, cfg, checks...).Targets[0]
	if !d.Locked() {
		t.Fatal("the lockout ended during the second run: the test proves nothing, lengthen it")
	}
	for _, s := range second.Services {
		if s.Name != probe.SvcClosedOnConnect {
			t.Errorf("locked port %d named %q, want %q", s.Port, s.Name, probe.SvcClosedOnConnect)
		}
	}
	creds := find(second.Findings, "default-credentials")
	for _, port := range ports {
		f, ok := creds[port]
		switch {
		case !ok:
			t.Errorf("port %d: no default-credentials finding under lockout, want inconclusive\n%s", port, dump(second.Findings))
		case f.Status != probe.Inconclusive || !strings.Contains(f.Detail, "closed them at once") || !strings.Contains(f.Detail, "lockout may be in force"):
			t.Errorf("port %d: default-credentials = %s (%s), want inconclusive: closed at once, lockout may be in force", port, f.Status, f.Detail)
		case !hasNote(f.Evidence, "possibly a lockout in force"):
			t.Errorf("port %d: evidence %+v does not say the port closed at once", port, f.Evidence)
		}
	}
	bf := find(second.Findings, "brute-force-protection")
	if len(bf) != 1 {
		t.Fatalf("brute-force findings = %v, want one\n%s", bf, dump(second.Findings))
	}
	for _, f := range bf {
		if f.Status != probe.Inconclusive || !strings.Contains(f.Detail, "closed them at once") {
			t.Errorf("brute-force under lockout = %s (%s), want inconclusive, not skipped", f.Status, f.Detail)
		}
	}
}

func hasNote(steps []probe.Step, note string) bool {
	for _, s := range steps {
		if strings.Contains(s.Note, note) {
			return true
		}
	}
	return false
}
