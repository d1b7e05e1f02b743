package check

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// HTTPConfigPages asks for well-known configuration pages without
// credentials. A 200 whose body looks like settings (and is not a login
// form) means configuration is readable by anyone on the network.
type HTTPConfigPages struct{}

func (HTTPConfigPages) Meta() probe.Meta {
	return probe.Meta{ID: "http-config-unauthenticated", Title: "Web configuration readable without authentication",
		Phase: probe.PhaseObserve, Practices: []string{pNetworkSecurity, pAttackSurface},
		Provisions: []string{"etsi-en-303-645/5.5-4", "etsi-en-303-645/5.5-5", "eu-cra/CRA-AI-P1-2d"}}
}

// configPaths are configuration and backup locations found on consumer
// routers and cameras.
var configPaths = []string{"/config", "/config.json", "/settings", "/setup.cgi", "/cgi-bin/config.cgi", "/system.ini", "/api/config", "/backup.cfg"}

var configWords = regexp.MustCompile(`(?i)(password|passwd|ssid|wpa|admin_user|"config"|\[system\]|settings)`)

func (HTTPConfigPages) Run(ctx context.Context, t *probe.Target) []probe.Finding {
	var out []probe.Finding
	for _, s := range t.ServicesNamed(probe.SvcHTTP, probe.SvcHTTPS) {
		f := probe.Finding{Port: s.Port, Transport: s.Transport, Service: s.Name}
		var open []string
		errs, echoes := 0, 0
		catchAll, step := fetchCatchAll(ctx, t, s)
		if step.Sent != "" {
			f.Evidence = append(f.Evidence, step)
		}
		for _, p := range configPaths {
			resp, body, err := httpGet(ctx, t, s, p, "")
			if err != nil {
				errs++
				f.Evidence = append(f.Evidence, probe.Step{Sent: "GET " + p, Seen: errText(err)})
				continue
			}
			_, isForm := findLoginForm(body)
			step := probe.Step{Sent: "GET " + p, Seen: resp.Status}
			switch {
			case resp.StatusCode == http.StatusOK && catchAll.same(body):
				echoes++
				step.Seen += ", the same page as the path that cannot exist"
			case resp.StatusCode == http.StatusOK && !isForm && configWords.MatchString(body):
				open = append(open, p)
				step.Seen += fmt.Sprintf(", %d bytes of settings (content withheld)", len(body))
			}
			if resp.StatusCode != http.StatusNotFound {
				f.Evidence = append(f.Evidence, step)
			}
		}
		switch {
		case len(open) > 0:
			f.Status, f.Detail = probe.Fail, "configuration readable without authentication at "+strings.Join(open, ", ")
		case errs == len(configPaths):
			f.Status, f.Detail = probe.Inconclusive, "no configuration path could be fetched"
		default:
			f.Status, f.Detail = probe.Pass, fmt.Sprintf("none of %d known configuration paths is readable without authentication", len(configPaths))
			if echoes > 0 {
				f.Detail += fmt.Sprintf(" (%d answered with the page the server gives for any path)", echoes)
			}
		}
		out = append(out, f)
	}
	return out
}

// catchAllPage is what a server answers for a path that cannot exist. A
// single-page app answers every path with its one page, so a 200 on a
// configuration path with that same page is no evidence.
type catchAllPage struct {
	ok   bool
	size int
	sum  [32]byte
}

func (c catchAllPage) same(body string) bool {
	return c.ok && (len(body) == c.size || sha256.Sum256([]byte(body)) == c.sum)
}

// fetchCatchAll asks for a random path first.
func fetchCatchAll(ctx context.Context, t *probe.Target, s probe.Service) (catchAllPage, probe.Step) {
	b := make([]byte, 8)
	rand.Read(b)
	path := "/bydesign-" + hex.EncodeToString(b)
	resp, body, err := httpGet(ctx, t, s, path, "")
	step := probe.Step{Sent: "GET a random path that cannot exist"}
	if err != nil {
		step.Seen = errText(err)
		return catchAllPage{}, step
	}
	if resp.StatusCode != http.StatusOK {
		return catchAllPage{}, probe.Step{} // the usual 404: nothing to record
	}
	step.Seen = fmt.Sprintf("%s, %d bytes: the server answers any path with a page", resp.Status, len(body))
	return catchAllPage{ok: true, size: len(body), sum: sha256.Sum256([]byte(body))}, step
}
