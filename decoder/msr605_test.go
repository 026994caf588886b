package decoder_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"magcheck/decoder"
	"magcheck/decoder/iso7811"
	"magcheck/internal/msrtest"
	"magcheck/message"
	"magcheck/msr605"
)

// msrNow is the clock the reads are decoded against: the test card expires
// in December 2030.
var msrNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func codesOf(r *decoder.Report) []decoder.Code {
	var out []decoder.Code
	for _, f := range r.Findings {
		out = append(out, f.Code)
	}
	return out
}

// finding is the first finding of code c, with its evidence in English.
func finding(r *decoder.Report, c decoder.Code) (decoder.Finding, string, bool) {
	for _, f := range r.Findings {
		if f.Code == c {
			return f, f.Evidence.In(message.English), true
		}
	}
	return decoder.Finding{}, "", false
}

// TestDecodeMSR605 decodes reads built from the MSR605 manual's layouts, in
// ISO and raw mode, and checks the tracks, the card, the findings and the
// reader facts.
func TestDecodeMSR605(t *testing.T) {
	const (
		ok        = decoder.StatusOK
		failed    = decoder.StatusError
		absent    = decoder.StatusAbsent
		malformed = decoder.StatusMalformed
	)
	iso := msrtest.ISOAnswer('0', msrtest.ISO(msrtest.Track1), msrtest.ISO(msrtest.Track2), msrtest.ISO(msrtest.Track3))
	rawTrack := func(text string, f iso7811.Format, mutate func([]byte)) msrtest.Track {
		return msrtest.RawTrack(t, text, f, 40, 40, mutate)
	}
	// Track 2's sixth character (the fifth PAN digit) has a flipped bit.
	parity := func(b []byte) { b[40+5*5+2] ^= 1 }
	// Two bits of the LRC flipped keep its parity good: only the LRC fails.
	lrc := func(b []byte) { b[40+5*len(msrtest.Track2)] ^= 1; b[40+5*len(msrtest.Track2)+1] ^= 1 }
	noise := make([]byte, 30)
	for i := range noise {
		noise[i] = 0x9C
	}
	tests := []struct {
		name     string
		dev      msr605.Device
		mode     msr605.Mode
		answer   []byte
		input    decoder.Input
		status   [3]decoder.TrackStatus
		codes    []decoder.Code // must all be there
		absent   []decoder.Code // must not
		fault    decoder.Fault
		evidence string // in a finding's evidence, in English
	}{
		{"ISO read", msr605.Device{Link: msr605.LinkSerial, Model: "3", Firmware: "REV?2.31"}, msr605.ModeISO, iso,
			decoder.InputSerial, [3]decoder.TrackStatus{ok, ok, ok}, []decoder.Code{decoder.IssuerCheckRequired},
			[]decoder.Code{decoder.ReaderStatus, decoder.NoData, decoder.TrackReadError}, decoder.FaultHost, ""},
		{"manual's read", msr605.Device{Link: msr605.LinkSerial}, msr605.ModeISO, msrtest.Manual(),
			decoder.InputSerial, [3]decoder.TrackStatus{ok, ok, ok}, nil, []decoder.Code{decoder.ReaderStatus, decoder.NoData}, "", ""},
		{"bad and empty marks", msr605.Device{Link: msr605.LinkHID}, msr605.ModeISO,
			msrtest.ISOAnswer('1', msrtest.Track{Mark: '*'}, msrtest.ISO(msrtest.Track2), msrtest.Track{Mark: '+'}),
			decoder.InputHID, [3]decoder.TrackStatus{failed, ok, absent}, []decoder.Code{decoder.TrackReadError, decoder.ReaderStatus},
			[]decoder.Code{decoder.NoData}, decoder.FaultCard, "status byte 31h: read error"},
		{"nothing read", msr605.Device{Link: msr605.LinkSerial}, msr605.ModeISO,
			msrtest.ISOAnswer('1', msrtest.Track{Mark: '+'}, msrtest.Track{Mark: '+'}, msrtest.Track{Mark: '+'}),
			decoder.InputSerial, [3]decoder.TrackStatus{absent, absent, absent}, []decoder.Code{decoder.NoData, decoder.ReaderStatus},
			nil, decoder.FaultReader, "the reader sent no data for any track"},
		{"command refused", msr605.Device{Link: msr605.LinkSerial}, msr605.ModeRaw, []byte{0x1B, '4'},
			decoder.InputSerial, [3]decoder.TrackStatus{absent, absent, absent}, []decoder.Code{decoder.CommandRefused},
			[]decoder.Code{decoder.NoData}, decoder.FaultSetup, "status byte 34h: invalid command"},
		{"format error", msr605.Device{Link: msr605.LinkSerial}, msr605.ModeISO, []byte{0x1B, '2'},
			decoder.InputSerial, [3]decoder.TrackStatus{absent, absent, absent}, []decoder.Code{decoder.CommandRefused},
			nil, decoder.FaultSetup, "status byte 32h: command format error"},
		{"swipe status", msr605.Device{Link: msr605.LinkSerial}, msr605.ModeISO, msrtest.ISOAnswer('9', msrtest.ISO(""), msrtest.ISO(msrtest.Track2)),
			decoder.InputSerial, [3]decoder.TrackStatus{absent, ok, absent}, []decoder.Code{decoder.ReaderStatus},
			nil, decoder.FaultReader, "status byte 39h: card moved wrongly"},
		{"unknown status", msr605.Device{Link: msr605.LinkSerial}, msr605.ModeISO, msrtest.ISOAnswer('7', msrtest.ISO(""), msrtest.ISO(msrtest.Track2)),
			decoder.InputSerial, [3]decoder.TrackStatus{absent, ok, absent}, []decoder.Code{decoder.ReaderStatus},
			nil, decoder.FaultReader, "status byte 37h: an error the manual does not name"},
		{"ISO framing", msr605.Device{Link: msr605.LinkSerial}, msr605.ModeISO,
			msrtest.ISOAnswer('0', msrtest.ISO("%B4111"), msrtest.ISO("4111111111111111=3012?"), msrtest.ISO(";1?<")),
			decoder.InputSerial, [3]decoder.TrackStatus{malformed, ok, ok},
			[]decoder.Code{decoder.MissingEndSentinel, decoder.MissingStartSentinel}, nil, "", ""},
		{"raw read", msr605.Device{Link: msr605.LinkHID, Firmware: "REV?2.31"}, msr605.ModeRaw,
			msrtest.RawAnswer('0', rawTrack(msrtest.Track1, iso7811.Alpha, nil), rawTrack(msrtest.Track2, iso7811.Numeric, nil),
				rawTrack(msrtest.Track3, iso7811.Numeric, nil)),
			decoder.InputHID, [3]decoder.TrackStatus{ok, ok, ok}, []decoder.Code{decoder.IssuerCheckRequired},
			[]decoder.Code{decoder.ParityError, decoder.LRCError, decoder.ReaderStatus}, decoder.FaultHost, ""},
		{"raw parity error", msr605.Device{Link: msr605.LinkSerial}, msr605.ModeRaw,
			msrtest.RawAnswer('0', msrtest.Track{}, rawTrack(msrtest.Track2, iso7811.Numeric, parity), msrtest.Track{}),
			decoder.InputSerial, [3]decoder.TrackStatus{absent, failed, absent}, []decoder.Code{decoder.ParityError},
			[]decoder.Code{decoder.NoData}, decoder.FaultCard, "track 2 pos 5"},
		{"raw LRC error", msr605.Device{Link: msr605.LinkSerial}, msr605.ModeRaw,
			msrtest.RawAnswer('0', msrtest.Track{}, rawTrack(msrtest.Track2, iso7811.Numeric, lrc), msrtest.Track{}),
			decoder.InputSerial, [3]decoder.TrackStatus{absent, failed, absent}, []decoder.Code{decoder.LRCError},
			[]decoder.Code{decoder.ParityError}, decoder.FaultCard, ""},
		{"raw noise and blank", msr605.Device{Link: msr605.LinkSerial}, msr605.ModeRaw,
			msrtest.RawAnswer('0', msrtest.Track{Data: noise}, rawTrack(msrtest.Track2, iso7811.Numeric, nil), msrtest.Track{Data: make([]byte, 40)}),
			decoder.InputSerial, [3]decoder.TrackStatus{malformed, ok, absent}, []decoder.Code{decoder.TrackMalformed},
			[]decoder.Code{decoder.NoData}, "", "start sentinel"},
		{"raw blank card", msr605.Device{Link: msr605.LinkSerial}, msr605.ModeRaw,
			msrtest.RawAnswer('0', msrtest.Track{Data: make([]byte, 40)}, msrtest.Track{Data: make([]byte, 20)}, msrtest.Track{}),
			decoder.InputSerial, [3]decoder.TrackStatus{absent, absent, absent}, []decoder.Code{decoder.NoData},
			nil, decoder.FaultReader, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			read, err := msr605.ParseRead(tt.answer, tt.mode)
			if err != nil {
				t.Fatal(err)
			}
			r := decoder.DecodeMSR605(read, tt.dev, decoder.Options{Now: msrNow})
			if r.Input != tt.input {
				t.Errorf("input %s, want %s", r.Input, tt.input)
			}
			var status [3]decoder.TrackStatus
			for i, tr := range r.Tracks {
				status[i] = tr.Status
			}
			if status != tt.status {
				t.Errorf("statuses %v, want %v", status, tt.status)
			}
			got := codesOf(r)
			for _, c := range tt.codes {
				if !slices.Contains(got, c) {
					t.Errorf("no %s in %v", c, got)
				}
			}
			for _, c := range tt.absent {
				if slices.Contains(got, c) {
					t.Errorf("%s in %v", c, got)
				}
			}
			if tt.fault != "" && r.Fault != tt.fault {
				t.Errorf("fault %s, want %s (findings %v)", r.Fault, tt.fault, got)
			}
			if tt.evidence != "" {
				var all []string
				for _, f := range r.Findings {
					all = append(all, f.Evidence.In(message.English))
				}
				if !strings.Contains(strings.Join(all, "\n"), tt.evidence) {
					t.Errorf("evidence %q, want %q", all, tt.evidence)
				}
			}
			info := r.Reader
			if info == nil || info.Format != "msr605-"+string(tt.mode) || info.Firmware != tt.dev.Firmware {
				t.Fatalf("reader %+v", info)
			}
			wantModel := decoder.ModelMSR605
			if tt.dev.Link == msr605.LinkHID {
				wantModel = decoder.ModelMSR605X
			}
			if tt.dev.Model != "" {
				wantModel += " (MSR206-" + tt.dev.Model + ")"
			}
			if info.Model != wantModel {
				t.Errorf("model %q, want %q", info.Model, wantModel)
			}
		})
	}
}

