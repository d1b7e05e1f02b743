// Package devicelab runs simulated IoT devices on loopback addresses, with
// configurable credentials, lockout or throttling, banners, TLS, MQTT
// anonymous access, security.txt and flood behaviour. Tests, demos and
// benchmarks probe it; it never listens outside 127.0.0.0/8 or ::1.
package devicelab

import (
	"bytes"
	"fmt"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/bydesign-iot/bydesign/internal/yamlx"
)

// Profile describes one simulated device. A zero port disables a service.
type Profile struct {
	Name        string       `yaml:"name" json:"name"`
	Credentials []Credential `yaml:"credentials" json:"credentials"`
	Lockout     *Lockout     `yaml:"lockout,omitempty" json:"lockout,omitempty"`
	Throttle    *Throttle    `yaml:"throttle,omitempty" json:"throttle,omitempty"`
	Flood       *Flood       `yaml:"flood,omitempty" json:"flood,omitempty"`
	Telnet      *Telnet      `yaml:"telnet,omitempty" json:"telnet,omitempty"`
	SSH         *SSH         `yaml:"ssh,omitempty" json:"ssh,omitempty"`
	FTP         *FTP         `yaml:"ftp,omitempty" json:"ftp,omitempty"`
	HTTP        *HTTP        `yaml:"http,omitempty" json:"http,omitempty"`
	MQTT        *MQTT        `yaml:"mqtt,omitempty" json:"mqtt,omitempty"`
	RTSP        *RTSP        `yaml:"rtsp,omitempty" json:"rtsp,omitempty"`
	SSDP        *SSDP        `yaml:"ssdp,omitempty" json:"ssdp,omitempty"`
	MDNS        *UDPService  `yaml:"mdns,omitempty" json:"mdns,omitempty"`
}

// Credential is an account the device accepts.
type Credential struct {
	User     string `yaml:"user" json:"user"`
	Password string `yaml:"password" json:"password"`
}

// Lockout blocks every login service after After consecutive failures, for
// Duration; while locked, TCP connections are closed at once.
type Lockout struct {
	After    int      `yaml:"after" json:"after"`
	Duration Duration `yaml:"duration" json:"duration"`
}

// Throttle delays the answer to each failed login by Step times the number
// of consecutive failures.
type Throttle struct {
	Step Duration `yaml:"step" json:"step"`
}

// Flood limits concurrent connections: beyond MaxConns new connections are
// closed at once, and after an overload the device stays unavailable for
// Recovery (a small device restarting its services).
type Flood struct {
	MaxConns int      `yaml:"max_conns" json:"max_conns"`
	Recovery Duration `yaml:"recovery" json:"recovery"`
}

type Telnet struct {
	Port    int    `yaml:"port" json:"port"`
	Banner  string `yaml:"banner" json:"banner"`     // printed before the login prompt
	NoLogin bool   `yaml:"no_login" json:"no_login"` // a shell at once
	// PostLoginBanner is printed after a successful login, before the
	// shell prompt (e.g. a count of failed attempts since the last login).
	PostLoginBanner string `yaml:"post_login_banner,omitempty" json:"post_login_banner,omitempty"`
}

type SSH struct {
	Port     int    `yaml:"port" json:"port"`
	Version  string `yaml:"version" json:"version"`     // e.g. SSH-2.0-dropbear_2022.83
	KeysOnly bool   `yaml:"keys_only" json:"keys_only"` // no password logins at all
}

type FTP struct {
	Port   int    `yaml:"port" json:"port"`
	Banner string `yaml:"banner" json:"banner"`
	// Anonymous accepts the users anonymous and ftp with any password,
	// without counting them against the lockout.
	Anonymous bool `yaml:"anonymous,omitempty" json:"anonymous,omitempty"`
	// EchoPassword quotes the password in the refusal, as some careless
	// servers do; the probe must keep it out of its evidence.
	EchoPassword bool `yaml:"echo_password,omitempty" json:"echo_password,omitempty"`
}

