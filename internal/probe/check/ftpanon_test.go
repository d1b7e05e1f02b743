package check

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// Anonymous FTP runs without --allow-credentials, like mqtt-anonymous, but
// its refusals are failed logins on the device and in the budget.
func TestFTPAnonymousLab(t *testing.T) {
	for _, tc := range []struct {
		name      string
		anonymous bool
		want      probe.Status
		detail    string
		failures  int
	}{
		{"open", true, probe.Fail, `anonymous login accepted as user "anonymous" (230 reply)`, 0},
		{"closed", false, probe.Pass, `anonymous logins refused as users "anonymous" and "ftp" (530 reply, 530 reply)`, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := labDevice(t, `
credentials: [{user: owner, password: "x9-unique-Qm2"}]
ftp: {port: 2121, banner: "FTP ready", anonymous: `+map[bool]string{true: "true", false: "false"}[tc.anonymous]+`}
`)
			rep := runReport(t, d.Addr, []int{2121}, probe.Config{})
			fs := rep.Targets[0].Findings
			f := find(fs, "ftp-anonymous")[2121]
			if f.Status != tc.want || f.Detail != tc.detail {
				t.Errorf("ftp-anonymous = %s %q, want %s %q\n%s", f.Status, f.Detail, tc.want, tc.detail, dump(fs))
			}
			if c := find(fs, "default-credentials")[0]; c.Status != probe.Skipped {
				t.Errorf("default-credentials = %+v, want skipped without --allow-credentials", c)
			}
			if _, failures := d.LoginStats(); failures != tc.failures {
				t.Errorf("device saw %d failed logins, want %d", failures, tc.failures)
			}
			if lg := rep.Targets[0].Logins; lg == nil || lg.Failures != tc.failures {
				t.Errorf("login summary = %+v, want %d failures charged to the budget", lg, tc.failures)
			}
			for _, e := range f.Evidence {
				if strings.Contains(e.Sent, anonymousPassword) {
					t.Errorf("evidence copies the password: %+v", e)
				}
			}
		})
	}
}

// After a lockout the anonymous login is not sent; and a lockout it sets
// off itself is reported, never a pass.
func TestFTPAnonymousLockout(t *testing.T) {
	t.Run("seen before", func(t *testing.T) {
		d := labDevice(t, `
credentials: [{user: owner, password: "x9-unique-Qm2"}]
lockout: {after: 3, duration: 60s}
ftp: {port: 2121}
`)
		fs := runProbe(t, d.Addr, []int{2121}, probe.Config{AllowCredentials: true})
		if f := find(fs, "ftp-anonymous")[2121]; f.Status != probe.LockoutObserved || !strings.Contains(f.Detail, "after 3 failed logins") {
			t.Errorf("ftp-anonymous = %+v, want lockout-observed after 3\n%s", f, dump(fs))
		}
		if _, failures := d.LoginStats(); failures != 3 {
			t.Errorf("device saw %d failed logins, want 3 (nothing after the lockout)", failures)
		}
	})
	t.Run("set off", func(t *testing.T) {
		d := labDevice(t, `
credentials: [{user: owner, password: "x9-unique-Qm2"}]
lockout: {after: 1, duration: 60s}
ftp: {port: 2121}
`)
		fs := runProbe(t, d.Addr, []int{2121}, probe.Config{}, FTPAnonymous{})
		f := find(fs, "ftp-anonymous")[2121]
		if f.Status != probe.Inconclusive || !strings.Contains(f.Detail, "lockout observed after 1 failed logins") {
			t.Errorf("ftp-anonymous = %+v, want inconclusive: lockout after 1", f)
		}
	})
	t.Run("budget spent", func(t *testing.T) {
		d := labDevice(t, `
ftp: {port: 2121}
`)
		fs := runProbe(t, d.Addr, []int{2121}, probe.Config{LoginBudget: 1}, FTPAnonymous{})
		f := find(fs, "ftp-anonymous")[2121]
		if f.Status != probe.Inconclusive || !strings.Contains(f.Detail, `not tried as "ftp"`) || !strings.Contains(f.Detail, "budget spent") {
			t.Errorf("ftp-anonymous = %+v, want inconclusive: budget spent before ftp", f)
		}
	})
}

// When the default pairs run into the budget, what they leave must still
// let ftp-anonymous send its two logins and brute-force its threshold plus
// the one attempt past it; otherwise both end inconclusive on a device
// with no protection at all.
func TestBudgetLeavesRoomForLaterChecks(t *testing.T) {
	d := labDevice(t, `
credentials: [{user: owner, password: "x9-unique-Qm2"}]
mqtt: {port: 1883}
ftp: {port: 2121}
`)
	rep := runReport(t, d.Addr, []int{1883, 2121}, probe.Config{AllowCredentials: true})
	fs := rep.Targets[0].Findings
	if f := find(fs, "default-credentials")[2121]; f.Status != probe.Inconclusive || !strings.Contains(f.Detail, "budget spent") {
		t.Fatalf("default-credentials on ftp = %s %q, want inconclusive: budget spent (else this test shows nothing)\n%s", f.Status, f.Detail, dump(fs))
	}
	if f := find(fs, "ftp-anonymous")[2121]; f.Status != probe.Pass {
		t.Errorf("ftp-anonymous = %s %q, want pass\n%s", f.Status, f.Detail, dump(fs))
	}
	if f := find(fs, "brute-force-protection")[1883]; f.Status != probe.Fail || !strings.Contains(f.Detail, "within 10 failed logins") {
		t.Errorf("brute-force = %s %q, want fail within 10\n%s", f.Status, f.Detail, dump(fs))
	}
	if lg := rep.Targets[0].Logins; lg == nil || lg.Failures > lg.Budget {
		t.Errorf("login summary = %+v: more failures than the budget", lg)
	}
}

// ftpTurnsAway greets the port scan and identification with 220, then,
// like a device whose lockout has begun, greets every later connection
// with 530 and answers every command 530.
func ftpTurnsAway(t *testing.T, addr string) int {
	t.Helper()
	l, err := net.Listen("tcp", addr+":0")
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for n := 1; ; n++ {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				if n <= 2 {
					fmt.Fprint(c, "220 FTP ready\r\n")
				} else {
					fmt.Fprint(c, "530 Too many failed logins, try later\r\n")
				}
				r := bufio.NewReader(c)
				for {
					if _, err := r.ReadString('\n'); err != nil {
						return
					}
					fmt.Fprint(c, "530 Please login with USER and PASS\r\n")
				}
			}()
		}
	}()
	return l.Addr().(*net.TCPAddr).Port
}

// A 530 greeting turns the client away before any login: the 530 that
// follows for USER is no refused anonymous login, and no pass.
func TestFTPAnonymousTurnedAwayAtGreeting(t *testing.T) {
	a := labAddr()
	port := ftpTurnsAway(t, a.String())
	rep := runReport(t, a, []int{port}, probe.Config{}, FTPAnonymous{})
	fs := rep.Targets[0].Findings
	f := find(fs, "ftp-anonymous")[port]
	if f.Status != probe.Inconclusive || !strings.Contains(f.Detail, "530 at greeting") {
		t.Errorf("ftp-anonymous = %s %q, want inconclusive: 530 at greeting\n%s", f.Status, f.Detail, dump(fs))
	}
	if lg := rep.Targets[0].Logins; lg != nil && lg.Failures != 0 {
		t.Errorf("login summary = %+v, want no failed login charged", lg)
	}
}
