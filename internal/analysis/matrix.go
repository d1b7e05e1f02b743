package analysis

import (
	"encoding/json"
	"slices"
	"strconv"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/render"
)

// Evidence selects which mappings count as coverage.
type Evidence string

const (
	AllMappings  Evidence = "all"    // every mapping: the report's and later curation
	ReportAnnex2 Evidence = "report" // only the report's Annex 2
)

// Coverage returns, for each document index, the practice indexes it covers
// under the chosen evidence, ascending.
func Coverage(c *catalog.Catalog, ev Evidence) [][]int {
	if ev != ReportAnnex2 {
		return c.DocPractices
	}
	out := make([][]int, len(c.Documents))
	for _, cv := range c.Coverage {
		p, _ := c.PracticeIndex(cv.Practice)
		for _, n := range cv.Numbers {
			d, _ := c.DocumentByNumber(n)
			di, _ := c.DocumentIndex(d.ID)
			if !slices.Contains(out[di], p) {
				out[di] = append(out[di], p)
			}
		}
	}
	for _, s := range out {
		slices.Sort(s)
	}
	return out
}

// Matrix is a coverage matrix: for each row (a practice or a category) and
// column (a document grouping or a category), the documents in that column
// that cover the row.
type Matrix struct {
	Rows     Axis     `json:"rows"`
	By       Axis     `json:"by"`
	Evidence Evidence `json:"evidence"`
	Columns  []Column `json:"columns"`
	RowHeads []Column `json:"-"`
	// cells maps row*len(Columns)+col to document indexes, ascending.
	cells map[int][]int32
	cat   *catalog.Catalog
}

// ComputeMatrix builds the matrix in one pass over the document-practice
// pairs; memory grows with the number of mappings, not rows times columns.
func ComputeMatrix(c *catalog.Catalog, rows, by Axis, ev Evidence) *Matrix {
	m := &Matrix{Rows: rows, By: by, Evidence: ev, cat: c, cells: map[int][]int32{}}
	var docCol []int
	if by == ByCategory {
		m.Columns = categoryColumns(c)
	} else {
		m.Columns, docCol = docGroups(c, by, keeper(ev))
	}
	if rows == ByCategory {
		m.RowHeads = categoryColumns(c)
	} else {
		m.RowHeads = make([]Column, len(c.Practices))
		for i, p := range c.Practices {
			m.RowHeads[i] = Column{ID: p.ID, Label: p.Name}
		}
	}
	catIdx := map[string]int{}
	for i, cat := range c.Categories {
		catIdx[cat.ID] = i
	}
	nc := len(m.Columns)
	add := func(r, col, d int) {
		k := r*nc + col
		s := m.cells[k]
		if n := len(s); n > 0 && s[n-1] == int32(d) {
			return // the same document through another practice of a category
		}
		m.cells[k] = append(s, int32(d))
	}
	for d, ps := range Coverage(c, ev) {
		if by != ByCategory && docCol[d] < 0 {
			continue
		}
		for _, p := range ps {
			cats := c.Practices[p].Categories
			for _, col := range columnsOf(by, docCol, d, cats, catIdx) {
				if rows == ByCategory {
					for _, cat := range cats {
						add(catIdx[cat], col, d)
					}
				} else {
					add(p, col, d)
				}
			}
		}
	}
	return m
}

func columnsOf(by Axis, docCol []int, d int, cats []string, catIdx map[string]int) []int {
	if by != ByCategory {
		return []int{docCol[d]}
	}
	out := make([]int, len(cats))
	for i, cat := range cats {
		out[i] = catIdx[cat]
	}
	return out
}

func categoryColumns(c *catalog.Catalog) []Column {
	cols := make([]Column, len(c.Categories))
	for i, cat := range c.Categories {
		cols[i] = Column{ID: cat.ID, Label: cat.Name}
	}
	return cols
}

// Count is the number of documents in a cell.
func (m *Matrix) Count(row, col int) int { return len(m.cells[row*len(m.Columns)+col]) }

// Documents returns the document ids in a cell.
func (m *Matrix) Documents(row, col int) []string {
	idx := m.cells[row*len(m.Columns)+col]
	out := make([]string, len(idx))
	for i, d := range idx {
		out[i] = m.cat.Documents[d].ID
	}
	return out
}

// RowTotal is the number of distinct documents covering a row.
func (m *Matrix) RowTotal(row int) int {
	seen := map[int32]bool{}
	for col := range m.Columns {
		for _, d := range m.cells[row*len(m.Columns)+col] {
			seen[d] = true
		}
	}
	return len(seen)
}

type matrixCell struct {
	Column    string   `json:"column"`
	Count     int      `json:"count"`
	Documents []string `json:"documents"`
}

type matrixRow struct {
	ID        string       `json:"id"`
	Name      string       `json:"name"`
	Documents int          `json:"documents"`
	Cells     []matrixCell `json:"cells"`
}

// MarshalJSON writes every row with every cell, so consumers need no
// knowledge of the sparse layout.
func (m *Matrix) MarshalJSON() ([]byte, error) {
	rows := make([]matrixRow, len(m.RowHeads))
	for r, h := range m.RowHeads {
		cells := make([]matrixCell, len(m.Columns))
		for col, c := range m.Columns {
			cells[col] = matrixCell{Column: c.ID, Count: m.Count(r, col), Documents: nonNil(m.Documents(r, col))}
		}
		rows[r] = matrixRow{ID: h.ID, Name: h.Label, Documents: m.RowTotal(r), Cells: cells}
	}
	return json.Marshal(struct {
		Rows     Axis        `json:"rows"`
		By       Axis        `json:"by"`
		Evidence Evidence    `json:"evidence"`
		Columns  []Column    `json:"columns"`
		Matrix   []matrixRow `json:"matrix"`
	}{m.Rows, m.By, m.Evidence, m.Columns, rows})
}

// Grid shows counts; for a document matrix a mark where the document covers
// the row.
func (m *Matrix) Grid() render.Grid {
	g := render.Grid{Title: "Coverage of " + string(m.Rows) + " by " + string(m.By) + " (" + string(m.Evidence) + " mappings)"}
	g.Columns = append([]string{string(m.Rows), "docs"}, labels(m.Columns, m.By)...)
	for r, h := range m.RowHeads {
		row := []string{h.ID, strconv.Itoa(m.RowTotal(r))}
		for col := range m.Columns {
			n := m.Count(r, col)
			switch {
			case n == 0:
				row = append(row, ".")
			case m.By == ByDocument:
				row = append(row, "x")
			default:
				row = append(row, strconv.Itoa(n))
			}
		}
		g.Rows = append(g.Rows, row)
	}
	g.Notes = []string{"Cells count documents; \".\" means none."}
	return g
}

func labels(cols []Column, by Axis) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.ID
		if by == ByDocument {
			out[i] = c.Label
		}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
