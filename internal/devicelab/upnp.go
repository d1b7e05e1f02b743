package devicelab

import (
	"bytes"
	"encoding/xml"
)

// descriptionPath is where the lab's HTTP server serves the UPnP device
// description that SSDP answers point to.
const descriptionPath = "/description.xml"

// descriptionXML renders a UPnP device description (UPnP Device
// Architecture 2.0 §2.3) with the profile's fields; the firmware version
// goes in a vendor element, as real devices put it.
func (d *Device) descriptionXML(u *UPnPDescription) []byte {
	type device struct {
		DeviceType      string `xml:"deviceType"`
		FriendlyName    string `xml:"friendlyName"`
		Manufacturer    string `xml:"manufacturer,omitempty"`
		ModelName       string `xml:"modelName,omitempty"`
		ModelNumber     string `xml:"modelNumber,omitempty"`
		SerialNumber    string `xml:"serialNumber,omitempty"`
		UDN             string `xml:"UDN"`
		FirmwareVersion string `xml:"firmwareVersion,omitempty"`
	}
	type root struct {
		XMLName xml.Name `xml:"urn:schemas-upnp-org:device-1-0 root"`
		Major   int      `xml:"specVersion>major"`
		Minor   int      `xml:"specVersion>minor"`
		Device  device   `xml:"device"`
	}
	doc := root{Major: 1, Minor: 0, Device: device{
		DeviceType: "urn:schemas-upnp-org:device:Basic:1", FriendlyName: d.Profile.Name,
		Manufacturer: u.Manufacturer, ModelName: u.ModelName, ModelNumber: u.ModelNumber,
		SerialNumber: u.SerialNumber, UDN: "uuid:00000000-0000-0000-0000-" + usnNode(d.Addr),
		FirmwareVersion: u.FirmwareVersion,
	}}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	enc.Encode(doc) // plain strings and ints: encoding cannot fail
	return b.Bytes()
}
