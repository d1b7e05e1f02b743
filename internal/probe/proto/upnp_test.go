package proto

import (
	"slices"
	"strings"
	"testing"
)

// sampleDescription has the shape of a camera's description: standard
// fields, a vendor firmware element and an embedded device with its own.
const sampleDescription = `<?xml version="1.0" encoding="utf-8"?>
<root xmlns="urn:schemas-upnp-org:device-1-0">
  <specVersion><major>1</major><minor>0</minor></specVersion>
  <device>
    <deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType>
    <friendlyName>Hall camera</friendlyName>
    <manufacturer>Acme</manufacturer>
    <modelName>AcmeCam IPC</modelName>
    <modelNumber>IPC-200</modelNumber>
    <serialNumber>AC200-0001234</serialNumber>
    <UDN>uuid:00000000-0000-0000-0000-7f0009010000</UDN>
    <firmwareVersion>2.4.1 build 230101</firmwareVersion>
    <hardwareVersion>B</hardwareVersion>
    <deviceList>
      <device>
        <deviceType>urn:schemas-upnp-org:device:MediaServer:1</deviceType>
        <serialNumber>ignored: embedded</serialNumber>
        <X_swVersion>1.1</X_swVersion>
      </device>
    </deviceList>
  </device>
</root>`

func TestParseUPnPDescription(t *testing.T) {
	d, err := ParseUPnPDescription([]byte(sampleDescription))
	if err != nil {
		t.Fatal(err)
	}
	if d.Manufacturer != "Acme" || d.ModelName != "AcmeCam IPC" || d.ModelNumber != "IPC-200" ||
		d.SerialNumber != "AC200-0001234" || d.FriendlyName != "Hall camera" || !strings.HasPrefix(d.UDN, "uuid:") {
		t.Errorf("root device fields = %+v", d)
	}
	want := []UPnPField{{"firmwareVersion", "2.4.1 build 230101"}, {"X_swVersion", "1.1"}}
	if !slices.Equal(d.Versions, want) {
		t.Errorf("versions = %+v, want %+v (hardware and spec versions are not software)", d.Versions, want)
	}
	if got := strings.Join(d.Discloses(), ","); got != "manufacturer,modelName,modelNumber,serialNumber,firmwareVersion,X_swVersion" {
		t.Errorf("discloses = %s", got)
	}
}

func TestParseUPnPDescriptionErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<html><body>hi</body></html>", "line 1: root element <html>, want <root>"},
		{"<root>\n<specVersion/>\n</root>", "no <device> under <root>"},
		{"<root>\n<device>\n<serialNumber>1</device></root>", "line 3"},
		{`<?xml version="1.0" encoding="UTF-16"?><root/>`, `encoding "UTF-16" is not UTF-8`},
		{"<root><device><x>&bomb;</x></device></root>", "entity"},
		{strings.Repeat("<root>", 40), "nested deeper than 32"},
		{"<root><device>" + strings.Repeat(" ", MaxUPnPDescription) + "</device></root>", "more than 65536"},
	} {
		_, err := ParseUPnPDescription([]byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%.40q: err = %v, want it to mention %q", tc.in, err, tc.want)
		}
	}
}
