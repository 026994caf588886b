package idtech_test

import (
	"errors"
	"strings"
	"testing"

	"magcheck/decoder/idtech"
	"magcheck/webhid"
)

// FuzzParse checks that Parse never panics, returns only its own errors
// (webhid's inside a layout error), and that a frame it reads holds
// together: offsets inside the input, the card data webhid read, masked
// tracks as the header's lengths say.
func FuzzParse(f *testing.F) {
	card, masked := v4Card(f)
	for _, s := range []string{
		bluefin, bluefin + "\r", strings.Replace(bluefin, "C0A0EC", "C0AEC", 1), bluefin[:300],
		typedFrame(card, masked, true, false), typedFrame(card, masked, false, true),
		strings.ToLower(typedFrame(card, masked, true, true)), "x " + bluefin + " y",
		"0200000400000000000303", "02050080000000000000808003",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := idtech.Parse(s)
		if errors.Is(err, idtech.ErrNotRecord) {
			if r != nil {
				t.Fatal("ErrNotRecord with a record")
			}
			return
		}
		var se *idtech.SyntaxError
		if err != nil && !errors.As(err, &se) {
			t.Fatalf("untyped error %v", err)
		}
		if se != nil && se.Kind == idtech.KindLayout {
			var re *webhid.ReportError
			if !errors.As(err, &re) && !errors.Is(err, webhid.ErrUnknownReport) {
				t.Fatalf("layout error without webhid's: %v", err)
			}
		}
		if r == nil || r.Start < 0 || r.Start > r.End || r.End > len(s) || !strings.HasPrefix(s[r.Start:], "02") {
			t.Fatalf("record %+v of %d", r, len(s))
		}
		text := r.Typing != idtech.AllHex && r.Typing != idtech.AllHexByteChecks
		for _, m := range r.Masked {
			if text && !strings.Contains(s[r.Start:r.End], m) {
				t.Fatalf("masked %q not in the frame", m)
			}
		}
		if se != nil {
			if se.Offset < 0 || se.Offset > len(s) || r.Report != nil {
				t.Fatalf("error %v with report %v", se, r.Report != nil)
			}
			return
		}
		if r.Report == nil || r.Typing == "" || len(r.Card) < 5 || r.Enhanced != (r.Card[0]&0x80 != 0) {
			t.Fatalf("frame %+v", r)
		}
	})
}
