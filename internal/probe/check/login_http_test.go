package check

import (
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// A dashboard answered with 200 after a good login may say "failed" or
// "denied" anywhere; that is not a refused login.
func TestHTTPFormDashboardWithFailureWords(t *testing.T) {
	d := labDevice(t, `
credentials: [{user: admin, password: "1234"}]
http: {port: 8080, auth: form, form_dashboard: "Firewall: 3 connections denied; 0 failed logins; invalid packets: 2"}
`)
	fs := runProbe(t, d.Addr, []int{8080}, probe.Config{AllowCredentials: true}, DefaultCredentials{})
	f := find(fs, "default-credentials")[8080]
	if f.Status != probe.Fail || !strings.Contains(f.Detail, "over http-form") {
		t.Errorf("default-credentials = %s (%s), want fail over http-form\n%+v", f.Status, f.Detail, f.Evidence)
	}
}

func TestJudgeForm(t *testing.T) {
	const login = `<form method="post" action="/login"><input name="user"><input type="password" name="pass"></form>`
	f, ok := findLoginForm(login)
	if !ok {
		t.Fatal("test form not found")
	}
	for _, tc := range []struct {
		name     string
		code     int
		location string
		body     string
		want     outcome
	}{
		{"dashboard with failure words", 200, "", "<h1>Status</h1><p>Login failed 0 times; 3 packets denied; invalid: 0</p>", accepted},
		{"dashboard with a change-password form", 200, "", `<form action="/password"><input type="password" name="newpass"></form>`, accepted},
		{"form again with a message", 200, "", "<p>Invalid password</p>" + login, rejected},
		{"form again, no message", 200, "", login, rejected},
		{"redirect to the dashboard", 302, "/home", "", accepted},
		{"redirect back to login", 302, "/login.html?err=1", "", rejected},
		{"redirect to an error page", 303, "/error", "", rejected},
		{"401", 401, "", "denied", rejected},
		{"rate limited", 429, "", "", blocked},
		{"server error", 500, "", "internal error", unclear},
		{"failure words without the form on a 500", 500, "", "login failed", unclear},
	} {
		if got, how := judgeForm(tc.code, tc.location, tc.body, f); got != tc.want {
			t.Errorf("%s: judgeForm(%d) = %s (%s), want %s", tc.name, tc.code, got, how, tc.want)
		}
	}
}

// Pages come from the device: finding the form and judging the reply must
// never panic, and a form is never posted to another host.
func FuzzLoginForm(f *testing.F) {
	f.Add(200, "", `<form action="/login"><input name="u"><input type="password" name="p"></form>`)
	f.Add(302, "/home", `<form action="http://evil.example/x"><input type=password name=p>`)
	f.Add(200, "", `<FORM action='cgi/login'><INPUT TYPE="password" NAME="pw"><input type=hidden name=t value=1></FORM>`)
	f.Add(500, "/login?e=1", "<form><form><input type=password")
	f.Fuzz(func(t *testing.T, code int, location, body string) {
		form, ok := findLoginForm(body)
		if ok && (!strings.HasPrefix(form.action, "/") || strings.Contains(form.action, "://")) {
			t.Fatalf("form action %q could leave the target", form.action)
		}
		out, how := judgeForm(code, location, body, form)
		if how == "" || out > unclear {
			t.Fatalf("judgeForm = %v %q", out, how)
		}
	})
}
