package assess

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
)

// probeTool is the "tool" value the probe writes at the top of its results.
const probeTool = "bydesign probe"

// MaxEvidenceSize bounds a probe result file.
const MaxEvidenceSize = 32 << 20

// ProbeResult is the part of a probe's JSON result that assess reads.
// Fields it does not use are ignored, so the probe may add to its format.
type ProbeResult struct {
	Targets []ProbeTarget `json:"targets"`
}

// ProbeTarget is one probed address and what was found there.
type ProbeTarget struct {
	Address  string         `json:"address"`
	Findings []ProbeFinding `json:"findings"`
}

// ProbeFinding is one observation by one check.
type ProbeFinding struct {
	Check      string          `json:"check"`
	Status     string          `json:"status"`
	Port       int             `json:"port,omitempty"`
	Service    string          `json:"service,omitempty"`
	Detail     string          `json:"detail,omitempty"`
	Evidence   json.RawMessage `json:"evidence,omitempty"`
	Practices  []string        `json:"practices,omitempty"`
	Provisions []string        `json:"provisions,omitempty"`
}

// Observed evidence statuses that decide something. Other statuses (refused,
// timeout, out of scope, error, skipped...) observe nothing.
const (
	statusPass         = "pass"
	statusFail         = "fail"
	statusInconclusive = "inconclusive"
	statusLockout      = "lockout-observed"
	statusObserved     = "observed"
)

// notReached are statuses that say the service was not there.
var notReached = []string{"refused", "timeout", "unreachable", "filtered", "closed", "out-of-scope", "out_of_scope", "error", "skipped"}

// ParseEvidence decodes a probe result. Unknown fields are allowed (the
// probe owns the format); wrong types, syntax errors and missing targets are
// errors naming the file, line and JSON path.
func ParseEvidence(name string, data []byte) (*ProbeResult, error) {
	if len(data) > MaxEvidenceSize {
		return nil, &InputError{File: name, Msg: fmt.Sprintf("file is over the %d byte limit", MaxEvidenceSize)}
	}
	if err := checkEncoding(name, data); err != nil {
		return nil, err
	}
	if !isJSON(data) {
		return nil, &InputError{File: name, Line: 1, Msg: "evidence must be a probe result in JSON (an object with targets)"}
	}
	var r ProbeResult
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&r); err != nil {
		return nil, jsonError(name, data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &InputError{File: name, Line: lineAt(data, int(dec.InputOffset())), Msg: "unexpected data after the probe result object"}
	}
	if r.Targets == nil {
		return nil, &InputError{File: name, Line: 1, Path: "$.targets", Field: "targets", Msg: "is required"}
	}
	var errs InputErrors
	loc := jsonLocator{data: data}
	for i, t := range r.Targets {
		for j, f := range t.Findings {
			p := joinIndex(joinKey(joinIndex("$.targets", i), "findings"), j)
			if f.Check == "" {
				errs = append(errs, &InputError{File: name, Path: p + ".check", Field: "check", Msg: "is required"})
			}
			if f.Status == "" {
				errs = append(errs, &InputError{File: name, Path: p + ".status", Field: "status", Msg: "is required"})
			}
			if f.Port < 0 || f.Port > 65535 {
				errs = append(errs, &InputError{File: name, Path: p + ".port", Field: "port", Msg: fmt.Sprintf("port %d outside 0..65535", f.Port)})
			}
		}
	}
	for _, e := range errs {
		e.Line = loc.line(e.Path)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return &r, nil
}

// findingRef locates one finding in a ProbeResult.
type findingRef struct{ target, finding int32 }

func (r *ProbeResult) at(f findingRef) *ProbeFinding {
	return &r.Targets[f.target].Findings[f.finding]
}

// reached reports whether a finding shows its service answering.
func reached(f *ProbeFinding) bool {
	return f.Service != "" && f.Port > 0 && !slices.Contains(notReached, f.Status)
}

// preparedEvidence is a probe result indexed for one engine: findings by
// provision and by practice, and the facts the findings observe.
type preparedEvidence struct {
	result   *ProbeResult
	byProv   [][]findingRef
	byPrac   [][]findingRef
	observed []value
	from     []findingRef
}

// prepare indexes a probe result against the engine's provisions and rules.
func (e *Engine) prepare(r *ProbeResult) *preparedEvidence {
	pe := &preparedEvidence{
		result:   r,
		byProv:   make([][]findingRef, len(e.provs)),
		byPrac:   make([][]findingRef, len(e.pracIDs)),
		observed: make([]value, len(factTable)),
		from:     make([]findingRef, len(factTable)),
	}
	for ti, t := range r.Targets {
		for fi := range t.Findings {
			f := &t.Findings[fi]
			ref := findingRef{int32(ti), int32(fi)}
			for _, id := range f.Provisions {
				if i, ok := e.provIdx[id]; ok {
					pe.byProv[i] = append(pe.byProv[i], ref)
				}
			}
			for _, id := range f.Practices {
				if i, ok := e.pracIdx[id]; ok {
					pe.byPrac[i] = append(pe.byPrac[i], ref)
				}
			}
			for _, o := range e.rules.obs {
				if o.check == f.Check && o.status == f.Status {
					pe.set(o.fact, o.v, ref)
				}
			}
			if reached(f) && slices.Contains(serviceProtocols, f.Service) {
				fi := factIndex["service."+f.Service+".enabled"]
				// the plainest witness of an open service: an "observed"
				// finding (the port scan), else the first one seen
				if !pe.observed[fi].set || (f.Status == statusObserved && pe.result.at(pe.from[fi]).Status != statusObserved) {
					pe.observed[fi], pe.from[fi] = value{set: true, b: true}, ref
				}
			}
		}
	}
	return pe
}

// set records an observation; a failing observation is never overwritten
// by a later passing one for the same fact.
func (pe *preparedEvidence) set(fact int, v value, ref findingRef) {
	if pe.observed[fact].set && pe.observed[fact] != v && pe.result.at(pe.from[fact]).Status == statusFail {
		return
	}
	pe.observed[fact], pe.from[fact] = v, ref
}

// verdictOf maps a finding's status to a verdict; statuses that observe
// nothing give NotDeclared.
func (pe *preparedEvidence) verdictOf(ref findingRef) Verdict {
	switch pe.result.at(ref).Status {
	case statusPass:
		return Pass
	case statusFail:
		return Fail
	case statusInconclusive, statusLockout:
		return Inconclusive
	}
	return NotDeclared
}
