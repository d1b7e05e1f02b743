package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A vendor's own default, absent from the built-in lists, is found only
// when --credentials supplies it, and the password never reaches the output.
func TestProbeExtraCredentials(t *testing.T) {
	const secret = "Vx9-vendor-only-4471"
	startDevice(t, "127.0.71.1", `
name: vendor
credentials: [{user: svc, password: `+secret+`}]
http: {port: 8080, auth: basic}
`)
	args := []string{"probe", "127.0.71.1", "--scope", "127.0.71.0/24", "--ports", "8080", "--udp-ports", "", "--allow-credentials", "--rate", "200", "--format", "json"}
	_, out, stderr := runCLI(args...)
	if strings.Contains(out, `"default credentials accepted`) {
		t.Fatalf("built-in lists should not know the vendor pair: %s %s", out, stderr)
	}
	file := filepath.Join(t.TempDir(), "vendor.yaml")
	list := "lists:\n  - id: vendor-x\n    source: {title: Vendor X install guide}\n    pairs: [{user: svc, password: " + secret + "}]\n"
	if err := os.WriteFile(file, []byte(list), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(append(args, "--credentials", file)...)
	if code != ExitFindings || !strings.Contains(out, "default credentials accepted") || !strings.Contains(out, "vendor-x") {
		t.Fatalf("exit %d; vendor pair not reported:\n%s\n%s", code, out, stderr)
	}
	if strings.Contains(out, secret) || strings.Contains(stderr, secret) {
		t.Error("the password appears in the output")
	}
	if err := os.WriteFile(file, []byte("lists:\n  - id: x\n    colour: red\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI(append(args, "--credentials", file)...)
	if code != ExitUsage || !strings.Contains(stderr, "--credentials") || !strings.Contains(stderr, "colour") {
		t.Errorf("bad credential file: exit %d, stderr %q", code, stderr)
	}
}
