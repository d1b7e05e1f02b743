// Package yamlx splits the YAML decoder's errors into one message per
// problem with its line, so every strict YAML reader in the project reports
// bad input the same way.
package yamlx

import (
	"errors"
	"regexp"
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
)

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
		}
		if um := unknownRE.FindStringSubmatch(p.Msg); um != nil {
			p.Field = um[1]
			p.Msg = "unknown field " + strconv.Quote(um[1])
		}
		out = append(out, p)
	}
	return out
}
