package decoder_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"magcheck/decoder"
	"magcheck/internal/hidtest"
	"magcheck/message"
	"magcheck/webhid"
)

var (
	sureSwipe = webhid.Device{VendorID: webhid.VendorMagTek, ProductID: 0x0002}
	dynamag   = webhid.Device{VendorID: webhid.VendorMagTek, ProductID: 0x0011}
	secureMag = webhid.Device{VendorID: webhid.VendorIDTech, ProductID: 0x2010}
	idOther   = webhid.Device{VendorID: webhid.VendorIDTech, ProductID: 0x2020}
)

// Masked tracks as a MagneSafe V5 sends them at security level 3: the PAN
// zero-filled in the middle, the rest of the data zeros.
const (
	zeroMasked1 = "%B5452000000007189^HOGAN/PAUL      ^0804000000000000000000000?"
	zeroMasked2 = ";5452000000007189=0804000000000000000?"
)

func level3Report() hidtest.V5Report {
	return hidtest.V5Report{Size: 887,
		Tracks:     [3]string{hidtest.Cipher(64), hidtest.Cipher(40), ""},
		Masked:     [3]string{zeroMasked1, zeroMasked2, ""},
		EncStatus:  0x0006,
		MagnePrint: 1<<19 | 1<<21, // too fast, reverse direction
		KSN:        "FFFF9876543210E00008", Serial: "B0F1234"}
}

// TestDecodeHID decodes reports of every layout as webhid.Parse reads them
// (built by package hidtest) and checks the tracks, findings and reader
// info the adapter makes of them.
func TestDecodeHID(t *testing.T) {
	const (
		ok     = decoder.StatusOK
		failed = decoder.StatusError
		absent = decoder.StatusAbsent
	)
	unmasked := level3Report()
	unmasked.Masked, unmasked.MagnePrint = [3]string{}, 0
	tests := []struct {
		name      string
		dev       webhid.Device
		data      []byte
		format    string
		encrypted bool
		status    [3]decoder.TrackStatus
		codes     []decoder.Code
		flags     []string
		evidence  string // must appear in Reader.Evidence
	}{
		{"V1 clear 856-byte report", dynamag, hidtest.V1Report(t), webhid.FormatMagTekV5Short, false,
			[3]decoder.TrackStatus{ok, ok, ok},
			[]decoder.Code{decoder.PANLuhnFailed, decoder.Expired, decoder.ServiceCodeInvalid, decoder.ServiceCodeOnlineOnly},
			nil, "encryption status 0x0002 (DUKPT key injected)"},
		// ID TECH masks track 1's format code with the PAN: still a bank card.
		{"V4 ID TECH original format", secureMag, hidtest.V4Frame(t), webhid.FormatIDTechSTXOriginal, true,
			[3]decoder.TrackStatus{ok, ok, ok},
			[]decoder.Code{decoder.TestKey, decoder.EncryptedData, decoder.IssuerCheckRequired, decoder.MaskedData},
			nil, "track 1: 1 character(s) after the end sentinel not decoded"},
		{"SureSwipe, track 2 decode error", sureSwipe, hidtest.Report337(0, [3]byte{0, 1, 0}, [3]string{hidtest.V1Track1}), webhid.FormatMagTekSureSwipe, false,
			[3]decoder.TrackStatus{ok, failed, absent},
			[]decoder.Code{decoder.PANLuhnFailed, decoder.Expired, decoder.TrackReadError, decoder.ServiceCodeInvalid, decoder.ServiceCodeOnlineOnly},
			nil, "track 2 decode status 0x01"},
		{"SureSwipe, every track failed", sureSwipe, hidtest.Report337(0, [3]byte{1, 1, 1}, [3]string{}), webhid.FormatMagTekSureSwipe, false,
			[3]decoder.TrackStatus{failed, failed, failed},
			[]decoder.Code{decoder.TrackReadError},
			nil, "track 3 decode status 0x01"},
		// A swipe the reader read nothing from (a blank or erased stripe,
		// a card swiped stripe away from the head) is not a clean read.
		{"SureSwipe, blank card: every track empty", sureSwipe, hidtest.Report337(3, [3]byte{}, [3]string{}), webhid.FormatMagTekSureSwipe, false,
			[3]decoder.TrackStatus{absent, absent, absent},
			[]decoder.Code{decoder.NoData},
			nil, "card encode type 0x03 (blank)"},
		{"V5 level 3, masked tracks, MagnePrint flags", dynamag, level3Report().Bytes(), webhid.FormatMagTekV5, true,
			[3]decoder.TrackStatus{ok, ok, absent},
			[]decoder.Code{decoder.TestKey, decoder.Expired, decoder.ReaderStatus, decoder.ReaderStatus, decoder.EncryptedData, decoder.IssuerCheckRequired, decoder.MaskedData},
			[]string{"too fast", "reverse direction"}, "encryption status 0x0006 (DUKPT key injected, encryption enabled)"},
		{"V5 level 3 without masked tracks", dynamag, unmasked.Bytes(), webhid.FormatMagTekV5, true,
			[3]decoder.TrackStatus{absent, absent, absent},
			[]decoder.Code{decoder.TestKey, decoder.EncryptedData},
			nil, "encryption status 0x0006 (DUKPT key injected, encryption enabled)"},
		{"ID TECH raw encrypted", idOther, hidtest.Report337(4, [3]byte{}, [3]string{hidtest.Cipher(64), hidtest.Cipher(40)}), webhid.FormatIDTechOther, true,
			[3]decoder.TrackStatus{absent, absent, absent},
			[]decoder.Code{decoder.EncryptedData},
			nil, "card encode type 0x04 (raw)"},
		{"ID TECH structure, output split as reader text", secureMag, hidtest.StructureReport(0, [3]byte{}, [3]byte{0, 99, 0}, hidtest.V1Track2+"\r"), webhid.FormatIDTechStructure, false,
			[3]decoder.TrackStatus{absent, ok, absent},
			[]decoder.Code{decoder.PANLuhnFailed, decoder.Expired, decoder.ServiceCodeInvalid, decoder.TrackAbsent, decoder.ServiceCodeOnlineOnly},
			nil, "output not split into tracks"},
	}
	o := decoder.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := webhid.Parse(tc.dev, 0, tc.data)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			d := decoder.DecodeHID(r, nil, o)
			if d.Input != decoder.InputHID {
				t.Errorf("Input = %q, want hid", d.Input)
			}
			var status [3]decoder.TrackStatus
			for i, tr := range d.Tracks {
				status[i] = tr.Status
				if tr.Status == ok && !strings.HasSuffix(tr.Text, "?") {
					t.Errorf("track %d text does not end at its end sentinel", i+1)
				}
			}
			if status != tc.status {
				t.Errorf("track statuses = %v, want %v", status, tc.status)
			}
			var codes []decoder.Code
			for _, f := range d.Findings {
				codes = append(codes, f.Code)
			}
			if !slices.Equal(codes, tc.codes) {
				t.Errorf("findings = %v, want %v", codes, tc.codes)
			}
			ri := d.Reader
			if ri == nil {
				t.Fatal("no reader info")
			}
			if ri.Vendor != r.Vendor || ri.Format != tc.format || ri.Encrypted != tc.encrypted {
				t.Errorf("reader = %q/%q/%v, want %q/%q/%v", ri.Vendor, ri.Format, ri.Encrypted, r.Vendor, tc.format, tc.encrypted)
			}
			if !slices.Equal(ri.Flags, tc.flags) {
				t.Errorf("flags = %q, want %q", ri.Flags, tc.flags)
			}
			var evidence []string
			for _, e := range ri.Evidence {
				evidence = append(evidence, e.In(message.English))
			}
			if !slices.Contains(evidence, tc.evidence) {
				t.Errorf("evidence %q lacks %q", evidence, tc.evidence)
			}
		})
	}
}

