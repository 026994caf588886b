package decoder

import (
	"slices"
	"strings"
	"testing"

	"magcheck/decoder/keyboard"
	"magcheck/decoder/magnesafe"
	"magcheck/internal/hexdigit"
	"magcheck/internal/testvectors"
	"magcheck/message"
)

// recordTable is what each keyboard record of internal/testvectors means:
// track statuses, card (kind brand last4 expiry service code), fault, the
// reader's key state and KSN, and the findings (code@track, in order).
var recordTable = []struct {
	id, tracks, card, fault, keys string
	codes                         []string
}{
	{"magtek-v5-ex12-kb-level3", "ok ok ok", "payment mastercard …7189 2008-04 ", "setup", "test FFFF9876543210E00008",
		[]string{"test_key@0", "expired@2", "encrypted_data@0", "issuer_check_required@0", "masked_data@2"}},
	{"magtek-v5-ex5-kb-level2", "ok ok ok", "unknown mastercard …7189 2008-04 321", "card", " ",
		[]string{"pan_luhn_failed@2", "expired@2", "service_code_invalid@2", "service_code_online_only@2"}},
	{"magtek-kb-keys-exhausted", "absent absent absent", "", "setup", "exhausted 990001012300401FF800",
		[]string{"keys_exhausted@0"}},
	{"magtek-kb-no-key", "ok ok absent", "payment visa …1111 2030-12 101", "setup", "not_injected ",
		[]string{"key_not_injected@0", "issuer_check_required@0"}},
	{"magtek-kb-crc-mismatch", "ok ok ok", "payment mastercard …7189 2008-04 ", "setup", "test FFFF9876543210E00008",
		[]string{"record_checksum_failed@0", "test_key@0", "expired@2", "encrypted_data@0", "issuer_check_required@0", "masked_data@2"}},
	{"magtek-kb-cut-short", "ok ok ok", "payment mastercard …7189 2008-04 ", "setup", " ",
		[]string{"record_checksum_failed@0", "expired@2", "issuer_check_required@0", "masked_data@2"}},
	{"magtek-kb-production-counter", "ok ok absent", "payment visa …1111 2030-12 ", "host", "production 62994960000000A00005",
		[]string{"encrypted_data@0", "issuer_check_required@0", "masked_data@2"}},
	{"idtech-kb-secured-sample", "ok ok absent", "payment visa …9990  ", "host", "production 629949960E0000A00072",
		[]string{"encrypted_data@0", "issuer_check_required@0", "masked_data@2"}},
	{"idtech-kb-v4-original", "ok ok ok", "payment visa …9999  ", "setup", "test 62994901190000000001",
		[]string{"test_key@0", "encrypted_data@0", "issuer_check_required@0", "masked_data@2"}},
	{"idtech-kb-lost-keystroke", "ok ok absent", "payment visa …9990  ", "setup", " ",
		[]string{"record_checksum_failed@0", "encrypted_data@0", "issuer_check_required@0", "masked_data@2"}},
}

// notForRecords are the findings a well-formed record never gets: they
// would tell the technician to clear a prefix that is not there, or blame
// the card for the reader's normal output.
var notForRecords = []Code{ExtraCharacters, InvalidCharacter, NotASwipe, TrackMalformed, MissingStartSentinel, MissingEndSentinel}

