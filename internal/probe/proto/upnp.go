package proto

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// UPnPDescription is what a UPnP device description document (UPnP Device
// Architecture 2.0 §2.3) says about its root device.
type UPnPDescription struct {
	DeviceType   string
	FriendlyName string
	Manufacturer string
	ModelName    string
	ModelNumber  string
	SerialNumber string
	UDN          string
	// Versions are the firmware- or software-version-like elements, which
	// the standard does not define but vendors add, from the root device
	// and its embedded devices, in document order.
	Versions []UPnPField
}

// UPnPField is one element of a description: its local name and text.
type UPnPField struct {
	Name  string
	Value string
}

// Bounds for a description: devices send a few KB.
const (
	MaxUPnPDescription = 64 << 10
	maxUPnPDepth       = 32
	maxUPnPVersions    = 16
	maxUPnPValue       = 200
)

// ParseUPnPDescription reads a device description. Errors name the line.
// Entities beyond XML's own five are refused by encoding/xml, so no
// expansion can grow the input.
func ParseUPnPDescription(b []byte) (UPnPDescription, error) {
	var d UPnPDescription
	if len(b) > MaxUPnPDescription {
		return d, fmt.Errorf("upnp description: %d bytes, more than %d", len(b), MaxUPnPDescription)
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		// Descriptions are UTF-8 by the standard; ASCII labels are a subset.
		if l := strings.ToLower(label); l == "us-ascii" || l == "ascii" {
			return r, nil
		}
		return nil, fmt.Errorf("encoding %q is not UTF-8", clipText(label, 20))
	}
	var path []string // local names from <root> down
	var text strings.Builder
	sawDevice := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := dec.InputPos()
		if err != nil {
			return d, fmt.Errorf("upnp description: line %d: %w", line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(path) == 0 && t.Name.Local != "root" {
				return d, fmt.Errorf("upnp description: line %d: root element <%s>, want <root>", line, clipText(t.Name.Local, 40))
			}
			if len(path) >= maxUPnPDepth {
				return d, fmt.Errorf("upnp description: line %d: elements nested deeper than %d", line, maxUPnPDepth)
			}
			path = append(path, t.Name.Local)
			sawDevice = sawDevice || (len(path) == 2 && t.Name.Local == "device")
			text.Reset()
		case xml.CharData:
			if text.Len() < maxUPnPValue*4 {
				text.Write(t)
			}
		case xml.EndElement:
			d.set(path, strings.TrimSpace(text.String()))
			path = path[:len(path)-1]
			text.Reset()
		}
	}
	if !sawDevice {
		return d, errors.New("upnp description: no <device> under <root>")
	}
	return d, nil
}

// set records the text of the element at path if it is a field we read.
func (d *UPnPDescription) set(path []string, v string) {
	if v == "" || len(path) < 3 || path[1] != "device" {
		return
	}
	v = clipText(v, maxUPnPValue)
	name := path[len(path)-1]
	if len(path) == 3 {
		for _, f := range []struct {
			name string
			dst  *string
		}{
			{"deviceType", &d.DeviceType}, {"friendlyName", &d.FriendlyName}, {"manufacturer", &d.Manufacturer},
			{"modelName", &d.ModelName}, {"modelNumber", &d.ModelNumber}, {"serialNumber", &d.SerialNumber}, {"UDN", &d.UDN},
		} {
			if name == f.name && *f.dst == "" {
				*f.dst = v
				return
			}
		}
	}
	if versionLike(name) && len(d.Versions) < maxUPnPVersions {
		d.Versions = append(d.Versions, UPnPField{Name: clipText(name, 40), Value: v})
	}
}

// versionLike matches vendor elements such as firmwareVersion,
// softwareVersion, fwVersion, swVersion or X_FirmwareRevision; specVersion
// (the UPnP version) and hardware versions do not count.
func versionLike(name string) bool {
	l := strings.ToLower(name)
	switch {
	case l == "specversion" || strings.Contains(l, "hardware") || strings.HasPrefix(l, "hw"):
		return false
	case strings.Contains(l, "firmware"), strings.Contains(l, "software"):
		return true
	}
	return strings.HasSuffix(l, "fwversion") || strings.HasSuffix(l, "swversion") || l == "version"
}

// Discloses lists what the description tells an unauthenticated peer
// about the unit and its software, by element name, in a fixed order.
func (d UPnPDescription) Discloses() []string {
	var out []string
	for _, f := range []struct{ name, v string }{
		{"manufacturer", d.Manufacturer}, {"modelName", d.ModelName}, {"modelNumber", d.ModelNumber}, {"serialNumber", d.SerialNumber},
	} {
		if f.v != "" {
			out = append(out, f.name)
		}
	}
	for _, v := range d.Versions {
		out = append(out, v.Name)
	}
	return out
}
