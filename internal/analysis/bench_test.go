package analysis

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/catalog/dataset"
)

func BenchmarkLoadBuiltin(b *testing.B) {
	for b.Loop() {
		if _, err := catalog.Load(dataset.FS()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMatrixBuiltin(b *testing.B) {
	c, err := catalog.Load(dataset.FS())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ComputeMatrix(c, ByPractice, ByDocument, AllMappings)
		ComputeMatrix(c, ByPractice, ByJurisdiction, AllMappings)
	}
}

// synthetic writes a dataset of docs documents and practices practices in
// 200 jurisdictions, each document mapped to perDoc practices.
func synthetic(docs, practices, perDoc int) fstest.MapFS {
	var b strings.Builder
	b.WriteString("references: [{id: r, title: R, kind: dataset}]\ncategories:\n")
	for i := 0; i < 4; i++ {
		fmt.Fprintf(&b, "  - {id: c%d, name: C%d, summary: s}\n", i, i)
	}
	b.WriteString("practices:\n")
	for i := 0; i < practices; i++ {
		fmt.Fprintf(&b, "  - {id: p%d, name: P%d, summary: s, categories: [c%d], stakeholders: [manufacturer], source: {ref: r}}\n", i, i, i%4)
	}
	b.WriteString("jurisdictions:\n")
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, "  - {id: %c%c, name: J%d, group: G%d, m49: {region: R%d, subregion: S%d, source: {ref: r}}, source: {ref: r}}\n", 'A'+i/26, 'A'+i%26, i, i%6, i%5, i%20)
	}
	b.WriteString("documents:\n")
	for i := 0; i < docs; i++ {
		j := i % 200
		fmt.Fprintf(&b, "  - {id: d%d, number: %d, title: T, issuer: I, jurisdiction: %c%c, kind: law, legal_force: mandatory, language: en, source: {ref: r}}\n", i, i+1, 'A'+j/26, 'A'+j%26)
	}
	b.WriteString("coverage:\n")
	for p := 0; p < practices; p++ {
		var nums []string
		for d := 0; d < docs; d++ {
			if (d*7+p*13)%practices < perDoc {
				nums = append(nums, fmt.Sprint(d+1))
			}
		}
		if len(nums) == 0 {
			nums = []string{"1"}
		}
		fmt.Fprintf(&b, "  - {practice: p%d, relation: intersect, source: {ref: r}, numbers: [%s]}\n", p, strings.Join(nums, ", "))
	}
	return fstest.MapFS{"synthetic.yaml": {Data: []byte(b.String())}}
}

// BenchmarkMatrixSynthetic is the scale target: 10,000 documents and
// 1,000 practices, each document covering 20 practices (200,000 mappings).
func BenchmarkMatrixSynthetic(b *testing.B) {
	c, err := catalog.Load(synthetic(10000, 1000, 20))
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d documents, %d practices, %d mappings", len(c.Documents), len(c.Practices), len(c.Mappings))
	for _, by := range []Axis{ByDocument, ByJurisdiction, ByRegion, ByCategory} {
		b.Run(string(by), func(b *testing.B) {
			for b.Loop() {
				ComputeMatrix(c, ByPractice, by, AllMappings)
			}
		})
	}
}

func BenchmarkLoadSynthetic(b *testing.B) {
	fs := synthetic(10000, 1000, 20)
	for b.Loop() {
		if _, err := catalog.Load(fs); err != nil {
			b.Fatal(err)
		}
	}
}
