package markets

import (
	"slices"
	"testing"
)

func TestTables(t *testing.T) {
	c := testCatalog(t)
	ts, err := Tables(c)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][][]string{}
	var names []string
	for _, tb := range ts {
		names = append(names, tb.Name)
		rows[tb.Name] = tb.Grid.Rows
		for i, r := range tb.Grid.Rows {
			if len(r) != len(tb.Grid.Columns) {
				t.Errorf("%s row %d has %d cells for %d columns", tb.Name, i, len(r), len(tb.Grid.Columns))
			}
		}
	}
	want := []string{"practices.csv", "documents.csv", "provisions.csv", "mappings.csv", "profiles.csv", "profile_provisions.csv", "routes.csv", "crosswalk_law-b_std-a.csv"}
	if !slices.Equal(names, want) {
		t.Fatalf("tables = %v, want %v", names, want)
	}
	tests := []struct {
		table string
		rows  int
		row   int
		want  []string
	}{
		{"provisions.csv", len(c.Provisions), 2, []string{"law-b/1", "law-b", "1", "Passwords", "shall", "manufacturer", "declaration; network-probe", "uses-passwords", "", "no-default-passwords (equal)", "", "Passwords are unique per product or defined by the user.", "test-ref", "Schedule 1, 1", "", "false"}},
		{"profile_provisions.csv", 2 + 3 + 4 + 2, 5, []string{"law-b", "law-b/1", "law-b", "1", "shall", "uses-passwords", "std-a/5.1-1"}},
		{"routes.csv", 2, 0, []string{"law-b", "law-b/1", "std-a/5.1-1", "", "test-ref", "Schedule 2"}},
		{"routes.csv", 2, 1, []string{"law-b", "law-b/3", "", "label-c:2", "test-ref", "Schedule 2A"}},
		{"profile_provisions.csv", 2 + 3 + 4 + 2, 7, []string{"law-b", "law-b/3", "law-b", "3", "shall", "", "a current label-c (level 2+) label"}},
		{"crosswalk_law-b_std-a.csv", 5, 0, []string{"law-b/1", "equal", "std-a/5.1-1", "mapping", "route in profile law-b"}},
		// coverage, provision links and provision mappings, all expanded
		{"mappings.csv", len(c.Mappings), 0, []string{"doc:guide-d", "practice:data-deletion", "intersect", "", "", "test-ref", ""}},
	}
	for _, tt := range tests {
		rs := rows[tt.table]
		if len(rs) != tt.rows {
			t.Errorf("%s has %d rows, want %d", tt.table, len(rs), tt.rows)
			continue
		}
		if !slices.Equal(rs[tt.row], tt.want) {
			t.Errorf("%s row %d:\n got %q\nwant %q", tt.table, tt.row, rs[tt.row], tt.want)
		}
	}
}
