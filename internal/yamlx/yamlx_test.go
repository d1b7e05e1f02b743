package yamlx

import (
	"bytes"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestProblems(t *testing.T) {
	var v struct {
		N int    `yaml:"n"`
		S string `yaml:"s"`
	}
	dec := yaml.NewDecoder(bytes.NewReader([]byte("n: many\ns: ok\nx: 1\n")))
	dec.KnownFields(true)
	ps := Problems(dec.Decode(&v))
	if len(ps) != 2 {
		t.Fatalf("got %+v, want two problems", ps)
	}
	if ps[0].Line != 1 || ps[0].Field != "" || ps[0].Msg == "" {
		t.Errorf("type error: %+v", ps[0])
	}
	if ps[1].Line != 3 || ps[1].Field != "x" || ps[1].Msg != `unknown field "x"` {
		t.Errorf("unknown field: %+v", ps[1])
	}
	ps = Problems(yaml.Unmarshal([]byte("a: [\n"), &v))
	if len(ps) != 1 || ps[0].Line == 0 {
		t.Errorf("syntax error: %+v", ps)
	}
}
