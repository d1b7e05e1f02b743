package check

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/bydesign-iot/bydesign/internal/probe"
	"github.com/bydesign-iot/bydesign/internal/yamlx"
)

//go:embed data/credentials.yaml
var credentialsYAML []byte

// CredentialList is one sourced list of default pairs.
type CredentialList struct {
	ID      string `yaml:"id"`
	Summary string `yaml:"summary"`
	Source  struct {
		Title      string `yaml:"title"`
		URL        string `yaml:"url,omitempty"`
		Unverified bool   `yaml:"unverified,omitempty"`
	} `yaml:"source"`
	Pairs []struct {
		User     string `yaml:"user"`
		Password string `yaml:"password"`
		Weight   int    `yaml:"weight,omitempty"`
	} `yaml:"pairs"`
}

// Entry is one pair with where it came from, for evidence.
type Entry struct {
	probe.Credential
	List  string
	Index int // 1-based within its list
}

// ParseCredentials decodes a credential file; unknown keys are errors.
func ParseCredentials(name string, data []byte) ([]Entry, error) {
	var f struct {
		Lists []CredentialList `yaml:"lists"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("credentials %w", yamlx.FileError(name, err))
	}
	var out []Entry
	seen := map[probe.Credential]bool{}
	for i, l := range f.Lists {
		if l.ID == "" || l.Source.Title == "" {
			return nil, fmt.Errorf("credentials %s: lists[%d]: id and source.title are required", name, i)
		}
		for j, p := range l.Pairs {
			if p.User == "" {
				return nil, fmt.Errorf("credentials %s: lists[%d].pairs[%d]: user is required", name, i, j)
			}
			for _, fv := range []struct{ field, v string }{{"user", p.User}, {"password", p.Password}} {
				if k := strings.IndexFunc(fv.v, isControl); k >= 0 {
					return nil, fmt.Errorf("credentials %s: lists[%d].pairs[%d]: field %s: control character %q "+
						"(a line break would send the rest to the device as a command)", name, i, j, fv.field, rune(fv.v[k]))
				}
			}
			c := probe.Credential{User: p.User, Password: p.Password}
			if !seen[c] {
				seen[c] = true
				out = append(out, Entry{Credential: c, List: l.ID, Index: j + 1})
			}
		}
	}
	return out, nil
}

// isControl reports the characters no login line may carry: C0 codes
// (line breaks among them) and DEL.
func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

var builtin struct {
	once    sync.Once
	entries []Entry
	err     error
}

// BuiltinCredentials returns the embedded lists in trial order.
func BuiltinCredentials() ([]Entry, error) {
	builtin.once.Do(func() { builtin.entries, builtin.err = ParseCredentials("data/credentials.yaml", credentialsYAML) })
	return builtin.entries, builtin.err
}

// WithCredentials returns checks whose default-credentials check tries the
// given pairs (for example a vendor's own defaults) before the built-in lists.
func WithCredentials(checks []probe.Check, extra []Entry) []probe.Check {
	out := make([]probe.Check, len(checks))
	for i, c := range checks {
		if d, ok := c.(DefaultCredentials); ok {
			d.Extra = append(slices.Clone(d.Extra), extra...)
			c = d
		}
		out[i] = c
	}
	return out
}
