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

// TestParserErrorLine: the decoder gives parser errors a zero-based line;
// Problems must report the one-based line of the unclosed list.
func TestParserErrorLine(t *testing.T) {
	var v any
	ps := Problems(yaml.Unmarshal([]byte("a: 1\nb: 2\nc: [x,\n  y: 1\n"), &v))
	if len(ps) != 1 || ps[0].Line != 3 {
		t.Errorf("unclosed list on line 3: %+v", ps)
	}
	var n struct {
		N int `yaml:"n"`
	}
	ps = Problems(yaml.Unmarshal([]byte("n: [1]\n"), &n))
	if len(ps) != 1 || ps[0].Msg != "got a list, want a whole number" {
		t.Errorf("type error in plain words: %+v", ps)
	}
	var a struct {
		A [2]int `yaml:"a"`
	}
	ps = Problems(yaml.Unmarshal([]byte("a: x\n"), &a))
	if len(ps) != 1 || ps[0].Msg != "got text `x`, want a list" {
		t.Errorf("type error for an array: %+v", ps)
	}
	err := FileError("f.yaml", yaml.Unmarshal([]byte("n: x\n"), &n))
	if err.Error() != "f.yaml:1: got text `x`, want a whole number" {
		t.Errorf("FileError: %v", err)
	}
}
