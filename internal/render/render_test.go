package render

import (
	"bytes"
	"strings"
	"testing"
)

func sample() List[struct{ A, B string }] {
	return List[struct{ A, B string }]{
		Items: []struct{ A, B string }{{"x|y", "line\nbreak"}, {"long " + strings.Repeat("w", 80), "last column is never clipped " + strings.Repeat("z", 70)}},
		View: func(items []struct{ A, B string }) Grid {
			g := Grid{Title: "T", Columns: []string{"a", "b"}, Notes: []string{"note"}}
			for _, it := range items {
				g.Rows = append(g.Rows, []string{it.A, it.B})
			}
			return g
		},
	}
}

func write(t *testing.T, f Format, v Tabular) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, f, v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestFormats(t *testing.T) {
	md := write(t, Markdown, sample())
	if !strings.Contains(md, `| x\|y | line<br>break |`) || !strings.Contains(md, "\nnote\n") {
		t.Errorf("markdown does not escape pipes and newlines:\n%s", md)
	}
	csv := write(t, CSV, sample())
	if !strings.HasPrefix(csv, "a,b\nx|y,\"line\nbreak\"\n") || strings.Contains(csv, "note") {
		t.Errorf("csv:\n%s", csv)
	}
	tab := write(t, Table, sample())
	if !strings.Contains(tab, "…") || !strings.Contains(tab, strings.Repeat("z", 70)) {
		t.Errorf("table should clip inner columns only:\n%s", tab)
	}
	if js := write(t, JSON, sample()); !strings.HasPrefix(js, "[\n  {\n    \"A\": \"x|y\"") {
		t.Errorf("json is not the item array:\n%s", js)
	}
	if js := write(t, JSON, List[int]{View: func([]int) Grid { return Grid{} }}); strings.TrimSpace(js) != "[]" {
		t.Errorf("empty list must be [], got %q", js)
	}
}

func TestParseFormat(t *testing.T) {
	if f, err := ParseFormat("md", Formats); err != nil || f != Markdown {
		t.Errorf("md: %v %v", f, err)
	}
	if _, err := ParseFormat("xml", Formats); err == nil || !strings.Contains(err.Error(), "table, json, csv, md") {
		t.Errorf("xml: %v", err)
	}
}

func TestTableAndMarkdownStripControlCharacters(t *testing.T) {
	hostile := List[string]{
		Items: []string{"evil\x1b[2J\rserver\x07\u009b31m\x7f\tok"},
		View: func(items []string) Grid {
			return Grid{Title: "t\x1b]0;x\x07", Columns: []string{"a", "b"}, Rows: [][]string{{items[0], "x"}, {"y", items[0]}},
				Notes: []string{"n\x1b[1m"}}
		},
	}
	for _, f := range []Format{Table, Markdown} {
		out := write(t, f, hostile)
		for _, c := range out {
			if c != '\n' && (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
				t.Fatalf("%s output holds control character %U:\n%q", f, c, out)
			}
		}
		if !strings.Contains(out, "evil[2Jserver31m ok") {
			t.Errorf("%s output lost the printable text:\n%q", f, out)
		}
	}
}
