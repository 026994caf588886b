package msr605_test

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"magcheck/decoder/iso7811"
	"magcheck/internal/msrtest"
	"magcheck/msr605"
)

// tracks gives a read's tracks as text, "-" for a track not sent, and a
// mark as "ESC+" or "ESC*".
func tracks(r *msr605.Read) []string {
	var out []string
	for _, t := range r.Tracks {
		switch {
		case !t.Sent:
			out = append(out, "-")
		case t.Mark != 0:
			out = append(out, "ESC"+string(t.Mark))
		default:
			out = append(out, string(t.Data))
		}
	}
	return out
}

// The manual's examples: the read of section 8 (tracks "01", "23", "45"),
// a card with data on track 2 only as section 7 shows it (track 1's tag
// empty, track 3's left out), the same in raw mode, and tracks marked empty
// and bad as readers send them.
func TestParseRead(t *testing.T) {
	tests := []struct {
		name   string
		mode   msr605.Mode
		answer []byte
		want   []string
		status byte
	}{
		{"manual read", msr605.ModeISO, msrtest.Manual(), []string{"%01?", ";23?", ";45?"}, '0'},
		{"manual read, bytes", msr605.ModeISO, []byte{0x1B, 0x73, 0x1B, 0x01, 0x25, 0x30, 0x31, 0x3F, 0x1B, 0x02, 0x3B, 0x32,
			0x33, 0x3F, 0x1B, 0x03, 0x3B, 0x34, 0x35, 0x3F, 0x3F, 0x1C, 0x1B, 0x30}, []string{"%01?", ";23?", ";45?"}, '0'},
		{"track 2 only", msr605.ModeISO, msrtest.ISOAnswer('0', msrtest.ISO(""), msrtest.ISO(msrtest.Track2), msrtest.Track{Omit: true}),
			[]string{"", msrtest.Track2, "-"}, '0'},
		{"marks", msr605.ModeISO, msrtest.ISOAnswer('1', msrtest.Track{Mark: '*'}, msrtest.ISO(msrtest.Track2), msrtest.Track{Mark: '+'}),
			[]string{"ESC*", msrtest.Track2, "ESC+"}, '1'},
		{"all empty", msr605.ModeISO, msrtest.ISOAnswer('1', msrtest.Track{Mark: '+'}, msrtest.Track{Mark: '+'}, msrtest.Track{Mark: '+'}),
			[]string{"ESC+", "ESC+", "ESC+"}, '1'},
		{"no tracks", msr605.ModeISO, msrtest.ISOAnswer('0'), []string{"-", "-", "-"}, '0'},
		{"raw track 2 only", msr605.ModeRaw, msrtest.RawAnswer('0', msrtest.Track{}, msrtest.Track{Data: []byte{0xAA, 0x1B, 0x3F, 0x1C}}, msrtest.Track{Omit: true}),
			[]string{"", "\xAA\x1B?\x1C", "-"}, '0'},
		{"raw, all sent", msr605.ModeRaw, msrtest.RawAnswer('0', msrtest.Track{Data: []byte{1}}, msrtest.Track{Data: []byte{2, 3}}, msrtest.Track{Data: []byte{0x1B, 0x02}}),
			[]string{"\x01", "\x02\x03", "\x1B\x02"}, '0'},
	}
	for _, tt := range tests {
		r, err := msr605.ParseRead(tt.answer, tt.mode)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := tracks(r); !slices.Equal(got, tt.want) || r.Status != tt.status || !r.Block || r.Mode != tt.mode {
			t.Errorf("%s: tracks %q status %q block %v mode %s, want %q status %q", tt.name, got, r.Status, r.Block, r.Mode, tt.want, tt.status)
		}
		for i, tr := range r.Tracks {
			if tr.Number != i+1 {
				t.Errorf("%s: track %d numbered %d", tt.name, i+1, tr.Number)
			}
		}
		if m := msr605.DetectMode(tt.answer); m != tt.mode && tt.name != "no tracks" {
			t.Errorf("%s: DetectMode %s, want %s", tt.name, m, tt.mode)
		}
	}
}

