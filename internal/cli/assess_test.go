package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const examples = "../../examples/"

// TestAssessContract checks the JSON shape other tools rely on.
func TestAssessContract(t *testing.T) {
	code, out, errOut := run(t, "assess", examples+"camera-pass.yaml", "--market", "eu-cra,uk-psti", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	var r struct {
		Markets []struct {
			ID         string `json:"id"`
			Verdict    string `json:"verdict"`
			Provisions []struct {
				Ref     string   `json:"ref"`
				Verdict string   `json:"verdict"`
				Reasons []string `json:"reasons"`
			} `json:"provisions"`
		} `json:"markets"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Markets) != 2 || r.Markets[0].ID != "eu-cra" || r.Markets[1].ID != "uk-psti" {
		t.Fatalf("markets %+v", r.Markets)
	}
	for _, m := range r.Markets {
		if m.Verdict != "pass" || len(m.Provisions) == 0 {
			t.Errorf("%s: verdict %s with %d provisions", m.ID, m.Verdict, len(m.Provisions))
		}
		for _, p := range m.Provisions {
			if p.Ref == "" || p.Verdict == "" || len(p.Reasons) == 0 {
				t.Errorf("%s: provision without ref, verdict or reasons: %+v", m.ID, p)
			}
		}
	}
}

func TestAssessExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	minimal := "bydesign: declaration/v1\nproduct:\n  manufacturer: A\n  model: B\n"
	big := write("big.yaml", minimal+strings.Repeat("# padding\n", 120000))
	tests := []struct {
		name string
		args []string
		code int
		want string // in stdout for 0/1, stderr for 2
	}{
		{"pass", []string{examples + "camera-pass.yaml", "--market", "eu-cra,uk-psti,sg-cls-2"}, ExitOK, "label sg-cls: level 4 reached"},
		{"default password fails", []string{examples + "camera-default-password.yaml", "--market", "uk-psti"}, ExitFindings, "universal-default-password"},
		{"short support fails", []string{examples + "camera-short-support.yaml", "--market", "eu-cra"}, ExitFindings, "support-below-cra-minimum"},
		{"no contact fails", []string{examples + "camera-no-disclosure.yaml", "--market", "uk-psti", "--format", "md"}, ExitFindings, "no-disclosure-contact"},
		{"probe contradicts", []string{examples + "camera-telnet.yaml", "--evidence", examples + "evidence/camera-telnet-probe.json", "--market", "eu-cra", "--format", "sarif"}, ExitFindings, `"level": "error"`},
		{"html", []string{examples + "camera-pass.yaml", "--market", "uk-psti", "--format", "html"}, ExitOK, "<!doctype html>"},
		{"unknown field", []string{write("uf.yaml", minimal+"  colour: red\n"), "--market", "uk-psti"}, ExitUsage, `uf.yaml:5: $.product.colour: unknown field "colour"`},
		{"wrong type", []string{write("wt.json", `{"bydesign":"declaration/v1","product":{"manufacturer":"A","model":"B"},`+"\n"+`"warranty":{"months":"24"}}`), "--market", "uk-psti"}, ExitUsage, "wt.json:2: $.warranty.months"},
		{"impossible date", []string{write("id.yaml", minimal+"support:\n  end_date: 2030-02-30\n"), "--market", "uk-psti"}, ExitUsage, "id.yaml:6: $.support.end_date"},
		{"file too large", []string{big, "--market", "uk-psti"}, ExitUsage, "over the 1048576 byte limit"},
		{"unknown provision", []string{write("up.yaml", minimal+"provisions:\n  uk-psti/sch9: {status: implemented}\n"), "--market", "uk-psti"}, ExitUsage, `up.yaml:6: $.provisions["uk-psti/sch9"]`},
		{"bad evidence", []string{examples + "camera-pass.yaml", "--evidence", write("ev.json", `{"targets":[{"findings":[{"check":"x","status":"fail","port":"23"}]}]}`), "--market", "uk-psti"}, ExitUsage, "ev.json:1: $.targets[0].findings[0].port"},
		{"unknown market", []string{examples + "camera-pass.yaml", "--market", "atlantis"}, ExitUsage, `unknown market "atlantis"`},
		{"no market", []string{examples + "camera-pass.yaml"}, ExitUsage, "--market is required"},
		{"missing file", []string{filepath.Join(dir, "nope.yaml"), "--market", "uk-psti"}, ExitUsage, "no such file"},
		{"bad format", []string{examples + "camera-pass.yaml", "--market", "uk-psti", "--format", "pdf"}, ExitUsage, "unknown format"},
		// the label expires 2029-06-30: current through that day, not after
		{"label on its expiry day", []string{examples + "camera-cls-label.yaml", "--market", "uk-psti", "--date", "2029-06-30", "--format", "json"}, ExitOK, "valid until 2029-06-30, assessed on 2029-06-30"},
		{"label a day late", []string{examples + "camera-cls-label.yaml", "--market", "uk-psti", "--date", "2029-07-01", "--format", "json"}, ExitFindings, "was valid until 2029-06-30, before the assessment date 2029-07-01"},
		{"impossible --date", []string{examples + "camera-cls-label.yaml", "--market", "uk-psti", "--date", "2029-02-30"}, ExitUsage, `--date "2029-02-30" is not a calendar date`},
		{"--date not a date", []string{examples + "camera-cls-label.yaml", "--market", "uk-psti", "--date", "1 July 2029"}, ExitUsage, `--date "1 July 2029"`},
		{"--date with a time", []string{examples + "camera-cls-label.yaml", "--market", "uk-psti", "--date", "2029-06-30T12:00:00Z"}, ExitUsage, "--date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, append([]string{"assess"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %.500s\nstderr: %s", code, tt.code, out, errOut)
			}
			where := out
			if tt.code == ExitUsage {
				where = errOut
			}
			if !strings.Contains(where, tt.want) {
				t.Errorf("output lacks %q:\n%.2000s", tt.want, where)
			}
		})
	}
}

func TestAssessBatchStdin(t *testing.T) {
	lines := `{"bydesign":"declaration/v1","product":{"manufacturer":"A","model":"B"},"passwords":{"scheme":"universal-default"}}
{"bydesign":"declaration/v1","product":{"manufacturer":"A"}}
`
	var out, errb bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(lines)}
	err := runAssess(context.Background(), env, []string{"--batch", "-", "--market", "uk-psti"})
	if code := exitCode(&errb, err); code != ExitUsage {
		t.Fatalf("exit %d, want 2 for a batch with an invalid line; stderr %s", code, errb.String())
	}
	got := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(got) != 2 || !strings.Contains(got[0], `"failed":["uk-psti/sch1-1"]`) || !strings.Contains(got[1], `"error":"stdin:2:1: $.product.model`) {
		t.Fatalf("batch output:\n%s", out.String())
	}
	if !strings.Contains(errb.String(), "assessed 2 declarations") {
		t.Errorf("no summary on stderr: %s", errb.String())
	}
}

func TestProcure(t *testing.T) {
	code, out, errOut := run(t, "procure", "--market", "eu-cra,uk-psti", "--practice", "no-default-passwords,vulnerability-disclosure", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var cl struct {
		Items []struct {
			ID, Provision string
			Markets       []string
			Declare       []string
		}
	}
	if err := json.Unmarshal([]byte(out), &cl); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, it := range cl.Items {
		ids[it.Provision] = true
		if len(it.Declare) == 0 || len(it.Markets) == 0 {
			t.Errorf("item without markets or declaration guidance: %+v", it)
		}
	}
	for _, want := range []string{"uk-psti/sch1-1", "uk-psti/sch1-2", "eu-cra/CRA-AI-P2-5"} {
		if !ids[want] {
			t.Errorf("checklist lacks %s", want)
		}
	}
	if ids["uk-psti/sch1-3"] {
		t.Error("checklist keeps a support-period provision outside the chosen practices")
	}

	dir := t.TempDir()
	// The probe result is skipped as in assess --batch, not an unreadable vendor.
	for _, f := range []string{"camera-pass.yaml", "camera-default-password.yaml", "evidence/camera-telnet-probe.json"} {
		data, err := os.ReadFile(examples + f)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644)
	}
	code, out, errOut = run(t, "procure", "--market", "uk-psti", "--evaluate", dir)
	if code != ExitFindings {
		t.Fatalf("exit %d, want 1 (one vendor fails): %s", code, errOut)
	}
	for _, want := range []string{"Example Optics Ltd EO-Cam 200 DP", "uk-psti/sch1-1", "fail 2/1/0", "pass 3/0/0"} {
		if !strings.Contains(out, want) {
			t.Errorf("evaluation table lacks %q:\n%s", want, out)
		}
	}
	if code, _, errOut := run(t, "procure", "--market", "uk-psti", "--practice", "nope"); code != ExitUsage || !strings.Contains(errOut, `unknown practice "nope"`) {
		t.Errorf("unknown practice: exit %d, %s", code, errOut)
	}
}

// TestProcureDate: procure --evaluate dates its assessments like assess
// does, so a vendor's label counts up to its expiry day and not after.
func TestProcureDate(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(examples + "camera-cls-label.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "vendor.yaml"), data, 0o600)
	for date, want := range map[string]int{"2029-06-30": ExitOK, "2029-07-01": ExitFindings, "2029-02-30": ExitUsage, "": ExitUsage} {
		if code, _, errOut := run(t, "procure", "--market", "uk-psti", "--evaluate", dir, "--date", date); code != want {
			t.Errorf("--date %s: exit %d, want %d: %s", date, code, want, errOut)
		}
	}
}

// TestProcureListsRoutes: a buyer sees what a market accepts instead of a
// requirement, label routes included.
func TestProcureListsRoutes(t *testing.T) {
	code, out, errOut := run(t, "procure", "--market", "uk-psti", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		`"in uk-psti: meeting all of etsi-en-303-645/5.1-1, etsi-en-303-645/5.1-2"`,
		`"in uk-psti: a current label (sg-cls level 1 or above, or jp-jc-star level 1 or above)"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("checklist lacks %s", want)
		}
	}
}
