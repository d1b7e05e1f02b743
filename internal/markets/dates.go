package markets

import (
	"fmt"
	"time"
)

// ParseDay reads a YYYY-MM-DD day, the form --on takes.
func ParseDay(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a day of the form YYYY-MM-DD", s)
	}
	return t, nil
}

// AppliesOn reports whether the profile applies on day: from its
// applies_from to its until, both inclusive. A missing bound is open, so a
// profile with no dates (a voluntary label, a baseline) always applies.
// Dataset dates may be partial: "2027" starts on its first day and ends on
// its last.
func (m Market) AppliesOn(day time.Time) bool {
	if from, ok := bound(m.AppliesFrom, false); ok && day.Before(from) {
		return false
	}
	if until, ok := bound(m.Until, true); ok && day.After(until) {
		return false
	}
	return true
}

// bound reads a YYYY, YYYY-MM or YYYY-MM-DD date as the first day of its
// period, or with end set, the last.
func bound(s string, end bool) (time.Time, bool) {
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if end {
			switch layout {
			case "2006-01":
				t = t.AddDate(0, 1, -1)
			case "2006":
				t = t.AddDate(1, 0, -1)
			}
		}
		return t, true
	}
	return time.Time{}, false
}
