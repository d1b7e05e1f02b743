package check

import (
	"strconv"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// Words like "failed" or "temporarily" in a banner before the login
// prompt or after a successful login must not turn the login into a
// refusal or a lockout: the shell decides, and failure text counts only in
// the last lines.
func TestTelnetBannersWithFailureWords(t *testing.T) {
	for _, tc := range []struct {
		name, telnet string
	}{
		{"failed attempts since last login", `post_login_banner: "There were 2 failed login attempts since the last successful login."`},
		{"temporarily after login", `post_login_banner: "Remote access is temporarily limited to the LAN.\nLast login: Sat Nov 21 10:00"`},
		{"denied and invalid after login", `post_login_banner: "Firewall: 3 connections denied, 1 invalid packet"`},
		{"temporarily blocked before login", `banner: "Notice: cloud sync temporarily blocked\nAcmeCam IPC"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := labDevice(t, `
credentials: [{user: admin, password: admin}]
telnet: {port: 2323, `+tc.telnet+`}
`)
			fs := runProbe(t, d.Addr, []int{2323}, probe.Config{AllowCredentials: true}, DefaultCredentials{})
			f := find(fs, "default-credentials")[2323]
			if f.Status != probe.Fail || !strings.Contains(f.Detail, "over telnet") {
				t.Errorf("default-credentials = %s (%s), want fail over telnet\n%+v", f.Status, f.Detail, f.Evidence)
			}
		})
	}
}

func TestLastLines(t *testing.T) {
	for i, tc := range []struct{ in, want string }{
		{"a\r\nb\r\n\r\nc\r\n", "b\nc"},
		{"only", "only"},
		{"\r\n\r\n", ""},
		{"x\ny\nz# ", "y\nz# "},
	} {
		if got := lastLines(tc.in, 2); got != tc.want {
			t.Errorf("%s: lastLines(%q) = %q, want %q", strconv.Itoa(i), tc.in, got, tc.want)
		}
	}
}

// Telnet text comes from the device.
func FuzzLastLines(f *testing.F) {
	f.Add("There were 2 failed login attempts\r\n\r\ncam# ")
	f.Add("\r\n\n\r")
	f.Fuzz(func(t *testing.T, text string) {
		got := lastLines(text, 2)
		if strings.ContainsAny(got, "\r") || strings.Count(got, "\n") > 1 {
			t.Fatalf("lastLines(%q) = %q: more than two lines", text, got)
		}
	})
}
