package testvectors

import (
	"strings"
	"testing"
)

// TestEmbedded checks the embedded file: it parses, every vector has an ID,
// a kind and a source, no two share an ID, and Lookup finds each one.
func TestEmbedded(t *testing.T) {
	vs, err := Parse(file)
	if err != nil {
		t.Fatalf("embedded file: %v", err)
	}
	if len(vs) == 0 {
		t.Fatal("embedded file holds no vector")
	}
	seen := map[string]bool{}
	raw := 0
	for i, v := range vs {
		if v.ID == "" || v.Kind == "" || v.Source == "" || v.Expect == "" {
			t.Errorf("vector %d (%q): id, kind, source and expect must all be set", i, v.ID)
		}
		if seen[v.ID] {
			t.Errorf("vector %d: duplicate id %q", i, v.ID)
		}
		seen[v.ID] = true
		if v.Kind == KindRawBitstream {
			raw++
		}
		if got, ok := Lookup(v.ID); !ok || got != v {
			t.Errorf("Lookup(%q) = %+v, %v; want vector %d", v.ID, got, ok, i)
		}
	}
	if raw == 0 {
		t.Errorf("no vector of kind %s", KindRawBitstream)
	}
	if all := All(); len(all) != len(vs) {
		t.Errorf("All returns %d vectors, the file holds %d", len(all), len(vs))
	}
}

func TestLookupMissing(t *testing.T) {
	for _, id := range []string{"", "no-such-vector", "JQ-VISA-T1"} {
		if v, ok := Lookup(id); ok || v != (Vector{}) {
			t.Errorf("Lookup(%q) = %+v, %v; want the zero Vector, false", id, v, ok)
		}
	}
}

// TestAllCopy checks that a caller changing the slice All returns does not
// change what the next caller gets.
func TestAllCopy(t *testing.T) {
	a := All()
	id := a[0].ID
	a[0].ID = "changed"
	if b := All(); b[0].ID != id {
		t.Errorf("All()[0].ID = %q after a caller changed its copy, want %q", b[0].ID, id)
	}
	if _, ok := Lookup(id); !ok {
		t.Errorf("Lookup(%q) failed after a caller changed its copy", id)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Vector // when err is ""
		err  string   // a part of the error message
	}{
		{"empty list", `[]`, []Vector{}, ""},
		{"one", `[{"id":"a","input":"%B1?","source":"s","kind":"k","expect":"e"}]`,
			[]Vector{{ID: "a", Input: "%B1?", Source: "s", Kind: "k", Expect: "e"}}, ""},
		{"empty input", `[{"id":"a","input":""},{"id":"b"}]`, []Vector{{ID: "a"}, {ID: "b"}}, ""},
		{"no id", `[{"id":"a"},{"input":"x"}]`, nil, "vector 1 has no id"},
		{"empty id", `[{"id":""}]`, nil, "vector 0 has no id"},
		{"duplicate id", `[{"id":"a"},{"id":"b"},{"id":"a"}]`, nil, `vector 2: duplicate id "a"`},
		{"not json", `[{"id":"a"`, nil, "testvectors: "},
		{"not a list", `{"id":"a"}`, nil, "testvectors: "},
		{"wrong type", `[{"id":1}]`, nil, "testvectors: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse([]byte(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || got != nil {
					t.Fatalf("Parse = %+v, %v; want nil and an error with %q", got, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("Parse = %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("vector %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestRecords checks the keyboard-record file as TestEmbedded checks the
// other: it parses, every vector is complete and of its kind, and no ID is
// used twice in either file.
func TestRecords(t *testing.T) {
	rs := Records()
	if len(rs) == 0 {
		t.Fatal("no keyboard record")
	}
	for i, v := range rs {
		if v.ID == "" || v.Source == "" || v.Expect == "" || v.Input == "" || v.Kind != KindKeyboardRecord {
			t.Errorf("record %d (%q): id, input, source and expect must be set, kind %s", i, v.ID, KindKeyboardRecord)
		}
		if _, ok := Lookup(v.ID); ok {
			t.Errorf("record %q has the ID of a wedge-text vector", v.ID)
		}
	}
}
