package assess

import (
	"bytes"
	"encoding/json"
	"io"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// A locator maps JSON paths to lines of the file they came from, so errors
// found after decoding can still point at a line.
type locator interface {
	line(path string) int
}

var simpleKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// joinKey appends an object key to a JSON path, quoting keys that are not
// plain identifiers (provision ids contain dots and slashes).
func joinKey(path, key string) string {
	if simpleKey.MatchString(key) {
		return path + "." + key
	}
	return path + "[" + strconv.Quote(key) + "]"
}

func joinIndex(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

type yamlLocator struct{ root *yaml.Node }

// walk calls fn for every node with its path, keys before their values.
func (l yamlLocator) walk(fn func(path string, key, value *yaml.Node)) {
	if l.root == nil || len(l.root.Content) == 0 {
		return
	}
	var rec func(path string, n *yaml.Node)
	rec = func(path string, n *yaml.Node) {
		switch n.Kind { // aliases are not followed: they may refer to themselves
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				p := joinKey(path, n.Content[i].Value)
				fn(p, n.Content[i], n.Content[i+1])
				rec(p, n.Content[i+1])
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				p := joinIndex(path, i)
				fn(p, nil, c)
				rec(p, c)
			}
		}
	}
	rec("$", l.root.Content[0])
}

func (l yamlLocator) line(path string) int {
	found := 0
	best := ""
	l.walk(func(p string, k, v *yaml.Node) {
		// the path itself, or failing that its longest present prefix
		if p == path || (len(p) > len(best) && hasPathPrefix(path, p)) {
			best = p
			found = v.Line
			if k != nil {
				found = k.Line
			}
		}
	})
	return found
}

// pathAt finds the deepest path whose key or scalar value sits on line.
func (l yamlLocator) pathAt(line int) string {
	out := ""
	l.walk(func(p string, k, v *yaml.Node) {
		if (k != nil && k.Line == line) || (v.Line == line && v.Kind == yaml.ScalarNode) {
			out = p
		}
	})
	return out
}

func hasPathPrefix(path, prefix string) bool {
	if len(path) <= len(prefix) || path[:len(prefix)] != prefix {
		return false
	}
	c := path[len(prefix)]
	return c == '.' || c == '['
}

// jsonLocator finds paths in JSON text by replaying its tokens. It runs
// only when there is an error to report.
type jsonLocator struct{ data []byte }

type jsonEntry struct {
	path string
	key  string
	off  int64 // offset where the value starts
}

// entries lists every value in the document with its path, in order.
func (l jsonLocator) entries() []jsonEntry {
	dec := json.NewDecoder(bytes.NewReader(l.data))
	type frame struct {
		path    string
		isArray bool
		index   int
		key     string
		wantKey bool
	}
	var stack []frame
	var out []jsonEntry
	valuePath := func() (string, string) {
		if len(stack) == 0 {
			return "$", ""
		}
		f := &stack[len(stack)-1]
		if f.isArray {
			p := joinIndex(f.path, f.index)
			f.index++
			return p, ""
		}
		return joinKey(f.path, f.key), f.key
	}
	for {
		before := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF || err != nil {
			return out
		}
		if len(stack) > 0 && !stack[len(stack)-1].isArray && stack[len(stack)-1].wantKey {
			if s, ok := tok.(string); ok {
				stack[len(stack)-1].key = s
				stack[len(stack)-1].wantKey = false
				continue
			}
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			if len(stack) > 0 && !stack[len(stack)-1].isArray {
				stack[len(stack)-1].wantKey = true
			}
			continue
		}
		p, key := valuePath()
		out = append(out, jsonEntry{path: p, key: key, off: before})
		if d, ok := tok.(json.Delim); ok {
			stack = append(stack, frame{path: p, isArray: d == '[', wantKey: d == '{'})
			continue
		}
		if len(stack) > 0 && !stack[len(stack)-1].isArray {
			stack[len(stack)-1].wantKey = true
		}
	}
}

func (l jsonLocator) line(path string) int {
	best, off := "", int64(-1)
	for _, e := range l.entries() {
		if e.path == path || (len(e.path) > len(best) && hasPathPrefix(path, e.path)) {
			best, off = e.path, e.off
		}
	}
	if off < 0 {
		return 0
	}
	return lineOf(l.data, l.valueStart(off))
}

// valueStart skips the separators the decoder leaves before a value.
func (l jsonLocator) valueStart(off int64) int64 {
	for off < int64(len(l.data)) {
		switch l.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

// pathBefore is the path of the last value starting before off.
func (l jsonLocator) pathBefore(off int64) string {
	p := ""
	for _, e := range l.entries() {
		if l.valueStart(e.off) < off {
			p = e.path
		}
	}
	return p
}

// unknownKey finds the first member named key, for "unknown field" errors,
// which encoding/json reports without a position.
func (l jsonLocator) unknownKey(key string) (string, int) {
	for _, e := range l.entries() {
		if e.key == key {
			return e.path, lineOf(l.data, l.valueStart(e.off))
		}
	}
	return "", 0
}
