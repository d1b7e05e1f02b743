package assess

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzLoadRules: a rules file given with --rules is user input. Loading
// arbitrary bytes must give rules or an error naming the file, never panic.
func FuzzLoadRules(f *testing.F) {
	if data, err := os.ReadFile("rules/rules.yaml"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("rules:\n  - id: r\n    applies_to: [{practice: p}]\n    tests: [{fact: password.scheme, in: [none]}]\n"))
	f.Add([]byte("rules: [{id: x, colour: red}]\n"))
	f.Add([]byte("&a [*a, *a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := LoadRules(fstest.MapFS{"custom.yaml": {Data: data}})
		if err != nil && !strings.Contains(err.Error(), "custom.yaml") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}
