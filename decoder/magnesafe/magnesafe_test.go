package magnesafe_test

import (
	"errors"
	"strings"
	"testing"

	"magcheck/decoder/magnesafe"
)

func TestCRC16(t *testing.T) {
	// The check value of CRC-16/CCITT with initial value 0xFFFF.
	if got := magnesafe.CRC16("123456789"); got != 0x29B1 {
		t.Errorf("CRC16(123456789) = %04X, want 29B1", got)
	}
}

const (
	cipher64 = "C25C1D1197D31CAA87285D59A892047426D9182EC11353C051ADD6D0F072A6CB3436560B3071FC1FD11D9F7E74886742D9BEE0CFD1EA1064C213BB55278B2F12"
	ksn8     = "FFFF9876543210E00008"
	session  = "21685F158B5C6BE0"
)

// want is what a table test expects of a record.
type want struct {
	start, end  int // end < 0: the whole text
	masked      string
	status      uint16
	encrypted   [3]int
	clear       [3]string
	mpStatus    uint32
	magnePrint  int
	serial, ksn string
	counter     int
	crcOK       bool
	format      string
	terminator  string
}

func TestParse(t *testing.T) {
	clearT1 := "%B5452300551227189^HOGAN/PAUL      ^08043210000000725000000?"
	tests := []struct {
		name string
		in   string
		want want
	}{
		{"manual example 12, security level 3", example12, want{
			end: -1, masked: masked12, status: 0x0006, encrypted: [3]int{64, 40, 32},
			mpStatus: 0x000005A1, magnePrint: 56, ksn: ksn8, counter: -1, crcOK: true, format: "0000", terminator: "\r"}},
		{"manual example 5, security level 2: tracks in clear", example5, want{
			end: -1, masked: masked12, status: 0x0002,
			clear:   [3]string{clearT1, ";5452300551227189=080432100000007250?", "+5163499080020445=000000000000?"},
			counter: -1, crcOK: true, format: "1000", terminator: "\r"}},
		{"in a log line: the CRC finds the start", "12:00:01 swipe " + example12[:len(example12)-1] + "\r\nnext line", want{
			start: 15, end: 15 + len(example12) + 1, masked: masked12, status: 0x0006, encrypted: [3]int{64, 40, 32},
			mpStatus: 0x000005A1, magnePrint: 56, ksn: ksn8, counter: -1, crcOK: true, format: "0000", terminator: "\r\n"}},
		{"pre-card, pre- and post-track strings, a separator of its own, the counter, lower case", record("[<%B5452000000007189^HOGAN/PAUL      ^08040000000000000000000?>]", '~',
			"0600", strings.ToLower(cipher64), "", "", "a1050000", "", hexOf("B0F1234"), session, strings.ToLower(ksn8), "0F4240", "*", "0011223344556677", "0002"), want{
			end: -1, masked: "[<%B5452000000007189^HOGAN/PAUL      ^08040000000000000000000?>]", status: 0x0006, encrypted: [3]int{64},
			mpStatus: 0x000005A1, serial: "B0F1234", ksn: ksn8, counter: 0x0F4240, crcOK: true, format: "0002", terminator: "\r"}},
		{"no key: the tracks in hex of their clear text", record(masked12, '|', "0400", hexOf(clearT1+"\x00\x00\x00\x00"), "", "", "", "", "", "", "", "*", "", "0000"), want{
			end: -1, masked: masked12, status: 0x0004, clear: [3]string{clearT1}, counter: -1, crcOK: true, format: "0000", terminator: "\r"}},
		{"no CRC sent", record(masked12, '|', "0600", cipher64, "", "", "", "", "", "", ksn8, "", "", "0000"), want{
			end: -1, masked: masked12, status: 0x0006, encrypted: [3]int{64}, ksn: ksn8, counter: -1, format: "0000", terminator: "\r"}},
		{"a character changed: the CRC does not match", strings.Replace(example12, "C25C", "C35C", 1), want{
			end: -1, masked: masked12, status: 0x0006, encrypted: [3]int{64, 40, 32},
			mpStatus: 0x000005A1, magnePrint: 56, ksn: ksn8, counter: -1, format: "0000", terminator: "\r"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := magnesafe.Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			w := tt.want
			if w.end < 0 {
				w.end = len(tt.in)
			}
			got := want{r.Start, r.End, r.Masked, r.Status, [3]int{}, [3]string{}, r.MagnePrintStatus, r.MagnePrint,
				r.Serial, r.KSN, r.Counter, r.CRCOK(), r.FormatCode, r.Terminator}
			for i, tr := range r.Tracks {
				got.encrypted[i], got.clear[i] = tr.Encrypted, tr.Clear
			}
			if got != w {
				t.Errorf("got  %+v\nwant %+v", got, w)
			}
			if r.Separator != '|' && r.Separator != '~' {
				t.Errorf("separator %q", r.Separator)
			}
		})
	}
}

