package oscal

import (
	"testing"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/catalog/dataset"
)

// TestBuiltinExportValidates exports the built-in dataset, whatever it holds
// today, and validates every file against the OSCAL schema.
func TestBuiltinExportValidates(t *testing.T) {
	c, err := catalog.Load(dataset.FS())
	if err != nil {
		t.Fatalf("built-in dataset: %v", err)
	}
	files, err := Export(c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	models := map[string]int{}
	for _, f := range files {
		models[f.Model]++
		validate(t, f.Name, f.Data)
	}
	if models["catalog"] != 1 || models["profile"] != len(c.Profiles) {
		t.Errorf("exported %v for %d profiles", models, len(c.Profiles))
	}
	t.Logf("validated %d files: %v", len(files), models)
}
