package web

import (
	"strings"
	"sync"
	"time"

	"github.com/bydesign-iot/bydesign/internal/assess"
)

// engines compiles assessment engines once per list of markets. Rules and
// catalog never change while the server runs, so a compiled engine never
// goes stale; the cap bounds memory when clients ask for many lists. The
// key is the list in the caller's order, because results follow it.
type engines struct {
	once  sync.Once
	rules *assess.RuleSet
	err   error
	mu    sync.Mutex
	byKey map[string]*assess.Engine
}

const maxEngines = 64

func (s *Server) engine(markets []string) (*assess.Engine, error) {
	e := &s.engines
	e.once.Do(func() { e.rules, e.err = assess.BuiltinRules() })
	if e.err != nil {
		return nil, e.err
	}
	key := strings.Join(markets, ",")
	e.mu.Lock()
	defer e.mu.Unlock()
	if eng, ok := e.byKey[key]; ok {
		return eng, nil
	}
	eng, err := assess.NewEngine(s.cat, e.rules, markets)
	if err != nil {
		return nil, err
	}
	if e.byKey == nil {
		e.byKey = map[string]*assess.Engine{}
	}
	if len(e.byKey) < maxEngines {
		e.byKey[key] = eng
	}
	return eng, nil
}

// runAssessment assesses a stored declaration for markets (profile ids,
// already validated). Errors in the declaration come back as 400s that
// name the path and field at fault.
func (s *Server) runAssessment(name string, declaration []byte, markets []string, day time.Time) (*assess.Result, error) {
	if len(declaration) == 0 {
		return nil, badRequest("the product has no declaration to assess; add one first")
	}
	d, err := assess.Parse(name, declaration) // only decodes: its errors describe the input
	if err != nil {
		return nil, badRequest("declaration: " + clipMsg(err.Error()))
	}
	eng, err := s.engine(markets)
	if err != nil {
		return nil, err
	}
	if err := eng.CheckReferences(d); err != nil {
		return nil, badRequest("declaration: " + clipMsg(err.Error()))
	}
	return eng.AssessOn(d, nil, day), nil
}

// clipMsg keeps a (possibly multi-error) message to a readable length.
func clipMsg(s string) string {
	s = strings.ReplaceAll(s, "\n", "; ")
	if len(s) > 600 {
		s = s[:600] + "..."
	}
	return s
}
