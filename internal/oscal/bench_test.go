package oscal

import (
	"testing"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/catalog/dataset"
)

// BenchmarkExportBuiltin times building and encoding every OSCAL document
// for the built-in dataset (no disk writes).
func BenchmarkExportBuiltin(b *testing.B) {
	c, err := catalog.Load(dataset.FS())
	if err != nil {
		b.Fatal(err)
	}
	var bytes int
	for b.Loop() {
		files, err := Export(c, Options{})
		if err != nil {
			b.Fatal(err)
		}
		bytes = 0
		for _, f := range files {
			bytes += len(f.Data)
		}
	}
	b.ReportMetric(float64(bytes), "bytes/export")
}

// BenchmarkValidateCatalog times validating the exported built-in catalog
// against the OSCAL schema, the check the tests run on every file.
func BenchmarkValidateCatalog(b *testing.B) {
	c, err := catalog.Load(dataset.FS())
	if err != nil {
		b.Fatal(err)
	}
	cd, err := BuildCatalog(c, Options{})
	if err != nil {
		b.Fatal(err)
	}
	data, err := Marshal(cd)
	if err != nil {
		b.Fatal(err)
	}
	sch, err := oscalSchema()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		inst, err := jsonschemaUnmarshal(data)
		if err != nil {
			b.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			b.Fatal(err)
		}
	}
}
