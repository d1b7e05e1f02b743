package check

import (
	"context"
	"net/netip"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/devicelab"
	"github.com/bydesign-iot/bydesign/internal/probe"
)

// runScoped probes a with the UPnP checks inside an explicit scope.
func runScoped(t *testing.T, a netip.Addr, scope string) []probe.Finding {
	t.Helper()
	sc, err := probe.ParseScope(scope)
	if err != nil {
		t.Fatal(err)
	}
	cfg := probe.Config{Scope: sc, Ports: []int{8080}, UDPPorts: []int{1900}, Checks: []probe.Check{UPnPExposure{}, UPnPDescription{}}}
	rep, err := probe.Run(context.Background(), cfg, []netip.Addr{a})
	if err != nil {
		t.Fatal(err)
	}
	return rep.Targets[0].Findings
}

func TestUPnPDescriptionLab(t *testing.T) {
	const full = `{manufacturer: Acme, model_name: AcmeCam IPC, model_number: IPC-200, serial_number: AC200-0001234, firmware_version: 2.4.1}`
	for _, tc := range []struct {
		name, http, ssdp string
		want             probe.Status
		detail           string
	}{
		{"serial and firmware", "{port: 8080, auth: basic}", "{port: 1900, description: " + full + "}",
			probe.Fail, `the UPnP description tells any peer without authentication: serial number, firmwareVersion "2.4.1"`},
		{"model only", "{port: 8080, auth: none}", "{port: 1900, description: {manufacturer: Acme, model_name: Cam}}",
			probe.Pass, "the UPnP description names no serial number or software version (it names manufacturer, modelName)"},
		{"no description", "{port: 8080, auth: basic}", "{port: 1900}",
			probe.Inconclusive, "the description URL answered 404"},
		{"redirect", "{port: 8080, auth: none, redirect: \"http://127.0.9.81:18096\"}", "{port: 1900, description: " + full + "}",
			probe.Inconclusive, "the description URL answered 302; the redirect was not followed"},
		{"name", "{port: 8080}", "{port: 1900, location: \"http://camera.local:8080/description.xml\"}",
			probe.Skipped, `description not fetched: host "camera.local" is not an address, and the probe resolves no names`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hits := decoy(t, "127.0.9.81:18096")
			d := labDevice(t, "credentials: [{user: admin, password: admin}]\nhttp: "+tc.http+"\nssdp: "+tc.ssdp+"\n")
			fs := runScoped(t, d.Addr, d.Addr.String())
			f := find(fs, "upnp-description")[1900]
			if f.Status != tc.want || f.Detail != tc.detail {
				t.Errorf("upnp-description = %s %q, want %s %q\n%+v", f.Status, f.Detail, tc.want, tc.detail, f.Evidence)
			}
			for _, e := range f.Evidence {
				if strings.Contains(e.Seen+e.Sent+e.Note, "AC200-0001234") {
					t.Errorf("evidence copies the serial number: %+v", e)
				}
			}
			if n := hits.Load(); n != 0 {
				t.Errorf("the redirect target outside the scope got %d connections", n)
			}
			if tc.want == probe.Fail {
				if again := runScoped(t, d.Addr, d.Addr.String()); !reflect.DeepEqual(again, fs) {
					t.Errorf("a second run differs:\n%+v\n%+v", fs, again)
				}
			}
		})
	}
}

// A LOCATION pointing anywhere but the target is recorded, never fetched:
// outside the scope, or inside it but another device.
func TestUPnPDescriptionNotFetchedElsewhere(t *testing.T) {
	for _, tc := range []struct {
		name, scope, decoyAt, why string
	}{
		{"outside the scope", "", "127.0.9.82:18095", "host 127.0.9.82 is outside the scope"},
		{"another device in scope", "/24", "", "is inside the scope but is not the target"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := labAddr()
			at := tc.decoyAt
			if at == "" {
				b := a.As4()
				at = netip.AddrPortFrom(netip.AddrFrom4([4]byte{b[0], b[1], b[2], 2}), 18094).String()
			}
			hits := decoy(t, at)
			scope := a.String()
			if tc.scope != "" {
				scope = netip.PrefixFrom(a, 24).Masked().String()
			}
			p, err := devicelab.ParseProfile(t.Name(), []byte("http: {port: 8080}\nssdp: {port: 1900, location: \"http://"+at+"/description.xml\"}\n"))
			if err != nil {
				t.Fatal(err)
			}
			fs := runScoped(t, startLab(t, a.String(), p), scope)
			time.Sleep(20 * time.Millisecond) // let a stray accept be counted
			if n := hits.Load(); n != 0 {
				t.Fatalf("the LOCATION host got %d connections", n)
			}
			f := find(fs, "upnp-description")[1900]
			if f.Status != probe.Skipped || !strings.Contains(f.Detail, tc.why) || len(f.Evidence) != 1 ||
				!strings.HasPrefix(f.Evidence[0].Note, "not fetched: ") || !strings.Contains(f.Evidence[0].Seen, at) {
				t.Errorf("upnp-description = %+v, want skipped: %s, with the LOCATION in evidence", f, tc.why)
			}
			if o := find(fs, "discovery-services")[1900]; o.Status != probe.Observed || !strings.Contains(o.Detail, at) {
				t.Errorf("discovery-services = %+v, want the LOCATION recorded", o)
			}
		})
	}
}

