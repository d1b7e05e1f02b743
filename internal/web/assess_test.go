package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/auth"
	"github.com/bydesign-iot/bydesign/internal/store"
	"go.yaml.in/yaml/v3"
)

// exampleDeclaration reads one of the project's example declarations and
// returns it as JSON, the form the registry stores.
func exampleDeclaration(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../../examples/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var n yaml.Node
	if err := yaml.Unmarshal(b, &n); err != nil {
		t.Fatal(err)
	}
	j, err := json.Marshal(plainYAML(n.Content[0]))
	if err != nil {
		t.Fatal(err)
	}
	return string(j)
}

// TestRunAssessment runs the real engine on stored declarations: the
// example that meets the journey's markets passes, the one with a default
// password fails, and a product without a declaration is refused.
func TestRunAssessment(t *testing.T) {
	onBackends(t, func(t *testing.T, bk backend) {
		f := newFixture(t, bk)
		h := f.srv.Handler()
		tok := f.tokens[auth.Manufacturer]
		create := func(model, decl string) int64 {
			if strings.Contains(decl, "narnia") {
				// The API refuses unknown ids on write; a declaration stored
				// before the catalog dropped an id still reaches the engine.
				p, err := f.st.CreateProduct(context.Background(), store.Actor{Name: "test"}, store.Product{
					Manufacturer: "Example Optics Ltd", Model: model, OwnerID: f.users[auth.Manufacturer].ID, Declaration: json.RawMessage(decl)})
				if err != nil {
					t.Fatal(err)
				}
				return p.ID
			}
			body := fmt.Sprintf(`{"manufacturer":"Example Optics Ltd","model":%q`, model)
			if decl != "" {
				body += `,"declaration":` + decl
			}
			w := do(h, "POST", "/api/v1/products", tok, body+"}")
			if w.Code != http.StatusCreated {
				t.Fatalf("create %s: %d %s", model, w.Code, w.Body.String())
			}
			return decode[store.Product](t, w).ID
		}
		markets := `{"markets":["eu-cra","uk-psti","sg-cls-2"]}`
		tests := []struct {
			name, decl, verdict string
			status              int
		}{
			{"camera-pass.yaml", exampleDeclaration(t, "camera-pass.yaml"), "pass", 201},
			{"camera-default-password.yaml", exampleDeclaration(t, "camera-default-password.yaml"), "fail", 201},
			{"no declaration", "", "", 400},
			{"declaration naming an unknown practice", `{"bydesign":"declaration/v1","product":{"manufacturer":"x","model":"y"},"practices":{"narnia":{"status":"implemented"}}}`, "", 400},
		}
		for i, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				id := create(fmt.Sprintf("model %d", i), tc.decl)
				w := do(h, "POST", fmt.Sprintf("/api/v1/products/%d/assess", id), tok, markets)
				if w.Code != tc.status {
					t.Fatalf("status %d, want %d: %s", w.Code, tc.status, clip(w.Body.String()))
				}
				if tc.status != 201 {
					if !strings.Contains(w.Body.String(), "declaration") {
						t.Errorf("message should name the declaration: %s", w.Body.String())
					}
					return
				}
				a := decode[store.Assessment](t, w)
				if a.Verdict != tc.verdict || !strings.Contains(string(a.Result), `"markets"`) {
					t.Fatalf("verdict %q, want %q; result %s", a.Verdict, tc.verdict, clip(string(a.Result)))
				}
			})
		}
		// A dated run judges the label on that day and records the date.
		cls := create("cls label", exampleDeclaration(t, "camera-cls-label.yaml"))
		for date, verdict := range map[string]string{"2029-06-30": "pass", "2029-07-01": "incomplete"} {
			w := do(h, "POST", fmt.Sprintf("/api/v1/products/%d/assess", cls), tok, `{"markets":["uk-psti"],"date":"`+date+`"}`)
			if w.Code != http.StatusCreated {
				t.Fatalf("dated run %s: %d %s", date, w.Code, clip(w.Body.String()))
			}
			a := decode[store.Assessment](t, w)
			if a.Verdict != verdict || !strings.Contains(string(a.Result), `"date":"`+date+`"`) {
				t.Errorf("run on %s: verdict %s, want %s; result %s", date, a.Verdict, verdict, clip(string(a.Result)))
			}
		}
		if w := do(h, "POST", fmt.Sprintf("/api/v1/products/%d/assess", cls), tok, `{"markets":["uk-psti"],"date":"2029-02-30"}`); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "field date") {
			t.Errorf("impossible date: %d %s", w.Code, w.Body.String())
		}
		if w := do(h, "POST", "/api/v1/products/1/assess", f.tokens[auth.Viewer], markets); w.Code != http.StatusForbidden {
			t.Errorf("viewer: %d", w.Code)
		}
		if w := do(h, "POST", "/api/v1/products/1/assess", tok, `{"markets":["narnia"]}`); w.Code != http.StatusBadRequest {
			t.Errorf("unknown market: %d", w.Code)
		}
	})
}

// plainYAML converts a YAML node to JSON values, keeping dates as the
// strings they were written as (yaml would make them timestamps).
func plainYAML(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = plainYAML(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		out := []any{}
		for _, c := range n.Content {
			out = append(out, plainYAML(c))
		}
		return out
	case yaml.AliasNode:
		return plainYAML(n.Alias)
	}
	var v any
	switch n.Tag {
	case "!!int", "!!float", "!!bool", "!!null":
		if err := n.Decode(&v); err == nil {
			return v
		}
	}
	return n.Value
}

// TestEngineKeepsCallerOrder checks that a cached engine compiled for one
// order of markets is not handed to a caller who asked in another order.
func TestEngineKeepsCallerOrder(t *testing.T) {
	srv := catalogOnly(t)
	for _, markets := range [][]string{{"uk-psti", "eu-cra"}, {"eu-cra", "uk-psti"}, {"uk-psti", "eu-cra"}} {
		eng, err := srv.engine(markets)
		if err != nil {
			t.Fatal(err)
		}
		if got := eng.Markets(); !slices.Equal(got, markets) {
			t.Errorf("engine(%v).Markets() = %v", markets, got)
		}
	}
}
