// Package render writes command results in the formats shared by the CLI and
// the server: an aligned terminal table, JSON, CSV and Markdown.
package render

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Format names an output format.
type Format string

const (
	Table    Format = "table"
	JSON     Format = "json"
	CSV      Format = "csv"
	Markdown Format = "md"
)

// Formats lists the formats every command accepts, default first.
var Formats = []Format{Table, JSON, CSV, Markdown}

// ParseFormat accepts a format name from the given set.
func ParseFormat(s string, allowed []Format) (Format, error) {
	for _, f := range allowed {
		if string(f) == s {
			return f, nil
		}
	}
	names := make([]string, len(allowed))
	for i, f := range allowed {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown format %q (valid: %s)", s, strings.Join(names, ", "))
}

// Grid is the tabular view of a result: the same rows feed the terminal
// table, CSV and Markdown.
type Grid struct {
	Title   string
	Columns []string
	Rows    [][]string
	Notes   []string // printed under the table and in Markdown; omitted in CSV
}

// Tabular is a result that has a tabular view. Its JSON view is the value
// itself, marshalled with its struct tags.
type Tabular interface {
	Grid() Grid
}

// Write renders v in format f.
func Write(w io.Writer, f Format, v Tabular) error {
	switch f {
	case JSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	case CSV:
		return writeCSV(w, v.Grid())
	case Markdown:
		return writeMarkdown(w, v.Grid())
	default:
		return writeTable(w, v.Grid())
	}
}

func writeCSV(w io.Writer, g Grid) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(g.Columns); err != nil {
		return err
	}
	if err := cw.WriteAll(g.Rows); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func writeMarkdown(w io.Writer, g Grid) error {
	var b strings.Builder
	if g.Title != "" {
		fmt.Fprintf(&b, "## %s\n\n", stripControl(g.Title))
	}
	row := func(cells []string) {
		b.WriteString("|")
		for _, c := range cells {
			b.WriteString(" ")
			b.WriteString(mdEscape(c))
			b.WriteString(" |")
		}
		b.WriteString("\n")
	}
	row(g.Columns)
	b.WriteString("|")
	for range g.Columns {
		b.WriteString(" --- |")
	}
	b.WriteString("\n")
	for _, r := range g.Rows {
		row(r)
	}
	for _, n := range g.Notes {
		fmt.Fprintf(&b, "\n%s\n", stripControl(n))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdEscape(s string) string {
	s = stripControl(s)
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", "<br>")
}

// stripControl drops control characters (ESC, CR, C1 codes, DEL) from text
// bound for a terminal or a Markdown page, so data that came from outside,
// such as a device's banner, cannot move the cursor or clear the screen.
// Tabs become spaces; newlines stay for the caller to fold.
func stripControl(s string) string {
	clean := true
	for _, r := range s {
		if r != '\n' && (r < 0x20 || (r >= 0x7f && r < 0xa0)) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case r != '\n' && (r < 0x20 || (r >= 0x7f && r < 0xa0)):
			return -1
		}
		return r
	}, s)
}

// maxCell keeps long summaries from making terminal tables unreadable.
const maxCell = 60

func writeTable(w io.Writer, g Grid) error {
	widths := make([]int, len(g.Columns))
	cells := make([][]string, 0, len(g.Rows)+1)
	cells = append(cells, g.Columns)
	for _, r := range g.Rows {
		cells = append(cells, r)
	}
	for _, r := range cells {
		for i := range widths {
			if i < len(r) {
				widths[i] = max(widths[i], min(utf8.RuneCountInString(stripControl(r[i])), limit(i, len(widths))))
			}
		}
	}
	var b strings.Builder
	if g.Title != "" {
		b.WriteString(stripControl(g.Title) + "\n\n")
	}
	for ri, r := range cells {
		for i := range widths {
			c := ""
			if i < len(r) {
				c = clip(strings.ReplaceAll(stripControl(r[i]), "\n", " "), limit(i, len(widths)))
			}
			if i == len(widths)-1 {
				b.WriteString(c)
				break
			}
			b.WriteString(c)
			b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)+2))
		}
		b.WriteString("\n")
		if ri == 0 {
			for i, wd := range widths {
				b.WriteString(strings.Repeat("-", wd))
				if i < len(widths)-1 {
					b.WriteString("  ")
				}
			}
			b.WriteString("\n")
		}
	}
	for _, n := range g.Notes {
		b.WriteString("\n" + stripControl(n) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// limit clips every column but the last, which may run to the line's end.
func limit(col, cols int) int {
	if col == cols-1 {
		return 1 << 20
	}
	return maxCell
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// List adapts a slice of records with a grid function into a Tabular whose
// JSON form is the slice itself (an array), as the API contracts require.
type List[T any] struct {
	Items []T
	View  func([]T) Grid
}

func (l List[T]) Grid() Grid { return l.View(l.Items) }

func (l List[T]) MarshalJSON() ([]byte, error) {
	if l.Items == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(l.Items)
}
