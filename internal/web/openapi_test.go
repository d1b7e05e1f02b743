package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/auth"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// openapiSpec is the embedded document decoded into plain JSON values.
func openapiSpec(t *testing.T) map[string]any {
	t.Helper()
	var y any
	if err := yaml.Unmarshal(openapiDoc, &y); err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	b, err := json.Marshal(y) // yaml maps have string keys here, so this works
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestOpenAPIMatchesRoutes checks the document against the route table
// both ways: every documented operation is served, and every API and
// operations route is documented.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	doc := openapiSpec(t)
	documented := map[string]bool{}
	for path, item := range doc["paths"].(map[string]any) {
		for method := range item.(map[string]any) {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	served := map[string]bool{}
	for _, r := range catalogOnly(t).routeTab {
		if r.api() || slices.Contains([]string{"/healthz", "/readyz", "/metrics"}, r.path) {
			served[r.pattern()] = true
		}
	}
	for op := range documented {
		if !served[op] {
			t.Errorf("documented but not served: %s", op)
		}
	}
	for op := range served {
		if !documented[op] {
			t.Errorf("served but not documented: %s", op)
		}
	}
}

// TestOpenAPIRefsResolve checks every $ref points at something.
func TestOpenAPIRefsResolve(t *testing.T) {
	doc := openapiSpec(t)
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				var cur any = doc
				for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
					m, _ := cur.(map[string]any)
					cur = m[part]
				}
				if cur == nil {
					t.Errorf("unresolved $ref %s", ref)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	ids := map[string]bool{}
	for path, item := range doc["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			id, _ := op.(map[string]any)["operationId"].(string)
			if id == "" || ids[id] {
				t.Errorf("%s %s: missing or duplicate operationId %q", method, path, id)
			}
			ids[id] = true
		}
	}
}

// TestResponsesMatchSchemas validates real responses against the
// document's schemas, so the document cannot drift from the code.
func TestResponsesMatchSchemas(t *testing.T) {
	onBackends(t, func(t *testing.T, bk backend) {
		raw, err := jsonschema.UnmarshalJSON(bytes.NewReader(mustJSON(t, openapiSpec(t))))
		if err != nil {
			t.Fatal(err)
		}
		c := jsonschema.NewCompiler()
		if err := c.AddResource("openapi.json", raw); err != nil {
			t.Fatal(err)
		}
		schema := func(ptr string) *jsonschema.Schema {
			s, err := c.Compile("openapi.json#" + ptr)
			if err != nil {
				t.Fatalf("compile %s: %v", ptr, err)
			}
			return s
		}
		f := newFixture(t, bk)
		h := f.srv.Handler()
		tok := f.tokens[auth.Manufacturer]
		created := do(h, "POST", "/api/v1/products", tok, goodProduct)
		market := f.srv.cat.Profiles[0].ID
		do(h, "POST", "/api/v1/products/1/assessments", tok, `{"markets":["`+market+`"],"verdict":"fail","result":{"x":1}}`)
		do(h, "POST", "/api/v1/probe-runs", tok, `{"targets":["127.0.0.1"],"result":{}}`)
		checks := []struct {
			method, target, token, body string
			status                      int
			ptr                         string
		}{
			{"GET", "/api/v1/documents", "", "", 200, "/paths/~1api~1v1~1documents/get/responses/200/content/application~1json/schema"},
			{"GET", "/api/v1/documents/us-ca-sb327", "", "", 200, "/components/schemas/DocumentDetail"},
			{"GET", "/api/v1/practices", "", "", 200, "/paths/~1api~1v1~1practices/get/responses/200/content/application~1json/schema"},
			{"GET", "/api/v1/practices/vulnerability-disclosure", "", "", 200, "/components/schemas/PracticeDetail"},
			{"GET", "/api/v1/provisions", "", "", 200, "/paths/~1api~1v1~1provisions/get/responses/200/content/application~1json/schema"},
			{"GET", "/api/v1/jurisdictions", "", "", 200, "/paths/~1api~1v1~1jurisdictions/get/responses/200/content/application~1json/schema"},
			{"GET", "/api/v1/categories", "", "", 200, "/paths/~1api~1v1~1categories/get/responses/200/content/application~1json/schema"},
			{"GET", "/api/v1/products", "", "", 200, "/components/schemas/ProductList"},
			{"GET", "/api/v1/products/1", "", "", 200, "/components/schemas/Product"},
			{"GET", "/api/v1/products/1/assessments", "", "", 200, "/components/schemas/AssessmentList"},
			{"GET", "/api/v1/probe-runs", tok, "", 200, "/components/schemas/ProbeRunList"},
			{"GET", "/api/v1/probe-runs/1", tok, "", 200, "/components/schemas/ProbeRun"},
			{"GET", "/api/v1/audit", f.tokens[auth.Admin], "", 200, "/components/schemas/AuditList"},
			{"GET", "/api/v1/audit", tok, "", 403, "/components/schemas/Error"},
			{"GET", "/api/v1/documents?kind=x", "", "", 400, "/components/schemas/Error"},
			{"POST", "/api/v1/products", "", goodProduct, 401, "/components/schemas/Error"},
		}
		if created.Code != 201 {
			t.Fatalf("setup: %d", created.Code)
		}
		for _, ch := range checks {
			w := do(h, ch.method, ch.target, ch.token, ch.body)
			if w.Code != ch.status {
				t.Errorf("%s %s: status %d, want %d", ch.method, ch.target, w.Code, ch.status)
				continue
			}
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(w.Body.Bytes()))
			if err != nil {
				t.Errorf("%s: %v", ch.target, err)
				continue
			}
			if err := schema(ch.ptr).Validate(v); err != nil {
				t.Errorf("%s %s does not match %s:\n%v", ch.method, ch.target, ch.ptr, err)
			}
		}
		// The input schemas accept what the server accepts.
		for ptr, body := range map[string]string{"/components/schemas/ProductInput": goodProduct} {
			v, _ := jsonschema.UnmarshalJSON(strings.NewReader(body))
			if err := schema(ptr).Validate(v); err != nil {
				t.Errorf("%s rejects a body the server accepts: %v", ptr, err)
			}
		}
	})
}

func TestOpenAPIServed(t *testing.T) {
	w := do(catalogOnly(t).Handler(), "GET", "/api/v1/openapi.yaml", "", "")
	if w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), openapiDoc) {
		t.Fatalf("status %d", w.Code)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(fmt.Errorf("marshal: %w", err))
	}
	return b
}