// The card read in ISO and in raw mode is the same card, with its fields in
// place; only the input and format say how it came.
func TestDecodeMSR605SameCard(t *testing.T) {
	iso, err := msr605.ParseRead(msrtest.ISOAnswer('0', msrtest.ISO(msrtest.Track1), msrtest.ISO(msrtest.Track2)), msr605.ModeISO)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := msr605.ParseRead(msrtest.RawAnswer('0', msrtest.RawTrack(t, msrtest.Track1, iso7811.Alpha, 20, 20, nil),
		msrtest.RawTrack(t, msrtest.Track2, iso7811.Numeric, 20, 20, nil)), msr605.ModeRaw)
	if err != nil {
		t.Fatal(err)
	}
	a := decoder.DecodeMSR605(iso, msr605.Device{Link: msr605.LinkSerial}, decoder.Options{Now: msrNow}).View(message.English, false)
	b := decoder.DecodeMSR605(raw, msr605.Device{Link: msr605.LinkSerial}, decoder.Options{Now: msrNow}).View(message.English, false)
	if a.Card == nil || b.Card == nil || *a.Card != *b.Card || a.Card.PANLast4 != "1111" || a.Card.PAN != "411111******1111" {
		t.Errorf("cards %+v and %+v", a.Card, b.Card)
	}
	for i := range a.Tracks {
		if a.Tracks[i].Text != b.Tracks[i].Text || !slices.Equal(a.Tracks[i].Fields, b.Tracks[i].Fields) {
			t.Errorf("track %d: %q and %q", i+1, a.Tracks[i].Text, b.Tracks[i].Text)
		}
	}
	if f, ev, ok := finding(decoder.DecodeMSR605(raw, msr605.Device{}, decoder.Options{Now: msrNow}), decoder.IssuerCheckRequired); !ok || f.Track != 0 || ev == "" {
		t.Errorf("issuer check: %+v %q", f, ev)
	}
}

