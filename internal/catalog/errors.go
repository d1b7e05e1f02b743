package catalog

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// DataError points at a bad value in a dataset file.
type DataError struct {
	File  string
	Line  int
	Field string
	Msg   string
}

func (e *DataError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ": field %s", e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// errorList collects data errors and joins them in file and line order.
type errorList []*DataError

func (l *errorList) add(p Pos, field, format string, args ...any) {
	*l = append(*l, &DataError{File: p.File, Line: p.At(field), Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (l errorList) err() error {
	if len(l) == 0 {
		return nil
	}
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].File != l[j].File {
			return l[i].File < l[j].File
		}
		return l[i].Line < l[j].Line
	})
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errors.Join(errs...)
}
