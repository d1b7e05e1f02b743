// Package dataset embeds the built-in catalog: human-editable YAML files,
// one subject per file. See docs/data-model.md for the format.
package dataset

import (
	"embed"
	"io/fs"
)

//go:embed *.yaml */*.yaml
var files embed.FS

// FS returns the built-in dataset files.
func FS() fs.FS { return files }
