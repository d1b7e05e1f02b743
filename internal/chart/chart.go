// Package chart draws the catalog's figures as standalone SVG: the regional
// distribution of documents (the report's Fig. 2) and the coverage heat map.
// The output is deterministic so golden tests can pin it.
package chart

import (
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/analysis"
)

// Bars draws a horizontal bar chart of region counts for one grouping.
func Bars(w io.Writer, title string, rows []analysis.RegionCount) error {
	const (
		left, barH, gap, width = 230, 22, 8, 640
		top                    = 50
	)
	maxN := 1
	for _, r := range rows {
		maxN = max(maxN, r.Documents)
	}
	height := top + len(rows)*(barH+gap) + 30
	var b strings.Builder
	header(&b, width, height, title)
	scale := float64(width-left-60) / float64(maxN)
	for i, r := range rows {
		y := top + i*(barH+gap)
		bw := int(float64(r.Documents) * scale)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" class="label">%s</text>`+"\n", left-8, y+barH-6, esc(r.Region))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" class="bar"><title>%s: %d documents (%.1f%%)</title></rect>`+"\n",
			left, y, bw, barH, esc(r.Region), r.Documents, 100*r.Share)
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="value">%d (%.0f%%)</text>`+"\n", left+bw+6, y+barH-6, r.Documents, 100*r.Share)
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// HeatMap draws a matrix as a grid of cells shaded by count.
func HeatMap(w io.Writer, title string, m *analysis.Matrix) error {
	const left, cell = 330, 26
	longest := 0
	for _, col := range m.Columns {
		longest = max(longest, len([]rune(colLabel(m, col))))
	}
	// Labels are rotated 60 degrees: leave room for the longest one.
	top := 50 + int(float64(longest)*6.2*0.87)
	rows, cols := len(m.RowHeads), len(m.Columns)
	width, height := left+cols*cell+40, top+rows*cell+40
	maxN := 1
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			maxN = max(maxN, m.Count(r, c))
		}
	}
	var b strings.Builder
	header(&b, width, height, title)
	for c, col := range m.Columns {
		x := left + c*cell + cell/2
		fmt.Fprintf(&b, `<text transform="translate(%d,%d) rotate(-60)" class="label">%s</text>`+"\n", x, top-6, esc(colLabel(m, col)))
	}
	for r, row := range m.RowHeads {
		y := top + r*cell
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" class="label">%s</text>`+"\n", left-8, y+cell-9, esc(clip(row.Label, 48)))
		for c, col := range m.Columns {
			n := m.Count(r, c)
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s" class="cell"><title>%s / %s: %d</title></rect>`+"\n",
				left+c*cell, y, cell-2, cell-2, shade(n, maxN), esc(row.ID), esc(col.ID), n)
			if n > 0 {
				fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" class="count%s">%d</text>`+"\n",
					left+c*cell+cell/2-1, y+cell-9, dark(n, maxN), n)
			}
		}
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func header(b *strings.Builder, width, height int, title string) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s">`+"\n", width, height, width, height, esc(title))
	b.WriteString(`<style>text{font-family:system-ui,sans-serif;font-size:12px;fill:#222}.title{font-size:16px;font-weight:600}.bar{fill:#2f6f9f}.value{fill:#222}.count{fill:#222;font-size:11px}.count-dark{fill:#fff;font-size:11px}.cell{stroke:#fff}</style>` + "\n")
	fmt.Fprintf(b, `<title>%s</title>`+"\n", esc(title))
	fmt.Fprintf(b, `<text x="10" y="24" class="title">%s</text>`+"\n", esc(title))
}

// shade interpolates from a pale to a deep blue; zero is light grey.
func shade(n, maxN int) string {
	if n == 0 {
		return "#f0f0f0"
	}
	t := float64(n) / float64(maxN)
	lerp := func(a, b int) int { return a + int(t*float64(b-a)) }
	return fmt.Sprintf("#%02x%02x%02x", lerp(0xcf, 0x0b), lerp(0xe3, 0x3c), lerp(0xf3, 0x6b))
}

func dark(n, maxN int) string {
	if float64(n)/float64(maxN) > 0.5 {
		return "-dark"
	}
	return ""
}

func colLabel(m *analysis.Matrix, c analysis.Column) string {
	if m.By == analysis.ByDocument {
		return c.Label
	}
	return c.ID
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func esc(s string) string { return html.EscapeString(s) }
