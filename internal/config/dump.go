package config

import (
	"fmt"
	"io"
	"net/url"
	"time"
)

// Dump writes every setting as "key = value  # source", with the
// PostgreSQL password in --db replaced and secret file contents never
// read back: only their paths appear.
func (c *Config) Dump(w io.Writer) error {
	for _, s := range settings() {
		v := valueOf(s.ptr(c))
		if s.key == "db" {
			v = RedactURL(v)
		}
		if _, err := fmt.Fprintf(w, "%s = %q  # %s\n", s.key, v, c.source[s.key]); err != nil {
			return err
		}
	}
	for _, sec := range []struct {
		name string
		s    Secret
	}{{"admin password", c.AdminPassword}, {"database password", c.DBPassword}} {
		state := "not set"
		if sec.s.Value() != "" {
			state = "set (redacted)"
		}
		if _, err := fmt.Fprintf(w, "# %s: %s\n", sec.name, state); err != nil {
			return err
		}
	}
	return nil
}

func valueOf(p any) string {
	switch p := p.(type) {
	case *string:
		return *p
	case *time.Duration:
		return p.String()
	}
	return fmt.Sprint(p)
}

// RedactURL hides a password in a URL (user info or a password query
// parameter); other strings pass unchanged.
func RedactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return s
	}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}