// TestParseKeysExhausted builds the record the manual gives for a reader
// whose keys are used up: no tracks, empty track and MagnePrint fields.
func TestParseKeysExhausted(t *testing.T) {
	in := record("", '|', "0700", "", "", "", "", "", hexOf("B0F1234\x00"), session, "FFFF9876543210FFF800", "*", "", "0000")
	r, err := magnesafe.Parse(in)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status&magnesafe.StatusKeysExhausted == 0 || r.Masked != "" || r.Serial != "B0F1234" || !r.CRCOK() || r.HasMagnePrint {
		t.Errorf("%+v", r)
	}
}

// TestParseDamaged gives records whose fields were found but break the
// layout: each is a SyntaxError naming the field, with what lies before
// the fields.
func TestParseDamaged(t *testing.T) {
	fields := func(f ...string) string { return record(masked12, '|', f...) }
	tests := []struct {
		name  string
		in    string
		field magnesafe.Field
		kind  magnesafe.Kind
		n, w  int
	}{
		{"cut short", example12[:300], magnesafe.FieldAll, magnesafe.KindFieldCount, 3, 12},
		{"a character lost", strings.Replace(example12, "C25C", "C5C", 1), magnesafe.FieldTrack1, magnesafe.KindOddHex, 127, 0},
		{"a separator lost", strings.Replace(example12, "|A105", "A105", 1), magnesafe.FieldAll, magnesafe.KindFieldCount, 11, 12},
		{"a character changed in the KSN", strings.Replace(example12, "E00008", "E0O008", 1), magnesafe.FieldKSN, magnesafe.KindNotHex, 0, 0},
		{"an odd number of digits", strings.Replace(example12, "|A1050000", "|A105000", 1), magnesafe.FieldMPStatus, magnesafe.KindOddHex, 7, 0},
		{"a KSN of 9 bytes", fields("0600", "", "", "", "", "", "", "", "FFFF9876543210E000", "*", "", "0000"), magnesafe.FieldKSN, magnesafe.KindSize, 9, 10},
		{"a track over 112 bytes", fields("0600", strings.Repeat("AB", 113), "", "", "", "", "", "", "", "*", "", "0000"), magnesafe.FieldTrack1, magnesafe.KindTooLong, 113, 112},
		{"a format code cut", fields("0600", "", "", "", "", "", "", "", "", "*", "", "00"), magnesafe.FieldFormatCode, magnesafe.KindShort, 2, 4},
		{"text where hex belongs", fields("0600", "not hex", "", "", "", "", "", "", "", "*", "", "0000"), magnesafe.FieldTrack1, magnesafe.KindNotHex, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := magnesafe.Parse(tt.in)
			var se *magnesafe.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse: %v, want a SyntaxError", err)
			}
			if se.Field != tt.field || se.Kind != tt.kind || se.Len != tt.n || se.Want != tt.w {
				t.Errorf("got %+v, want %s %s %d %d", se, tt.field, tt.kind, tt.n, tt.w)
			}
			if se.Offset < 0 || se.Offset > len(tt.in) {
				t.Errorf("offset %d outside the input", se.Offset)
			}
			if r == nil || r.Masked != masked12 || r.Start != 0 {
				t.Errorf("the masked section is lost: %+v", r)
			}
			if strings.Contains(se.Error(), "5452") {
				t.Errorf("the error quotes card data: %v", se)
			}
		})
	}
}

// TestParseNotRecord gives text that is no MagneSafe record, nor a damaged
// one: plain reader text and look-alikes.
func TestParseNotRecord(t *testing.T) {
	for _, in := range []string{
		"",
		masked12 + "\r",
		"%B4111111111111111^DOE/JANE^3012101000000000000000503000000?",
		"id|1234|name|5678|x", // status bits 9-15 set: not a reader's status
		"a|0600|b",            // two fields
		"|0600|",
		strings.Repeat("|0600", 2),
	} {
		if r, err := magnesafe.Parse(in); !errors.Is(err, magnesafe.ErrNotRecord) || r != nil {
			t.Errorf("Parse(%q) = %+v, %v; want ErrNotRecord", in, r, err)
		}
	}
	if r, err := magnesafe.Parse(strings.Repeat("|0600", 3)); err == nil || r == nil {
		t.Errorf("three fields that start like a record: %+v, %v; want a damaged record", r, err)
	}
}

// TestParseLarge keeps Parse linear on text full of look-alikes.
func TestParseLarge(t *testing.T) {
	in := strings.Repeat("|0600|"+strings.Repeat("0", 60), 1000)
	r, err := magnesafe.Parse(in)
	if err == nil || r == nil {
		t.Fatalf("Parse: %v", err)
	}
}
