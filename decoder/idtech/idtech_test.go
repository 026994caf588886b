package idtech_test

import (
	"errors"
	"strings"
	"testing"

	"magcheck/decoder/idtech"
	"magcheck/webhid"
)

func TestParse(t *testing.T) {
	card, masked := v4Card(t)
	v4Masked := [3]string{string(card[5:77]), string(card[77:112]), string(card[112:219])}
	tests := []struct {
		name     string
		in       string
		typing   idtech.Typing
		enhanced bool
		masked   [3]string
		ksn      string
		serial   string
		checksOK bool
		start    int
		term     string
	}{
		{"published SecuRED keyboard sample", bluefin + "\r", idtech.TextMasked, true,
			[3]string{"%*4124********9990^TEST/BLUEFIN^****************?*", ";4124********9990=****************?*", ""},
			"629949960E0000A00072", "T134000064", true, 0, "\r"},
		{"V4 typed by a keyboard reader", typedFrame(card, masked, true, false) + "\r\n", idtech.TextMasked, false,
			v4Masked, "62994901190000000001", "", true, 0, "\r\n"},
		{"V4 all in hex, checks over the characters", typedFrame(card, masked, true, true), idtech.AllHex, false,
			v4Masked, "62994901190000000001", "", true, 0, ""},
		{"V4 masked as text, checks over the bytes", typedFrame(card, masked, false, false), idtech.TextMaskedByteChecks, false,
			v4Masked, "62994901190000000001", "", true, 0, ""},
		{"V4 as a HID frame written in hex, lower case, in a log", "swipe: " + strings.ToLower(typedFrame(card, masked, false, true)) + "\tok", idtech.AllHexByteChecks, false,
			v4Masked, "62994901190000000001", "", true, 7, "\t"},
		{"a character changed: the checks fail", strings.Replace(bluefin, "C0A0EC", "C0A1EC", 1), idtech.TextMasked, true,
			[3]string{"%*4124********9990^TEST/BLUEFIN^****************?*", ";4124********9990=****************?*", ""},
			"629949960E0000A00072", "T134000064", false, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := idtech.Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if r.Typing != tt.typing || r.Enhanced != tt.enhanced || r.Masked != tt.masked || r.ChecksOK() != tt.checksOK ||
				r.Start != tt.start || r.Terminator != tt.term {
				t.Errorf("got %s enhanced=%v %q checks=%v start=%d term=%q", r.Typing, r.Enhanced, r.Masked, r.ChecksOK(), r.Start, r.Terminator)
			}
			if r.End != tt.start+len(strings.TrimRight(strings.TrimPrefix(tt.in, "swipe: "), "\tok\r\n"))+len(tt.term) {
				t.Errorf("end %d", r.End)
			}
			if r.Report == nil || r.Report.KSN != tt.ksn || r.Report.SerialNumber != tt.serial || !r.Report.Encrypted {
				t.Fatalf("report %+v", r.Report)
			}
			for i, tr := range r.Report.Tracks {
				if tr.Text != tt.masked[i] {
					t.Errorf("track %d: %q", i+1, tr.Text)
				}
			}
		})
	}
}

func TestParseBluefinLayout(t *testing.T) {
	r, err := idtech.Parse(bluefin)
	if err != nil {
		t.Fatal(err)
	}
	if r.Length != 412 || r.LRC != 0x6E || r.Sum != 0x0A || len(r.Card) != 249 {
		t.Errorf("length %d, LRC %02X, sum %02X, %d bytes", r.Length, r.LRC, r.Sum, len(r.Card))
	}
	rep := r.Report
	if rep.Format != webhid.FormatIDTechSTXEnhanced || rep.Tracks[0].EncryptedLength != 56 || rep.Tracks[1].EncryptedLength != 40 ||
		rep.Tracks[2].Status != webhid.TrackEmpty {
		t.Errorf("%+v", rep)
	}
}

// TestParseDamaged gives frames that start as one but whose typing does
// not add up: a SyntaxError, with the masked tracks kept where they are.
func TestParseDamaged(t *testing.T) {
	m1 := "%*4124********9990^TEST/BLUEFIN^****************?*"
	tests := []struct {
		name   string
		in     string
		kind   idtech.Kind
		masked string
	}{
		{"a character lost", strings.Replace(bluefin, "C0A0EC", "C0AEC", 1), idtech.KindLength, m1},
		{"a character added", strings.Replace(bluefin, "C0A0EC", "C0A00EC", 1), idtech.KindLength, m1},
		{"cut short", bluefin[:300] + "\r", idtech.KindETX, m1},
		{"a character lost in the masked track", strings.Replace(bluefin, "TEST/", "TEST", 1), idtech.KindLength, ""},
		{"not hex in the hex", strings.Replace(bluefin, "C0A0EC", "C0AGEC", 1), idtech.KindNotHex, m1},
		{"no ETX", bluefin[:len(bluefin)-2] + "04", idtech.KindETX, m1},
		{"length beyond any frame", "02FFFF" + bluefin[6:], idtech.KindLarge, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := idtech.Parse(tt.in)
			var se *idtech.SyntaxError
			if !errors.As(err, &se) || se.Kind != tt.kind {
				t.Fatalf("Parse: %v, want a SyntaxError of kind %q", err, tt.kind)
			}
			if se.Offset < 0 || se.Offset > len(tt.in) {
				t.Errorf("offset %d", se.Offset)
			}
			if r == nil || r.Masked[0] != tt.masked || r.Report != nil {
				t.Errorf("record %+v", r)
			}
			if strings.Contains(se.Error(), "4124") {
				t.Errorf("the error quotes card data: %v", se)
			}
		})
	}
}

func TestParseNotRecord(t *testing.T) {
	for _, in := range []string{
		"", "02", "0212345678", ";0212345678901234=2512?", "%B4111111111111111^DOE/JANE^3012101000000000000000503000000?",
		"1029C01801F", // "02" inside a number
		"029C01" + "99" + strings.Repeat("0", 40) + "03", // not an encode type
		"029C01801F" + strings.Repeat("Z", 60),           // a header, then nothing like a frame
	} {
		if r, err := idtech.Parse(in); !errors.Is(err, idtech.ErrNotRecord) || r != nil {
			t.Errorf("Parse(%q) = %+v, %v; want ErrNotRecord", in, r, err)
		}
	}
}
