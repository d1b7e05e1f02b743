package check

import (
	"bytes"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/probe"
	"github.com/bydesign-iot/bydesign/internal/render"
)

// canary is a password no evidence would contain by chance.
const canary = "Qx7-leak-canary-2291"

// withExtra is the registry with a test credential list holding the canary.
func withExtra() []probe.Check {
	extra := []Entry{{Credential: probe.Credential{User: "admin", Password: canary}, List: "test-vendor", Index: 1}}
	checks := All()
	for i, c := range checks {
		if _, ok := c.(DefaultCredentials); ok {
			checks[i] = DefaultCredentials{Extra: extra}
		}
	}
	return checks
}

// The accepted password and the wrong-password controls are sent to the
// device but never appear in a finding or in any output format.
func TestPasswordsNeverInEvidenceOrOutput(t *testing.T) {
	for _, tc := range []struct {
		name, services string
		ports          []int
		methods        []string
	}{
		{"telnet ssh ftp basic mqtt rtsp-basic", `
telnet: {port: 2323}
ssh: {port: 2222}
ftp: {port: 2121}
http: {port: 8080, auth: basic}
mqtt: {port: 1883}
rtsp: {port: 8554, auth: basic}`, []int{2323, 2222, 2121, 8080, 1883, 8554},
			[]string{"telnet", "ssh", "ftp", "http-basic", "mqtt", "rtsp-basic"}},
		{"https form and rtsp digest", `
http: {port: 8443, tls: true, auth: form}
rtsp: {port: 8554, auth: digest}`, []int{8443, 8554}, []string{"http-form", "rtsp-digest"}},
		{"http digest", `
http: {port: 8080, auth: digest}`, []int{8080}, []string{"http-digest"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := labDevice(t, `credentials: [{user: admin, password: "`+canary+`"}]`+tc.services)
			rep := runReport(t, d.Addr, tc.ports, probe.Config{AllowCredentials: true, BruteForceThreshold: 3}, withExtra()...)
			fs := rep.Targets[0].Findings
			// The canary was really tried: every service reports it.
			creds := find(fs, "default-credentials")
			for i, port := range tc.ports {
				if f := creds[port]; f.Status != probe.Fail || !strings.Contains(f.Detail, "list test-vendor") || !strings.Contains(f.Detail, "over "+tc.methods[i]) {
					t.Errorf("port %d: default-credentials = %s (%s), want fail with the test list over %s", port, f.Status, f.Detail, tc.methods[i])
				}
			}
			for _, f := range fs {
				for _, text := range append([]string{f.Detail}, stepTexts(f.Evidence)...) {
					if leaks(text) {
						t.Errorf("%s on %d leaks a password: %q", f.Check, f.Port, text)
					}
				}
			}
			for format, out := range outputs(t, rep) {
				if leaks(out) {
					t.Errorf("%s output leaks a password", format)
				}
			}
		})
	}
}

func stepTexts(steps []probe.Step) []string {
	var out []string
	for _, s := range steps {
		out = append(out, s.Sent, s.Seen, s.Note)
	}
	return out
}

// leaks finds the canary or a control password ("bydesign-control-" and
// random hex) in text.
func leaks(text string) bool {
	return strings.Contains(text, canary) || strings.Contains(text, "bydesign-control-")
}

// outputs renders the report in every format the probe command offers.
func outputs(t *testing.T, rep *probe.Report) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range []render.Format{render.JSON, render.Table, render.Markdown} {
		var b bytes.Buffer
		if err := render.Write(&b, f, rep); err != nil {
			t.Fatal(err)
		}
		out[string(f)] = b.String()
	}
	var b bytes.Buffer
	if err := rep.WriteSARIF(&b, map[string]string{}); err != nil {
		t.Fatal(err)
	}
	out["sarif"] = b.String()
	for f, s := range out {
		if len(s) < 100 {
			t.Fatalf("%s output is suspiciously short: %q", f, s)
		}
	}
	return out
}

// A server that quotes the password in its refusal must not carry the
// wrong-password controls (or any other password sent) into the report.
func TestEchoedPasswordsAreRedacted(t *testing.T) {
	d := labDevice(t, `
credentials: [{user: admin, password: "`+canary+`"}]
ftp: {port: 2121, echo_password: true}
`)
	extra := []Entry{
		{Credential: probe.Credential{User: "admin", Password: "Wv3-echoed-pair-7781"}, List: "test-vendor", Index: 1},
		{Credential: probe.Credential{User: "admin", Password: canary}, List: "test-vendor", Index: 2},
	}
	rep := runReport(t, d.Addr, []int{2121}, probe.Config{AllowCredentials: true, BruteForceThreshold: 3},
		DefaultCredentials{Extra: extra}, BruteForce{})
	fs := rep.Targets[0].Findings
	if f := find(fs, "default-credentials")[2121]; f.Status != probe.Fail || !strings.Contains(f.Detail, "pair 2 of list test-vendor") {
		t.Fatalf("default-credentials = %s %q, want fail with pair 2\n%s", f.Status, f.Detail, dump(fs))
	}
	redacted := false
	for _, f := range fs {
		for _, text := range append([]string{f.Detail}, stepTexts(f.Evidence)...) {
			if leaks(text) || strings.Contains(text, "Wv3-echoed") {
				t.Errorf("%s on %d leaks an echoed password: %q", f.Check, f.Port, text)
			}
			redacted = redacted || strings.Contains(text, "the password you entered, (password redacted)")
		}
	}
	if !redacted {
		t.Errorf("no evidence shows the redacted echo: the device did not echo, so the test proves nothing\n%s", dump(fs))
	}
	for format, out := range outputs(t, rep) {
		if leaks(out) || strings.Contains(out, "Wv3-echoed") {
			t.Errorf("%s output leaks an echoed password", format)
		}
	}
}
