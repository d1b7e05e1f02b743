package web

import (
	"bytes"
	"encoding/json"
	"net"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bydesign-iot/bydesign/internal/assess"
	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/store"
)

// Limits on registry fields, generous for real products and small enough
// that a list page stays readable.
const (
	maxName     = 200
	maxVersions = 50
	maxVersion  = 64
	maxTargets  = 256
	maxMarkets  = 20
)

// productInput is the body of POST /api/v1/products.
type productInput struct {
	Manufacturer string          `json:"manufacturer"`
	Model        string          `json:"model"`
	Versions     []string        `json:"versions"`
	Declaration  json.RawMessage `json:"declaration"`
}

func text(field, v string, max int, required bool) (string, error) {
	v = strings.TrimSpace(v)
	switch {
	case v == "" && required:
		return "", fieldError(field, "required")
	case !utf8.ValidString(v):
		return "", fieldError(field, "not valid UTF-8")
	case utf8.RuneCountInString(v) > max:
		return "", fieldError(field, "longer than %d characters", max)
	case strings.ContainsFunc(v, isControl):
		return "", fieldError(field, "contains control characters")
	}
	return v, nil
}

// isControl reports the C0 control characters (NUL and line breaks among
// them) and DEL, which no field or filter of the registry takes.
func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// product checks the input and returns the record to store.
func (in productInput) product(cat *catalog.Catalog, owner int64) (store.Product, error) {
	var p store.Product
	var err error
	if p.Manufacturer, err = text("manufacturer", in.Manufacturer, maxName, true); err != nil {
		return p, err
	}
	if p.Model, err = text("model", in.Model, maxName, true); err != nil {
		return p, err
	}
	if len(in.Versions) > maxVersions {
		return p, fieldError("versions", "more than %d entries", maxVersions)
	}
	p.Versions = []string{}
	for i, v := range in.Versions {
		v, err := text("versions["+strconv.Itoa(i)+"]", v, maxVersion, true)
		if err != nil {
			return p, err
		}
		p.Versions = append(p.Versions, v)
	}
	if d := bytes.TrimSpace(in.Declaration); len(d) > 0 && !bytes.Equal(d, []byte("null")) {
		if d[0] != '{' {
			return p, fieldError("declaration", "expected a JSON object")
		}
		// Decode it strictly now, so the registry never holds a declaration
		// that fails only later, when someone assesses it.
		decl, err := assess.Parse("declaration", d)
		if err == nil {
			err = assess.CheckReferences(cat, decl) // ids the catalog must know, as assess checks them
		}
		if err != nil {
			return p, fieldError("declaration", "%s", clipMsg(err.Error()))
		}
		p.Declaration = d
	}
	p.OwnerID = owner
	return p, nil
}

// assessmentInput is the body of POST /api/v1/products/{id}/assessments:
// the result of an assessment run elsewhere (bydesign assess --format json).
type assessmentInput struct {
	Markets []string        `json:"markets"`
	Verdict string          `json:"verdict"`
	Result  json.RawMessage `json:"result"`
}

var verdictRE = regexp.MustCompile(`^[a-z][a-z-]{0,31}$`)

func (s *Server) assessment(in assessmentInput, product, by int64) (store.Assessment, error) {
	a := store.Assessment{ProductID: product, CreatedBy: by, Markets: []string{}}
	if len(in.Markets) == 0 {
		return a, fieldError("markets", "name at least one market or label profile")
	}
	if len(in.Markets) > maxMarkets {
		return a, fieldError("markets", "more than %d entries", maxMarkets)
	}
	for i, m := range in.Markets {
		if _, ok := s.cat.Profile(m); !ok {
			return a, fieldError("markets["+strconv.Itoa(i)+"]", "unknown profile %s (valid: %s)", quote(m), strings.Join(s.profileIDs(), ", "))
		}
		a.Markets = append(a.Markets, m)
	}
	if !verdictRE.MatchString(in.Verdict) {
		return a, fieldError("verdict", "expected a short lower-case word such as pass or fail")
	}
	a.Verdict = in.Verdict
	if err := jsonObject("result", in.Result); err != nil {
		return a, err
	}
	a.Result = bytes.TrimSpace(in.Result)
	return a, nil
}

func jsonObject(field string, raw json.RawMessage) error {
	d := bytes.TrimSpace(raw)
	if len(d) == 0 || d[0] != '{' {
		return fieldError(field, "expected a JSON object")
	}
	return nil
}

// probeRunInput is the body of POST /api/v1/probe-runs: the evidence file
// a probe run wrote (bydesign probe --format json).
type probeRunInput struct {
	ProductID int64           `json:"product_id"`
	Targets   []string        `json:"targets"`
	Result    json.RawMessage `json:"result"`
}

func (in probeRunInput) probeRun(by int64) (store.ProbeRun, error) {
	r := store.ProbeRun{ProductID: in.ProductID, CreatedBy: by}
	if in.ProductID < 0 {
		return r, fieldError("product_id", "must be a product id or 0")
	}
	if len(in.Targets) == 0 {
		return r, fieldError("targets", "name at least one target")
	}
	if len(in.Targets) > maxTargets {
		return r, fieldError("targets", "more than %d entries", maxTargets)
	}
	for i, t := range in.Targets {
		if !validTarget(t) {
			return r, fieldError("targets["+strconv.Itoa(i)+"]", "%s is not an IP address, prefix or host:port", quote(t))
		}
		r.Targets = append(r.Targets, t)
	}
	if err := jsonObject("result", in.Result); err != nil {
		return r, err
	}
	r.Result = bytes.TrimSpace(in.Result)
	return r, nil
}

var hostRE = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$`)

// validTarget accepts an address, a prefix, or either with a port, or a
// host name: what a probe scope may contain.
func validTarget(t string) bool {
	if _, err := netip.ParseAddr(t); err == nil {
		return true
	}
	if _, err := netip.ParsePrefix(t); err == nil {
		return true
	}
	if _, err := netip.ParseAddrPort(t); err == nil {
		return true
	}
	host, port, err := net.SplitHostPort(t)
	if err == nil {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return false
		}
		t = host
	}
	return hostRE.MatchString(t)
}

func (s *Server) profileIDs() []string {
	out := make([]string, len(s.cat.Profiles))
	for i, p := range s.cat.Profiles {
		out[i] = p.ID
	}
	return out
}
