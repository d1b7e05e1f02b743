package check

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bydesign-iot/bydesign/internal/disclose/securitytxt"
	"github.com/bydesign-iot/bydesign/internal/probe"
)

const pVulnDisclosure = "vulnerability-disclosure"

// SecurityTxt fetches /.well-known/security.txt from every web service of
// the device, and VendorURL when set, and validates it against RFC 9116.
// Redirects are recorded, never followed: they could lead out of scope.
type SecurityTxt struct {
	// VendorURL is a security.txt on the vendor's site. It is fetched only
	// from the target whose address is the URL's host, so it must be an IP
	// literal inside the scope; host names are not resolved, since a DNS
	// query would itself leave the scope.
	VendorURL string
}

func (SecurityTxt) Meta() probe.Meta {
	return probe.Meta{ID: "security-txt", Title: "security.txt (RFC 9116) on the device and vendor site",
		Phase: probe.PhaseObserve, Practices: []string{pVulnDisclosure},
		Provisions: []string{"etsi-en-303-645/5.2-1", "uk-psti/sch1-2", "eu-cra/CRA-AI-P2-5", "eu-cra/CRA-AI-P2-6",
			"au-smart-device-rules/sch1-cl3", "jp-jc-star/S1.1-05"}}
}

func (c SecurityTxt) Run(ctx context.Context, t *probe.Target) []probe.Finding {
	var out []probe.Finding
	// Unnamed TLS services are asked too: a web server the engine could not
	// name over TLS would otherwise be missed. If they do not answer HTTP,
	// they say nothing about disclosure and give no finding.
	for _, s := range t.ServicesNamed(probe.SvcHTTP, probe.SvcHTTPS, probe.SvcTLS) {
		useTLS := s.Name != probe.SvcHTTP
		f, answered := fetchSecurityTxt(ctx, t, s.Port, useTLS, securitytxt.WellKnownPath, false)
		if !answered && s.Name == probe.SvcTLS {
			continue
		}
		f.Service = s.Name
		out = append(out, f)
	}
	if c.VendorURL != "" {
		if f, ok := c.vendor(ctx, t); ok {
			out = append(out, f)
		}
	}
	return out
}

// vendor fetches VendorURL when the target is its host.
func (c SecurityTxt) vendor(ctx context.Context, t *probe.Target) (probe.Finding, bool) {
	f := probe.Finding{Transport: "tcp", Service: probe.SvcHTTPS}
	u, err := url.Parse(c.VendorURL)
	if err != nil || u.Host == "" {
		f.Status, f.Detail = probe.Inconclusive, fmt.Sprintf("vendor URL %q is not an absolute URL", c.VendorURL)
		return f, true
	}
	host, err := netip.ParseAddr(strings.Trim(u.Hostname(), "[]"))
	if err != nil {
		f.Status = probe.Skipped
		f.Detail = fmt.Sprintf("vendor URL host %q is a name; give the vendor address as an IP literal in scope", u.Hostname())
		return f, true
	}
	if !t.Config().Scope.Contains(host) {
		f.Status, f.Detail = probe.OutOfScope, fmt.Sprintf("vendor URL %s is outside the scope; nothing sent", c.VendorURL)
		return f, true // reported on every target of the run; nothing is dialled
	}
	if host.Unmap() != t.Addr.Unmap() {
		return f, false // another target in scope owns it
	}
	useTLS := u.Scheme == "https"
	port := 80
	if useTLS {
		port = 443
	}
	if p := u.Port(); p != "" {
		port, _ = strconv.Atoi(p)
	}
	f, _ = fetchSecurityTxt(ctx, t, port, useTLS, u.EscapedPath(), true)
	f.Detail = "vendor site: " + f.Detail
	return f, true
}