// FuzzDecodeHID checks that every report webhid.Parse accepts diagnoses
// without panicking, with one track per number and the reader's status kept.
func FuzzDecodeHID(f *testing.F) {
	seeds := []struct {
		pid  uint16
		data []byte
	}{
		{0x0011, hidtest.V1Report(f)},
		{0x0011, level3Report().Bytes()},
		{0x0002, hidtest.Report337(0, [3]byte{0, 1, 0}, [3]string{hidtest.V1Track1, "", "no sentinels"})},
		{0x2010, hidtest.V4Frame(f)},
		{0x2010, hidtest.StructureReport(0, [3]byte{}, [3]byte{0, 99, 0}, hidtest.V1Track2+"\r")},
	}
	for _, s := range seeds {
		vid := uint16(webhid.VendorMagTek)
		if s.pid >= 0x2000 {
			vid = webhid.VendorIDTech
		}
		f.Add(vid, s.pid, s.data)
	}
	o := decoder.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	f.Fuzz(func(t *testing.T, vid, pid uint16, data []byte) {
		r, err := webhid.Parse(webhid.Device{VendorID: vid, ProductID: pid}, 0, data)
		if err != nil {
			return
		}
		d := decoder.DecodeHID(r, nil, o)
		if d.Reader == nil || d.Reader.Format != r.Format {
			t.Fatalf("reader info %+v for format %q", d.Reader, r.Format)
		}
		for i, tr := range d.Tracks {
			if tr.Number != i+1 {
				t.Fatalf("track %d numbered %d", i+1, tr.Number)
			}
			if r.Tracks[i].Status == webhid.TrackDecodeError && tr.Status != decoder.StatusError {
				t.Fatalf("track %d: reader decode error became %q", i+1, tr.Status)
			}
			if r.Tracks[i].Status == webhid.TrackEmpty && tr.Status != decoder.StatusAbsent {
				t.Fatalf("track %d: empty track became %q", i+1, tr.Status)
			}
		}
	})
}

