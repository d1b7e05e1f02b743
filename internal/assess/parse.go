package assess

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/bydesign-iot/bydesign/internal/yamlx"
)

// MaxDeclarationSize bounds one declaration file or batch line. Real
// declarations are a few kilobytes; the bound keeps hostile input cheap.
const MaxDeclarationSize = 1 << 20

// InputError points at a bad value in a declaration or evidence file: the
// file, the line when known, the JSON path and the field. Its message is
// safe to show a user.
type InputError struct {
	File  string
	Line  int
	Path  string // JSON path, e.g. $.product.interfaces[1].port
	Field string // last element of Path
	Msg   string
}

func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Path != "" {
		fmt.Fprintf(&b, ": %s", e.Path)
	}
	if e.Path == "" && e.Field != "" {
		fmt.Fprintf(&b, ": field %s", e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// InputErrors is every problem found in one file, in file order.
type InputErrors []*InputError

func (l InputErrors) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Parse decodes a declaration strictly: unknown fields, wrong types,
// duplicate keys, impossible dates and values outside the closed
// vocabularies are errors that name the file, line, path and field. JSON is
// recognised by its first byte; anything else is read as YAML.
func Parse(name string, data []byte) (*Declaration, error) {
	if len(data) > MaxDeclarationSize {
		return nil, &InputError{File: name, Msg: fmt.Sprintf("file is over the %d byte limit", MaxDeclarationSize)}
	}
	if err := checkEncoding(name, data); err != nil {
		return nil, err
	}
	var d Declaration
	var loc locator
	if isJSON(data) {
		if fastDecode(data, &d) != nil {
			d = Declaration{}
			if err := decodeJSON(data, &d); err != nil {
				return nil, jsonError(name, data, err)
			}
		}
		loc = jsonLocator{data: data}
	} else {
		root, err := decodeYAML(data, &d)
		if err != nil {
			return nil, yamlError(name, root, err)
		}
		loc = yamlLocator{root: root}
	}
	if errs := validate(&d); len(errs) > 0 {
		for _, e := range errs {
			e.File = name
			e.Line = loc.line(e.Path)
		}
		return nil, errs
	}
	d.name, d.loc = name, loc
	return &d, nil
}

func isJSON(data []byte) bool {
	t := bytes.TrimLeft(data, " \t\r\n\ufeff")
	return len(t) > 0 && t[0] == '{'
}

func decodeJSON(data []byte, d *Declaration) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(d); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("unexpected data after the declaration object")
	}
	return nil
}

func decodeYAML(data []byte, d *Declaration) (*yaml.Node, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, err
	}
	if len(root.Content) == 0 {
		return &root, errors.New("empty declaration")
	}
	if len(root.Content) > 0 && root.Content[0].Kind != yaml.MappingNode {
		return &root, errors.New("a declaration must be a mapping of fields")
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(d); err != nil {
		return &root, err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		return &root, errors.New("a declaration file holds one document; found a second after ---")
	}
	return &root, nil
}

var (
	jsonFieldRE = regexp.MustCompile(`^json: unknown field "(.*)"$`)
)

// yamlError turns the decoder's messages into InputErrors with a line, and
// a path when the line holds a field.
func yamlError(name string, root *yaml.Node, err error) error {
	var out InputErrors
	for _, p := range yamlx.Problems(err) {
		e := &InputError{File: name, Line: p.Line, Msg: p.Msg}
		if root != nil && p.Line > 0 {
			e.Path = yamlLocator{root: root}.pathAt(e.Line)
			e.Field = lastField(e.Path)
		}
		if p.Field != "" {
			e.Field = p.Field
		}
		out = append(out, e)
	}
	return out
}

// jsonError gives a JSON decoding error its line and JSON path.
func jsonError(name string, data []byte, err error) error {
	e := &InputError{File: name, Msg: strings.TrimPrefix(err.Error(), "json: ")}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		e.Line = lineOf(data, se.Offset)
	case errors.As(err, &te):
		e.Path = jsonLocator{data: data}.pathBefore(te.Offset)
		e.Line = lineOf(data, te.Offset)
		e.Msg = fmt.Sprintf("cannot use a JSON %s here; want %s", te.Value, kindName(te.Type.String()))
	case errors.Is(err, io.ErrUnexpectedEOF):
		e.Line = lineOf(data, int64(len(data)))
		e.Msg = "unexpected end of input"
	default:
		if m := jsonFieldRE.FindStringSubmatch(err.Error()); m != nil {
			e.Path, e.Line = jsonLocator{data: data}.unknownKey(m[1])
			e.Msg = "unknown field " + strconv.Quote(m[1])
		}
	}
	e.Field = lastField(e.Path)
	return InputErrors{e}
}

func kindName(goType string) string {
	switch {
	case strings.HasPrefix(goType, "map["):
		return "an object"
	case strings.HasPrefix(goType, "[]"):
		return "an array"
	case goType == "string":
		return "a string"
	case goType == "bool", goType == "*bool":
		return "true or false"
	case goType == "int":
		return "a whole number"
	default:
		return "an object"
	}
}

func lineOf(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// lastField is the last name in a JSON path, without any index.
func lastField(path string) string {
	for strings.HasSuffix(path, "]") {
		if strings.HasSuffix(path, `"]`) {
			i := strings.LastIndex(path, `["`)
			if i < 0 {
				return ""
			}
			return path[i+2 : len(path)-2]
		}
		i := strings.LastIndex(path, "[")
		if i < 0 {
			return ""
		}
		path = path[:i]
	}
	if i := strings.LastIndex(path, "."); i >= 0 {
		return path[i+1:]
	}
	return ""
}

// checkEncoding rejects input that is not UTF-8, so a UTF-16 file is named
// as such instead of failing later as empty or malformed.
func checkEncoding(name string, data []byte) error {
	if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		return &InputError{File: name, Line: 1, Msg: "file is UTF-16; save it as UTF-8"}
	}
	if !utf8.Valid(data) {
		return &InputError{File: name, Line: lineAt(data, invalidUTF8(data)), Msg: "file is not valid UTF-8"}
	}
	return nil
}

func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// lineAt is the 1-based line of a byte offset.
func lineAt(data []byte, off int) int {
	return bytes.Count(data[:min(off, len(data))], []byte("\n")) + 1
}
