// Package yamlx splits the YAML decoder's errors into one message per
// problem with its line, so every strict YAML reader in the project reports
// bad input the same way.
package yamlx

import (
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Problem is one decoding problem; Line is 0 when the decoder gave none.
type Problem struct {
	Line int
	Msg  string
	// Field is set for an unknown field; the message then says so plainly.
	Field string
}

var (
	lineRE    = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	unknownRE = regexp.MustCompile(`^field (\S+) not found in type `)
	typeRE    = regexp.MustCompile("^cannot unmarshal (!!\\w+)( `.*`)? into (\\S+)$")
)

// parserErrors are the messages of the YAML parser (as opposed to its
// scanner). For them the decoder reports a zero-based line, and it is the
// line of the enclosing list or mapping when it knows one.
var parserErrors = []string{
	"did not find expected key",
	"did not find expected '-' indicator",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected node content",
	"did not find expected <document start>",
}

// Problems lists the problems in a yaml.Unmarshal or Decoder.Decode error.
func Problems(err error) []Problem {
	msgs := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	out := make([]Problem, 0, len(msgs))
	for _, m := range msgs {
		p := Problem{Msg: strings.TrimPrefix(m, "yaml: ")}
		if sm := lineRE.FindStringSubmatch(m); sm != nil {
			p.Line, _ = strconv.Atoi(sm[1])
			p.Msg = sm[2]
			if slices.Contains(parserErrors, p.Msg) {
				p.Line++
				p.Msg += " (reported where the enclosing list or mapping starts)"
			}
		}
		if tm := typeRE.FindStringSubmatch(p.Msg); tm != nil {
			p.Msg = "got " + kindOfTag(tm[1]) + tm[2] + ", want " + kindOfGoType(tm[3])
		}
		if um := unknownRE.FindStringSubmatch(p.Msg); um != nil {
			p.Field = um[1]
			p.Msg = "unknown field " + strconv.Quote(um[1])
		}
		out = append(out, p)
	}
	return out
}

// kindOfTag names a YAML core tag for a reader who has never seen one.
func kindOfTag(tag string) string {
	switch tag {
	case "!!str":
		return "text"
	case "!!int":
		return "a whole number"
	case "!!float":
		return "a number"
	case "!!bool":
		return "true or false"
	case "!!seq":
		return "a list"
	case "!!map":
		return "a mapping"
	case "!!null":
		return "nothing"
	case "!!timestamp":
		return "a date"
	}
	return tag
}

// kindOfGoType names the Go type the decoder wanted in the same words.
func kindOfGoType(t string) string {
	switch {
	case strings.HasPrefix(t, "["): // slices and arrays
		return "a list"
	case strings.HasPrefix(t, "map["):
		return "a mapping"
	case t == "string":
		return "text"
	case t == "bool":
		return "true or false"
	case t == "float32" || t == "float64":
		return "a number"
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "a whole number"
	case t == "time.Time":
		return "a date"
	}
	// Otherwise a named type: a struct in every YAML file this project
	// reads, though a named scalar would be misnamed here too.
	return "a mapping"
}

// FileError is a decoding error as "file:line: message", one problem per
// line, for readers that do not report JSON paths.
func FileError(file string, err error) error {
	var b strings.Builder
	for i, p := range Problems(err) {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(file)
		if p.Line > 0 {
			b.WriteString(":" + strconv.Itoa(p.Line))
		}
		b.WriteString(": " + p.Msg)
	}
	return errors.New(b.String())
}
