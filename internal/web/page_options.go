package web

import (
	"html/template"
	"net/url"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

// option is one choice of a select box.
type option struct{ Value, Label string }

// options are the choices the filter forms offer, built from the catalog.
type options struct {
	Regions       []option
	M49           []option
	Jurisdictions []option
	Kinds         []option
	LegalForces   []option
	Categories    []option
	Practices     []option
	Documents     []option
	Modalities    []option
	Verifications []option
	Stakeholders  []option
}

func plain(vals []string) []option {
	out := make([]option, len(vals))
	for i, v := range vals {
		out[i] = option{v, v}
	}
	return out
}

func (s *Server) options() options {
	o := options{
		Regions: plain(s.indexes.groups), M49: plain(s.indexes.m49),
		Kinds: plain(catalog.DocumentKinds), LegalForces: plain(catalog.LegalForces),
		Modalities: plain(catalog.Modalities), Verifications: plain(catalog.Verifications),
		Stakeholders: plain(catalog.Stakeholders),
	}
	for _, j := range s.cat.Jurisdictions {
		o.Jurisdictions = append(o.Jurisdictions, option{j.ID, j.Name + " (" + j.ID + ")"})
	}
	for _, c := range s.cat.Categories {
		o.Categories = append(o.Categories, option{c.ID, c.Name})
	}
	for _, p := range s.cat.Practices {
		o.Practices = append(o.Practices, option{p.ID, p.Name})
	}
	for _, d := range s.cat.Documents {
		label := d.Title
		if d.ShortTitle != "" {
			label = d.ShortTitle
		}
		o.Documents = append(o.Documents, option{d.ID, label})
	}
	return o
}

// queryURL encodes validated parameters for a link. The result is fully
// percent-encoded, so marking it as a URL for html/template is safe and
// keeps the template from escaping "=" and "&" a second time.
func queryURL(v url.Values) template.URL { return template.URL(v.Encode()) }
