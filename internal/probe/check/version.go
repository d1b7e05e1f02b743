package check

import (
	"context"
	"regexp"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// VersionDisclosure flags banners that tell an unauthenticated client the
// exact software version, which lets an attacker pick matching exploits.
type VersionDisclosure struct{}

func (VersionDisclosure) Meta() probe.Meta {
	return probe.Meta{ID: "version-disclosure", Title: "Software versions disclosed to unauthenticated clients",
		Phase: probe.PhaseObserve, Practices: []string{pAttackSurface},
		Provisions: []string{"etsi-en-303-645/5.6-2", "eu-cra/CRA-AI-P1-2j"}}
}

// versionToken matches "name/1.2", "name_2022.83", "name 1.2.3", "v1.2".
var versionToken = regexp.MustCompile(`(?i)\b[a-z][a-z0-9.+-]*[/_ -]v?\d+\.\d+[0-9a-z.+~-]*|\bv\d+\.\d+[0-9a-z.-]*`)

func (VersionDisclosure) Run(_ context.Context, t *probe.Target) []probe.Finding {
	var out []probe.Finding
	for _, s := range t.Services {
		text := s.Software + " " + s.Banner
		if s.Software == "" && s.Banner == "" {
			continue
		}
		f := probe.Finding{Port: s.Port, Transport: s.Transport, Service: s.Name,
			Evidence: []probe.Step{{Sent: "handshake probes", Seen: "software " + quoteOrDash(s.Software) + ", banner " + quoteOrDash(s.Banner)}}}
		if v := versionToken.FindString(text); v != "" {
			f.Status, f.Detail = probe.Fail, "version disclosed: "+v
		} else {
			f.Status, f.Detail = probe.Pass, "banner names no version"
		}
		out = append(out, f)
	}
	return out
}

func quoteOrDash(s string) string {
	if s == "" {
		return "-"
	}
	return `"` + s + `"`
}