// TestTrackDisabled: a track a MagTek reader's set-up turns off that the
// swipe has nothing on is a finding of the reader's set-up, with the
// setting as evidence: a note for tracks 1 and 3, which many cards and
// terminals do without, a warning that decides the verdict for track 2,
// which every payment terminal reads. A track that came anyway, and a
// setting that was not read, raise nothing.
func TestTrackDisabled(t *testing.T) {
	const (
		track1 = "%B4111111111111111^DOE/JANE^3012101000000000000000503000000?"
		track2 = ";4111111111111111=30121010000000000000?"
	)
	o := decoder.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	unread := map[string]error{webhid.PropertyTrackEnable: &webhid.MagTekResultError{Code: 2}}
	for _, tt := range []struct {
		name     string
		tracks   [3]string
		props    *webhid.MagTekProperties
		finding  string // code/detail, track, severity; "" for none
		evidence string
		fault    decoder.Fault
		verdict  string
	}{
		{"track 1 off, card read on track 2", [3]string{"", track2}, &webhid.MagTekProperties{TrackIDEnable: 0x94},
			"track_disabled 1 info", "the reader's Track ID Enable setting is 0x94: track 1 off", decoder.FaultHost, ""},
		{"track 2 off, card read on track 1", [3]string{track1}, &webhid.MagTekProperties{TrackIDEnable: 0x91},
			"track_disabled/track2 2 warn", "the reader's Track ID Enable setting is 0x91: track 2 off", decoder.FaultSetup,
			"Most likely the reader's or host's set-up: Track 2 turned off in the reader."},
		{"track 2 off, nothing read", [3]string{}, &webhid.MagTekProperties{TrackIDEnable: 0x91},
			"track_disabled/track2 2 warn", "the reader's Track ID Enable setting is 0x91: track 2 off", decoder.FaultSetup,
			"Most likely the reader's or host's set-up: Track 2 turned off in the reader."},
		// Track 1 off and nothing on tracks 2 and 3: the set-up does not
		// explain it.
		{"track 1 off, nothing read", [3]string{}, &webhid.MagTekProperties{TrackIDEnable: 0x94},
			"track_disabled 1 info", "the reader's Track ID Enable setting is 0x94: track 1 off", decoder.FaultReader,
			"The card's stripe or the reader: No data. Swipe 2–3 known-good cards to tell which."},
		{"track 3 off", [3]string{track1, track2}, &webhid.MagTekProperties{TrackIDEnable: 0x85},
			"track_disabled 3 info", "the reader's Track ID Enable setting is 0x85: track 3 off", decoder.FaultHost, ""},
		{"track 1 off, but sent", [3]string{track1, track2}, &webhid.MagTekProperties{TrackIDEnable: 0x94}, "", "", decoder.FaultHost, ""},
		{"setting not read", [3]string{"", track2}, &webhid.MagTekProperties{TrackIDEnable: 0x94, Failed: unread}, "", "", decoder.FaultHost, ""},
		{"not asked", [3]string{"", track2}, nil, "", "", decoder.FaultHost, ""},
	} {
		r, err := webhid.Parse(sureSwipe, 0, hidtest.Report337(0, [3]byte{}, tt.tracks))
		if err != nil {
			t.Fatal(err)
		}
		d := decoder.DecodeHID(r, tt.props, o)
		var got, evidence string
		for _, f := range d.Findings {
			if f.Code == decoder.TrackDisabled {
				code := string(f.Code)
				if f.Detail != "" {
					code += "/" + f.Detail
				}
				got = code + " " + strconv.Itoa(f.Track) + " " + string(f.Severity)
				evidence = f.Evidence.In(message.English)
			}
		}
		if got != tt.finding || evidence != tt.evidence || d.Fault != tt.fault {
			t.Errorf("%s: finding %q, evidence %q, fault %s\nwant %q, %q, %s", tt.name, got, evidence, d.Fault, tt.finding, tt.evidence, tt.fault)
		}
		if v := d.View(message.English, false); tt.verdict != "" && v.Verdict != tt.verdict {
			t.Errorf("%s: verdict %q, want %q", tt.name, v.Verdict, tt.verdict)
		}
		if tt.finding == "" {
			continue
		}
		// Both languages word it, and the JSON carries it.
		zh := d.View(message.Chinese, false)
		for _, f := range zh.Findings {
			if f.Code == string(decoder.TrackDisabled) && (f.Evidence == "" || strings.Contains(f.Title, "track") || f.Title == "") {
				t.Errorf("%s: Chinese finding %+v", tt.name, f)
			}
		}
	}
}
