package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed templates/*.html
var templateFiles embed.FS

// pages holds one parsed template per page, each the layout plus the
// page's own "content". Parsing happens once, at start-up.
type pages struct {
	byName map[string]*template.Template
}

// selectBox is the data of the "select" partial.
type selectBox struct {
	Label, Name, Current string
	Options              []option
}

var templateFuncs = template.FuncMap{
	"sel": func(label, name, current string, opts []option) selectBox {
		return selectBox{Label: label, Name: name, Current: current, Options: opts}
	},
	"join": strings.Join,
	"pct":  func(f float64) float64 { return 100 * f },
	// ifkind gives a select its current value only if it is the active scope.
	"ifkind": func(kind, want, id string) string {
		if kind == want {
			return id
		}
		return ""
	},
	"upper": strings.ToUpper,
	"has": func(list []string, v string) bool {
		for _, s := range list {
			if s == v {
				return true
			}
		}
		return false
	},
}

func parsePages() (*pages, error) { return parsePagesFS(templateFiles) }

// parsePagesFS parses the layout and every page of fsys; any error (a
// syntax error, a page without content) fails the server's start.
func parsePagesFS(fsys fs.FS) (*pages, error) {
	layout, err := template.New("layout").Funcs(templateFuncs).ParseFS(fsys, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(fsys, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(fsys, n)
		if err != nil {
			return nil, err
		}
		if t.Lookup("content") == nil {
			return nil, fmt.Errorf("%s: no content template", n)
		}
		// html/template checks contexts (an unclosed attribute, a value
		// in a script) on the first execution; do it now with empty data so
		// such errors stop the start. Errors from the empty data itself
		// are not escaping errors and are ignored.
		var te *template.Error
		if err := t.ExecuteTemplate(io.Discard, "layout", view{}); errors.As(err, &te) {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// navItem is one link of the main navigation.
type navItem struct {
	Href, Label string
	Current     bool
}

var navLinks = []navItem{
	{Href: "/documents", Label: "Documents"},
	{Href: "/practices", Label: "Practices"},
	{Href: "/provisions", Label: "Provisions"},
	{Href: "/jurisdictions", Label: "Jurisdictions"},
	{Href: "/coverage", Label: "Coverage"},
	{Href: "/compare", Label: "Compare"},
	{Href: "/gaps", Label: "Gaps"},
	{Href: "/markets", Label: "Markets"},
	{Href: "/crosswalk", Label: "Crosswalk"},
	{Href: "/products", Label: "Products"},
	{Href: "/probe-runs", Label: "Probe runs"},
	{Href: "/login", Label: "Sign in"},
}

// view is what every page template receives.
type view struct {
	Title   string
	Version string
	Nav     []navItem
	User    *userView // nil on public, cached pages
	Data    any
}

func (s *Server) newView(r *http.Request, title string, data any) view {
	nav := make([]navItem, len(navLinks))
	copy(nav, navLinks)
	for i := range nav {
		nav[i].Current = r.URL.Path == nav[i].Href || strings.HasPrefix(r.URL.Path, nav[i].Href+"/")
	}
	return view{Title: title, Version: s.version, Nav: nav, Data: data}
}

// render executes a page into a buffer first, so a template error becomes
// a clean error page rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	t := s.pages.byName[name]
	if t == nil {
		s.fail(w, r, fmt.Errorf("web: no page template %q", name))
		return
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "layout", v); err != nil {
		s.fail(w, r, fmt.Errorf("web: render %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// errorView is the data of the error page.
type errorView struct {
	Status  int
	Title   string
	Message string
	ID      string
}

// renderError writes the error page; the status is already written. It
// cannot fail over to another page, so a failure here writes plain text.
func (p *pages) renderError(w io.Writer, e errorView) {
	v := view{Title: e.Title, Nav: navLinks, Data: e}
	t := p.byName["error"]
	if t == nil || t.ExecuteTemplate(w, "layout", v) != nil {
		io.WriteString(w, "error "+e.ID+"\n")
	}
}