// A raw read's bytes give back the bits written, first bit first.
func TestRawBits(t *testing.T) {
	for _, tc := range []struct {
		text string
		f    iso7811.Format
	}{{msrtest.Track1, iso7811.Alpha}, {msrtest.Track2, iso7811.Numeric}, {";12345?", iso7811.Numeric}} {
		want, err := iso7811.Encode(tc.text, tc.f, 13, 7)
		if err != nil {
			t.Fatal(err)
		}
		answer := msrtest.RawAnswer('0', msrtest.Track{}, msrtest.RawTrack(t, tc.text, tc.f, 13, 7, nil))
		r, err := msr605.ParseRead(answer, msr605.ModeRaw)
		if err != nil {
			t.Fatal(err)
		}
		got := r.Tracks[1].Bits()
		if len(got) < len(want) || len(got)-len(want) >= 8 || !bytes.Equal(got[:len(want)], want) || slices.Contains(got[len(want):], 1) {
			t.Errorf("%s: bits %v\nwant %v", tc.text, got, want)
		}
		res, err := iso7811.Decode(got)
		if err != nil || res.Text != tc.text || len(res.Errors) > 0 {
			t.Errorf("%s: the bits decode as %+v, %v", tc.text, res, err)
		}
	}
	// The manual's table: the first bit read is the most significant.
	if got := (msr605.Track{Data: []byte{0xA5, 0x01}}).Bits(); !slices.Equal(got, []byte{1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}) {
		t.Errorf("Bits of A5 01: %v", got)
	}
}

// A reader that refuses a read answers ESC and a status byte alone.
func TestParseReadStatusOnly(t *testing.T) {
	for _, st := range []byte{'1', '2', '4', '9'} {
		r, err := msr605.ParseRead([]byte{0x1B, st}, msr605.ModeISO)
		if err != nil || r.Block || r.Status != st || tracks(r)[0] != "-" {
			t.Errorf("ESC %c: %+v, %v", st, r, err)
		}
	}
}

func reason(err error) msr605.Reason {
	if e, ok := errors.AsType[*msr605.Error](err); ok {
		return e.Reason
	}
	return ""
}

// Bad answers: each refused with a reason, never a panic.
func TestParseReadErrors(t *testing.T) {
	good := msrtest.Manual()
	raw := msrtest.RawAnswer('0', msrtest.Track{Data: []byte{1, 2, 3}}, msrtest.Track{}, msrtest.Track{})
	long := msrtest.ISOAnswer('0', msrtest.ISO(string(bytes.Repeat([]byte("1"), 256))))
	tests := []struct {
		name   string
		mode   msr605.Mode
		answer []byte
		want   msr605.Reason
	}{
		{"empty", msr605.ModeISO, nil, msr605.ReasonEmpty},
		{"no ESC", msr605.ModeISO, good[1:], msr605.ReasonNoESC},
		{"ESC alone", msr605.ModeISO, good[:1], msr605.ReasonTruncated},
		{"firmware", msr605.ModeISO, msrtest.FirmwareAnswer("REV1.23"), msr605.ReasonNotRead},
		{"cut in track 2", msr605.ModeISO, good[:12], msr605.ReasonTruncated},
		{"cut before status", msr605.ModeISO, good[:len(good)-1], msr605.ReasonTruncated},
		{"cut after FS", msr605.ModeISO, good[:len(good)-2], msr605.ReasonTruncated},
		{"trailing", msr605.ModeISO, append(bytes.Clone(good), 0x1B), msr605.ReasonTrailing},
		{"status and more", msr605.ModeISO, []byte{0x1B, '0', '0'}, msr605.ReasonTrailing},
		{"tracks out of order", msr605.ModeISO, msrtest.ISOAnswer('0', msrtest.Track{Omit: true}, msrtest.ISO(";2?"))[:6:6], msr605.ReasonTruncated},
		{"track repeated", msr605.ModeISO, []byte("\x1bs\x1b\x02;1?\x1b\x02;2??\x1c\x1b0"), msr605.ReasonTag},
		{"track 4", msr605.ModeISO, []byte("\x1bs\x1b\x04;1??\x1c\x1b0"), msr605.ReasonEscape},
		{"data before a tag", msr605.ModeISO, []byte("\x1bs;1??\x1c\x1b0"), msr605.ReasonTag},
		{"mark after data", msr605.ModeISO, []byte("\x1bs\x1b\x01%A?\x1b*?\x1c\x1b0"), msr605.ReasonEscape},
		{"no ? before FS", msr605.ModeISO, []byte("\x1bs\x1b\x01%A\x1c\x1b0"), msr605.ReasonEscape},
		{"no ESC before status", msr605.ModeISO, []byte("\x1bs\x1b\x01%A??\x1c0"), msr605.ReasonEscape},
		{"track too long", msr605.ModeISO, long, msr605.ReasonTooLong},
		{"answer too long", msr605.ModeISO, append([]byte{0x1B, 's'}, make([]byte, 2000)...), msr605.ReasonTooLong},
		{"raw cut in data", msr605.ModeRaw, raw[:6], msr605.ReasonTruncated},
		{"raw length past end", msr605.ModeRaw, []byte("\x1bs\x1b\x01\x09abc?\x1c\x1b0"), msr605.ReasonTruncated},
		{"raw no FS", msr605.ModeRaw, []byte("\x1bs\x1b\x01\x00?x\x1b0"), msr605.ReasonTag},
		{"raw cut before length", msr605.ModeRaw, raw[:4], msr605.ReasonTruncated},
		{"raw garbage", msr605.ModeRaw, []byte("\x1bsxyz"), msr605.ReasonTag},
	}
	for _, tt := range tests {
		r, err := msr605.ParseRead(tt.answer, tt.mode)
		if got := reason(err); got != tt.want || r != nil {
			t.Errorf("%s: %v (%q), want reason %q", tt.name, err, got, tt.want)
		}
	}
}

