package markets

import (
	"testing"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/catalog/dataset"
)

func builtin(b *testing.B) *catalog.Catalog {
	b.Helper()
	c, err := catalog.Load(dataset.FS())
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkCompare times crosswalks of the built-in regimes against
// ETSI EN 303 645: a small market and the largest regulation.
func BenchmarkCompare(b *testing.B) {
	c := builtin(b)
	for _, pair := range [][2]string{{"uk-psti", "etsi-en-303-645"}, {"eu-cra", "etsi-en-303-645"}, {"sg-cls-4", "eu-cra"}} {
		b.Run(pair[0]+"_"+pair[1], func(b *testing.B) {
			for b.Loop() {
				if _, err := Compare(c, pair[0], pair[1]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkByPractice(b *testing.B) {
	c := builtin(b)
	for b.Loop() {
		if _, err := ByPractice(c, "no-default-passwords"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkShow(b *testing.B) {
	c := builtin(b)
	for b.Loop() {
		if _, err := Show(c, "sg-cls-4"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTables(b *testing.B) {
	c := builtin(b)
	for b.Loop() {
		if _, err := Tables(c); err != nil {
			b.Fatal(err)
		}
	}
}
