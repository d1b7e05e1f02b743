package oscal

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The published OSCAL 1.2.2 schema (all models), shipped as test data.
const schemaFile = "testdata/oscal_complete_schema-1.2.2.json"

var oscalSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	f, err := os.Open(schemaFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // date-time, uri and uri-reference are checked too
	if err := c.AddResource(schemaFile, doc); err != nil {
		return nil, err
	}
	return c.Compile(schemaFile)
})

// validate checks one exported document against the OSCAL schema.
func validate(t *testing.T, name string, data []byte) {
	t.Helper()
	sch, err := oscalSchema()
	if err != nil {
		t.Fatalf("compile OSCAL schema: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: not JSON: %v", name, err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s does not validate against OSCAL 1.2.2:\n%v", name, err)
	}
}

// TestSchemaRejects proves the validation can fail: each broken document
// must be rejected.
func TestSchemaRejects(t *testing.T) {
	sch, err := oscalSchema()
	if err != nil {
		t.Fatal(err)
	}
	md := `"metadata":{"title":"t","last-modified":"2026-01-02T03:04:05Z","version":"1","oscal-version":"1.2.2"}`
	tests := map[string]string{
		"good catalog (control)":   `{"catalog":{"uuid":"6b2c9a4e-1f3d-5a7b-8c9d-0e1f2a3b4c5d",` + md + `}}`,
		"bad uuid":                 `{"catalog":{"uuid":"not-a-uuid",` + md + `}}`,
		"unknown field":            `{"catalog":{"uuid":"6b2c9a4e-1f3d-5a7b-8c9d-0e1f2a3b4c5d","colour":"red",` + md + `}}`,
		"control id not a token":   `{"catalog":{"uuid":"6b2c9a4e-1f3d-5a7b-8c9d-0e1f2a3b4c5d",` + md + `,"controls":[{"id":"5.1-1","title":"x"}]}}`,
		"profile without imports":  `{"profile":{"uuid":"6b2c9a4e-1f3d-5a7b-8c9d-0e1f2a3b4c5d",` + md + `}}`,
		"last-modified not a date": `{"catalog":{"uuid":"6b2c9a4e-1f3d-5a7b-8c9d-0e1f2a3b4c5d","metadata":{"title":"t","last-modified":"yesterday","version":"1","oscal-version":"1.2.2"}}}`,
	}
	for name, doc := range tests {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		err = sch.Validate(inst)
		if strings.HasPrefix(name, "good") {
			if err != nil {
				t.Errorf("%s rejected: %v", name, err)
			}
		} else if err == nil {
			t.Errorf("%s accepted", name)
		}
	}
}

func jsonschemaUnmarshal(data []byte) (any, error) {
	return jsonschema.UnmarshalJSON(bytes.NewReader(data))
}
