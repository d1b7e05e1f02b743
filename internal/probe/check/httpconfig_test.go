package check

import (
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// A single-page app answers every path with its one page, which names
// "Settings" in its menu: 200s on configuration paths are then no
// evidence, while a real configuration file on the same server still is.
func TestHTTPConfigCatchAll(t *testing.T) {
	for _, tc := range []struct {
		name, http string
		want       probe.Status
		detail     string
	}{
		{"catch-all only", "auth: basic, catch_all: true", probe.Pass, "answered with the page the server gives for any path"},
		{"catch-all and an open config file", "auth: basic, catch_all: true, config_open: true", probe.Fail, "readable without authentication at /config.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := labDevice(t, `
http: {port: 8080, `+tc.http+`}
`)
			fs := runProbe(t, d.Addr, []int{8080}, probe.Config{}, HTTPConfigPages{})
			f := find(fs, "http-config-unauthenticated")[8080]
			if f.Status != tc.want || !strings.Contains(f.Detail, tc.detail) {
				t.Errorf("http-config = %s (%s), want %s with %q\n%+v", f.Status, f.Detail, tc.want, tc.detail, f.Evidence)
			}
			if tc.want == probe.Fail && strings.Contains(f.Detail, "/settings") {
				t.Errorf("the catch-all page was taken for settings: %s", f.Detail)
			}
		})
	}
}
