package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// A lockout protects only if it comes within the threshold of failed
// logins, whether the default-credential check saw it first or the
// brute-force check did; a lockout after 40 failures is not protection
// against guessing with a threshold of 10.
func TestBruteForceLockoutWithinThreshold(t *testing.T) {
	for _, tc := range []struct {
		name   string
		after  int
		checks []probe.Check
		want   probe.Status
		detail string
	}{
		{"after 40, seen by default credentials", 40, []probe.Check{DefaultCredentials{}, BruteForce{}}, probe.Fail, "only after 40 failed logins, beyond the threshold of 10"},
		{"after 5, seen by default credentials", 5, []probe.Check{DefaultCredentials{}, BruteForce{}}, probe.Pass, "lockout after 5 failed logins (threshold 10)"},
		{"after 40, brute force alone", 40, []probe.Check{BruteForce{}}, probe.Fail, "no lockout or throttling within 10 failed logins"},
		{"after 5, brute force alone", 5, []probe.Check{BruteForce{}}, probe.Pass, "lockout after 5 failed logins over ftp"},
		// The tenth failure sets off the lockout; only an eleventh attempt shows it.
		{"after exactly 10, brute force alone", 10, []probe.Check{BruteForce{}}, probe.Pass, "lockout after 10 failed logins over ftp"},
		{"after 11, brute force alone", 11, []probe.Check{BruteForce{}}, probe.Fail, "no lockout or throttling within 10"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := labDevice(t, fmt.Sprintf(`
credentials: [{user: owner, password: "x9-unique-Qm2"}]
lockout: {after: %d, duration: 60s}
ftp: {port: 2121}
`, tc.after))
			fs := runProbe(t, d.Addr, []int{2121}, probe.Config{AllowCredentials: true, BruteForceThreshold: 10}, tc.checks...)
			f := find(fs, "brute-force-protection")[2121]
			if f.Status != tc.want || !strings.Contains(f.Detail, tc.detail) {
				t.Errorf("brute-force = %s (%s), want %s with %q\n%s", f.Status, f.Detail, tc.want, tc.detail, dump(fs))
			}
		})
	}
}

// Earlier checks' failures count towards the run the device saw: when they
// push it past the threshold the lockout proves nothing either way.
func TestLoopLockoutVerdict(t *testing.T) {
	for _, tc := range []struct {
		failures, inRow int
		want            probe.Status
		detail          string
	}{
		{0, 0, probe.Inconclusive, "before any failed login"},
		{4, 4, probe.Pass, "lockout after 4 failed logins over ftp (threshold 10)"},
		{4, 5, probe.Pass, "lockout after 5 failed logins in a row over ftp, 4 of them from this check"},
		{10, 10, probe.Pass, "lockout after 10 failed logins"},
		{3, 70, probe.Inconclusive, "but 70 in a row on the target"},
	} {
		f := loopLockout(probe.Finding{}, "ftp", "connection closed", tc.failures, tc.inRow, 10)
		if f.Status != tc.want || !strings.Contains(f.Detail, tc.detail) {
			t.Errorf("loopLockout(%d, %d) = %s (%s), want %s with %q", tc.failures, tc.inRow, f.Status, f.Detail, tc.want, tc.detail)
		}
	}
}
