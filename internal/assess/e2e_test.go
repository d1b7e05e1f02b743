package assess

import (
	"context"
	"encoding/json"
	"net/netip"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/devicelab"
	"github.com/bydesign-iot/bydesign/internal/probe"
	"github.com/bydesign-iot/bydesign/internal/probe/check"
)

// TestProbeEvidenceEndToEnd runs the real probe against a simulated camera
// on loopback whose telnet service is open and accepts admin/admin, and
// feeds the probe's JSON report to assess with a declaration that says
// telnet is disabled and passwords are unique. Both claims must come back as
// contradictions that fail the provisions they break.
func TestProbeEvidenceEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("probes a simulated device on loopback; skipped with -short")
	}
	prof, err := devicelab.ParseProfile("e2e-cam", []byte("name: e2e-cam\ncredentials:\n  - {user: admin, password: admin}\ntelnet: {port: 2323, banner: \"EO-Cam\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	addr := netip.MustParseAddr("127.0.211.1")
	dev, err := devicelab.Start(context.Background(), addr, prof, nil)
	if err != nil {
		t.Skipf("cannot start the simulated device on %s (needs the whole 127.0.0.0/8 on loopback, as on Linux): %v", addr, err)
	}
	defer dev.Close()
	scope, err := probe.ParseScope(addr.String())
	if err != nil {
		t.Fatal(err)
	}
	rep, err := probe.Run(context.Background(), probe.Config{
		Scope: scope, Ports: []int{2323}, UDPPorts: []int{}, AllowCredentials: true, Checks: check.All(),
	}, []netip.Addr{addr})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := ParseEvidence("probe.json", data)
	if err != nil {
		t.Fatalf("the probe's own report does not parse as evidence: %v", err)
	}
	e := builtinEngine(t, journeyMarkets...)
	r := e.Assess(loadExample(t, "camera-telnet.yaml"), ev)
	if r.Verdict != Fail {
		t.Fatalf("verdict %s, want fail", r.Verdict)
	}
	for _, id := range []string{"contradiction:service.telnet.enabled", "contradiction:password.scheme"} {
		if !slicesHasFinding(r.Findings, id) {
			t.Errorf("no %s finding; findings: %+v", id, r.Findings)
		}
	}
	for _, c := range []struct{ market, prov string }{
		{"uk-psti", "uk-psti/sch1-1"}, {"eu-cra", "eu-cra/CRA-AI-P1-2j"}, {"sg-cls-2", "etsi-en-303-645/5.1-1"},
	} {
		if p := provision(t, r, c.market, c.prov); p.Verdict != Fail || !hasStep(p, "contradiction") {
			t.Errorf("%s: %s without a contradiction step; reasons %v", c.prov, p.Verdict, p.Reasons)
		}
	}
}
