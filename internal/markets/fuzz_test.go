package markets

import (
	"strings"
	"testing"
)

// FuzzResolveSide: a side id comes straight from the command line or an API
// query. Any string must give a side or a one-line error, never a panic.
func FuzzResolveSide(f *testing.F) {
	c := testCatalog(f)
	for _, s := range []string{"std-a", "doc:std-a", "profile:law-b", "doc:", ":", "x:y:z", "guide-d", "profile:", "\n", "doc:\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		s, err := ResolveSide(c, id)
		if err != nil {
			if msg := err.Error(); msg == "" || strings.Contains(msg, "\n") {
				t.Errorf("ResolveSide(%q): error %q is not one line", id, msg)
			}
			return
		}
		if s.ID == "" || len(s.Provisions) == 0 {
			t.Errorf("ResolveSide(%q) = %+v without error", id, s)
		}
	})
}
