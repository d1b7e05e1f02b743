package probe_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/netip"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bydesign-iot/bydesign/internal/devicelab"
	"github.com/bydesign-iot/bydesign/internal/probe"
	"github.com/bydesign-iot/bydesign/internal/probe/check"
	"github.com/bydesign-iot/bydesign/internal/render"
)

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"lighttpd/1.4.69", "lighttpd/1.4.69"},
		{"evil\x1b[2Jcam", `evil\x1b[2Jcam`},
		{"a\rb\x07c\x7f", `a\x0db\x07c\x7f`},
		{"line\nnext\ttab", "line\nnext\ttab"},
		{"csi\u009b31m", `csi\x9b31m`},
		{"bad\xffutf8", `bad\xffutf8`},
		{"rtl\u202eexe.txt", `rtl\u202eexe.txt`},
		{"caméra", "caméra"},
	}
	for _, tt := range tests {
		if got := probe.Clean(tt.in); got != tt.want {
			t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzClean(f *testing.F) {
	f.Add("evil\x1b[2J")
	f.Add("\xff\u009b\u202e\r\n")
	f.Fuzz(func(t *testing.T, s string) {
		out := probe.Clean(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Clean(%q) = %q is not valid UTF-8", s, out)
		}
		for _, r := range out {
			if r != '\n' && r != '\t' && (r < 0x20 || (r >= 0x7f && r < 0xa0)) {
				t.Fatalf("Clean(%q) = %q keeps control %U", s, out, r)
			}
		}
	})
}

// A device whose Server headers and banner carry terminal escapes must not
// get an ESC byte into the report or any of its renderings.
func TestHostileBannersAreMadePrintable(t *testing.T) {
	addr := netip.MustParseAddr("127.0.8.40")
	const evil = "cam\x1b[2J\x1b]0;owned\x07/2.1"
	p := &devicelab.Profile{Name: "hostile",
		HTTP: &devicelab.HTTP{Port: 18090, Auth: "none", Server: evil},
		RTSP: &devicelab.RTSP{Port: 18554, Auth: "none", Server: evil},
		FTP:  &devicelab.FTP{Port: 18021, Banner: evil},
	}
	d, err := devicelab.Start(context.Background(), addr, p, nil)
	if err != nil {
		t.Skipf("cannot start a lab device on %s: %v", addr, err)
	}
	defer d.Close()
	sc, _ := probe.ParseScope("127.0.8.40")
	cfg := probe.Config{Scope: sc, Ports: []int{18090, 18554, 18021}, UDPPorts: []int{}, Checks: check.All(),
		BannerWait: 200 * time.Millisecond}
	rep, err := probe.Run(context.Background(), cfg, []netip.Addr{addr})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(rep)
	var sawSoftware bool
	for _, s := range rep.Targets[0].Services {
		if strings.ContainsAny(s.Software+s.Banner, "\x1b\x07") {
			t.Errorf("service %d keeps control characters: %q %q", s.Port, s.Software, s.Banner)
		}
		sawSoftware = sawSoftware || strings.Contains(s.Software+s.Banner, `cam\x1b[2J`)
	}
	if !sawSoftware {
		t.Fatalf("no service recorded the escaped banner; services: %s", raw)
	}
	for _, f := range rep.Targets[0].Findings {
		text := f.Detail
		for _, e := range f.Evidence {
			text += e.Sent + e.Seen + e.Note
		}
		if strings.ContainsAny(text, "\x1b\x07") {
			t.Errorf("finding %s on %d keeps control characters: %q", f.Check, f.Port, text)
		}
	}
	outs := map[string]*bytes.Buffer{}
	for _, f := range []render.Format{render.Table, render.Markdown, render.JSON} {
		outs[string(f)] = &bytes.Buffer{}
		if err := render.Write(outs[string(f)], f, rep); err != nil {
			t.Fatal(err)
		}
	}
	outs["sarif"] = &bytes.Buffer{}
	if err := rep.WriteSARIF(outs["sarif"], nil); err != nil {
		t.Fatal(err)
	}
	for name, b := range outs {
		if bytes.ContainsAny(b.Bytes(), "\x1b\x07") || bytes.Contains(b.Bytes(), []byte(`\u001b`)) {
			t.Errorf("%s output carries the escape sequence:\n%s", name, b)
		}
	}
}
