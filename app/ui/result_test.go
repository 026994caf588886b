package ui

import (
	"reflect"
	"testing"

	"magcheck/decoder"
	"magcheck/message"
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

// The page counts minutes and seconds up, as the notes it words them in.
func TestWhole(t *testing.T) {
	for _, tt := range []struct {
		l    message.Lang
		k    message.Key
		n    float64
		want string
	}{
		{message.English, message.RevealNote, 30, "Shown for 30 seconds, then hidden again."},
		{message.Chinese, message.RevealNote, 30, "显示 30 秒后自动隐藏。"},
		{message.English, message.AutoClear, 10, "Everything is cleared after 10 minutes without use."},
		{message.English, message.AutoClear, 0.05, "Everything is cleared after 1 minutes without use."},
	} {
		if got := tt.l.Format(tt.k, whole(tt.n)); got != tt.want {
			t.Errorf("%s %d of %v = %q, want %q", tt.l, tt.k, tt.n, got, tt.want)
		}
	}
}

// The longest track of each kind ends on the card, after its lead-in.
func TestTrackX(t *testing.T) {
	for n, longest := range map[int]int{1: 79, 2: 40, 3: 107} {
		if x := trackX(n, 0); x != leadIn {
			t.Errorf("track %d starts at %v, want %v", n, x, leadIn)
		}
		if x := trackX(n, longest); x <= leadIn || x >= cardWidth-4 {
			t.Errorf("track %d: %d characters end at %v, off the card (width %v)", n, longest, x, cardWidth)
		}
	}
	if x := trackX(2, 500); x != cardWidth-4 {
		t.Errorf("an overlong track is not clipped: %v", x)
	}
}
