package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBadUsageExitsTwoWithChoices(t *testing.T) {
	cases := []struct {
		args []string
		want []string // substrings of the one-line error
	}{
		{[]string{"nosuch"}, []string{`unknown command "nosuch"`, "report", "matrix"}},
		{[]string{"report", "annex9"}, []string{`unknown artefact "annex9"`, "annex1", "consistency"}},
		{[]string{"report", "annex2", "--format", "xml"}, []string{`unknown format "xml"`, "table, json, csv, md"}},
		{[]string{"gaps", "--jurisdiction", "XX"}, []string{`unknown jurisdiction "XX"`, "KE", "US"}},
		{[]string{"gaps", "--region", "Atlantis"}, []string{`unknown region "Atlantis"`, "GRULAC"}},
		{[]string{"compare", "US", "ZZ"}, []string{`unknown jurisdiction "ZZ"`, "GB"}},
		{[]string{"compare", "US"}, []string{"two or more"}},
		{[]string{"matrix", "--by", "planet"}, []string{`unknown axis "planet"`, "jurisdiction, document"}},
		{[]string{"matrix", "--evidence", "rumour"}, []string{`unknown value "rumour"`, "all, report"}},
		{[]string{"matrix", "--colour"}, []string{"flag provided but not defined: -colour", "valid: --by, --dataset, --evidence, --format, --rows"}},
		{[]string{"chart", "pie"}, []string{`unknown chart "pie"`, "regions, heatmap"}},
		{[]string{"report", "annex1", "--dataset", "no/such/dir"}, []string{`"no/such/dir" is not a directory`}},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errOut := run(t, tc.args...)
			if code != ExitUsage {
				t.Fatalf("exit %d, want %d; stderr %q", code, ExitUsage, errOut)
			}
			if out != "" {
				t.Errorf("stdout should be empty on error, got %q", out)
			}
			if strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
				t.Errorf("error should be one line, got %q", errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q lacks %q", errOut, w)
				}
			}
		})
	}
}

func TestMalformedDatasetNamesFileLineField(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("refs.yaml", "references:\n  - {id: r, title: T, kind: report}\n")
	write("cats.yaml", "categories:\n  - {id: c, name: C, summary: S}\n")
	write("practices.yaml", `practices:
  - id: p
    name: P
    summary: S
    categories: [c, nope]
    stakeholders: [manufacturer]
    source: {ref: r}
`)
	code, _, errOut := run(t, "validate", "--dataset", dir)
	if code != ExitUsage {
		t.Fatalf("exit %d, want 2; stderr %q", code, errOut)
	}
	if !strings.Contains(errOut, `practices.yaml:5: field categories: unknown category "nope"`) {
		t.Errorf("stderr does not name file, line and field: %q", errOut)
	}

	write("practices.yaml", "practices:\n  - id: p\n    colour: blue\n")
	code, _, errOut = run(t, "report", "annex2", "--dataset", dir)
	if code != ExitUsage || !strings.Contains(errOut, "practices.yaml:3: field colour:") {
		t.Errorf("unknown field: exit %d, stderr %q", code, errOut)
	}

	write("practices.yaml", "practices:\n  - id: p\n    order: many\n")
	code, _, errOut = run(t, "validate", "--dataset", dir)
	if code != ExitUsage || !strings.Contains(errOut, "practices.yaml:3: field order:") {
		t.Errorf("wrong type: exit %d, stderr %q", code, errOut)
	}
}

func TestHelpAndVersion(t *testing.T) {
	// No command at all is a usage error: the summary goes to stderr.
	if code, out, errOut := run(t); code != ExitUsage || out != "" || !strings.Contains(errOut, "Commands:") {
		t.Errorf("no arguments: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	for _, args := range [][]string{{"help"}, {"--help"}} {
		code, out, _ := run(t, args...)
		if code != 0 || !strings.Contains(out, "Commands:") || !strings.Contains(out, "Exit status") {
			t.Errorf("%v: exit %d, out %q", args, code, out)
		}
	}
	code, out, _ := run(t, "matrix", "-h")
	if code != 0 || !strings.Contains(out, "-by") {
		t.Errorf("matrix -h: exit %d, out %q", code, out)
	}
}
