package markets

import "testing"

func TestAppliesOn(t *testing.T) {
	tests := []struct {
		from, until, day string
		want             bool
	}{
		{"", "", "1999-01-01", true},
		{"2024-04-29", "", "2024-04-28", false},
		{"2024-04-29", "", "2024-04-29", true},
		{"2026-09-11", "2027-12-10", "2027-12-10", true},
		{"2026-09-11", "2027-12-10", "2027-12-11", false},
		{"2027", "", "2026-12-31", false},
		{"2027", "", "2027-01-01", true},
		{"", "2025", "2025-12-31", true},
		{"", "2025", "2026-01-01", false},
		{"", "2024-02", "2024-02-29", true},
		{"", "2024-02", "2024-03-01", false},
	}
	for _, tt := range tests {
		day, err := ParseDay(tt.day)
		if err != nil {
			t.Fatal(err)
		}
		m := Market{AppliesFrom: tt.from, Until: tt.until}
		if got := m.AppliesOn(day); got != tt.want {
			t.Errorf("from %q until %q on %s = %v, want %v", tt.from, tt.until, tt.day, got, tt.want)
		}
	}
	for _, bad := range []string{"", "2024", "2024-13-01", "24-01-01", "2024-02-30"} {
		if _, err := ParseDay(bad); err == nil {
			t.Errorf("ParseDay(%q) accepted", bad)
		}
	}
}
