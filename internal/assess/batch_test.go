package assess

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// cpuSeconds is the process's user plus system CPU time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}

// exampleLines returns the examples as compact JSON lines, the batch input
// format, in a fixed order.
func exampleLines(t testing.TB) [][]byte {
	t.Helper()
	var out [][]byte
	for _, f := range []string{"camera-pass.yaml", "camera-default-password.yaml", "camera-short-support.yaml", "camera-no-disclosure.yaml"} {
		data, err := os.ReadFile(filepath.Join("../../examples", f))
		if err != nil {
			t.Fatal(err)
		}
		d, err := Parse(f, data)
		if err != nil {
			t.Fatal(err)
		}
		js, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, js)
	}
	return out
}

type batchLineOut struct {
	Source  string `json:"source"`
	Error   string `json:"error"`
	Skipped string `json:"skipped"`
	Model   string `json:"model"`
	Verdict string `json:"verdict"`
	Markets []struct {
		ID      string   `json:"id"`
		Verdict string   `json:"verdict"`
		Failed  []string `json:"failed"`
		Open    []string `json:"open"`
	} `json:"markets"`
}

func TestBatchLines(t *testing.T) {
	e := builtinEngine(t, journeyMarkets...)
	lines := exampleLines(t)
	var in bytes.Buffer
	for _, l := range lines {
		in.Write(l)
		in.WriteString("\n\n") // blank lines are skipped
	}
	in.WriteString(`{"bydesign":"declaration/v1","product":{"manufacturer":"A"}}` + "\n")
	in.WriteString(`{"bydesign":"declaration/v1","product":{"manufacturer":"A","model":"B"},"colour":1}` + "\n")
	in.WriteString(`{"bydesign":"declaration/v1","product":{"manufacturer":"A","model":"` + strings.Repeat("x", MaxDeclarationSize) + `"}}` + "\n")
	in.Write(lines[0]) // last line without a newline
	var out bytes.Buffer
	st, err := e.Batch(context.Background(), LinesSource(&in, "stdin"), &out, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := BatchStats{Declarations: 8, Evaluations: 15, Passed: 2, Failed: 3, Invalid: 3, Date: "2026-06-01"} // the test clock
	if st != want {
		t.Errorf("stats %+v, want %+v", st, want)
	}
	var got []batchLineOut
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		var l batchLineOut
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("output line is not JSON: %v: %s", err, sc.Text())
		}
		got = append(got, l)
	}
	wantSrc := []string{"stdin:1", "stdin:3", "stdin:5", "stdin:7", "stdin:9", "stdin:10", "stdin:11", "stdin:12"}
	if len(got) != len(wantSrc) {
		t.Fatalf("%d output lines, want %d", len(got), len(wantSrc))
	}
	for i, l := range got {
		if l.Source != wantSrc[i] {
			t.Errorf("line %d source %q, want %q (order must follow input)", i, l.Source, wantSrc[i])
		}
	}
	if got[0].Verdict != "pass" || got[1].Verdict != "fail" || !contains(got[1].Markets[1].Failed, "uk-psti/sch1-1") {
		t.Errorf("unexpected verdicts: %+v %+v", got[0], got[1])
	}
	if !strings.Contains(got[4].Error, "$.product.model") || !strings.Contains(got[5].Error, `unknown field "colour"`) || !strings.Contains(got[6].Error, "byte limit") {
		t.Errorf("bad lines not reported with path: %q / %q / %q", got[4].Error, got[5].Error, got[6].Error)
	}
}

func TestBatchDirMatchesSingle(t *testing.T) {
	e := builtinEngine(t, journeyMarkets...)
	var out bytes.Buffer
	st, err := e.Batch(context.Background(), DirSource("../../examples"), &out, 1)
	if err != nil {
		t.Fatal(err)
	}
	// The probe result under examples/evidence is skipped, not an error.
	if st.Declarations != 6 || st.Invalid != 0 || st.Skipped != 1 {
		t.Errorf("stats %+v", st)
	}
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var l batchLineOut
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatal(err)
		}
		if l.Skipped != "" {
			if !strings.HasSuffix(l.Source, "camera-telnet-probe.json") {
				t.Errorf("%s skipped: %s", l.Source, l.Skipped)
			}
			continue
		}
		if l.Error != "" {
			t.Errorf("%s: %s", l.Source, l.Error)
			continue
		}
		data, _ := os.ReadFile(l.Source)
		d, _ := Parse(l.Source, data)
		if r := e.Assess(d, nil); r.Verdict.String() != l.Verdict {
			t.Errorf("%s: batch says %s, single assessment %s", l.Source, l.Verdict, r.Verdict)
		}
	}
}

