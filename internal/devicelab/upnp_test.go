package devicelab

import (
	"context"
	"io"
	"net/http"
	"net/netip"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/probe/proto"
)

// The description an SSDP answer points to is served without
// authentication and parses as the profile says.
func TestUPnPDescriptionServed(t *testing.T) {
	p, err := ParseProfile("desc", []byte(`
name: cam
http: {port: 18083, auth: basic}
ssdp:
  port: 19003
  description: {manufacturer: "Acme & Co", model_name: Cam, serial_number: SN-1, firmware_version: "2.4.1"}
`))
	if err != nil {
		t.Fatal(err)
	}
	addr := netip.MustParseAddr("127.0.8.53")
	d, err := Start(context.Background(), addr, p, nil)
	if err != nil {
		t.Skipf("cannot start a lab device on %s: %v", addr, err)
	}
	defer d.Close()
	loc := ssdpSearch(t, addr, 19003).Location
	if loc != "http://127.0.8.53:18083/description.xml" {
		t.Fatalf("LOCATION = %q", loc)
	}
	resp, err := http.Get(loc)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d, want 200 without credentials", loc, resp.StatusCode)
	}
	desc, err := proto.ParseUPnPDescription(body)
	if err != nil {
		t.Fatal(err)
	}
	if desc.Manufacturer != "Acme & Co" || desc.ModelName != "Cam" || desc.SerialNumber != "SN-1" || desc.FriendlyName != "cam" ||
		len(desc.Versions) != 1 || desc.Versions[0] != (proto.UPnPField{Name: "firmwareVersion", Value: "2.4.1"}) {
		t.Errorf("served description = %+v", desc)
	}
}

func TestUPnPDescriptionNeedsHTTP(t *testing.T) {
	_, err := ParseProfile("desc.yaml", []byte("ssdp: {port: 1900, description: {serial_number: x}}\n"))
	if err == nil || !strings.Contains(err.Error(), "desc.yaml") || !strings.Contains(err.Error(), "ssdp.description: needs http.port") {
		t.Errorf("err = %v, want one naming the file and ssdp.description", err)
	}
}
