package magnesafe_test

import (
	"errors"
	"strings"
	"testing"

	"magcheck/decoder/magnesafe"
)

// FuzzParse checks that Parse never panics, returns only its own errors,
// and that what it returns holds together: offsets inside the input, the
// masked section where they say, field sizes within the layout's, and a
// CRC computed over the input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		example12, example5, example12[:300], "log " + example12 + "more",
		strings.Replace(example12, "C25C", "C5C", 1), strings.Replace(example12, "|", "~", -1),
		record("", '|', "0700", "", "", "", "", "", "", "", "FFFF9876543210FFF800", "*", "", "0000"),
		record(masked12, '|', "0400", hexOf(";123=4?"), "", "", "", "", "", "", "", "*", "", "0000"),
		"|0600|0600|0600", "a|0100|" + strings.Repeat("|", 12),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := magnesafe.Parse(s)
		if errors.Is(err, magnesafe.ErrNotRecord) {
			if r != nil {
				t.Fatalf("ErrNotRecord with a record")
			}
			return
		}
		var se *magnesafe.SyntaxError
		if err != nil && !errors.As(err, &se) {
			t.Fatalf("untyped error %v", err)
		}
		if r == nil {
			t.Fatalf("no record with %v", err)
		}
		if r.Start < 0 || r.Start > r.End || r.End > len(s) || !strings.HasPrefix(s[r.Start:], r.Masked) {
			t.Fatalf("offsets %d–%d of %d, masked %q", r.Start, r.End, len(s), r.Masked)
		}
		if se != nil {
			if se.Offset < 0 || se.Offset > len(s) {
				t.Fatalf("error offset %d of %d", se.Offset, len(s))
			}
			return
		}
		for _, tr := range r.Tracks {
			if tr.Encrypted < 0 || tr.Encrypted > 112 || tr.Encrypted > 0 && tr.Clear != "" {
				t.Fatalf("track %+v", tr)
			}
		}
		if len(r.FormatCode) != 4 || r.KSN != "" && len(r.KSN) != 20 || r.MagnePrint > 128 {
			t.Fatalf("fields %+v", r)
		}
		if r.HasCRC && r.CRCOK() != (r.CRC == r.CRCWant) {
			t.Fatal("CRCOK disagrees with the CRCs")
		}
	})
}
