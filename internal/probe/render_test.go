package probe

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/bydesign-iot/bydesign/internal/render"
	"github.com/bydesign-iot/bydesign/internal/sarif"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

func sampleReport() *Report {
	fs := []Finding{
		{Check: "open-ports", Status: Observed, Port: 2323, Transport: "tcp", Service: SvcTelnet, Detail: "tcp/2323 open: telnet",
			Evidence: []Step{{Sent: "handshake probes", Seen: "telnet"}}, Practices: []string{"attack-surface-minimisation"}, Provisions: []string{"etsi-en-303-645/5.6-1"}},
		{Check: "default-credentials", Status: Fail, Port: 2323, Transport: "tcp", Service: SvcTelnet,
			Detail:    `default credentials accepted over telnet: pair 1 of list vendor-defaults (user "admin")`,
			Evidence:  []Step{{Sent: "password (password redacted)", Seen: "cam#"}, {Sent: "password (password redacted)", Seen: "Login incorrect", Note: "control with a wrong password"}},
			Practices: []string{"no-default-passwords"}, Provisions: []string{"etsi-en-303-645/5.1-1", "uk-psti/sch1-1"}},
		{Check: "brute-force-protection", Status: Pass, Port: 2323, Transport: "tcp", Service: SvcTelnet, Detail: "lockout after 5 failed logins",
			Practices: []string{"no-default-passwords"}},
		{Check: "discovery-services", Status: Observed, Port: 1900, Transport: "udp", Service: SvcSSDP, Detail: "SSDP answers"},
		{Check: "flood-resilience", Status: Skipped, Service: "-", Detail: "not run: needs --allow-flood"},
	}
	normalise(fs)
	t0 := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	return &Report{Tool: "bydesign probe", Scope: ScopeInfo{Prefixes: []string{"127.0.0.0/8"}}, Started: t0, Finished: t0.Add(time.Second),
		Options: ReportOptions{AllowCredentials: true, Ports: []int{2323}, UDPPorts: []int{1900}, LoginBudget: 100, PerTargetRate: "20/s", Checks: []string{"default-credentials"}},
		Targets: []TargetResult{{Address: "127.0.1.1", Services: []Service{{Port: 2323, Transport: "tcp", Name: SvcTelnet}}, Findings: fs}}}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test -update if the change is intended\ngot:\n%s", name, got)
	}
}

func TestRenderGolden(t *testing.T) {
	rep := sampleReport()
	for _, f := range []render.Format{render.Table, render.JSON, render.Markdown} {
		var b bytes.Buffer
		if err := render.Write(&b, f, rep); err != nil {
			t.Fatal(err)
		}
		golden(t, "report."+string(f)+".golden", b.Bytes())
	}
	var b bytes.Buffer
	if err := rep.WriteSARIF(&b, map[string]string{"default-credentials": "Default or well-known credentials accepted"}); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.sarif.golden", b.Bytes())
}

// TestSARIFShape checks what SARIF 2.1.0 requires of the parts we emit:
// version, tool.driver.name, and rule indexes that point at their rules.
func TestSARIFShape(t *testing.T) {
	var b bytes.Buffer
	sampleReport().WriteSARIF(&b, map[string]string{"open-ports": "Open ports"})
	// The project's SARIF 2.1.0 subset schema (kept with assess's tests).
	schema, err := jsonschema.NewCompiler().Compile("../assess/testdata/sarif-2.1.0-subset.schema.json")
	if err != nil {
		t.Fatalf("compile SARIF schema: %v", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("SARIF does not validate: %v", err)
	}
	var log sarif.Log
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name == "" {
		t.Fatalf("bad SARIF header: %+v", log)
	}
	run := log.Runs[0]
	if len(run.Results) != 1 {
		t.Fatalf("%d results, want 1 (only fail and inconclusive findings are results)", len(run.Results))
	}
	for _, r := range run.Results {
		if r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s has rule index %d that does not point at its rule", r.RuleID, r.RuleIndex)
		}
		if r.Level != "error" || len(r.Locations) != 1 {
			t.Errorf("result %+v", r)
		}
	}
}