// TestBatchSkipsOnlyProbeEvidence: a JSON file is skipped only when it is
// the probe's own result; anything else that fails to parse stays an error.
func TestBatchSkipsOnlyProbeEvidence(t *testing.T) {
	e := builtinEngine(t, "eu-cra")
	dir := t.TempDir()
	files := map[string]string{
		"a-probe.json":  `{"tool":"bydesign probe","targets":[]}`,
		"b-other.json":  `{"tool":"some scanner","targets":[]}`,
		"c-broken.json": `{"tool":"bydesign probe",`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	st, err := e.Batch(context.Background(), DirSource(dir), &out, 1)
	if err != nil {
		t.Fatal(err)
	}
	if st.Skipped != 1 || st.Invalid != 2 || st.Declarations != 2 {
		t.Errorf("stats %+v\n%s", st, out.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], `"skipped"`) || !strings.Contains(lines[1], `"error"`) || !strings.Contains(lines[2], `"error"`) {
		t.Errorf("lines:\n%s", out.String())
	}
}

// TestEvaluateDoesNotAllocate: after warm-up, evaluating a parsed
// declaration against the compiled markets allocates nothing.
func TestEvaluateDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	e := builtinEngine(t, sixMarkets...)
	d := loadExample(t, "camera-pass.yaml")
	s := e.NewScratch()
	e.evaluate(s, d, nil)
	if n := testing.AllocsPerRun(100, func() { e.evaluate(s, d, nil) }); n != 0 {
		t.Fatalf("evaluate allocates %.1f times per run", n)
	}
}

var sixMarkets = []string{"eu-cra", "uk-psti", "sg-cls-2", "us-ca-sb327", "etsi-en-303-645", "au-smart-devices"}

// BenchmarkEvaluate measures the engine alone: one parsed declaration
// against six markets.
func BenchmarkEvaluate(b *testing.B) {
	e := builtinEngine(b, sixMarkets...)
	d := loadExample(&testing.T{}, "camera-pass.yaml")
	s := e.NewScratch()
	b.ReportAllocs()
	for b.Loop() {
		e.evaluate(s, d, nil)
	}
	b.ReportMetric(float64(b.N*len(sixMarkets))/b.Elapsed().Seconds(), "evals/s")
}

// BenchmarkBatch streams b.N JSON-line declarations (the four examples in
// turn) through Batch against six markets, parsing and writing included.
// Run with -benchtime=1000000x for the million-declaration figure.
func BenchmarkBatch(b *testing.B) {
	e := builtinEngine(b, sixMarkets...)
	lines := exampleLines(b)
	pr, pw := io.Pipe()
	go func() {
		bw := bufio.NewWriterSize(pw, 1<<16)
		for i := 0; i < b.N; i++ {
			bw.Write(lines[i%len(lines)])
			bw.WriteByte('\n')
		}
		bw.Flush()
		pw.Close()
	}()
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuSeconds()
	st, err := e.Batch(context.Background(), LinesSource(pr, "bench"), io.Discard, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	// CPU time, not wall time, gives the per-core figure on a shared
	// machine; it includes the generator goroutine, so it is conservative.
	b.ReportMetric(float64(st.Evaluations)/(cpuSeconds()-cpu0), "evals/cpu-s")
	if st.Declarations != b.N || st.Invalid != 0 {
		b.Fatalf("stats %+v for %d declarations", st, b.N)
	}
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(st.Evaluations)/secs, "evals/s")
	b.ReportMetric(float64(st.Evaluations)/secs/float64(runtime.GOMAXPROCS(0)), "evals/s/core")
}
