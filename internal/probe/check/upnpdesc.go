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

	"github.com/bydesign-iot/bydesign/internal/probe"
	"github.com/bydesign-iot/bydesign/internal/probe/proto"
)

// UPnPDescription fetches the device description an SSDP answer points to,
// with one GET, only when the LOCATION names the target itself by address
// (inside the scope); a serial number or software version in it is told to
// any peer without authentication.
type UPnPDescription struct{}

func (UPnPDescription) Meta() probe.Meta {
	return probe.Meta{ID: "upnp-description", Title: "UPnP device description discloses serial number or software version",
		Phase: probe.PhaseObserve, Practices: []string{pAttackSurface, pDeviceID},
		Provisions: []string{"etsi-en-303-645/5.6-2", "eu-cra/CRA-AI-P1-2j"}}
}

func (UPnPDescription) Run(ctx context.Context, t *probe.Target) []probe.Finding {
	var out []probe.Finding
	for _, s := range t.ServicesNamed(probe.SvcSSDP) {
		out = append(out, upnpDescription(ctx, t, s))
	}
	return out
}

func upnpDescription(ctx context.Context, t *probe.Target, s probe.Service) probe.Finding {
	f := probe.Finding{Port: s.Port, Transport: s.Transport, Service: s.Name}
	loc := s.Location // as announced; s.Banner is the printable copy for evidence
	u, port, why := fetchable(t, loc)
	switch {
	case loc == "" && s.Banner != "":
		why = "the LOCATION is longer than the probe fetches"
	case strings.ContainsFunc(loc, func(r rune) bool { return r < 0x21 || r == 0x7f }):
		why = "the LOCATION holds spaces or control characters"
	}
	loc = s.Banner
	if why != "" {
		f.Status, f.Detail = probe.Skipped, "description not fetched: "+why
		f.Evidence = []probe.Step{{Seen: "LOCATION " + quoteOrDash(loc), Note: "not fetched: " + why}}
		return f
	}
	useTLS := u.Scheme == "https"
	target := t.URL(port, useTLS, u.RequestURI())
	sent := "GET " + target
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return inconclusive(f, "cannot build the request: "+err.Error())
	}
	resp, err := t.HTTPClient(port, useTLS).Do(req)
	if err != nil {
		f.Status, f.Detail = probe.StatusOf(err), "GET failed: "+errText(err)
		if f.Status == probe.Pass {
			f.Status = probe.Inconclusive
		}
		f.Evidence = []probe.Step{{Sent: sent, Seen: errText(err)}}
		return f
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 == 3 {
		f.Evidence = []probe.Step{{Sent: sent, Seen: fmt.Sprintf("%d to %s", resp.StatusCode, quoteOrDash(resp.Header.Get("Location"))), Note: "redirects are not followed"}}
		return inconclusive(f, fmt.Sprintf("the description URL answered %d; the redirect was not followed", resp.StatusCode))
	}
	if resp.StatusCode != http.StatusOK {
		f.Evidence = []probe.Step{{Sent: sent, Seen: resp.Status}}
		return inconclusive(f, fmt.Sprintf("the description URL answered %d", resp.StatusCode))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, proto.MaxUPnPDescription+1))
	if err != nil {
		f.Evidence = []probe.Step{{Sent: sent, Seen: "200, then " + errText(err)}}
		return inconclusive(f, "reading the description failed: "+errText(err))
	}
	if len(body) > proto.MaxUPnPDescription {
		f.Evidence = []probe.Step{{Sent: sent, Seen: fmt.Sprintf("200, more than %d bytes", proto.MaxUPnPDescription)}}
		return inconclusive(f, fmt.Sprintf("the description is larger than %d bytes: not read further", proto.MaxUPnPDescription))
	}
	d, err := proto.ParseUPnPDescription(body)
	if err != nil {
		f.Evidence = []probe.Step{{Sent: sent, Seen: fmt.Sprintf("200, %d bytes", len(body))}}
		return inconclusive(f, "not a UPnP description: "+err.Error())
	}
	f.Evidence = []probe.Step{{Sent: sent, Seen: fmt.Sprintf("200, %d bytes: %s", len(body), describe(d))}}
	var told []string
	if d.SerialNumber != "" {
		told = append(told, "serial number")
		f.Evidence[0].Note = "the serial number is reported by its length, not copied"
	}
	for _, v := range d.Versions {
		told = append(told, fmt.Sprintf("%s %q", v.Name, v.Value))
	}
	if len(told) > 0 {
		f.Status, f.Detail = probe.Fail, "the UPnP description tells any peer without authentication: "+strings.Join(told, ", ")
		return f
	}
	f.Status = probe.Pass
	f.Detail = "the UPnP description names no serial number or software version"
	if names := d.Discloses(); len(names) > 0 {
		f.Detail += " (it names " + strings.Join(names, ", ") + ")"
	}
	return f
}

// fetchable decides whether LOCATION may be fetched: an http or https URL
// whose host is the target's own address, written as an address (names
// are never resolved), inside the scope. It returns the URL and port, or
// why not.
func fetchable(t *probe.Target, loc string) (*url.URL, int, string) {
	u, err := url.Parse(loc)
	if err != nil || loc == "" {
		return nil, 0, "LOCATION is not a URL"
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, 0, fmt.Sprintf("scheme %q is not http or https", u.Scheme)
	}
	a, err := netip.ParseAddr(u.Hostname())
	if err != nil {
		return nil, 0, fmt.Sprintf("host %q is not an address, and the probe resolves no names", u.Hostname())
	}
	a = a.Unmap()
	if err := t.Config().Scope.Allows(a, time.Now()); err != nil {
		return nil, 0, fmt.Sprintf("host %s is outside the scope", a)
	}
	if a != t.Addr {
		return nil, 0, fmt.Sprintf("host %s is inside the scope but is not the target %s", a, t.Addr)
	}
	port := 80
	if u.Scheme == "https" {
		port = 443
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return nil, 0, fmt.Sprintf("port %q is not 1 to 65535", p)
		}
		port = n
	}
	return u, port, ""
}

// describe lists the disclosed fields for evidence, the serial number by
// its length only.
func describe(d proto.UPnPDescription) string {
	var parts []string
	for _, f := range []struct{ name, v string }{
		{"manufacturer", d.Manufacturer}, {"modelName", d.ModelName}, {"modelNumber", d.ModelNumber},
	} {
		if f.v != "" {
			parts = append(parts, fmt.Sprintf("%s %q", f.name, f.v))
		}
	}
	if d.SerialNumber != "" {
		parts = append(parts, fmt.Sprintf("serialNumber (%d characters)", len(d.SerialNumber)))
	}
	for _, v := range d.Versions {
		parts = append(parts, fmt.Sprintf("%s %q", v.Name, v.Value))
	}
	if len(parts) == 0 {
		return "no identifying fields"
	}
	return strings.Join(parts, ", ")
}