// fetchSecurityTxt GETs path and judges the answer. Absence on a device is
// only observed (the policy may be published elsewhere); absence at a
// vendor URL the operator named fails. answered reports whether an HTTP
// response came back at all.
func fetchSecurityTxt(ctx context.Context, t *probe.Target, port int, useTLS bool, path string, vendor bool) (f probe.Finding, answered bool) {
	target := t.URL(port, useTLS, path)
	f = probe.Finding{Port: port, Transport: "tcp", Service: probe.SvcHTTP}
	if useTLS {
		f.Service = probe.SvcHTTPS
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		f.Status, f.Detail = probe.Inconclusive, err.Error()
		return f, false
	}
	resp, err := t.HTTPClient(port, useTLS).Do(req)
	sent := "GET " + target
	if err != nil {
		f.Status, f.Detail = probe.StatusOf(err), "no answer: "+err.Error()
		f.Evidence = []probe.Step{{Sent: sent, Seen: err.Error()}}
		return f, false
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, securitytxt.DefaultMaxSize+1))
	seen := fmt.Sprintf("%s, Content-Type %q, %d bytes", resp.Status, resp.Header.Get("Content-Type"), len(body))
	f.Evidence = []probe.Step{{Sent: sent, Seen: seen}}
	switch {
	case err != nil:
		f.Status, f.Detail = probe.StatusOf(err), "reading the body: "+err.Error()
		return f, true
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		f.Status = probe.Observed
		f.Detail = fmt.Sprintf("%s redirects to %q; not followed, it may lead out of scope", path, resp.Header.Get("Location"))
		return f, true
	case resp.StatusCode != http.StatusOK:
		f.Status, f.Detail = probe.Observed, fmt.Sprintf("no security.txt at %s (%s)", path, resp.Status)
		if vendor {
			f.Status = probe.Fail
		}
		return f, true
	}
	res := securitytxt.Parse(body, securitytxt.Options{Now: time.Now(), URL: target})
	if p := securitytxt.CheckContentType(resp.Header.Get("Content-Type")); p != nil {
		res.Problems = append(res.Problems, *p)
	}
	if !useTLS {
		res.Problems = append(res.Problems, securitytxt.Problem{Severity: securitytxt.Error, Code: "not-https",
			Message: "served over plain HTTP; RFC 9116 requires HTTPS"})
	}
	var errs []string
	for _, p := range res.Problems {
		step := probe.Step{Note: fmt.Sprintf("%s %s: %s", p.Severity, p.Code, p.Message)}
		if p.Line > 0 {
			step.Seen = fmt.Sprintf("line %d", p.Line)
		}
		f.Evidence = append(f.Evidence, step)
		if p.Severity == securitytxt.Error {
			errs = append(errs, p.Code)
		}
	}
	summary := fmt.Sprintf("%d contact(s)", len(res.File.Contact))
	if res.File.Expires != nil {
		summary += ", expires " + res.File.Expires.UTC().Format("2006-01-02")
	}
	if res.File.Signed {
		summary += ", signed (signature not verified)"
	}
	if len(errs) > 0 {
		f.Status, f.Detail = probe.Fail, fmt.Sprintf("security.txt at %s has errors: %s; %s", path, strings.Join(errs, ", "), summary)
	} else {
		f.Status, f.Detail = probe.Pass, fmt.Sprintf("valid security.txt at %s: %s", path, summary)
	}
	return f, true
}

// WithVendorURL returns checks with the security.txt check set to also fetch
// rawURL. The URL's host must be an IP literal inside scope and one of the
// targets, so a bad URL stops the run before anything is sent.
func WithVendorURL(checks []probe.Check, rawURL string, scope *probe.Scope, targets []netip.Addr) ([]probe.Check, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("%q is not an http(s) URL", rawURL)
	}
	host, err := netip.ParseAddr(u.Hostname())
	if err != nil {
		return nil, fmt.Errorf("host %q is not an IP address; names are not resolved, since the lookup would leave the scope", u.Hostname())
	}
	if scope == nil || !scope.Contains(host) {
		return nil, fmt.Errorf("%s is outside the scope", host)
	}
	found := false
	for _, t := range targets {
		found = found || t.Unmap() == host.Unmap()
	}
	if !found {
		return nil, fmt.Errorf("%s must also be given as a target", host)
	}
	out := make([]probe.Check, 0, len(checks))
	set := false
	for _, c := range checks {
		if _, ok := c.(SecurityTxt); ok {
			c, set = SecurityTxt{VendorURL: rawURL}, true
		}
		out = append(out, c)
	}
	if !set {
		return nil, fmt.Errorf("the security-txt check is not in the run")
	}
	return out, nil
}
