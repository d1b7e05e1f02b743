// Package config resolves the server's settings: command-line flags first,
// then BYDESIGN_* environment variables, then an optional config file, then
// defaults. Secrets are never given as values, only as files, so they stay
// out of process listings, shell history and the environment. Unknown keys
// (in the file or as BYDESIGN_* variables) are errors, and Dump prints the
// result with secrets redacted.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"time"
)

// Config is the resolved server configuration.
type Config struct {
	Addr              string        // listen address
	DB                string        // SQLite file path or postgres:// URL
	DBPasswordFile    string        // file holding the PostgreSQL password
	BaseURL           string        // public URL, for links such as the setup link
	AdminUser         string        // first admin's name when AdminPasswordFile is set
	AdminPasswordFile string        // file holding the first admin's password
	LogLevel          string        // debug, info, warn, error
	LogFormat         string        // text or json
	SessionTTL        time.Duration // absolute session lifetime
	TrustedProxies    string        // comma-separated CIDRs whose X-Forwarded-For is believed
	ConfigFile        string        // optional key = value file

	// Filled by Resolve from the files above; never printed.
	AdminPassword Secret
	DBPassword    Secret
	Proxies       []netip.Prefix

	// Warnings are non-fatal findings (for example a secret file readable
	// by others) for the caller to log.
	Warnings []string

	source map[string]string // key -> flag, env, file or default
}

// setting describes one key: its flag name, environment variable and default.
type setting struct {
	key, usage, def string
	ptr             func(c *Config) any // *string or *time.Duration
}

func settings() []setting {
	s := func(key, def, usage string, f func(c *Config) any) setting { return setting{key, usage, def, f} }
	return []setting{
		s("addr", "127.0.0.1:8080", "listen address (loopback by default)", func(c *Config) any { return &c.Addr }),
		s("db", "bydesign.db", "SQLite database file, or a postgres:// URL", func(c *Config) any { return &c.DB }),
		s("db-password-file", "", "file holding the PostgreSQL password (kept out of the URL)", func(c *Config) any { return &c.DBPasswordFile }),
		s("base-url", "", "public base URL for links (default: http://ADDR)", func(c *Config) any { return &c.BaseURL }),
		s("admin-user", "admin", "name of the first admin created from --admin-password-file", func(c *Config) any { return &c.AdminUser }),
		s("admin-password-file", "", "file holding the first admin's password; without it the first start prints a one-time setup link", func(c *Config) any { return &c.AdminPasswordFile }),
		s("log-level", "info", "log level: debug, info, warn, error", func(c *Config) any { return &c.LogLevel }),
		s("log-format", "text", "log format: text or json", func(c *Config) any { return &c.LogFormat }),
		s("session-ttl", "12h", "how long a browser session lasts", func(c *Config) any { return &c.SessionTTL }),
		s("trusted-proxies", "", "comma-separated CIDRs of reverse proxies whose X-Forwarded-For is trusted", func(c *Config) any { return &c.TrustedProxies }),
		s("config", "", "optional config file of key = value lines (keys are the flag names)", func(c *Config) any { return &c.ConfigFile }),
	}
}

// EnvName is the environment variable for a key: BYDESIGN_ plus the key in
// upper case with dashes as underscores.
func EnvName(key string) string {
	return "BYDESIGN_" + strings.ToUpper(strings.ReplaceAll(key, "-", "_"))
}

// Register defines the settings as flags on fs and returns the Config they
// fill. Call Resolve after fs.Parse.
func Register(fs *flag.FlagSet) *Config {
	c := &Config{}
	for _, s := range settings() {
		usage := s.usage + " (env " + EnvName(s.key) + ")"
		switch p := s.ptr(c).(type) {
		case *string:
			fs.StringVar(p, s.key, s.def, usage)
		case *time.Duration:
			d, _ := time.ParseDuration(s.def)
			fs.DurationVar(p, s.key, d, usage)
		}
	}
	return c
}

