package assess

import (
	"embed"
	"html/template"
	"io"
)

//go:embed templates/*.html
var templateFS embed.FS

// parsed at start-up so a broken template fails the build's tests, not a run
var reportTemplate = template.Must(template.New("report.html").Funcs(template.FuncMap{
	"open": func(v Verdict) bool { return v != Pass && v != NotApplicable },
}).ParseFS(templateFS, "templates/report.html"))

// WriteHTML writes a self-contained HTML report (no scripts, no external
// resources) of one result.
func WriteHTML(w io.Writer, r *Result) error {
	return reportTemplate.Execute(w, r)
}
