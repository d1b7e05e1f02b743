// Package rules holds the assessment rules as data: which declared facts and
// which observed probe checks decide which provision. The assess package
// decodes and compiles them once.
package rules

import (
	"embed"
	"io/fs"
)

//go:embed *.yaml
var files embed.FS

// FS returns the built-in rule files.
func FS() fs.FS { return files }