// TestRecords decodes each keyboard record as reader text, pasted or typed
// (keys rebuilt at reader speed), and checks its diagnosis.
func TestRecords(t *testing.T) {
	rs := testvectors.Records()
	if len(rs) != len(recordTable) {
		t.Errorf("%d records, %d in the table", len(rs), len(recordTable))
	}
	for _, w := range recordTable {
		v, ok := recordVector(w.id)
		if !ok {
			t.Errorf("no record %s", w.id)
			continue
		}
		pasted, err := DecodePasted(v.Input, Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		typed := DecodeSwipe(swipeOf(t, v.Input, keyboard.US, 2), Options{Now: testNow})
		for _, r := range []*Report{pasted, typed} {
			tracks, card, _, fault, codes := summary(r)
			keys := " "
			if r.Reader != nil {
				keys = string(r.Reader.KeyState) + " " + r.Reader.KSN
			}
			if tracks != w.tracks || card != w.card || fault != w.fault || keys != w.keys || !slices.Equal(codes, w.codes) {
				t.Errorf("%s (%s):\ngot  %q %q %q %q %q\nwant %q %q %q %q %q", w.id, r.Input, tracks, card, fault, keys, codes,
					w.tracks, w.card, w.fault, w.keys, w.codes)
			}
			for _, c := range notForRecords {
				if hasCode(r, c) {
					t.Errorf("%s (%s): %s", w.id, r.Input, c)
				}
			}
			if r.Reader == nil || r.Reader.Format == "" || r.Reader.Vendor == "" {
				t.Errorf("%s: reader facts %+v", w.id, r.Reader)
			}
			if c := r.Card; c != nil && strings.HasPrefix(w.id, "magtek-v5-ex12") && r.View(message.English, false).Card.LuhnText != message.English.Text(message.LuhnMasked) {
				t.Errorf("%s: a masked number's check digit is not 'not checked'", w.id)
			}
			checkRecordPrivacy(t, w.id, r, v.Input)
		}
	}
}

func recordVector(id string) (testvectors.Vector, bool) {
	for _, v := range testvectors.Records() {
		if v.ID == id {
			return v, true
		}
	}
	return testvectors.Vector{}, false
}

// checkRecordPrivacy renders r masked in both languages and finds in it
// no card data and no encrypted field of the input: no run of 8 or more
// hex digits or digits of the input, but for the KSN, the serial number
// and the masked tracks' own shown digits.
func checkRecordPrivacy(t *testing.T, id string, r *Report, input string) {
	t.Helper()
	for _, l := range []message.Lang{message.English, message.Chinese} {
		v := r.View(l, false)
		text := v.Text()
		for _, f := range v.Findings {
			text += "\n" + f.Evidence
		}
		if r.Reader != nil {
			text = strings.ReplaceAll(text, r.Reader.KSN, "")
			text = strings.ReplaceAll(text, r.Reader.Serial, "")
		}
		for _, tok := range strings.FieldsFunc(input, func(c rune) bool { return !strings.ContainsRune("0123456789ABCDEF", c) }) {
			for i := 0; i+8 <= len(tok); i += 8 {
				if piece := tok[i : i+8]; strings.Trim(piece, "0") != "" && strings.Contains(text, piece) {
					t.Errorf("%s (%s): %q of the input shows in the report", id, l, piece)
				}
			}
		}
	}
}

// TestKeyState derives the key state from each kind of fact, in one place.
func TestKeyState(t *testing.T) {
	for _, tc := range []struct {
		name    string
		k       keyFacts
		state   KeyState
		counter int
	}{
		{"ANSI example key", keyFacts{ksn: "FFFF9876543210E00008", encrypted: true}, KeyTest, 8},
		{"ANSI example key, counter bit 20 in the 15th digit", keyFacts{ksn: "FFFF9876543210F00001", encrypted: true}, KeyTest, 0x100001},
		{"ANSI example key, lower case", keyFacts{ksn: "ffff9876543210e00008", encrypted: true}, KeyTest, 8},
		{"ID TECH demo key", keyFacts{ksn: "62994901190000000001", encrypted: true}, KeyTest, 1},
		{"another key of the same vendor prefix", keyFacts{ksn: "629949960E0000A00072", encrypted: true}, KeyProduction, 0x72},
		{"a production key", keyFacts{ksn: "990001012300400000A5", encrypted: true}, KeyProduction, 0xA5},
		{"the last DUKPT key", keyFacts{ksn: "990001012300401FF800", encrypted: true}, KeyExhausted, 0x1FF800},
		{"the last key of a test key: used up first", keyFacts{ksn: "FFFF9876543210FFF800", encrypted: true}, KeyExhausted, 0x1FF800},
		{"status: keys exhausted", keyFacts{ksn: "FFFF9876543210E00008", status: 0x0007, hasStatus: true}, KeyExhausted, 8},
		{"status: encryption counter expired", keyFacts{ksn: "990001012300400000A5", status: 0x0106, hasStatus: true, encrypted: true}, KeyExhausted, 0xA5},
		{"encryption counter at 0", keyFacts{ksn: "990001012300400000A5", status: 0x0006, hasStatus: true, encrypted: true, counterOut: true}, KeyExhausted, 0xA5},
		{"status: no key, clear data", keyFacts{status: 0x0004, hasStatus: true}, KeyNotInjected, 0},
		{"status: no key, nothing enabled", keyFacts{status: 0x0000, hasStatus: true}, KeyNotInjected, 0},
		{"security level 2: key, encryption off", keyFacts{status: 0x0002, hasStatus: true}, KeyUnknown, 0},
		{"no status, no KSN", keyFacts{}, KeyUnknown, 0},
		{"a KSN that is not one", keyFacts{ksn: "FFFF98"}, KeyUnknown, 0},
	} {
		info := &ReaderInfo{}
		info.setKeys(tc.k)
		if info.KeyState != tc.state || info.Counter != tc.counter {
			t.Errorf("%s: state %q counter %#x, want %q %#x", tc.name, info.KeyState, info.Counter, tc.state, tc.counter)
		}
		f, ok := keyFinding(info)
		if ok != (tc.state != KeyUnknown && tc.state != KeyProduction) {
			t.Errorf("%s: finding %v", tc.name, ok)
		}
		if ok && (lookup(f.Code, "").fault == FaultCard || f.Evidence.In(message.English) == "") {
			t.Errorf("%s: finding %+v", tc.name, f)
		}
	}
}

// TestRecordVerdict: a key finding is never laid at the card's door, even
// beside a card finding.
func TestRecordVerdict(t *testing.T) {
	v, _ := recordVector("magtek-v5-ex12-kb-level3")
	r, err := DecodeText(v.Input, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []message.Lang{message.English, message.Chinese} {
		verdict := r.Verdict(l)
		card, _, _ := strings.Cut(l.Text(message.VerdictCard), "%s")
		if strings.HasPrefix(verdict, card) {
			t.Errorf("%s verdict blames the card: %q", l, verdict)
		}
	}
	if r.Fault != FaultSetup {
		t.Errorf("fault %s", r.Fault)
	}
}

// TestRecordMagnePrintFlags: the swipe problems a MagneSafe record's
// MagnePrint status flags become reader_status findings, as in a HID report.
func TestRecordMagnePrintFlags(t *testing.T) {
	v, _ := recordVector("magtek-v5-ex12-kb-level3")
	// Bits 19 (too fast) and 21 (reverse direction): byte 3 of the status,
	// sent least significant byte first.
	in := strings.Replace(v.Input, "|A1050000|", "|A1052800|", 1)
	fields := strings.Split(strings.TrimSuffix(in, "\r"), "|")
	crcAt := len(fields) - 3
	c := magnesafe.CRC16(strings.Join(fields[:crcAt], "|") + "|")
	fields[crcAt] = hexdigit.Uint(uint64(c&0xFF), 2) + hexdigit.Uint(uint64(c>>8), 2)
	r, err := DecodeText(strings.Join(fields, "|")+"\r", Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	var flags []string
	for _, f := range r.Findings {
		if f.Code == ReaderStatus {
			flags = append(flags, f.Evidence.In(message.English))
		}
	}
	if hasCode(r, RecordChecksumFailed) || !slices.Equal(flags, []string{"MagnePrint: swipe too fast", "MagnePrint: swiped in reverse"}) {
		t.Errorf("reader_status evidence %q, findings %v", flags, codesOf(r))
	}
}
