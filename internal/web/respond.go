package web

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/bydesign-iot/bydesign/internal/render"
)

// writeJSON encodes v with a trailing newline. Encoding into a buffer first
// means a marshalling failure becomes a clean 500, not half a body.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// exportFormats are what analysis endpoints offer with ?format=.
var exportFormats = []render.Format{render.JSON, render.CSV, render.Markdown}

var contentTypes = map[render.Format]string{
	render.JSON:     "application/json",
	render.CSV:      "text/csv; charset=utf-8",
	render.Markdown: "text/markdown; charset=utf-8",
}

var extensions = map[render.Format]string{render.JSON: "json", render.CSV: "csv", render.Markdown: "md"}

// parseFormat reads ?format=, default JSON.
func parseFormat(q *query) render.Format {
	name := q.oneOf("format", []string{"json", "csv", "md"})
	if name == "" {
		return render.JSON
	}
	return render.Format(name)
}

// writeTabular renders an analysis result in the chosen format; CSV and
// Markdown come as downloads named after the result.
func (s *Server) writeTabular(w http.ResponseWriter, r *http.Request, f render.Format, name string, v render.Tabular) {
	var b bytes.Buffer
	if err := render.Write(&b, f, v); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", contentTypes[f])
	if f != render.JSON {
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+"."+extensions[f]+`"`)
	}
	w.Write(b.Bytes())
}