// Resolve fills settings not given as flags from the environment (a list
// of KEY=VALUE, as os.Environ returns) and the config file, reads secret
// files and checks the result. All problems are reported together.
func (c *Config) Resolve(fs *flag.FlagSet, environ []string) error {
	c.source = map[string]string{}
	fs.Visit(func(f *flag.Flag) { c.source[f.Name] = "flag" })
	known := map[string]bool{}
	for _, s := range settings() {
		known[EnvName(s.key)] = true
	}
	var errs []error
	env := map[string]string{}
	for _, kv := range environ {
		k, v, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(k, "BYDESIGN_") || strings.HasPrefix(k, "BYDESIGN_TEST_") {
			continue
		}
		if !known[k] {
			errs = append(errs, fmt.Errorf("config: unknown environment variable %s", k))
			continue
		}
		env[k] = v
	}
	apply := func(key, value, from string) {
		if err := fs.Set(key, value); err != nil {
			errs = append(errs, fmt.Errorf("config: %s: %w", from, err))
			return
		}
		c.source[key] = from
	}
	for _, s := range settings() { // environment: the config file's own path first
		if v, ok := env[EnvName(s.key)]; ok && c.source[s.key] == "" {
			apply(s.key, v, "env "+EnvName(s.key))
		}
	}
	if c.ConfigFile != "" {
		vals, err := ReadFile(c.ConfigFile)
		if err != nil {
			errs = append(errs, err)
		}
		for _, kv := range vals {
			if c.source[kv.Key] == "" {
				apply(kv.Key, kv.Value, fmt.Sprintf("%s:%d", c.ConfigFile, kv.Line))
			}
		}
	}
	for _, s := range settings() {
		if c.source[s.key] == "" {
			c.source[s.key] = "default"
		}
	}
	errs = append(errs, c.load()...)
	return errors.Join(errs...)
}

// load reads secret files and validates values.
func (c *Config) load() []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf("config: "+format, args...)) }
	readSecret := func(key, path string, dst *Secret) {
		if path == "" {
			return
		}
		s, warn, err := ReadSecretFile(path)
		if err != nil {
			bad("--%s: %w", key, err)
			return
		}
		if warn != "" {
			c.Warnings = append(c.Warnings, fmt.Sprintf("--%s: %s", key, warn))
		}
		*dst = s
	}
	readSecret("admin-password-file", c.AdminPasswordFile, &c.AdminPassword)
	readSecret("db-password-file", c.DBPasswordFile, &c.DBPassword)
	if c.Addr == "" {
		bad("--addr is empty")
	}
	if c.DB == "" {
		bad("--db is empty")
	}
	isPG := strings.HasPrefix(c.DB, "postgres://") || strings.HasPrefix(c.DB, "postgresql://")
	if isPG {
		if _, err := url.Parse(c.DB); err != nil {
			bad("--db (from %s): not a valid URL", c.source["db"])
		}
	} else if c.DBPasswordFile != "" {
		bad("--db-password-file applies only to postgres:// databases")
	}
	if dbHoldsPassword(c.DB) {
		bad("--db (from %s) holds a password, which would show in process lists and logs; put it in a file only the server can read and pass --db-password-file FILE (env %s), or use a ~/.pgpass file (PGPASSFILE)",
			c.source["db"], EnvName("db-password-file"))
	}
	if c.BaseURL != "" {
		if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("--base-url %q: want http(s)://host[:port][/path]", c.BaseURL)
		}
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		bad("--log-level %q (valid: debug, info, warn, error)", c.LogLevel)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		bad("--log-format %q (valid: text, json)", c.LogFormat)
	}
	if c.SessionTTL < time.Minute || c.SessionTTL > 30*24*time.Hour {
		bad("--session-ttl %s: must be between 1m and 720h", c.SessionTTL)
	}
	c.Proxies = nil
	for _, p := range strings.Split(c.TrustedProxies, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		pfx, err := netip.ParsePrefix(p)
		if err != nil {
			bad("--trusted-proxies: %q is not a CIDR", p)
			continue
		}
		c.Proxies = append(c.Proxies, pfx.Masked())
	}
	return errs
}

// dbHoldsPassword reports whether a --db value carries a password: in a
// URL's user info or a password query parameter, or as password= in any
// other form (a keyword DSN would otherwise be taken for a file name).
func dbHoldsPassword(db string) bool {
	if u, err := url.Parse(db); err == nil && u.Scheme != "" {
		if _, has := u.User.Password(); has {
			return true
		}
		for k := range u.Query() {
			if strings.EqualFold(k, "password") {
				return true
			}
		}
	}
	return strings.Contains(strings.ToLower(db), "password=")
}

// DatabaseURL is DB with the password from --db-password-file filled in.
// The result holds a secret: never log it.
func (c *Config) DatabaseURL() string {
	if c.DBPassword.Value() == "" {
		return c.DB
	}
	u, err := url.Parse(c.DB)
	if err != nil {
		return c.DB
	}
	name := "postgres"
	if u.User != nil {
		name = u.User.Username()
	}
	u.User = url.UserPassword(name, c.DBPassword.Value())
	return u.String()
}

// Environ is the process environment; a variable so callers can pass their own.
var Environ = os.Environ
