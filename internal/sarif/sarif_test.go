package sarif

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestRunDedupesRulesAndIndexesResults(t *testing.T) {
	r := NewRun("tool", "")
	if r.Rule(Rule{ID: "a"}) != 0 || r.Rule(Rule{ID: "b"}) != 1 || r.Rule(Rule{ID: "a", Name: "again"}) != 0 {
		t.Fatal("rule indexes wrong")
	}
	r.Add(Result{RuleID: "b", Level: "error", Locations: At("tcp://127.0.0.1:23", 0)})
	r.Add(Result{RuleID: "a", Level: "note", Locations: At("decl.yaml", 7)})
	var b bytes.Buffer
	if err := Write(&b, r); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver map[string]any `json:"driver"`
			} `json:"tool"`
			Results []map[string]any `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Version != "2.1.0" || len(got.Runs) != 1 {
		t.Fatalf("log: %s", b.String())
	}
	if _, ok := got.Runs[0].Tool.Driver["version"]; ok {
		t.Error("empty version must be omitted")
	}
	res := got.Runs[0].Results
	if res[0]["ruleIndex"].(float64) != 1 || res[1]["ruleIndex"].(float64) != 0 {
		t.Errorf("rule indexes in results: %v", res)
	}
	loc0 := res[0]["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
	loc1 := res[1]["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
	if _, ok := loc0["region"]; ok {
		t.Error("a network location has no region")
	}
	if loc1["region"].(map[string]any)["startLine"].(float64) != 7 {
		t.Errorf("file location: %v", loc1)
	}
}