// LOCATION tricks a hostile device may try: every spelling either names
// the target itself, and only the target is asked, or is skipped; neither
// a host outside the scope nor another device inside it gets a packet.
func TestUPnPDescriptionLocationTricks(t *testing.T) {
	const outside = "127.0.9.83:18093"
	for _, tc := range []struct {
		name, loc string // {T} is the target, {N} another address in its /24
		why       string // empty: fetched from the target
	}{
		{"ipv4-mapped target", "http://[::ffff:{T}]:8080/description.xml", ""},
		{"ipv4-mapped neighbour", "http://[::ffff:{N}]:18093/description.xml", "is inside the scope but is not the target"},
		{"ipv4-mapped outside", "http://[::ffff:127.0.9.83]:18093/description.xml", "host 127.0.9.83 is outside the scope"},
		{"zone id", "http://[fe80::1%25lo]:18093/description.xml", "is outside the scope"},
		{"decimal", "http://2130774403:18093/description.xml", "is not an address"},
		{"octal", "http://0177.0.011.0123:18093/description.xml", "is not an address"},
		{"short form", "http://127.1:18093/description.xml", "is not an address"},
		{"trailing dot", "http://{T}.:8080/description.xml", "is not an address"},
		{"userinfo hides the host", "http://{T}:8080@127.0.9.83:18093/description.xml", "host 127.0.9.83 is outside the scope"},
		{"userinfo on the target", "http://127.0.9.83:18093@{T}:8080/description.xml", ""},
		{"other port on the target", "http://{T}:8080/description.xml?next=http://127.0.9.83:18093/", ""},
		{"scheme-relative", "//127.0.9.83:18093/description.xml", `scheme "" is not http or https`},
		{"other scheme", "ftp://{T}:21/description.xml", `scheme "ftp" is not http or https`},
		{"port out of range", "http://{T}:70000/description.xml", `port "70000" is not 1 to 65535`},
		{"name", "http://localhost:18093/description.xml", `host "localhost" is not an address`},
		// The fetch uses the LOCATION as announced, not the printable,
		// shortened copy kept for the evidence.
		{"long query fetched whole", "http://{T}:8080/description.xml?" + strings.Repeat("a", 300), ""},
		{"space in the URL", "http://{T}:8080/desc ription.xml", "spaces or control characters"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := labAddr()
			b := a.As4()
			neighbour := netip.AddrFrom4([4]byte{b[0], b[1], b[2], 2})
			hitsOut := decoy(t, outside)
			hitsIn := decoy(t, netip.AddrPortFrom(neighbour, 18093).String())
			loc := strings.NewReplacer("{T}", a.String(), "{N}", neighbour.String()).Replace(tc.loc)
			p, err := devicelab.ParseProfile(t.Name(), []byte(`http: {port: 8080, auth: none}
ssdp: {port: 1900, location: "`+loc+`", description: {manufacturer: Acme, serial_number: AC200-0001234}}
`))
			if err != nil {
				t.Fatal(err)
			}
			fs := runScoped(t, startLab(t, a.String(), p), netip.PrefixFrom(a, 24).Masked().String())
			time.Sleep(20 * time.Millisecond) // let a stray accept be counted
			if n, m := hitsOut.Load(), hitsIn.Load(); n+m != 0 {
				t.Fatalf("LOCATION %s: %d connections outside the scope, %d to another device", loc, n, m)
			}
			f := find(fs, "upnp-description")[1900]
			if tc.why == "" {
				if f.Status != probe.Fail || len(f.Evidence) != 1 || f.Evidence[0].Sent != "GET http://"+a.String()+":8080/description.xml"+strings.TrimPrefix(loc[strings.Index(loc, "/description.xml"):], "/description.xml") {
					t.Errorf("LOCATION %s: upnp-description = %+v, want fail from a GET to the target", loc, f)
				}
				return
			}
			if f.Status != probe.Skipped || !strings.Contains(f.Detail, tc.why) {
				t.Errorf("LOCATION %s: upnp-description = %s %q, want skipped: %s", loc, f.Status, f.Detail, tc.why)
			}
		})
	}
}
