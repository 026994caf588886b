package msr605_test

import (
	"bytes"
	"errors"
	"testing"

	"magcheck/decoder/iso7811"
	"magcheck/internal/msrtest"
	"magcheck/msr605"
)

// seeds are answers of every kind, good and cut short.
func seeds(f *testing.F) [][]byte {
	raw := msrtest.RawAnswer('0', msrtest.RawTrack(f, msrtest.Track1, iso7811.Alpha, 20, 20, nil),
		msrtest.RawTrack(f, msrtest.Track2, iso7811.Numeric, 20, 20, nil), msrtest.Track{Data: []byte{0x3F, 0x1C, 0x1B}})
	marks := msrtest.ISOAnswer('1', msrtest.Track{Mark: '*'}, msrtest.ISO(msrtest.Track2), msrtest.Track{Mark: '+'})
	return [][]byte{
		msrtest.Manual(), raw, marks, msrtest.ISOAnswer('0'), {0x1B, '4'},
		msrtest.FirmwareAnswer("REV?2.31"), msrtest.ModelAnswer("3"), {0x1B, 'y'},
		msrtest.Manual()[:9], raw[:40], append(msrtest.Manual(), raw...),
	}
}

func typed(err error) bool {
	_, ok := errors.AsType[*msr605.Error](err)
	return ok
}

// FuzzParse feeds any bytes to every answer parser, and to End as each
// command's answer: an answer is read or refused with an *Error, never a
// panic, and what is read holds to the limits and leaves the input as it was.
func FuzzParse(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		orig := bytes.Clone(b)
		for _, m := range []msr605.Mode{msr605.ModeISO, msr605.ModeRaw, msr605.DetectMode(b)} {
			r, err := msr605.ParseRead(b, m)
			if err != nil {
				if r != nil || !typed(err) {
					t.Fatalf("%s: untyped error or read with error: %v", m, err)
				}
				continue
			}
			for i, tr := range r.Tracks {
				if tr.Number != i+1 || len(tr.Data) > msr605.MaxTrack || tr.Mark != 0 && len(tr.Data) > 0 ||
					!r.Block && tr.Sent || len(tr.Bits()) != 8*len(tr.Data) {
					t.Fatalf("%s: track %d: %+v", m, i+1, tr)
				}
			}
		}
		for _, parse := range []func([]byte) (string, error){msr605.ParseFirmware, msr605.ParseModel} {
			if s, err := parse(b); err != nil && !typed(err) || err == nil && len(s) >= len(b) {
				t.Fatalf("query answer %q, %v", s, err)
			}
		}
		for _, c := range []msr605.Command{msr605.Reset(), msr605.ReadISO(), msr605.ReadRaw(), msr605.Firmware(), msr605.Model(), msr605.CommTest()} {
			n, final, err := msr605.End(c, b)
			if err != nil && !typed(err) || n < 0 || n > len(b) || final && n == 0 {
				t.Fatalf("End(%s) = %d, %v, %v", c, n, final, err)
			}
			if m, ok := c.IsRead(); ok && final && n > 2 {
				if _, err := msr605.ParseRead(b[:n], m); err != nil {
					t.Fatalf("End(%s) ends a read at %d that ParseRead refuses: %v", c, n, err)
				}
			}
		}
		if !bytes.Equal(b, orig) {
			t.Fatal("the input changed")
		}
	})
}

// FuzzSplit cuts any stream into answers: they cover it exactly, in order,
// each of a kind whose parser takes it; or it is refused with an *Error.
func FuzzSplit(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Add(bytes.Join(seeds(f), nil))
	f.Fuzz(func(t *testing.T, b []byte) {
		as, err := msr605.Split(b)
		if err != nil {
			if as != nil || !typed(err) {
				t.Fatalf("untyped error or answers with error: %v", err)
			}
			return
		}
		var joined []byte
		for _, a := range as {
			joined = append(joined, a.Bytes...)
			var err error
			switch a.Kind {
			case msr605.KindRead, msr605.KindStatus:
				_, err = msr605.ParseRead(a.Bytes, a.Mode)
			case msr605.KindFirmware:
				_, err = msr605.ParseFirmware(a.Bytes)
			case msr605.KindModel:
				_, err = msr605.ParseModel(a.Bytes)
			}
			if err != nil {
				t.Fatalf("%s answer % X refused: %v", a.Kind, a.Bytes, err)
			}
		}
		if !bytes.Equal(joined, b) {
			t.Fatalf("answers do not cover the stream")
		}
	})
}
