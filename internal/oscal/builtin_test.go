package oscal

import (
	"encoding/json"
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
		if f.Model == "profile" {
			noEmptyAdds(t, f.Name, f.Data)
		}
	}
	if models["catalog"] != 1 || models["profile"] != len(c.Profiles) {
		t.Errorf("exported %v for %d profiles", models, len(c.Profiles))
	}
	t.Logf("validated %d files: %v", len(files), models)
}

// noEmptyAdds fails for a route written as an addition with nothing in it,
// as label routes once were: valid OSCAL, but it says nothing.
func noEmptyAdds(t *testing.T, name string, data []byte) {
	t.Helper()
	var pd ProfileDocument
	if err := json.Unmarshal(data, &pd); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if pd.Profile.Modify == nil {
		return
	}
	for _, a := range pd.Profile.Modify.Alters {
		for _, add := range a.Adds {
			if len(add.Props) == 0 && len(add.Parts) == 0 {
				t.Errorf("%s: empty addition to %s", name, a.ControlID)
			}
		}
	}
}