type HTTP struct {
	Port        int    `yaml:"port" json:"port"`
	TLS         bool   `yaml:"tls" json:"tls"`
	Auth        string `yaml:"auth" json:"auth"` // none, basic, digest, form
	Server      string `yaml:"server" json:"server"`
	ConfigOpen  bool   `yaml:"config_open" json:"config_open"`   // /config.json readable without auth
	SecurityTxt bool   `yaml:"security_txt" json:"security_txt"` // serve /.well-known/security.txt
	// FormDashboard makes a successful form login answer 200 with a
	// dashboard page carrying this text, instead of a redirect.
	FormDashboard string `yaml:"form_dashboard,omitempty" json:"form_dashboard,omitempty"`
	// CatchAll answers every unknown path with one 200 page, as a
	// single-page app does; the page has a "Settings" menu entry.
	CatchAll bool `yaml:"catch_all,omitempty" json:"catch_all,omitempty"`
	// ErrorEvery answers every Nth request carrying credentials with 500,
	// before judging them (a flaky web server).
	ErrorEvery int `yaml:"error_every,omitempty" json:"error_every,omitempty"`
	// Redirect answers every request with 302 to this base URL plus the
	// request path (a device handing off to a cloud portal).
	Redirect string `yaml:"redirect,omitempty" json:"redirect,omitempty"`
}

type MQTT struct {
	Port      int  `yaml:"port" json:"port"`
	TLS       bool `yaml:"tls" json:"tls"`
	Anonymous bool `yaml:"anonymous" json:"anonymous"`
}

type RTSP struct {
	Port   int    `yaml:"port" json:"port"`
	Auth   string `yaml:"auth" json:"auth"` // none, basic, digest
	Server string `yaml:"server" json:"server"`
}

type UDPService struct {
	Port int `yaml:"port" json:"port"`
}

// SSDP answers unicast searches with a LOCATION on the device's HTTP
// server, which serves Description there when it is set.
type SSDP struct {
	Port int `yaml:"port" json:"port"`
	// Location replaces the announced URL (tests point it elsewhere to
	// show the probe does not fetch outside its scope).
	Location    string           `yaml:"location,omitempty" json:"location,omitempty"`
	Description *UPnPDescription `yaml:"description,omitempty" json:"description,omitempty"`
}

// UPnPDescription is what the device description document discloses;
// empty fields are left out of it.
type UPnPDescription struct {
	Manufacturer    string `yaml:"manufacturer,omitempty" json:"manufacturer,omitempty"`
	ModelName       string `yaml:"model_name,omitempty" json:"model_name,omitempty"`
	ModelNumber     string `yaml:"model_number,omitempty" json:"model_number,omitempty"`
	SerialNumber    string `yaml:"serial_number,omitempty" json:"serial_number,omitempty"`
	FirmwareVersion string `yaml:"firmware_version,omitempty" json:"firmware_version,omitempty"`
}

// Duration decodes "5s" or "250ms".
type Duration time.Duration

func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q is not a duration like 5s or 250ms", n.Line, n.Value)
	}
	*d = Duration(v)
	return nil
}

func (d Duration) MarshalYAML() (any, error) { return time.Duration(d).String(), nil }

// ParseProfile decodes a profile (YAML or JSON). Unknown keys are errors;
// messages name the file and line.
func ParseProfile(name string, data []byte) (*Profile, error) {
	var p Profile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("devicelab: profile %w", yamlx.FileError(name, err))
	}
	if err := p.validate(); err != nil {
		return nil, fmt.Errorf("devicelab: profile %s: %w", name, err)
	}
	return &p, nil
}

func (p *Profile) validate() error {
	for _, a := range []struct {
		field, v string
		ok       []string
	}{
		{"http.auth", authOf(p.HTTP), []string{"", "none", "basic", "digest", "form"}},
		{"rtsp.auth", rtspAuthOf(p.RTSP), []string{"", "none", "basic", "digest"}},
	} {
		found := false
		for _, o := range a.ok {
			found = found || a.v == o
		}
		if !found {
			return fmt.Errorf("field %s: %q is not one of none, basic, digest, form", a.field, a.v)
		}
	}
	if p.SSDP != nil && p.SSDP.Description != nil && (p.HTTP == nil || p.HTTP.Port == 0) {
		return fmt.Errorf("field ssdp.description: needs http.port, whose server serves the description")
	}
	if p.Lockout != nil && p.Lockout.After < 1 {
		return fmt.Errorf("field lockout.after: must be at least 1")
	}
	for i, c := range p.Credentials {
		if c.User == "" {
			return fmt.Errorf("field credentials[%d].user: required", i)
		}
	}
	return nil
}

func authOf(h *HTTP) string {
	if h == nil {
		return ""
	}
	return h.Auth
}

func rtspAuthOf(r *RTSP) string {
	if r == nil {
		return ""
	}
	return r.Auth
}
