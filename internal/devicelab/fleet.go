package devicelab

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/netip"
	"os"
	"sort"
	"strings"
)

//go:embed profiles/*.yaml
var builtinProfiles embed.FS

// BuiltinProfiles lists the names of the embedded profiles.
func BuiltinProfiles() []string {
	ents, _ := fs.ReadDir(builtinProfiles, "profiles")
	var out []string
	for _, e := range ents {
		out = append(out, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(out)
	return out
}

// LoadProfile reads a built-in profile by name or a profile file by path.
func LoadProfile(nameOrPath string) (*Profile, error) {
	if b, err := builtinProfiles.ReadFile("profiles/" + nameOrPath + ".yaml"); err == nil {
		return ParseProfile(nameOrPath, b)
	}
	b, err := os.ReadFile(nameOrPath)
	if err != nil {
		return nil, fmt.Errorf("devicelab: profile %q is neither built in (%s) nor a readable file: %w", nameOrPath, strings.Join(BuiltinProfiles(), ", "), err)
	}
	return ParseProfile(nameOrPath, b)
}

// FleetAddrs returns n loopback addresses from base, skipping host parts
// .0 and .255 so every address looks like a usable host.
func FleetAddrs(base netip.Addr, n int) ([]netip.Addr, error) {
	if !base.Is4() || !base.IsLoopback() {
		return nil, fmt.Errorf("devicelab: base %s is not an IPv4 loopback address", base)
	}
	var out []netip.Addr
	for a := base; len(out) < n; a = a.Next() {
		if !a.IsValid() || !a.IsLoopback() {
			return nil, fmt.Errorf("devicelab: %d devices from %s leave 127.0.0.0/8", n, base)
		}
		if last := a.As4()[3]; last == 0 || last == 255 {
			continue
		}
		out = append(out, a)
	}
	return out, nil
}

// Fleet is a set of running devices sharing one profile.
type Fleet struct{ Devices []*Device }

// StartFleet starts n devices from base with profile p.
func StartFleet(ctx context.Context, base netip.Addr, n int, p *Profile, log *slog.Logger) (*Fleet, error) {
	addrs, err := FleetAddrs(base, n)
	if err != nil {
		return nil, err
	}
	f := &Fleet{}
	for _, a := range addrs {
		d, err := Start(ctx, a, p, log)
		if err != nil {
			f.Close()
			return nil, err
		}
		f.Devices = append(f.Devices, d)
	}
	return f, nil
}

// Close stops every device.
func (f *Fleet) Close() error {
	var errs []error
	for _, d := range f.Devices {
		errs = append(errs, d.Close())
	}
	return errors.Join(errs...)
}

// Ports lists a profile's services as "name/port" for display.
func Ports(p *Profile) []string {
	var out []string
	add := func(name string, port int) {
		if port > 0 {
			out = append(out, fmt.Sprintf("%s/%d", name, port))
		}
	}
	if p.Telnet != nil {
		add("telnet", p.Telnet.Port)
	}
	if p.SSH != nil {
		add("ssh", p.SSH.Port)
	}
	if p.FTP != nil {
		add("ftp", p.FTP.Port)
	}
	if p.HTTP != nil {
		add("http", p.HTTP.Port)
	}
	if p.MQTT != nil {
		add("mqtt", p.MQTT.Port)
	}
	if p.RTSP != nil {
		add("rtsp", p.RTSP.Port)
	}
	if p.SSDP != nil {
		add("ssdp-udp", p.SSDP.Port)
	}
	if p.MDNS != nil {
		add("mdns-udp", p.MDNS.Port)
	}
	return out
}
