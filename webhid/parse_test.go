package webhid_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"magcheck/internal/hidtest"
	"magcheck/webhid"
)

var (
	sureSwipe = webhid.Device{VendorID: webhid.VendorMagTek, ProductID: 0x0002}
	dynamag   = webhid.Device{VendorID: webhid.VendorMagTek, ProductID: 0x0011}
	eDynamo   = webhid.Device{VendorID: webhid.VendorMagTek, ProductID: 0x001E}
	secureMag = webhid.Device{VendorID: webhid.VendorIDTech, ProductID: 0x2010}
	idOther   = webhid.Device{VendorID: webhid.VendorIDTech, ProductID: 0x2020}
)

func sized(d webhid.Device, id byte, n int) webhid.Device {
	d.ReportSizes = map[byte]int{id: n}
	return d
}

// Shorthands for expected tracks.
func ok(text string, status byte) webhid.Track {
	return webhid.Track{Status: webhid.TrackOK, Text: text, StatusByte: status}
}
func empty(status byte) webhid.Track {
	return webhid.Track{Status: webhid.TrackEmpty, StatusByte: status}
}
func failed(status byte) webhid.Track {
	return webhid.Track{Status: webhid.TrackDecodeError, StatusByte: status}
}
func masked(text string, encLen int, status byte) webhid.Track {
	return webhid.Track{Status: webhid.TrackEncrypted, Text: text, Masked: text != "", EncryptedLength: encLen, StatusByte: status}
}

// want is the expected outcome of one Parse call.
type want struct {
	format, model, encode string
	encrypted             bool
	ksn, serial, output   string
	magnePrint            uint32
	flags                 []string
	tracks                [3]webhid.Track
	evidence              []webhid.Fact // each must appear in Report.Evidence
}

func check(t *testing.T, r *webhid.Report, err error, data []byte, w want) {
	t.Helper()
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if r.Format != w.format || r.CardEncodeType != w.encode || r.Encrypted != w.encrypted {
		t.Errorf("format/encode/encrypted = %q/%q/%v, want %q/%q/%v", r.Format, r.CardEncodeType, r.Encrypted, w.format, w.encode, w.encrypted)
	}
	if w.model != "" && r.Model != w.model {
		t.Errorf("Model = %q, want %q", r.Model, w.model)
	}
	if r.KSN != w.ksn || r.SerialNumber != w.serial || r.Output != w.output {
		t.Errorf("KSN/serial/output = %q/%q/%q, want %q/%q/%q", r.KSN, r.SerialNumber, r.Output, w.ksn, w.serial, w.output)
	}
	if r.MagnePrintStatus != w.magnePrint || !slices.Equal(r.MagnePrintFlags, w.flags) {
		t.Errorf("MagnePrint = %#x %q, want %#x %q", r.MagnePrintStatus, r.MagnePrintFlags, w.magnePrint, w.flags)
	}
	for i := range w.tracks {
		w.tracks[i].Number = i + 1
		if r.Tracks[i] != w.tracks[i] {
			t.Errorf("track %d:\n got %+v\nwant %+v", i+1, r.Tracks[i], w.tracks[i])
		}
	}
	for _, e := range w.evidence {
		if !slices.Contains(r.Evidence, e) {
			t.Errorf("evidence %+v missing from %+v", e, r.Evidence)
		}
	}
	if !bytes.Equal(r.Raw, data) {
		t.Error("Raw differs from the report")
	}
}

func TestParseV1(t *testing.T) {
	v1 := hidtest.V1Report(t)
	w := want{
		format: webhid.FormatMagTekV5Short, model: "MagneSafe V5", encode: "iso_aba",
		tracks:   [3]webhid.Track{ok(hidtest.V1Track1, 0), ok(hidtest.V1Track2, 0), ok(hidtest.V1Track3, 0)},
		evidence: []webhid.Fact{{Kind: webhid.FactEncodeType, Value: 0x00, Text: "iso_aba"}, {Kind: webhid.FactEncryptionStatus, Value: 0x0002}},
	}
	for _, dev := range []webhid.Device{dynamag, sized(dynamag, 0, 856), {VendorID: webhid.VendorMagTek, ProductID: 0x0003}} {
		r, err := webhid.Parse(dev, 0, v1)
		check(t, r, err, v1, w)
	}
	// The keyboard-mode output of the same card (V3) carries the same tracks.
	if kb := hidtest.V1Track1 + hidtest.V1Track2 + "+" + hidtest.V1Track3[1:]; kb != v3Keyboard {
		t.Errorf("V1 tracks do not match the keyboard vector:\n%s\n%s", kb, v3Keyboard)
	}
}

func TestParseV4(t *testing.T) {
	v4 := hidtest.V4Frame(t)
	w := want{
		format: webhid.FormatIDTechSTXOriginal, model: "SecureMag", encode: "iso_aba", encrypted: true, ksn: v4KSN,
		tracks: [3]webhid.Track{
			masked(v4Track1, 112, 0x3F), masked(v4Track2, 112, 0x3F), ok(v4Track3, 0x3F),
		},
		evidence: []webhid.Fact{{Kind: webhid.FactEncodeType, Value: 0x00, Text: "iso_aba"}, {Kind: webhid.FactTrackStatus, Value: 0x3F}},
	}
	r, err := webhid.Parse(secureMag, 0, v4)
	check(t, r, err, v4, w)
	// In HID mode the frame is zero-padded to the report size.
	padded := pad(v4, 560)
	r, err = webhid.Parse(sized(secureMag, 0, 560), 0, padded)
	check(t, r, err, padded, w)
}

