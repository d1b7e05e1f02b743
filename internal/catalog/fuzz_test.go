package catalog_test

import (
	"errors"
	"testing"
	"testing/fstest"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

// FuzzLoad feeds arbitrary bytes as a dataset file: loading must fail with
// a DataError or succeed, never panic.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		"practices:\n  - id: p\n    name: P\n",
		"documents: [{id: d, number: 1, title: T}]\n",
		"claims:\n  - id: c\n    cites: [{number: -1}]\n    per_jurisdiction: {XX: 2}\n",
		"profiles: [{id: a, extends: a}]\n",
		"coverage: [{practice: p, numbers: [1, 2]}]\n",
		"document: d\nprovisions: [{ref: '1', maps: [{practice: p}]}]\n",
		": : :\n\t- [",
		"&a [*a]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := catalog.Load(fstest.MapFS{"f.yaml": {Data: data}})
		if err == nil {
			return
		}
		var de *catalog.DataError
		if !errors.As(err, &de) && err.Error() != "catalog: dataset has no .yaml files" {
			t.Fatalf("error is not a DataError: %v", err)
		}
	})
}
