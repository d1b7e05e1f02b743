package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/netip"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/devicelab"
)

const contractDevice = `
name: contract
credentials: [{user: admin, password: admin}]
ssh: {port: 2222, version: "SSH-2.0-dropbear_2022.83"}
http: {port: 8080, auth: basic, server: "acme-httpd/2.1"}
mqtt: {port: 1883}
`

func startDevice(t *testing.T, addr, profile string) {
	t.Helper()
	p, err := devicelab.ParseProfile("test", []byte(profile))
	if err != nil {
		t.Fatal(err)
	}
	d, err := devicelab.Start(context.Background(), netip.MustParseAddr(addr), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
}

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// The contract: targets, each with address and findings carrying
// check, status, port, service, evidence, practices and provisions.
func TestProbeContractJSON(t *testing.T) {
	startDevice(t, "127.0.70.1", contractDevice)
	code, out, stderr := runCLI("probe", "127.0.70.1", "--scope", "127.0.70.0/24", "--ports", "1883,2222,8080", "--udp-ports", "", "--allow-credentials", "--format", "json")
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d (findings); stderr %s", code, ExitFindings, stderr)
	}
	var rep struct {
		Targets []struct {
			Address  string                       `json:"address"`
			Findings []map[string]json.RawMessage `json:"findings"`
		} `json:"targets"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(rep.Targets) != 1 || rep.Targets[0].Address != "127.0.70.1" || len(rep.Targets[0].Findings) == 0 {
		t.Fatalf("targets = %+v", rep.Targets)
	}
	fails := 0
	for _, f := range rep.Targets[0].Findings {
		for _, k := range []string{"check", "status", "port", "service", "evidence", "practices", "provisions"} {
			if _, ok := f[k]; !ok {
				t.Errorf("finding %s lacks %q", f["check"], k)
			}
		}
		if string(f["check"]) == `"default-credentials"` && string(f["status"]) == `"fail"` {
			fails++
		}
	}
	if fails != 3 {
		t.Errorf("default-credentials failed on %d services, want 3 (ssh, http, mqtt)", fails)
	}
}

func TestProbeOutOfScopeSendsNothing(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.71.1:18080")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var conns atomic.Int64
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			c.Close()
		}
	}()
	for _, args := range [][]string{
		{"probe", "127.0.71.1", "--scope", "127.0.72.0/24", "--ports", "18080"},
		{"probe", "127.0.71.1", "--ports", "18080"},
		{"probe", "127.0.71.1", "--scope", "127.0.71.0/24", "--ports", "0"},
	} {
		code, _, stderr := runCLI(args...)
		if code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
		if !strings.Contains(stderr, "scope") && !strings.Contains(stderr, "port") {
			t.Errorf("%v: message %q does not say why", args, stderr)
		}
	}
	if n := conns.Load(); n != 0 {
		t.Fatalf("the out-of-scope listener got %d connections", n)
	}
}

// Same input, same output apart from timestamps.
func TestProbeOutputIsStable(t *testing.T) {
	startDevice(t, "127.0.73.1", `
credentials: [{user: owner, password: "k3v9-Tq2m-88ZxW"}]
ftp: {port: 2121, banner: "FTP ready"}
http: {port: 8080, auth: form, server: "web"}
`)
	var outs []string
	for i := 0; i < 2; i++ {
		_, out, _ := runCLI("probe", "127.0.73.1", "--scope", "127.0.73.1", "--ports", "2121,8080", "--udp-ports", "", "--allow-credentials", "--format", "json", "--brute-threshold", "3")
		var m map[string]any
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatal(err)
		}
		delete(m, "started")
		delete(m, "finished")
		b, _ := json.Marshal(m)
		outs = append(outs, string(b))
	}
	if outs[0] != outs[1] {
		t.Fatalf("two runs differ:\n%s\n%s", outs[0], outs[1])
	}
}

func TestParsePorts(t *testing.T) {
	tests := []struct {
		in   string
		want int // number of ports
		ok   bool
	}{
		{"22,80", 2, true},
		{"8000-8003, 22", 5, true},
		{"", 0, true},
		{"0", 0, false},
		{"70000", 0, false},
		{"90-80", 0, false},
		{"http", 0, false},
	}
	for _, tt := range tests {
		got, err := parsePorts(tt.in)
		if (err == nil) != tt.ok || len(got) != tt.want {
			t.Errorf("parsePorts(%q) = %v, %v; want %d ports, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestDevicelabCommand(t *testing.T) {
	if code, _, stderr := runCLI("devicelab", "--profile", "no-such-profile"); code != ExitUsage || !strings.Contains(stderr, "acme-cam") {
		t.Errorf("unknown profile: exit %d, %q; want exit 2 listing the built-in profiles", code, stderr)
	}
	if code, _, _ := runCLI("devicelab", "--base", "10.0.0.1"); code != ExitInternal && code != ExitUsage {
		t.Errorf("non-loopback base: exit %d, want an error", code)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	var out, errb bytes.Buffer
	code := Run(ctx, []string{"devicelab", "--profile", "hardened", "--base", "127.0.74.1", "--count", "2"}, &out, &errb)
	if code != ExitOK || !strings.Contains(out.String(), "2 x hardened on 127.0.74.1-127.0.74.2") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
}

func TestProbeScopeFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := dir + string(os.PathSeparator) + name
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ok := write("ok.yaml", "owner: lab\nexpires: "+time.Now().Add(48*time.Hour).UTC().Format("2006-01-02")+"\nallow: [127.0.75.0/24]\n")
	expired := write("old.yaml", "owner: lab\nexpires: 2020-01-01\nallow: [127.0.75.0/24]\n")
	code, out, stderr := runCLI("probe", "127.0.75.1", "--scope-file", ok, "--ports", "1", "--udp-ports", "", "--format", "json")
	if code != ExitOK || !strings.Contains(out, `"owner": "lab"`) {
		t.Errorf("valid scope file: exit %d, stderr %q, output lacks the owner", code, stderr)
	}
	if code, _, stderr := runCLI("probe", "127.0.75.1", "--scope-file", expired, "--ports", "1"); code != ExitUsage || !strings.Contains(stderr, "expired") {
		t.Errorf("expired scope file: exit %d, %q", code, stderr)
	}
}