func TestParse337(t *testing.T) {
	t1, t2, t3 := hidtest.V1Track1, hidtest.V1Track2, hidtest.V1Track3
	tests := []struct {
		name string
		dev  webhid.Device
		data []byte
		want want
	}{
		{"three tracks", sureSwipe, hidtest.Report337(0, [3]byte{}, [3]string{t1, t2, t3}), want{
			format: webhid.FormatMagTekSureSwipe, model: "SureSwipe", encode: "iso_aba",
			tracks: [3]webhid.Track{ok(t1, 0), ok(t2, 0), ok(t3, 0)},
		}},
		{"track 2 only", sureSwipe, hidtest.Report337(0, [3]byte{}, [3]string{"", t2}), want{
			format: webhid.FormatMagTekSureSwipe, encode: "iso_aba",
			tracks: [3]webhid.Track{empty(0), ok(t2, 0), empty(0)},
		}},
		{"track 1 decode error", sureSwipe, hidtest.Report337(0, [3]byte{1, 0, 0}, [3]string{"", t2}), want{
			format: webhid.FormatMagTekSureSwipe, encode: "iso_aba",
			tracks:   [3]webhid.Track{failed(1), ok(t2, 0), empty(0)},
			evidence: []webhid.Fact{{Kind: webhid.FactDecodeStatus, Track: 1, Value: 0x01}},
		}},
		{"error bit with a length: data ignored", sureSwipe, hidtest.Report337(5, [3]byte{1, 1, 1}, [3]string{t1, t2, t3}), want{
			format: webhid.FormatMagTekSureSwipe, encode: "undetermined",
			tracks:   [3]webhid.Track{failed(1), failed(1), failed(1)},
			evidence: []webhid.Fact{{Kind: webhid.FactDecodeStatus, Track: 3, Value: 0x01}, {Kind: webhid.FactEncodeType, Value: 0x05, Text: "undetermined"}},
		}},
		{"reserved status bits only", sureSwipe, hidtest.Report337(4, [3]byte{0x80, 0, 0}, [3]string{t1}), want{
			format: webhid.FormatMagTekSureSwipe, encode: "other",
			tracks:   [3]webhid.Track{ok(t1, 0x80), empty(0), empty(0)},
			evidence: []webhid.Fact{{Kind: webhid.FactDecodeStatus, Track: 1, Value: 0x80}},
		}},
		{"blank card", sureSwipe, hidtest.Report337(3, [3]byte{}, [3]string{}), want{
			format: webhid.FormatMagTekSureSwipe, encode: "blank",
			tracks: [3]webhid.Track{empty(0), empty(0), empty(0)},
		}},
		{"unknown encode type", sureSwipe, hidtest.Report337(9, [3]byte{}, [3]string{t1}), want{
			format: webhid.FormatMagTekSureSwipe, encode: "unknown",
			tracks:   [3]webhid.Track{ok(t1, 0), empty(0), empty(0)},
			evidence: []webhid.Fact{{Kind: webhid.FactEncodeType, Value: 0x09, Text: "unknown"}},
		}},
		{"full 110-byte fields", sized(sureSwipe, 0, 337), hidtest.Report337(0, [3]byte{}, [3]string{strings.Repeat("A", 110), strings.Repeat("2", 110), strings.Repeat("3", 110)}), want{
			format: webhid.FormatMagTekSureSwipe, encode: "iso_aba",
			tracks: [3]webhid.Track{ok(strings.Repeat("A", 110), 0), ok(strings.Repeat("2", 110), 0), ok(strings.Repeat("3", 110), 0)},
		}},
		{"ID TECH other", idOther, hidtest.Report337(1, [3]byte{0, 1, 0}, [3]string{t1}), want{
			format: webhid.FormatIDTechOther, model: "SecureMag", encode: "aamva",
			tracks: [3]webhid.Track{ok(t1, 0), failed(1), empty(0)},
		}},
		{"ID TECH other, 337 bytes from the structure PID", secureMag, hidtest.Report337(3, [3]byte{}, [3]string{t1}), want{
			format: webhid.FormatIDTechOther, encode: "other",
			tracks: [3]webhid.Track{ok(t1, 0), empty(0), empty(0)},
		}},
		{"ID TECH raw: encrypted, no mask", idOther, hidtest.Report337(4, [3]byte{}, [3]string{hidtest.Cipher(64), hidtest.Cipher(40)}), want{
			format: webhid.FormatIDTechOther, encode: "raw", encrypted: true,
			tracks: [3]webhid.Track{masked("", 64, 0), masked("", 40, 0), empty(0)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := webhid.Parse(tt.dev, 0, tt.data)
			check(t, r, err, tt.data, tt.want)
		})
	}
}

func TestParseV5(t *testing.T) {
	t1, t2, t3 := hidtest.V1Track1, hidtest.V1Track2, hidtest.V1Track3
	m1 := "%B5452000000007189^HOGAN/PAUL      ^08040000000000000000000?"
	m2 := ";5452000000007189=080400000000000000?"
	m3 := ";5163000050000445=000000000000?"
	clear887 := hidtest.V5Report{Size: 887, Tracks: [3]string{t1, t2, t3}, Masked: [3]string{m1, m2, m3},
		EncStatus: 0x0002, Serial: "B0F1234", Version: "V05"}
	level3 := hidtest.V5Report{Size: 887, Tracks: [3]string{hidtest.Cipher(64), hidtest.Cipher(40), hidtest.Cipher(32)}, Masked: [3]string{m1, m2, m3},
		EncStatus: 0x0006, MagnePrint: 0x000005A1, Serial: "B0F1234", KSN: "FFFF9876543210E00008", Version: "V05"}
	noisy := level3
	noisy.MagnePrint = 1<<17 | 1<<19 | 1<<21 | 1
	partial := level3
	partial.Status, partial.Tracks = [3]byte{1, 0, 0}, [3]string{"", hidtest.Cipher(40), ""}
	partial.Masked = [3]string{"", m2, ""}
	unmasked := level3
	unmasked.Masked = [3]string{}
	odd := level3
	odd.Tracks[2] = hidtest.Cipher(31)
	insert := clear887
	insert.CardStatus = 1
	level3Tracks := [3]webhid.Track{masked(m1, 64, 0), masked(m2, 40, 0), masked(m3, 32, 0)}
	tests := []struct {
		name string
		dev  webhid.Device
		id   byte
		data []byte
		want want
	}{
		{"level 2, 887 bytes", dynamag, 0, clear887.Bytes(), want{
			format: webhid.FormatMagTekV5, model: "MagneSafe V5", encode: "iso_aba", serial: "B0F1234",
			tracks:   [3]webhid.Track{ok(t1, 0), ok(t2, 0), ok(t3, 0)},
			evidence: []webhid.Fact{{Kind: webhid.FactVersion, Text: "V05"}},
		}},
		{"level 3: masked tracks", sized(dynamag, 0, 887), 0, level3.Bytes(), want{
			format: webhid.FormatMagTekV5, encode: "iso_aba", encrypted: true, serial: "B0F1234",
			ksn: "FFFF9876543210E00008", magnePrint: 0x5A1, tracks: level3Tracks,
			evidence: []webhid.Fact{{Kind: webhid.FactEncryptionStatus, Value: 0x0006}, {Kind: webhid.FactMagnePrintStatus, Value: 0x000005A1}},
		}},
		{"level 3 on 856 bytes", dynamag, 0, func() []byte { v := level3; v.Size = 856; return v.Bytes() }(), want{
			format: webhid.FormatMagTekV5Short, encode: "iso_aba", encrypted: true, serial: "B0F1234",
			ksn: "FFFF9876543210E00008", magnePrint: 0x5A1, tracks: level3Tracks,
		}},
		{"MagnePrint swipe flags", dynamag, 0, noisy.Bytes(), want{
			format: webhid.FormatMagTekV5, encode: "iso_aba", encrypted: true, serial: "B0F1234",
			ksn: "FFFF9876543210E00008", magnePrint: 0x2A0001, flags: []string{"too noisy", "too fast", "reverse direction"},
			tracks: level3Tracks,
		}},
		{"level 3, track 1 error, track 3 empty", dynamag, 0, partial.Bytes(), want{
			format: webhid.FormatMagTekV5, encode: "iso_aba", encrypted: true, serial: "B0F1234",
			ksn: "FFFF9876543210E00008", magnePrint: 0x5A1,
			tracks: [3]webhid.Track{failed(1), masked(m2, 40, 0), empty(0)},
		}},
		{"level 3 without masked data", dynamag, 0, unmasked.Bytes(), want{
			format: webhid.FormatMagTekV5, encode: "iso_aba", encrypted: true, serial: "B0F1234",
			ksn: "FFFF9876543210E00008", magnePrint: 0x5A1,
			tracks: [3]webhid.Track{masked("", 64, 0), masked("", 40, 0), masked("", 32, 0)},
		}},
		{"encrypted length not a multiple of 8", dynamag, 0, odd.Bytes(), want{
			format: webhid.FormatMagTekV5, encode: "iso_aba", encrypted: true, serial: "B0F1234",
			ksn: "FFFF9876543210E00008", magnePrint: 0x5A1,
			tracks:   [3]webhid.Track{masked(m1, 64, 0), masked(m2, 40, 0), masked(m3, 31, 0)},
			evidence: []webhid.Fact{{Kind: webhid.FactEncryptedLength, Track: 3, Value: 31}},
		}},
		{"insert reader card status", webhid.Device{VendorID: webhid.VendorMagTek, ProductID: 0x0013}, 0, insert.Bytes(), want{
			format: webhid.FormatMagTekV5, model: "MagneSafe V5 insert reader", encode: "iso_aba", serial: "B0F1234",
			tracks:   [3]webhid.Track{ok(t1, 0), ok(t2, 0), ok(t3, 0)},
			evidence: []webhid.Fact{{Kind: webhid.FactCardStatus, Value: 0x01}},
		}},
		{"report ID 1 with extra fields", eDynamo, 1, pad(clear887.Bytes(), 931), want{
			format: webhid.FormatMagTekV5, model: "eDynamo", encode: "iso_aba", serial: "B0F1234",
			tracks:   [3]webhid.Track{ok(t1, 0), ok(t2, 0), ok(t3, 0)},
			evidence: []webhid.Fact{{Kind: webhid.FactUndecoded, Value: 44, Other: 887}},
		}},
		{"descriptor size beyond 887", sized(dynamag, 0, 900), 0, pad(clear887.Bytes(), 900), want{
			format: webhid.FormatMagTekV5, encode: "iso_aba", serial: "B0F1234",
			tracks:   [3]webhid.Track{ok(t1, 0), ok(t2, 0), ok(t3, 0)},
			evidence: []webhid.Fact{{Kind: webhid.FactUndecoded, Value: 13, Other: 887}},
		}},
		{"unknown product: model from the layout", webhid.Device{VendorID: webhid.VendorMagTek, ProductID: 0x0099, ProductName: "Test Reader"}, 0, clear887.Bytes(), want{
			format: webhid.FormatMagTekV5, model: "MagneSafe V5", encode: "iso_aba", serial: "B0F1234",
			tracks: [3]webhid.Track{ok(t1, 0), ok(t2, 0), ok(t3, 0)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := webhid.Parse(tt.dev, tt.id, tt.data)
			check(t, r, err, tt.data, tt.want)
		})
	}
}

func TestParseIDTechEnhanced(t *testing.T) {
	m1 := "%*4266********9999^BUSH JR/GEORGE W.MR^*?"
	m2 := ";4266********9999=****?"
	c3 := ";3333333333?"
	lens := [3]int{len(m1), len(m2), len(c3)} // 41, 23, 12
	hash, ksn := strings.Repeat("H", 20), string(mustHex(v4KSN))
	tests := []struct {
		name string
		card []byte
		want want
	}{
		{"TDES, masked 1 and 2, clear 3", hidtest.EnhancedCard(0x80, 0x3F, lens, 0x07, 0x9B, m1, m2, c3, hidtest.Cipher(48), hidtest.Cipher(24), hash, hash, ksn), want{
			format: webhid.FormatIDTechSTXEnhanced, encode: "iso_aba", encrypted: true, ksn: v4KSN,
			tracks:   [3]webhid.Track{masked(m1, 48, 0x3F), masked(m2, 24, 0x3F), ok(c3, 0x3F)},
			evidence: []webhid.Fact{{Kind: webhid.FactFieldsSent, Value: 0x07, Other: 0x9B}},
		}},
		{"AES, session ID, serial number", hidtest.EnhancedCard(0x80, 0x3F, lens, 0x97, 0xDB, m1, m2, c3, hidtest.Cipher(48), hidtest.Cipher(32), hidtest.Cipher(8), hash, hash, "1234567890", ksn), want{
			format: webhid.FormatIDTechSTXEnhanced, encode: "iso_aba", encrypted: true, ksn: v4KSN, serial: "1234567890",
			tracks: [3]webhid.Track{masked(m1, 48, 0x3F), masked(m2, 32, 0x3F), ok(c3, 0x3F)},
		}},
		{"binary serial number shown in hex", hidtest.EnhancedCard(0x80, 0x3F, lens, 0x87, 0x9B, m1, m2, c3, hidtest.Cipher(48), hidtest.Cipher(24), hash, hash, "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0A", ksn), want{
			format: webhid.FormatIDTechSTXEnhanced, encode: "iso_aba", encrypted: true, ksn: v4KSN, serial: "0102030405060708090A",
			tracks: [3]webhid.Track{masked(m1, 48, 0x3F), masked(m2, 24, 0x3F), ok(c3, 0x3F)},
		}},
		{"raw: all encrypted, no mask", hidtest.EnhancedCard(0x84, 0x3F, lens, 0x00, 0xBF, hidtest.Cipher(48), hidtest.Cipher(24), hidtest.Cipher(16), hash, hash, hash, ksn), want{
			format: webhid.FormatIDTechSTXEnhanced, encode: "raw", encrypted: true, ksn: v4KSN,
			tracks: [3]webhid.Track{masked("", 48, 0x3F), masked("", 24, 0x3F), masked("", 16, 0x3F)},
		}},
		{"AAMVA sent clear", hidtest.EnhancedCard(0x81, 0x3F, lens, 0x07, 0x00, m1, m2, c3), want{
			format: webhid.FormatIDTechSTXEnhanced, encode: "aamva",
			tracks: [3]webhid.Track{ok(m1, 0x3F), ok(m2, 0x3F), ok(c3, 0x3F)},
		}},
		{"track 1 sampled but not decoded, track 3 absent", hidtest.EnhancedCard(0x80, 0x1A, [3]int{0, len(m2), 0}, 0x02, 0x92, m2, hidtest.Cipher(24), hash, ksn), want{
			format: webhid.FormatIDTechSTXEnhanced, encode: "iso_aba", encrypted: true, ksn: v4KSN,
			tracks: [3]webhid.Track{failed(0x1A), masked(m2, 24, 0x1A), empty(0x1A)},
		}},
		{"track read but not sent", hidtest.EnhancedCard(0x80, 0x3F, lens, 0x03, 0x9B, m1, m2, hidtest.Cipher(48), hidtest.Cipher(24), hash, hash, ksn), want{
			format: webhid.FormatIDTechSTXEnhanced, encode: "iso_aba", encrypted: true, ksn: v4KSN,
			tracks:   [3]webhid.Track{masked(m1, 48, 0x3F), masked(m2, 24, 0x3F), empty(0x3F)},
			evidence: []webhid.Fact{{Kind: webhid.FactNotSent, Track: 3, Value: 12}},
		}},
		{"optional bytes after the KSN", hidtest.EnhancedCard(0x80, 0x7F, lens, 0x07, 0x9B, m1, m2, c3, hidtest.Cipher(48), hidtest.Cipher(24), hash, hash, ksn, "\x02\x00\x00"), want{
			format: webhid.FormatIDTechSTXEnhanced, encode: "iso_aba", encrypted: true, ksn: v4KSN,
			tracks:   [3]webhid.Track{masked(m1, 48, 0x7F), masked(m2, 24, 0x7F), ok(c3, 0x7F)},
			evidence: []webhid.Fact{{Kind: webhid.FactUndecoded, Value: 3, Other: 205}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := pad(hidtest.STXFrame(tt.card), 560)
			r, err := webhid.Parse(sized(secureMag, 0, 560), 0, data)
			check(t, r, err, data, tt.want)
		})
	}
}

func TestParseIDTechOriginalClear(t *testing.T) {
	card := append([]byte{0x01, 0x3F, byte(len(hidtest.V1Track1)), byte(len(hidtest.V1Track2)), 0}, hidtest.V1Track1+hidtest.V1Track2...)
	data := hidtest.STXFrame(card)
	r, err := webhid.Parse(secureMag, 0, data)
	check(t, r, err, data, want{
		format: webhid.FormatIDTechSTXOriginal, encode: "aamva",
		tracks: [3]webhid.Track{ok(hidtest.V1Track1, 0x3F), ok(hidtest.V1Track2, 0x3F), empty(0x3F)},
	})
	raw := hidtest.STXFrame(append([]byte{0x04, 0x3F, 40, 20, 0}, hidtest.Cipher(100)...))
	r, err = webhid.Parse(secureMag, 0, raw)
	check(t, r, err, raw, want{
		format: webhid.FormatIDTechSTXOriginal, encode: "raw", encrypted: true,
		tracks:   [3]webhid.Track{masked("", 0, 0x3F), masked("", 0, 0x3F), empty(0x3F)},
		evidence: []webhid.Fact{{Kind: webhid.FactRawEncrypted}},
	})
}

func TestParseIDTechStructure(t *testing.T) {
	t1, t2, t3 := hidtest.V1Track1, hidtest.V1Track2, "+"+hidtest.V1Track3[1:]
	l1, l2, l3 := byte(len(t1)), byte(len(t2)), byte(len(t3))
	out := t1 + t2 + t3 + "\r"
	bigEndian := hidtest.StructureReport(0, [3]byte{}, [3]byte{l1, l2, l3}, out)
	bigEndian[7], bigEndian[8] = bigEndian[8], bigEndian[7]
	tests := []struct {
		name string
		data []byte
		want want
	}{
		{"three tracks", hidtest.StructureReport(0, [3]byte{}, [3]byte{l1, l2, l3}, out), want{
			format: webhid.FormatIDTechStructure, model: "SecureMag", encode: "iso_aba", output: out,
			tracks: [3]webhid.Track{ok(t1, 0), ok(t2, 0), ok(t3, 0)},
		}},
		{"preamble and track 1 error", hidtest.StructureReport(0, [3]byte{1, 0, 0}, [3]byte{3, l2, 0}, "ID:%E?"+t2+"\r"), want{
			format: webhid.FormatIDTechStructure, encode: "iso_aba", output: "ID:%E?" + t2 + "\r",
			tracks: [3]webhid.Track{failed(1), ok(t2, 0), empty(0)},
		}},
		{"lengths that do not match the output", hidtest.StructureReport(1, [3]byte{}, [3]byte{l1 + 1, l2, 0}, out), want{
			format: webhid.FormatIDTechStructure, encode: "aamva", output: out,
			tracks:   [3]webhid.Track{ok("", 0), ok("", 0), empty(0)},
			evidence: []webhid.Fact{{Kind: webhid.FactUnsplit}},
		}},
		{"big-endian total output length", bigEndian, want{
			format: webhid.FormatIDTechStructure, encode: "iso_aba", output: out,
			tracks:   [3]webhid.Track{ok(t1, 0), ok(t2, 0), ok(t3, 0)},
			evidence: []webhid.Fact{{Kind: webhid.FactLengthBigEndian}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := webhid.Parse(sized(secureMag, 0, len(tt.data)), 0, tt.data)
			check(t, r, err, tt.data, tt.want)
		})
	}
}

// errorCase is one report Parse must reject.
type errorCase struct {
	name string
	dev  webhid.Device
	id   byte
	data []byte
	want error // a sentinel, or a *webhid.ReportError compared field by field
}

func TestParseErrors(t *testing.T) {
	v4 := hidtest.V4Frame(t)
	patch := func(b []byte, at int, v byte) []byte {
		b = append([]byte(nil), b...)
		b[at] = v
		return b
	}
	clear887 := hidtest.V5Report{Size: 887, Tracks: [3]string{hidtest.V1Track1}, EncStatus: 0x0002}.Bytes()
	level3 := hidtest.V5Report{Size: 887, Tracks: [3]string{hidtest.Cipher(64)}, Masked: [3]string{"%B5452000000007189?"}, EncStatus: 0x0006}.Bytes()
	ss := hidtest.Report337(0, [3]byte{}, [3]string{hidtest.V1Track1})
	structure := hidtest.StructureReport(0, [3]byte{}, [3]byte{3}, "%A?")
	hash, ksn := strings.Repeat("H", 20), strings.Repeat("K", 10)
	re := func(format, field, reason string, n, want int) *webhid.ReportError {
		return &webhid.ReportError{Format: format, Field: field, Reason: reason, Len: n, Want: want}
	}
	const (
		orig = webhid.FormatIDTechSTXOriginal
		enh  = webhid.FormatIDTechSTXEnhanced
	)
	tests := []errorCase{
		{"unknown vendor", webhid.Device{VendorID: 0x1234, ProductID: 1}, 0, ss, webhid.ErrUnknownDevice},
		{"MagTek 64-byte report (MSR605X)", webhid.Device{VendorID: webhid.VendorMagTek, ProductID: 0x0003}, 0, make([]byte, 64), webhid.ErrUnknownReport},
		{"MagTek 64-byte report from the descriptor", sized(dynamag, 0, 64), 0, make([]byte, 64), webhid.ErrUnknownReport},
		{"MagTek extended notification", eDynamo, 2, make([]byte, 64), webhid.ErrUnknownReport},
		{"MagTek 900 bytes without descriptor", dynamag, 0, make([]byte, 900), re("", "report", webhid.ReasonOversized, 900, 887)},
		{"SureSwipe 400 bytes", sureSwipe, 0, make([]byte, 400), re("", "report", webhid.ReasonOversized, 400, 337)},
		{"V5 report between layouts", dynamag, 0, make([]byte, 870), re("", "report", webhid.ReasonTruncated, 870, 887)},
		{"descriptor size larger than data", sized(dynamag, 0, 887), 0, make([]byte, 856), re("", "report", webhid.ReasonTruncated, 856, 887)},
		{"descriptor size smaller than data", sized(secureMag, 0, 560), 0, pad(v4, 600), re("", "report", webhid.ReasonOversized, 600, 560)},
		{"SureSwipe track 1 length 111", sureSwipe, 0, patch(ss, 3, 111), re(webhid.FormatMagTekSureSwipe, "track 1 length", webhid.ReasonFieldOverflow, 111, 110)},
		{"SureSwipe track 3 length 255", sureSwipe, 0, patch(ss, 5, 255), re(webhid.FormatMagTekSureSwipe, "track 3 length", webhid.ReasonFieldOverflow, 255, 110)},
		{"ID TECH other track 2 length 200", idOther, 0, patch(ss, 4, 200), re(webhid.FormatIDTechOther, "track 2 length", webhid.ReasonFieldOverflow, 200, 110)},
		{"V5 track 2 length 113", dynamag, 0, patch(clear887, 4, 113), re(webhid.FormatMagTekV5, "track 2 length", webhid.ReasonFieldOverflow, 113, 112)},
		{"V5 masked track 1 length 200", dynamag, 0, patch(level3, 505, 200), re(webhid.FormatMagTekV5, "track 1 length", webhid.ReasonFieldOverflow, 200, 112)},
		{"ID TECH other-PID report of 300 bytes", idOther, 0, make([]byte, 300), re(webhid.FormatIDTechOther, "report", webhid.ReasonTruncated, 300, 337)},
		{"ID TECH structure header", secureMag, 0, make([]byte, 8), re(webhid.FormatIDTechStructure, "report header", webhid.ReasonTruncated, 8, 9)},
		{"ID TECH structure bad status", secureMag, 0, patch(structure, 1, 7), webhid.ErrUnknownReport},
		{"ID TECH other bad status", idOther, 0, patch(ss, 2, 0x10), webhid.ErrUnknownReport},
		{"ID TECH 337 bytes, bad status", secureMag, 0, patch(ss, 0, 0x80), webhid.ErrUnknownReport},
		{"ID TECH structure output length", secureMag, 0, patch(patch(structure, 7, 0xFF), 8, 0x7F), re(webhid.FormatIDTechStructure, "total output length", webhid.ReasonFieldOverflow, 0x7FFF, 512)},
		{"STX header", secureMag, 0, []byte{0x02, 0x7D}, re(orig, "frame header", webhid.ReasonTruncated, 2, 3)},
		{"STX frame cut", secureMag, 0, v4[:300], re(orig, "frame", webhid.ReasonTruncated, 300, 387)},
		{"bad ETX", secureMag, 0, patch(v4, 386, 0x04), re(orig, "ETX", webhid.ReasonBadETX, 4, 3)},
		{"bad LRC", secureMag, 0, patch(v4, 384, 0x38), re(orig, "CheckLRC", webhid.ReasonBadLRC, 0x38, 0x39)},
		{"bad checksum", secureMag, 0, patch(v4, 385, 0x00), re(orig, "CheckSum", webhid.ReasonBadChecksum, 0x00, 0x9F)},
		{"flipped card data byte", secureMag, 0, patch(v4, 20, 0x2B), re(orig, "CheckLRC", webhid.ReasonBadLRC, 0x39, 0x38)},
		{"data after ETX", secureMag, 0, patch(pad(v4, 560), 500, 1), re(orig, "padding", webhid.ReasonTrailingData, 560, 387)},
		{"STX card data shorter than its header", secureMag, 0, hidtest.STXFrame([]byte{0, 0x3F, 0}), re(orig, "card data", webhid.ReasonTruncated, 3, 5)},
		{"original: track length beyond the frame", secureMag, 0, hidtest.STXFrame([]byte{0, 0x3F, 10, 0, 0, '%', '?'}), re(orig, "track 1 data", webhid.ReasonLayout, 7, 15)},
		{"original: encrypted block too short", secureMag, 0, hidtest.STXFrame(append([]byte{0, 0x3F, 2, 0, 0, '%', '?'}, make([]byte, 50)...)), re(orig, "encrypted fields", webhid.ReasonLayout, 57, 65)},
		{"enhanced: missing fields 8 and 9", secureMag, 0, hidtest.STXFrame([]byte{0x80, 0x3F, 0, 0, 0}), re(enh, "fields 8 and 9", webhid.ReasonLayout, 5, 7)},
		{"enhanced: unknown algorithm", secureMag, 0, hidtest.STXFrame(hidtest.EnhancedCard(0x80, 0x3F, [3]int{}, 0x20, 0)), webhid.ErrUnknownReport},
		{"enhanced: KSN cut", secureMag, 0, hidtest.STXFrame(hidtest.EnhancedCard(0x80, 0x3F, [3]int{3}, 0x01, 0x89, "%A?", hidtest.Cipher(8), hash, ksn[:5])), re(enh, "KSN", webhid.ReasonLayout, 43, 48)},
		{"enhanced: encrypted data cut", secureMag, 0, hidtest.STXFrame(hidtest.EnhancedCard(0x80, 0x3F, [3]int{3}, 0x01, 0x01, "%A?", hidtest.Cipher(5))), re(enh, "track 1 encrypted data", webhid.ReasonLayout, 15, 18)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkError(t, tt) })
	}
}

func checkError(t *testing.T, tt errorCase) {
	t.Helper()
	r, err := webhid.Parse(tt.dev, tt.id, tt.data)
	if err == nil {
		t.Fatalf("Parse succeeded (%s), want error %v", r.Format, tt.want)
	}
	if want, isReportError := tt.want.(*webhid.ReportError); isReportError {
		var got *webhid.ReportError
		if !errors.As(err, &got) || *got != *want {
			t.Fatalf("error %v (%#v)\nwant %v", err, got, want)
		}
	} else if !errors.Is(err, tt.want) {
		t.Fatalf("error %v, want %v", err, tt.want)
	}
	if !strings.HasPrefix(err.Error(), "webhid: ") {
		t.Errorf("error text %q lacks the package prefix", err)
	}
}

// Every proper prefix of a report must be rejected with a typed error when
// the descriptor gives the size, and with a typed error or another layout's
// result when it does not.
func TestParseTruncated(t *testing.T) {
	reports := []struct {
		name string
		dev  webhid.Device
		data []byte
	}{
		{"SureSwipe", sureSwipe, hidtest.Report337(0, [3]byte{}, [3]string{hidtest.V1Track1, hidtest.V1Track2, hidtest.V1Track3})},
		{"V5 856", dynamag, hidtest.V1Report(t)},
		{"V5 887", dynamag, hidtest.V5Report{Size: 887, Tracks: [3]string{hidtest.V1Track1}, EncStatus: 2}.Bytes()},
		{"ID TECH other", idOther, hidtest.Report337(0, [3]byte{}, [3]string{hidtest.V1Track1})},
		{"ID TECH frame", secureMag, pad(hidtest.V4Frame(t), 560)},
		{"ID TECH structure", secureMag, hidtest.StructureReport(0, [3]byte{}, [3]byte{3}, "%A?")},
	}
	for _, rep := range reports {
		full := len(rep.data)
		for n := range full {
			data := rep.data[:n]
			_, err := webhid.Parse(sized(rep.dev, 0, full), 0, data)
			var re *webhid.ReportError
			if !errors.As(err, &re) || re.Reason != webhid.ReasonTruncated || re.Len != n || re.Want != full {
				t.Fatalf("%s cut to %d bytes with descriptor: %v", rep.name, n, err)
			}
			r, err := webhid.Parse(rep.dev, 0, data)
			if err == nil {
				checkInvariants(t, r, data)
			} else if !typedError(err) {
				t.Fatalf("%s cut to %d bytes: untyped error %v", rep.name, n, err)
			}
		}
	}
}

// typedError reports whether err is one of Parse's documented errors, with
// size reasons that agree with their numbers.
func typedError(err error) bool {
	var re *webhid.ReportError
	if errors.As(err, &re) {
		switch re.Reason {
		case webhid.ReasonTruncated:
			return re.Len < re.Want
		case webhid.ReasonOversized, webhid.ReasonFieldOverflow:
			return re.Len > re.Want
		}
		return true
	}
	return errors.Is(err, webhid.ErrUnknownDevice) || errors.Is(err, webhid.ErrUnknownReport)
}

// checkInvariants holds for every report Parse accepts.
func checkInvariants(t testing.TB, r *webhid.Report, data []byte) {
	t.Helper()
	if r.Format == "" || r.Vendor == "" || r.CardEncodeType == "" {
		t.Fatalf("incomplete report %+v", r)
	}
	if !bytes.Equal(r.Raw, data) {
		t.Fatal("Raw differs from the report")
	}
	for i, tk := range r.Tracks {
		if tk.Number != i+1 || len(tk.Text) > len(data) || tk.EncryptedLength > len(data) {
			t.Fatalf("track %d out of bounds: %+v", i+1, tk)
		}
		if tk.Text != "" && !strings.Contains(string(data), tk.Text) {
			t.Fatalf("track %d text is not in the report", i+1)
		}
		switch tk.Status {
		case webhid.TrackOK:
		case webhid.TrackEmpty, webhid.TrackDecodeError:
			if tk.Text != "" || tk.Masked {
				t.Fatalf("track %d: %v with text", i+1, tk.Status)
			}
		case webhid.TrackEncrypted:
			if tk.Masked != (tk.Text != "") || !r.Encrypted {
				t.Fatalf("track %d: encrypted track inconsistent: %+v", i+1, tk)
			}
		default:
			t.Fatalf("track %d: status %d", i+1, tk.Status)
		}
	}
}

func TestTrackStatusString(t *testing.T) {
	for s, want := range map[webhid.TrackStatus]string{
		webhid.TrackOK: "ok", webhid.TrackEmpty: "empty", webhid.TrackDecodeError: "decode error",
		webhid.TrackEncrypted: "encrypted", 9: "TrackStatus(9)", -1: "TrackStatus(-1)",
	} {
		if got := s.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(s), got, want)
		}
	}
}

func TestReportErrorText(t *testing.T) {
	for _, tt := range []struct {
		err  *webhid.ReportError
		want string
	}{
		{&webhid.ReportError{Field: "report", Reason: webhid.ReasonTruncated, Len: 300, Want: 337},
			"webhid: report: truncated (300 bytes, want 337)"},
		{&webhid.ReportError{Format: webhid.FormatIDTechSTXOriginal, Field: "CheckLRC", Reason: webhid.ReasonBadLRC, Len: 0x38, Want: 0x39},
			"webhid: idtech-stx-original: CheckLRC: bad LRC (0x38, want 0x39)"},
		{&webhid.ReportError{Format: webhid.FormatMagTekV5, Field: "track 2 length", Reason: webhid.ReasonFieldOverflow, Len: 113, Want: 112},
			"webhid: magtek-v5-887: track 2 length: length beyond its field (113, at most 112)"},
	} {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		vid, pid            uint16
		vendor, model, mode string
	}{
		{0x0801, 0x0001, "MagTek", "USB swipe reader", webhid.ModeKeyboard},
		{0x0801, 0x0002, "MagTek", "SureSwipe", webhid.ModeHID},
		{0x0801, 0x0003, "MagTek", "insert reader or MSR605X clone", ""},
		{0x0801, 0x0011, "MagTek", "MagneSafe V5", webhid.ModeHID},
		{0x0801, 0x001E, "MagTek", "eDynamo", webhid.ModeHID},
		{0x0801, 0x2020, "MagTek", "DynaFlex", webhid.ModeUnsupported},
		{0x0801, 0x7777, "MagTek", "", ""},
		{0x0ACD, 0x2010, "ID TECH", "SecureMag", webhid.ModeHID},
		{0x0ACD, 0x2030, "ID TECH", "SecureMag", webhid.ModeKeyboard},
		{0xFFFF, 0x0035, "", "", ""},
	}
	for _, tt := range tests {
		v, m, mode := webhid.Describe(tt.vid, tt.pid)
		if v != tt.vendor || m != tt.model || mode != tt.mode {
			t.Errorf("Describe(%#04x, %#04x) = %q, %q, %q; want %q, %q, %q", tt.vid, tt.pid, v, m, mode, tt.vendor, tt.model, tt.mode)
		}
	}
}

func TestParseDoesNotRetainData(t *testing.T) {
	data := hidtest.Report337(0, [3]byte{}, [3]string{hidtest.V1Track1})
	r, err := webhid.Parse(sureSwipe, 0, data)
	if err != nil {
		t.Fatal(err)
	}
	clear(data)
	if r.Tracks[0].Text != hidtest.V1Track1 || r.Raw[10] == 0 {
		t.Error("report changed with the caller's buffer")
	}
}

func TestParseEvidenceHasNoCardData(t *testing.T) {
	for _, data := range [][]byte{hidtest.V1Report(t), hidtest.V4Frame(t)} {
		dev := dynamag
		if data[0] == 0x02 {
			dev = secureMag
		}
		r, err := webhid.Parse(dev, 0, data)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range r.Evidence {
			if strings.ContainsAny(e.Text, "%;^=?") || strings.Contains(e.Text, "4266") || strings.Contains(e.Text, "5452") {
				t.Errorf("evidence %+v looks like card data", e)
			}
		}
	}
}

func BenchmarkParse(b *testing.B) {
	for _, bm := range []struct {
		name string
		dev  webhid.Device
		data []byte
	}{
		{"sureswipe-337", sureSwipe, hidtest.Report337(0, [3]byte{}, [3]string{hidtest.V1Track1, hidtest.V1Track2, hidtest.V1Track3})},
		{"v5-856", dynamag, hidtest.V1Report(b)},
		{"idtech-stx-original", sized(secureMag, 0, 560), pad(hidtest.V4Frame(b), 560)},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(bm.data)))
			for b.Loop() {
				if _, err := webhid.Parse(bm.dev, 0, bm.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