func TestQueries(t *testing.T) {
	if v, err := msr605.ParseFirmware(msrtest.FirmwareAnswer("REV?2.31")); err != nil || v != "REV?2.31" {
		t.Errorf("firmware %q, %v", v, err)
	}
	if m, err := msr605.ParseModel(msrtest.ModelAnswer("3")); err != nil || m != "3" {
		t.Errorf("model %q, %v", m, err)
	}
	for _, tc := range []struct {
		name  string
		parse func([]byte) (string, error)
		b     []byte
		want  msr605.Reason
	}{
		{"firmware empty", msr605.ParseFirmware, nil, msr605.ReasonEmpty},
		{"firmware ESC only", msr605.ParseFirmware, []byte{0x1B}, msr605.ReasonTruncated},
		{"firmware no ESC", msr605.ParseFirmware, []byte("REV1"), msr605.ReasonNoESC},
		{"firmware binary", msr605.ParseFirmware, []byte("\x1bREV\x00"), msr605.ReasonText},
		{"firmware too long", msr605.ParseFirmware, append([]byte{0x1B}, bytes.Repeat([]byte("1"), 40)...), msr605.ReasonTooLong},
		{"model without S", msr605.ParseModel, []byte("\x1b3"), msr605.ReasonTruncated},
		{"model no ESC", msr605.ParseModel, []byte("x3S"), msr605.ReasonNoESC},
		{"model too long", msr605.ParseModel, []byte("\x1b123456S"), msr605.ReasonTooLong},
	} {
		if _, err := tc.parse(tc.b); reason(err) != tc.want {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}

// End finds each answer's end as its bytes arrive one at a time, and says
// the firmware version's end only when the reader goes quiet.
func TestEnd(t *testing.T) {
	raw := msrtest.RawAnswer('0', msrtest.RawTrack(t, msrtest.Track1, iso7811.Alpha, 20, 20, nil),
		msrtest.RawTrack(t, msrtest.Track2, iso7811.Numeric, 20, 20, nil), msrtest.Track{Data: []byte{0x3F, 0x1C, 0x1B, 0x30}})
	tests := []struct {
		c      msr605.Command
		answer []byte
		final  bool
	}{
		{msr605.ReadISO(), msrtest.Manual(), true},
		{msr605.ReadISO(), []byte{0x1B, '4'}, true},
		{msr605.ReadRaw(), raw, true},
		{msr605.ReadRaw(), []byte{0x1B, '2'}, true},
		{msr605.Model(), msrtest.ModelAnswer("3"), true},
		{msr605.CommTest(), []byte{0x1B, 'y'}, true},
		{msr605.Firmware(), msrtest.FirmwareAnswer("REV?2.31"), false},
	}
	for _, tt := range tests {
		for i := 0; i <= len(tt.answer); i++ {
			n, final, err := msr605.End(tt.c, tt.answer[:i])
			switch {
			case err != nil:
				t.Errorf("%s after %d bytes: %v", tt.c, i, err)
			case i < len(tt.answer) && final:
				t.Errorf("%s: complete after %d of %d bytes", tt.c, i, len(tt.answer))
			case i == len(tt.answer) && (final != tt.final || n != len(tt.answer)):
				t.Errorf("%s: End of the whole answer: %d, final %v", tt.c, n, final)
			}
		}
	}
	if n, _, err := msr605.End(msr605.Reset(), []byte{0x1B, '0'}); n != 0 || err != nil {
		t.Errorf("reset has no answer: %d, %v", n, err)
	}
	for _, tc := range []struct {
		c    msr605.Command
		b    []byte
		want msr605.Reason
	}{
		{msr605.ReadISO(), []byte("x"), msr605.ReasonNoESC},
		{msr605.ReadISO(), []byte("\x1bv"), msr605.ReasonNotRead},
		{msr605.ReadISO(), append([]byte{0x1B, 's'}, make([]byte, 2000)...), msr605.ReasonTooLong},
		{msr605.ReadRaw(), []byte("\x1bs\x1b\x05"), msr605.ReasonEscape},
		{msr605.Model(), []byte("\x1b12345678"), msr605.ReasonTooLong},
		{msr605.Firmware(), []byte("\x1bREV\x00"), msr605.ReasonText},
	} {
		if _, _, err := msr605.End(tc.c, tc.b); reason(err) != tc.want {
			t.Errorf("%s %q: %v, want %q", tc.c, tc.b, err, tc.want)
		}
	}
}

// Split cuts a captured stream into its answers: the queries' and a read's,
// in either mode.
func TestSplit(t *testing.T) {
	raw := msrtest.RawAnswer('0', msrtest.Track{}, msrtest.RawTrack(t, msrtest.Track2, iso7811.Numeric, 20, 20, nil), msrtest.Track{})
	stream := slices.Concat(msrtest.FirmwareAnswer("REV?2.31"), msrtest.ModelAnswer("3"), []byte{0x1B, 'y'},
		msrtest.Manual(), raw, []byte{0x1B, '4'})
	as, err := msr605.Split(stream)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, a := range as {
		kinds = append(kinds, string(a.Kind)+"/"+string(a.Mode))
	}
	want := []string{"firmware/", "model/", "comm/", "read/iso", "read/raw", "status/"}
	if !slices.Equal(kinds, want) {
		t.Fatalf("answers %q, want %q", kinds, want)
	}
	if !bytes.Equal(as[3].Bytes, msrtest.Manual()) || !bytes.Equal(as[4].Bytes, raw) {
		t.Errorf("reads % X / % X", as[3].Bytes, as[4].Bytes)
	}
	for _, tc := range []struct {
		name string
		b    []byte
		want msr605.Reason
		at   int
	}{
		{"junk", []byte("hello"), msr605.ReasonNoESC, 0},
		{"junk after an answer", append(msrtest.Manual(), 'x'), msr605.ReasonNoESC, len(msrtest.Manual())},
		{"cut read", msrtest.Manual()[:10], msr605.ReasonTruncated, 10},
		{"ESC alone", append(msrtest.ModelAnswer("3"), 0x1B), msr605.ReasonTruncated, 4},
		{"control byte", []byte{0x1B, 0x01}, msr605.ReasonEscape, 0},
	} {
		_, err := msr605.Split(tc.b)
		if e, ok := errors.AsType[*msr605.Error](err); !ok || e.Reason != tc.want || e.Offset != tc.at {
			t.Errorf("%s: %v, want %q at %d", tc.name, err, tc.want, tc.at)
		}
	}
}