// FuzzDecodeMSR605 diagnoses every read msr605.ParseRead accepts, in both
// modes, without panicking: one track per number, a reader's bad-data mark
// an error, an empty mark absent, and a View in both languages.
func FuzzDecodeMSR605(f *testing.F) {
	f.Add(msrtest.ISOAnswer('0', msrtest.ISO(msrtest.Track1), msrtest.ISO(msrtest.Track2), msrtest.ISO(msrtest.Track3)))
	f.Add(msrtest.ISOAnswer('1', msrtest.Track{Mark: '*'}, msrtest.ISO("%B1?"), msrtest.Track{Mark: '+'}))
	f.Add(msrtest.RawAnswer('0', msrtest.RawTrack(f, msrtest.Track1, iso7811.Alpha, 20, 20, nil),
		msrtest.RawTrack(f, msrtest.Track2, iso7811.Numeric, 20, 20, func(b []byte) { b[30] ^= 1 }), msrtest.Track{Data: []byte{0x9C, 0x01}}))
	f.Add([]byte{0x1B, '4'})
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, m := range []msr605.Mode{msr605.ModeISO, msr605.ModeRaw} {
			read, err := msr605.ParseRead(b, m)
			if err != nil {
				continue
			}
			r := decoder.DecodeMSR605(read, msr605.Device{Link: msr605.LinkHID, Model: "3"}, decoder.Options{Now: msrNow})
			if r.Reader == nil || r.Reader.Format != "msr605-"+string(m) {
				t.Fatalf("reader info %+v", r.Reader)
			}
			for i, tr := range r.Tracks {
				if tr.Number != i+1 {
					t.Fatalf("track %d numbered %d", i+1, tr.Number)
				}
				switch read.Tracks[i].Mark {
				case msr605.MarkBad:
					if tr.Status != decoder.StatusError {
						t.Fatalf("track %d: a bad-data mark became %q", i+1, tr.Status)
					}
				case msr605.MarkEmpty:
					if tr.Status != decoder.StatusAbsent {
						t.Fatalf("track %d: an empty mark became %q", i+1, tr.Status)
					}
				}
			}
			for _, l := range []message.Lang{message.English, message.Chinese} {
				_ = r.View(l, false).Text()
			}
		}
	})
}
