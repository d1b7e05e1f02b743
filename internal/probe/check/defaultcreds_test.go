package check

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// spentControl is a phase-1 check for the test: it spends the target's
// whole failed-login budget, then asks confirm to prove a pair, as if the
// pair had just been accepted.
type spentControl struct{}

func (spentControl) Meta() probe.Meta {
	return probe.Meta{ID: "test-spent-control", Phase: probe.PhaseCredentials, Needs: probe.Needs{Credentials: true}}
}

func (spentControl) Run(ctx context.Context, t *probe.Target) []probe.Finding {
	s := t.ServicesNamed(probe.SvcFTP)[0]
	for t.Logins.Take() == nil {
		t.Logins.Failed()
	}
	e := Entry{Credential: probe.Credential{User: "admin", Password: "admin"}, List: "test", Index: 1}
	f := probe.Finding{Port: s.Port, Transport: s.Transport, Service: s.Name}
	return []probe.Finding{confirm(ctx, t, s, methodFor(ctx, t, s), e, attempt{out: accepted, how: "test"}, f)}
}

// With the budget spent the control login must not be sent, and the pair
// is not proven.
func TestControlNotSentWhenBudgetSpent(t *testing.T) {
	d := labDevice(t, `
credentials: [{user: admin, password: admin}]
ftp: {port: 2121}
`)
	fs := runProbe(t, d.Addr, []int{2121}, probe.Config{AllowCredentials: true, LoginBudget: 3}, spentControl{})
	f := find(fs, "test-spent-control")[2121]
	if f.Status != probe.Inconclusive || !strings.Contains(f.Detail, "control could not run") {
		t.Errorf("finding = %s (%s), want inconclusive: control could not run", f.Status, f.Detail)
	}
	if attempts, _ := d.LoginStats(); attempts != 0 {
		t.Errorf("device saw %d logins; with the budget spent the probe must send none", attempts)
	}
}

// A pair the service neither accepted nor refused (here a 500) may be the
// one that works: with no pair accepted the verdict is inconclusive, and
// says how many pairs could not be judged.
func TestUnclearPairsAreInconclusive(t *testing.T) {
	entries, err := BuiltinCredentials()
	if err != nil {
		t.Fatal(err)
	}
	every := len(entries)/2 + 1 // one 500 in the middle of the list, not on the first pair
	d := labDevice(t, fmt.Sprintf(`
credentials: [{user: owner, password: "x9-unique-Qm2"}]
http: {port: 8080, auth: basic, error_every: %d}
`, every))
	// A lab on loopback takes a faster rate than a real device would get.
	cfg := probe.Config{AllowCredentials: true, PerTargetRate: 500, PerTargetBurst: 50}
	fs := runProbe(t, d.Addr, []int{8080}, cfg, DefaultCredentials{})
	f := find(fs, "default-credentials")[8080]
	if f.Status != probe.Inconclusive || !strings.Contains(f.Detail, "1 could not be judged") {
		t.Errorf("default-credentials = %s (%s), want inconclusive: 1 could not be judged\n%s", f.Status, f.Detail, dump(fs))
	}
}
