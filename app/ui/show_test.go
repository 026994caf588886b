package ui

import (
	"reflect"
	"testing"

	"magcheck/decoder"
)

func TestSegments(t *testing.T) {
	pan := decoder.FieldView{Name: "pan", Start: 2, End: 6, Masked: true}
	tests := []struct {
		name   string
		text   string
		errs   []int
		fields []decoder.FieldView
		want   []segment
	}{
		{"plain", ";123?", nil, nil, []segment{{";123?", "ch"}}},
		{"empty", "", nil, nil, nil},
		{"one error", ";1E3?", []int{2}, nil, []segment{{";1", "ch"}, {"E", "ch err"}, {"3?", "ch"}}},
		{"adjacent errors stay apart", "%AB?", []int{1, 2}, nil,
			[]segment{{"%", "ch"}, {"A", "ch err"}, {"B", "ch err"}, {"?", "ch"}}},
		{"error past the end", ";12", []int{3}, nil, []segment{{";12", "ch"}, {errorMark, "err end"}}},
		{"error far past the end", ";12", []int{99}, nil, []segment{{";12", "ch"}, {errorMark, "err end"}}},
		{"error inside a multi-byte character", "%é?", []int{2}, nil,
			[]segment{{"%", "ch"}, {"é", "ch err"}, {"?", "ch"}}},
		{"field", "%B41**11^", nil, []decoder.FieldView{pan},
			[]segment{{"%B", "ch"}, {"41**", "fld fld-pan masked"}, {"11^", "ch"}}},
		{"error in a field", "%B41**11^", []int{3}, []decoder.FieldView{pan},
			[]segment{{"%B", "ch"}, {"4", "fld fld-pan masked"}, {"1", "fld fld-pan masked err"},
				{"**", "fld fld-pan masked"}, {"11^", "ch"}}},
		{"negative position ignored", ";1?", []int{-1}, nil, []segment{{";1?", "ch"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := segments(tt.text, tt.errs, tt.fields)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("segments(%q, %v) = %q, want %q", tt.text, tt.errs, got, tt.want)
			}
		})
	}
}

// Every label exists in both languages, and the maps translate the same keys.
func TestLabelsComplete(t *testing.T) {
	en, zh := reflect.ValueOf(labelsEN), reflect.ValueOf(labelsZH)
	for i := range en.NumField() {
		name := en.Type().Field(i).Name
		switch a, b := en.Field(i), zh.Field(i); a.Kind() {
		case reflect.String:
			if a.String() == "" || b.String() == "" {
				t.Errorf("label %s is empty in a language (en %q, zh %q)", name, a, b)
			}
		case reflect.Map:
			for _, k := range a.MapKeys() {
				if !b.MapIndex(k).IsValid() {
					t.Errorf("label %s[%v] missing in Chinese", name, k)
				}
			}
			if a.Len() != b.Len() {
				t.Errorf("label %s has %d English and %d Chinese entries", name, a.Len(), b.Len())
			}
		}
	}
	if labelsEN.LangName == labelsZH.LangName {
		t.Error("both languages have the same name")
	}
}

func TestCount(t *testing.T) {
	for _, tt := range []struct {
		format string
		n      float64
		want   string
	}{
		{labelsEN.RevealNote, 30, "Shown for 30 seconds, then hidden again."},
		{labelsZH.RevealNote, 30, "显示 30 秒后自动隐藏。"},
		{labelsEN.AutoClear, 10, "Everything is cleared after 10 minutes without use."},
		{labelsEN.AutoClear, 0.05, "Everything is cleared after 1 minutes without use."},
	} {
		if got := count(tt.format, tt.n); got != tt.want {
			t.Errorf("count(%q, %v) = %q, want %q", tt.format, tt.n, got, tt.want)
		}
	}
}

// The longest track of each kind ends on the card, after its lead-in.
func TestTrackX(t *testing.T) {
	for n, max := range map[int]int{1: 79, 2: 40, 3: 107} {
		if x := trackX(n, 0); x != leadIn {
			t.Errorf("track %d starts at %v, want %v", n, x, leadIn)
		}
		if x := trackX(n, max); x <= leadIn || x >= cardWidth-4 {
			t.Errorf("track %d: %d characters end at %v, off the card (width %v)", n, max, x, cardWidth)
		}
	}
	if x := trackX(2, 500); x != cardWidth-4 {
		t.Errorf("an overlong track is not clipped: %v", x)
	}
}
