package decoder

import (
	"errors"
	"fmt"
	"magcheck/message"
	"reflect"
	"strings"
	"testing"
	"time"

	"magcheck/decoder/iso7811"
	"magcheck/decoder/keyboard"
	"magcheck/decoder/keyboard/keyboardtest"
	"magcheck/decoder/wedge"
	"magcheck/internal/testvectors"
)

// swipeOf is the swipe a reader types, s as it is, on a host with layout
// l, one key every gap ms.
func swipeOf(t *testing.T, s string, l keyboard.Layout, gap float64) keyboard.Swipe {
	t.Helper()
	keys := keyboardtest.Keys(t, s, l, false, keyboardtest.Pace{Gap: gap})
	rb := keyboard.Rebuild(keys)
	return keyboard.Swipe{Keys: keys, Rebuilt: rb, Reader: rb.Timing.Reader()}
}

func codesOf(r *Report) []string {
	var cs []string
	for _, f := range r.Findings {
		cs = append(cs, string(f.Code))
	}
	return cs
}

func bitsText(t *testing.T, text string, f iso7811.Format, mutate func([]byte) []byte) string {
	t.Helper()
	bits, err := iso7811.Encode(text, f, 20, 20)
	if err != nil {
		t.Fatal(err)
	}
	bits = mutate(bits)
	var b strings.Builder
	for _, x := range bits {
		b.WriteByte('0' + x)
	}
	return b.String()
}

const goodT2 = ";4111111111111111=30121010000000000000?"

// findingCase is an input that produces a finding code.
type findingCase struct {
	name string
	code Code
	text string // reader text, or bits when it starts with "bits:"
}

// findingCases give each finding code an input that produces it, on top of
// the vectors of internal/testvectors.
func findingCases(t *testing.T) []findingCase {
	reverse := func(b []byte) []byte {
		for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
			b[i], b[j] = b[j], b[i]
		}
		return b
	}
	return []findingCase{
		{"empty", NoData, ""},
		{"whitespace", NoData, "\r\n"},
		{"prose", NotASwipe, "the card did not work"},
		{"reader E", TrackReadError, "%E?" + goodT2},
		{"track 1 only", TrackAbsent, "%B4111111111111111^DOE/JANE^3012101000000000000000503000000?"},
		{"no start sentinel", MissingStartSentinel, "4111111111111111=30121010000000000000?"},
		{"no end sentinel", MissingEndSentinel, ";4111111111111111=3012"},
		{"letter in track 2", InvalidCharacter, ";41111111A1111111=30121010000000000000?"},
		{"track 2 too long", TrackTooLong, ";4111111111111111=301210100000000000000000000000?"},
		{"prefix", ExtraCharacters, "!STCARD A " + goodT2},
		{"suffix", ExtraCharacters, goodT2 + "END\r"},
		{"lrc sent", LRCPresent, ";4111111111111111=30121010000000000000?<"},
		{"german", KeyboardLayoutMismatch, keyboard.Apply("%B4111111111111111^DOE/JANE^3012101000000000000000503000000?"+goodT2, keyboard.DE)},
		{"caps lock", CapsLock, "%b4111111111111111^doe/jane^3012101000000000000000503000000?" + goodT2},
		{"luhn", PANLuhnFailed, ";4111111111111112=30121010000000000000?"},
		{"length", PANLengthInvalid, ";41111111111111=30121010000000000000?"},
		{"brand", BrandUnknown, ";6912345678901234=30121010000000000000?"},
		{"expired", Expired, ";4111111111111111=20121010000000000000?"},
		{"bad month", ExpiryInvalid, ";4111111111111111=30131010000000000000?"},
		{"chip", ServiceCodeChip, ";4111111111111111=30122010000000000000?"},
		{"national", ServiceCodeRestricted, ";4111111111111111=30125010000000000000?"},
		{"goods only", ServiceCodeRestricted, ";4111111111111111=30121020000000000000?"},
		{"online", ServiceCodeOnlineOnly, ";4111111111111111=30121210000000000000?"},
		{"test", ServiceCodeTest, ";4111111111111111=30129010000000000000?"},
		{"private", ServiceCodePrivate, ";4111111111111111=30127010000000000000?"},
		{"unassigned", ServiceCodeInvalid, ";4111111111111111=30123010000000000000?"},
		{"mismatch", TrackMismatch, "%B4111111111111111^DOE/JANE^3012101000000000000000503000000?;4012888888881881=30121010000000000000?"},
		{"gift", NonPaymentCard, ";6085719100=4912?"},
		{"masked", MaskedData, ";5452000000007189=300400000000000000?"},
		{"aamva", AAMVALicence, "%TXAUSTIN^DOE$JOHN^12345 SHERBOURNE ST^?;63601538774194=300819810101?"},
		{"issuer", IssuerCheckRequired, goodT2},
		{"parity", ParityError, "bits:" + bitsText(t, goodT2, iso7811.Numeric, func(b []byte) []byte { b[20+5*3] ^= 1; return b })},
		{"lrc", LRCError, "bits:" + bitsText(t, goodT2, iso7811.Numeric, func(b []byte) []byte { b[20+5*len(goodT2)] ^= 1; b[20+5*len(goodT2)+4] ^= 1; return b })},
		{"reversed", ReversedSwipe, "bits:" + bitsText(t, goodT2, iso7811.Numeric, reverse)},
		{"bits without sentinel", TrackMalformed, "bits:" + strings.Repeat("0", 20) + strings.Repeat("1", 150)},
		{"hex letter O", HexInvalid, "B4111111111111111D3O12101F"},
		{"hex length byte", HexInvalid, "5712 4111111111111111D30121010000000000000F"},
		{"hex odd", HexInvalid, "4111111111111111D3012101000"},
		{"hex cut", HexInvalid, "57 09 41 11 11 11 11 11 11 11 D3"},
		{"track 2 nibbles", IssuerCheckRequired, "B4111111111111111D30121010000000000000F0"},
		{"track 1 stripped", MissingStartSentinel, "B4111111111111111^DOE/JANE^3012101000000000000000503000000"},
		{"track 2 stripped", MissingEndSentinel, "4111111111111111=30121010000000000000\r\n"},
		{"12 digits alone", PANLengthInvalid, ";411111111111?"},
		{"month 00", ExpiryInvalid, ";411111111111=3000101?"},
		{"luhn alone", PANLuhnFailed, ";4111111111111112=?"},
	}
}

// TestLogFormats decodes track data as POS logs hold it, and broken
// records of it: track statuses, card, fault and the exact findings
// (code/detail@track, in report order), as TestVectors does.
func TestLogFormats(t *testing.T) {
	const (
		t1 = "B4111111111111111^DOE/JANE^3012101000000000000000503000000"
		t2 = "4111111111111111=30121010000000000000"
	)
	visa := "payment visa …1111 2030-12 101"
	for _, tt := range []struct {
		name, in            string
		tracks, card, fault string
		codes               []string
	}{
		// Track 2 as hex nibbles: B start sentinel, D separator, F end
		// sentinel, zero padding.
		{"nibbles", "B4111111111111111D30121010000000000000F", "absent ok absent", visa, "host",
			[]string{"issuer_check_required@0", "track_absent@1"}},
		{"nibbles padded, lower case", "b4111111111111111d30121010000000000000f0\r\n", "absent ok absent", visa, "host",
			[]string{"issuer_check_required@0", "track_absent@1"}},
		{"nibbles cut short", "B4111111111111111D3012", "absent malformed absent", "", "reader",
			[]string{"missing_end_sentinel@2"}},
		{"nibbles with O for 0", "B4111111111111111D3O12101F", "absent absent absent", "", "input",
			[]string{"hex_invalid@2"}},
		{"nibbles, three letters", "B4111111111111111D3O1Z1G1F", "absent absent absent", "", "input",
			[]string{"not_a_swipe@0"}},
		// EMV tag 57.
		{"tag 57", "5713 4111111111111111D30121010000000000000F", "absent ok absent", visa, "host",
			[]string{"issuer_check_required@0", "track_absent@1"}},
		{"tag 57 length byte wrong", "5712 4111111111111111D30121010000000000000F", "absent absent absent", "", "input",
			[]string{"hex_invalid@2"}},
		{"tag 57 odd digit count", "4111111111111111D3012101000", "absent ok absent", visa, "host",
			[]string{"hex_invalid/odd@2", "issuer_check_required@0", "track_absent@1"}},
		{"tag 57 cut short", "57 09 41 11 11 11 11 11 11 11 D3", "absent ok absent", "unknown visa …1111  ", "input",
			[]string{"hex_invalid@2", "track_absent@1"}},
		{"tag 57 letter", "4111111111111111D3012A01", "absent absent absent", "", "input",
			[]string{"hex_invalid@2"}},
		// Tracks whose sentinels a log dropped.
		{"track 1 stripped", t1, "ok absent absent", visa, "host",
			[]string{"issuer_check_required@0", "missing_start_sentinel/stripped@1", "missing_end_sentinel/stripped@1", "track_absent@2"}},
		{"track 2 stripped", t2, "absent ok absent", visa, "host",
			[]string{"issuer_check_required@0", "track_absent@1", "missing_start_sentinel/stripped@2", "missing_end_sentinel/stripped@2"}},
		{"both stripped, one a line", t1 + "\r\n" + t2 + "\r\n", "ok ok absent", visa, "host",
			[]string{"missing_start_sentinel/stripped@0", "missing_end_sentinel/stripped@0", "issuer_check_required@0"}},
		{"stripped ID card", "1034567^SMITH/MIKE^987654321", "ok absent absent", "private uatp …4567  ", "card",
			[]string{"non_payment_card/private@1", "missing_start_sentinel/stripped@1", "missing_end_sentinel/stripped@1"}},
		{"stripped, cut inside the expiry", "4111111111111111=30", "absent malformed absent", "", "reader",
			[]string{"missing_end_sentinel@2", "missing_start_sentinel@2"}},
		{"sentinels on track 1 only", "%" + t1 + "?\r\n" + t2 + "\r\n", "ok malformed absent", "payment visa …1111 2030-12 101", "reader",
			[]string{"missing_end_sentinel@2", "missing_start_sentinel@2", "issuer_check_required@0"}},
		// Payment numbers gone wrong are named, not taken for gift or
		// private cards.
		{"12 digits", ";411111111111=3012101?", "absent ok absent", "unknown visa …1111 2030-12 101", "card",
			[]string{"pan_luhn_failed@2", "pan_length_invalid@2", "track_absent@1"}},
		{"12 digits alone", ";411111111111?", "absent ok absent", "unknown visa …1111  ", "card",
			[]string{"pan_luhn_failed@2", "pan_length_invalid@2", "track_absent@1"}},
		{"month 13", ";4111111111111112=3013?", "absent ok absent", "unknown visa …1112 2030-13 ", "card",
			[]string{"pan_luhn_failed@2", "expiry_invalid@2", "track_absent@1"}},
		{"12 digits, month 00", ";411111111111=3000101?", "absent ok absent", "unknown visa …1111 2030-00 101", "card",
			[]string{"pan_luhn_failed@2", "pan_length_invalid@2", "expiry_invalid@2", "track_absent@1"}},
		{"Luhn, number alone", ";4111111111111112?", "absent ok absent", "unknown visa …1112  ", "card",
			[]string{"pan_luhn_failed@2", "track_absent@1"}},
		{"Luhn, number and separator", ";4111111111111112=?", "absent ok absent", "unknown visa …1112  ", "card",
			[]string{"pan_luhn_failed@2", "track_absent@1"}},
		{"Luhn, track 1 number alone", "%B4111111111111112?", "ok absent absent", "unknown visa …1112  ", "card",
			[]string{"pan_luhn_failed@1", "track_absent@2"}},
		{"Luhn, stripped number and separator", "4111111111111112=", "absent ok absent", "unknown visa …1112  ", "card",
			[]string{"pan_luhn_failed@2", "track_absent@1", "missing_start_sentinel/stripped@2", "missing_end_sentinel/stripped@2"}},
		{"gift placeholder stays gift", ";4111111111111112=4912?", "absent ok absent", "gift visa …1112 2049-12 ", "card",
			[]string{"non_payment_card/gift@2"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := DecodeText(tt.in, Options{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			tracks, card, _, fault, codes := summary(r)
			if tracks != tt.tracks || card != tt.card || fault != tt.fault || strings.Join(codes, " ") != strings.Join(tt.codes, " ") {
				t.Errorf("got  %q %q %q %q\nwant %q %q %q %q", tracks, card, fault, codes, tt.tracks, tt.card, tt.fault, tt.codes)
			}
			if r.Reader != nil {
				t.Errorf("reader %+v: a log says nothing of the reader", r.Reader)
			}
			// Sentinels a log dropped are nothing wrong with the track.
			for _, f := range r.Findings {
				for _, tr := range r.Tracks {
					if f.Detail == "stripped" && len(tr.Errors) > 0 {
						t.Errorf("track %d errors %+v beside %s/stripped", tr.Number, tr.Errors, f.Code)
					}
				}
			}
		})
	}
}

// TestStrippedSwipe: a reader's own keystrokes without sentinels are no
// log's copy: the missing sentinels keep their words and the track is
// malformed, as before.
func TestStrippedSwipe(t *testing.T) {
	r := DecodeSwipe(swipeOf(t, "4111111111111111=30121010000000000000\r", keyboard.US, 2), Options{Now: testNow})
	tracks, _, _, _, codes := summary(r)
	if tracks != "absent malformed absent" || strings.Join(codes, " ") != "missing_end_sentinel@2 missing_start_sentinel@2" {
		t.Errorf("tracks %q codes %q", tracks, codes)
	}
}

// TestHexEvidence: the hex finding says where the record is damaged, in
// both languages.
func TestHexEvidence(t *testing.T) {
	for _, tt := range []struct{ in, en, zh string }{
		{"B4111111111111111D3O12101F", `character 20, "O", is not a hex digit`, `第 20 个字符 "O" 不是十六进制数字`},
		{"5712 4111111111111111D30121010000000000000F", "the tag 57 length byte counts 18 bytes; 38 hex digits follow",
			"标签 57 的长度字节为 18 字节，后面却有 38 个十六进制数字"},
		{"4111111111111111D3012A01", `character 22, "A": tag 57 holds only digits, one D and F padding`,
			`第 22 个字符 "A"：标签 57 中只能有数字、一个 D 和补位的 F`},
		{"4111111111111111D3012101000", "27 hex digits: not whole bytes", "27 个十六进制数字：不是整字节"},
		{"57 09 41 11 11 11 11 11 11 11 D3", "tag 57 ends before its expiry date and service code", "标签 57 在有效期和服务代码之前就结束了"},
	} {
		r, err := DecodeText(tt.in, Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		var f *Finding
		for i := range r.Findings {
			if r.Findings[i].Code == HexInvalid {
				f = &r.Findings[i]
			}
		}
		if f == nil {
			t.Errorf("%q: no hex_invalid in %v", tt.in, codesOf(r))
			continue
		}
		if en, zh := f.Evidence.In(message.English), f.Evidence.In(message.Chinese); en != tt.en || zh != tt.zh {
			t.Errorf("%q: evidence %q / %q, want %q / %q", tt.in, en, zh, tt.en, tt.zh)
		}
	}
}

// decodeCase decodes a findingCase as it arrives.
func decodeCase(tt findingCase) (*Report, error) {
	if bits, ok := strings.CutPrefix(tt.text, "bits:"); ok {
		return DecodeBits(bits, Options{Now: testNow})
	}
	return DecodeText(tt.text, Options{Now: testNow})
}

// TestFindingCodes decodes each findingCase and looks for its code.
func TestFindingCodes(t *testing.T) {
	tests := findingCases(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := decodeCase(tt)
			if err != nil {
				t.Fatal(err)
			}
			if !hasCode(r, tt.code) {
				t.Errorf("want %s, got %v", tt.code, codesOf(r))
			}
			for _, f := range r.Findings {
				if f.words(message.English).Cause == "" || f.words(message.Chinese).Action == "" || f.Severity == "" {
					t.Errorf("finding %+v has no text or severity", f)
				}
			}
		})
	}
}

// TestCleanCard: a valid card that reads cleanly leaves only the issuer
// note, and the verdict points at the host.
// TestExtraEvidence: characters around the tracks are shown as evidence
// only when they cannot be card data.
func TestExtraEvidence(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"!STCARD A " + goodT2, `"!STCARD A"`},
		{goodT2 + "\rID 12345678 END", "15 characters of track-like data"},
	} {
		r, err := DecodeText(tt.in, Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		var ev string
		for _, f := range r.Findings {
			if f.Code == ExtraCharacters {
				ev = f.Evidence.In(message.English)
			}
		}
		if ev != tt.want {
			t.Errorf("%q: evidence %q, want %q", tt.in, ev, tt.want)
		}
	}
}

func TestCleanCard(t *testing.T) {
	r, err := DecodeText("%B4111111111111111^DOE/JANE^3012101000000000000000503000000?"+goodT2+"\r", Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(codesOf(r), " "); got != "issuer_check_required" || r.Fault != FaultHost {
		t.Fatalf("codes %q fault %s", got, r.Fault)
	}
	for _, l := range []message.Lang{message.English, message.Chinese} {
		if !strings.Contains(r.Verdict(l), map[message.Lang]string{message.English: "host or issuer", message.Chinese: "发卡行"}[l]) {
			t.Errorf("%s verdict %q", l, r.Verdict(l))
		}
	}
}

func TestDecodeTextErrors(t *testing.T) {
	if _, err := DecodeText(strings.Repeat("4", wedge.MaxCapture+1), Options{}); !errors.Is(err, wedge.ErrTooLarge) {
		t.Errorf("too large: %v", err)
	}
	if _, err := DecodeText("\x00\x01\x02\x03\x04\x05\x06\x07\x08", Options{}); !errors.Is(err, wedge.ErrBinary) {
		t.Errorf("binary: %v", err)
	}
	if _, err := DecodeBits("hello", Options{}); err == nil {
		t.Error("DecodeBits accepted text")
	}
}

// DecodePasted takes every test vector the way its kind says it arrives:
// the raw bit streams as bits, the rest as reader text.
func TestDecodePasted(t *testing.T) {
	for _, v := range testvectors.All() {
		want, wantErr := decodeVector(v)
		got, err := DecodePasted(v.Input, Options{Now: testNow})
		if !reflect.DeepEqual(got, want) || fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Errorf("%s: DecodePasted differs from its %s decode", v.ID, v.Kind)
		}
	}
	for _, tt := range []struct {
		in    string
		input Input
	}{
		{"0000000000 11010 00001\n10000 11111 0000000000", InputBits},
		{"  bytes = [0, 0, 26, 8];bits=32", InputBits},
		{"1010 0101", InputWedge}, // too few bits for a stream
		{"0000000000 11010 2", InputWedge},
	} {
		r, err := DecodePasted(tt.in, Options{Now: testNow})
		if err != nil || r.Input != tt.input {
			t.Errorf("DecodePasted(%q): input %v, %v; want %v", tt.in, r.Input, err, tt.input)
		}
	}
	if _, err := DecodePasted(strings.Repeat("01", wedge.MaxCapture), Options{}); !errors.Is(err, wedge.ErrTooLarge) {
		t.Errorf("a bit stream over MaxCapture: %v", err)
	}
	var se *iso7811.SyntaxError
	if _, err := DecodePasted("bytes=[1,2", Options{}); !errors.As(err, &se) {
		t.Errorf("a broken packed stream: %v", err)
	}
}

// TestDecodeSwipe covers the keystroke path: a swipe typed under a German
// or French host, or with Caps Lock, still decodes, and the findings say
// what the POS on that host receives.
func TestDecodeSwipe(t *testing.T) {
	const swipe = "%B4111111111111111^DOE/JANE^3012101000000000000000503000000?" + goodT2 + "\r"
	for _, l := range []keyboard.Layout{keyboard.US, keyboard.DE, keyboard.FR} {
		t.Run(string(l), func(t *testing.T) {
			r := DecodeSwipe(swipeOf(t, swipe, l, 2), Options{Now: testNow})
			if r.Card == nil || r.Card.PAN != "4111111111111111" || r.Tracks[0].Status != StatusOK || r.Tracks[1].Status != StatusOK {
				t.Fatalf("card %+v tracks %+v", r.Card, r.Tracks)
			}
			if got := hasCode(r, KeyboardLayoutMismatch); got != (l != keyboard.US) || r.Layout != l {
				t.Errorf("layout %s, findings %v", r.Layout, codesOf(r))
			}
			if r.Timing == nil || r.Timing.Keys != len([]rune(swipe)) {
				t.Errorf("timing %+v", r.Timing)
			}
		})
	}
	t.Run("human", func(t *testing.T) {
		r := DecodeSwipe(swipeOf(t, goodT2+"\r", keyboard.US, 180), Options{Now: testNow})
		if !hasCode(r, HumanTyping) {
			t.Errorf("findings %v", codesOf(r))
		}
	})
	t.Run("stutter", func(t *testing.T) {
		sw := swipeOf(t, swipe, keyboard.US, 2)
		for i := 40; i < len(sw.Keys); i++ {
			sw.Keys[i].Time += 400
		}
		sw.Rebuilt = keyboard.Rebuild(sw.Keys)
		if r := DecodeSwipe(sw, Options{Now: testNow}); !hasCode(r, SlowKeystrokes) {
			t.Errorf("findings %v", codesOf(r))
		}
	})
	t.Run("no terminator", func(t *testing.T) {
		r := DecodeSwipe(swipeOf(t, goodT2, keyboard.US, 2), Options{Now: testNow})
		if !hasCode(r, NoTerminator) {
			t.Errorf("findings %v", codesOf(r))
		}
	})
	// A reader that ends each track with Enter or Tab: the Detector joins
	// the tracks into one swipe, and the finding names the separators.
	t.Run("terminator between tracks", func(t *testing.T) {
		for _, tt := range []struct{ text, evidence string }{
			{"%B4111111111111111^DOE/JANE^3012101000000000000000503000000?\r" + goodT2 + "\r", "Enter after track 1"},
			{"%B4111111111111111^DOE/JANE^3012101000000000000000503000000?\t" + goodT2 + "\t;011?\r", "Tab after track 1, Tab after track 2"},
			{swipe, ""},
		} {
			var d keyboard.Detector
			swipes := keyboardtest.Swipes(&d, keyboardtest.Keys(t, tt.text, keyboard.US, false, keyboardtest.Pace{Gap: 2}), false)
			sw := swipes[len(swipes)-1]
			r := DecodeSwipe(*sw, Options{Now: testNow})
			if r.Tracks[0].Status != StatusOK || r.Tracks[1].Status != StatusOK || sw.Extends != (tt.evidence != "") {
				t.Errorf("%q: tracks %+v, extends %v", tt.text, r.Tracks, sw.Extends)
			}
			var got string
			for _, f := range r.Findings {
				if f.Code == TerminatorBetweenTracks {
					got = f.Evidence.In(message.English)
				}
			}
			if got != tt.evidence {
				t.Errorf("%q: evidence %q, want %q (findings %v)", tt.text, got, tt.evidence, codesOf(r))
			}
		}
	})
	t.Run("truncated", func(t *testing.T) {
		sw := swipeOf(t, goodT2, keyboard.US, 2)
		sw.Truncated = true
		if r := DecodeSwipe(sw, Options{Now: testNow}); !hasCode(r, CaptureTruncated) {
			t.Errorf("findings %v", codesOf(r))
		}
	})
}

// A swipe typed by character, as WebDriver in Firefox and WebKit, remote-
// desktop tools and software wedges type it (? on the Slash key without
// Shift, or no code at all), decodes as the reader's own keys do: the same
// tracks and findings, and no layout or Caps Lock blamed.
func TestDecodeSwipeByCharacter(t *testing.T) {
	const swipe = "%B4111111111111111^DOE/JOHN^29121010000000000000?;4111111111111111=29121010000000000000?\r"
	want := DecodeSwipe(swipeOf(t, swipe, keyboard.US, 2), Options{Now: testNow})
	// The test PAN is the only finding.
	if got := codesOf(want); !reflect.DeepEqual(got, []string{string(IssuerCheckRequired)}) || want.Card == nil || want.Card.PAN != "4111111111111111" ||
		want.Tracks[0].Status != StatusOK || want.Tracks[1].Status != StatusOK {
		t.Fatalf("typed by a reader: findings %v, card %+v, tracks %+v", got, want.Card, want.Tracks)
	}
	never := func(int) bool { return false }
	tests := []struct {
		name   string
		noCode bool
		shift  func(i int) bool // of the characters a US keymap shifts
	}{
		{"US codes, no Shift", false, never},
		{"no codes, no Shift", true, never},
		{"every other key without Shift", false, func(i int) bool { return i%2 == 0 }},
	}
	for _, tc := range tests {
		keys := keyboardtest.KeysByCharacter(t, swipe, tc.noCode, tc.shift, keyboardtest.Pace{Gap: 2})
		rb := keyboard.Rebuild(keys)
		r := DecodeSwipe(keyboard.Swipe{Keys: keys, Rebuilt: rb, Reader: rb.Timing.Reader()}, Options{Now: testNow})
		if !reflect.DeepEqual(r, want) {
			t.Errorf("%s: layout %s caps=%v, findings %v, tracks %+v; want the reader's %+v",
				tc.name, r.Layout, r.CapsLock, codesOf(r), r.Tracks, want.Tracks)
		}
	}
}

func TestDecodeReads(t *testing.T) {
	r := DecodeReads(InputHID, []TrackRead{
		{Number: 1, Status: StatusError},
		{Number: 2, Status: StatusOK, Text: ";5452000000007189=300400000000000000?", Start: true, Masked: true},
	}, &ReaderInfo{Vendor: "MagTek", Model: "MagneSafe V5", Encrypted: true, Flags: []string{"MagnePrint: too noisy"}}, Options{Now: testNow})
	for _, c := range []Code{TrackReadError, EncryptedData, ReaderStatus, MaskedData} {
		if !hasCode(r, c) {
			t.Errorf("want %s in %v", c, codesOf(r))
		}
	}
	if r.Input != InputHID || r.Reader == nil {
		t.Errorf("input %s reader %v", r.Input, r.Reader)
	}
}

// TestMasking: the view masks the PAN in the card and in the track text,
// the name everywhere, and reveals them only on request.
func TestMasking(t *testing.T) {
	r, _ := DecodeText("%B4111111111111111^DOE/JANE^3012101000000000000000503000000?"+goodT2, Options{Now: testNow})
	v := r.View(message.English, false)
	if v.Card.PAN != "411111******1111" || v.Card.Name != "**** ***" && v.Card.Name != "********" {
		t.Errorf("card %q %q", v.Card.PAN, v.Card.Name)
	}
	for _, tr := range v.Tracks {
		if strings.Contains(tr.Text, "4111111111111111") || strings.Contains(tr.Text, "DOE") || strings.Contains(tr.Text, "503000000") {
			t.Errorf("track %d not masked: %q", tr.Number, tr.Text)
		}
	}
	if got := v.Tracks[1].Text; got != ";411111******1111=3012101*************?" {
		t.Errorf("track 2 masked as %q", got)
	}
	text := v.Text()
	if strings.Contains(text, "4111111111111111") || strings.Contains(text, "JANE") {
		t.Error("text report leaks card data")
	}
	rv := r.View(message.English, true)
	if rv.Card.PAN != "4111111111111111" || !strings.Contains(rv.Tracks[0].Text, "DOE/JANE") {
		t.Errorf("reveal: %q %q", rv.Card.PAN, rv.Tracks[0].Text)
	}
}

func TestSession(t *testing.T) {
	dec := func(s string) *Report { return decodeAt(t, s, testNow) }
	t.Run("card at fault", func(t *testing.T) {
		s := NewSession(0)
		s.Add(dec("%E?;E?"))
		s.Add(dec(goodT2))
		s.Add(dec(";5555555555554444=30121010000000000000?"))
		sum := s.Summary()
		if sum.Fault != FaultCard || sum.Swipes != 3 || sum.Cards != 2 || sum.Failed != 1 {
			t.Fatalf("%+v", sum)
		}
		if !strings.HasPrefix(sum.Text(message.English), "3 swipes, 2 cards identified, 1 with read failures. 2 other cards read cleanly") {
			t.Errorf("%q", sum.Text(message.English))
		}
		if !strings.Contains(sum.Text(message.English), "failing card is at fault") || !strings.Contains(sum.Text(message.Chinese), "失败的那张卡") {
			t.Errorf("%q", sum.Text(message.English))
		}
	})
	t.Run("reader at fault", func(t *testing.T) {
		s := NewSession(0)
		s.Add(dec("%E?" + goodT2))
		s.Add(dec("%E?;5555555555554444=30121010000000000000?"))
		s.Add(dec("%E?;378282246310005=30121010000000000000?"))
		sum := s.Summary()
		if sum.Fault != FaultReader || sum.Track != 1 || sum.TrackFailures != [3]int{3, 0, 0} || sum.TrackReads != [3]int{0, 3, 0} {
			t.Fatalf("%+v", sum)
		}
	})
	// A swipe refused for a set-up reason did not read "cleanly", even
	// when its stripe did.
	t.Run("one swipe refused", func(t *testing.T) {
		s := NewSession(0)
		s.Add(dec(keyboard.Apply("%B4111111111111111^DOE/JANE^3012101000000000000000503000000?"+goodT2, keyboard.DE)))
		s.Add(dec("%B5555555555554444^DOE/JANE^3012101000000000000000503000000?;5555555555554444=30121010000000000000?"))
		if sum := s.Summary(); sum.Fault != "" || strings.Contains(sum.Text(message.English), "read cleanly") {
			t.Fatalf("%+v: %q", sum, sum.Text(message.English))
		}
	})
	t.Run("track disabled", func(t *testing.T) {
		s := NewSession(0)
		s.Add(dec(goodT2))
		s.Add(dec(";5555555555554444=30121010000000000000?"))
		if sum := s.Summary(); sum.Fault != FaultSetup || sum.Track != 1 {
			t.Fatalf("%+v", sum)
		}
	})
	// The first track of a reader that types Enter after each track, then
	// the whole swipe in its place: one swipe, two tracks read.
	t.Run("replace last", func(t *testing.T) {
		s := NewSession(0)
		s.ReplaceLast(dec("%E?"))
		s.Add(dec("%B4111111111111111^DOE/JANE^3012101000000000000000503000000?"))
		s.ReplaceLast(dec("%B4111111111111111^DOE/JANE^3012101000000000000000503000000?\r" + goodT2))
		sum := s.Summary()
		if sum.Swipes != 2 || sum.Cards != 1 || sum.TrackReads != [3]int{1, 1, 0} || sum.TrackFailures != [3]int{1, 0, 0} {
			t.Fatalf("%+v", sum)
		}
	})
	t.Run("bounded", func(t *testing.T) {
		s := NewSession(5)
		for i := 0; i < 12; i++ {
			s.Add(dec(goodT2))
		}
		sum := s.Summary()
		if s.Len() != 5 || sum.Dropped != 7 || sum.Cards != 1 {
			t.Fatalf("len %d %+v", s.Len(), sum)
		}
		if got := sum.Text(message.English); !strings.HasPrefix(got, "5 swipes, 1 card identified") {
			t.Errorf("%q", got)
		}
		s.Clear()
		if s.Len() != 0 || s.Summary().Swipes != 0 {
			t.Fatal("clear kept swipes")
		}
	})
}

func FuzzDecodeText(f *testing.F) {
	for _, v := range testvectors.All() {
		f.Add(v.Input)
	}
	f.Add("0000000000 11010 00001 10000 11111 0000000000")
	f.Add("bytes=[255,255,151];bits=20")
	for _, s := range []string{ // track data as POS logs hold it
		"B4111111111111111D30121010000000000000F0", "B4111111111111111D3O12101F", "4111111111111111D3012101000",
		"57 09 41 11 11 11 11 11 11 11 D3", "5712 4111111111111111D30121010000000000000F",
		"B4111111111111111^DOE/JANE^3012101000000000000000503000000\r\n4111111111111111=30121010000000000000\r\n",
		"4111111111111111=30", ";411111111111=3000101?", "4111111111111112=",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := DecodePasted(s, Options{Now: testNow})
		if err != nil {
			return
		}
		v := r.View(message.Chinese, false)
		if len(v.Tracks) != 3 || v.Verdict == "" {
			t.Fatalf("view %+v", v)
		}
		for _, tr := range r.Tracks {
			for _, fl := range tr.Fields {
				if fl.Start < 0 || fl.End > len(tr.Text) || fl.Start > fl.End {
					t.Fatalf("field %+v outside %q", fl, tr.Text)
				}
			}
		}
		_ = v.Text()
	})
}

func BenchmarkDecodeText(b *testing.B) {
	const capture = "%B5452300551227189^HOGAN/PAUL      ^08043210000000725000000?;5452300551227189=080432100000007250?+5163499080020445=000000000000?\r"
	b.SetBytes(int64(len(capture)))
	for b.Loop() {
		if _, err := DecodeText(capture, Options{Now: testNow}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeSwipe decodes the three-track capture of
// BenchmarkDecodeText as a reader types it on a German host: keys
// rebuilt, layout undone, tracks split and diagnosed.
func BenchmarkDecodeSwipe(b *testing.B) {
	const capture = "%B5452300551227189^HOGAN/PAUL      ^08043210000000725000000?;5452300551227189=080432100000007250?+5163499080020445=000000000000?\r"
	var d keyboard.Detector
	swipes := keyboardtest.Swipes(&d, keyboardtest.Keys(b, capture, keyboard.DE, false, keyboardtest.Pace{Gap: 2}), false)
	if len(swipes) != 1 {
		b.Fatalf("%d swipes", len(swipes))
	}
	b.SetBytes(int64(len(capture)))
	for b.Loop() {
		DecodeSwipe(*swipes[0], Options{Now: testNow})
	}
}

func BenchmarkDecodeBits(b *testing.B) {
	bits, err := iso7811.Encode(goodT2, iso7811.Numeric, 20, 20)
	if err != nil {
		b.Fatal(err)
	}
	var s strings.Builder
	for _, x := range bits {
		s.WriteByte('0' + x)
	}
	in := s.String()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := DecodeBits(in, Options{Now: testNow}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSessionView: once the visit tells card from reader, the verdict of
// the swipe on screen says which; before that, it is the swipe's own.
func TestSessionView(t *testing.T) {
	dec := func(s string) *Report { return decodeAt(t, s, testNow) }
	german := func(s string) string { return keyboard.Apply(s, keyboard.DE) }
	const (
		t1     = "%B4111111111111111^DOE/JANE^3012101000000000000000503000000?"
		master = ";5555555555554444=30121010000000000000?"
		amex   = ";378282246310005=30121010000000000000?"
	)
	tests := []struct {
		name   string
		swipes []string
		fault  Fault
		en, zh string // the start of the verdict
	}{
		{"one swipe keeps its own verdict", []string{"%E?" + goodT2}, FaultCard,
			"The card's stripe or the reader: Track unreadable.", "卡片磁条或读卡器的问题"},
		{"every card fails track 1", []string{"%E?" + goodT2, "%E?" + master, "%E?" + amex, "%E?;6011111111111117=30121010000000000000?"}, FaultReader,
			"The reader or its set-up: track 1 failed on every card of this visit (4 of 4 swipes), this one included.",
			"是读卡器或其设置的问题：本次检测中每张卡的磁道 1 都读取失败（4 次中 4 次）"},
		{"good cards read, this one fails", []string{goodT2, master, "%E?" + amex}, FaultCard,
			"This card: Track unreadable, while 2 other cards read cleanly on this reader.", "是这张卡的问题：磁道无法读取，而另有 2 张卡在这台读卡器上读取正常"},
		{"a good card after the failing one", []string{"%E?" + amex, goodT2, master}, FaultHost,
			"The stripe reads cleanly and the card data is valid", "磁条读取正常"},
		{"track 1 from no card", []string{goodT2, master, amex}, FaultSetup,
			"The reader's set-up: track 1 came from no card of this visit.", "是读卡器设置的问题：本次检测中没有一张卡送出磁道 1"},
		{"every swipe refused for the same reason", []string{german(t1 + goodT2), german(t1 + master)}, FaultSetup,
			"The reader or its set-up: all 2 swipes of this visit had the same fault, Keyboard layout mismatch.",
			"是读卡器或其设置的问题：本次检测的 2 次刷卡都有同一个问题：键盘布局不匹配"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSession(0)
			var last *Report
			for _, in := range tt.swipes {
				last = dec(in)
				s.Add(last)
			}
			en, zh := s.View(last, message.English, false), s.View(last, message.Chinese, false)
			if !strings.HasPrefix(en.Verdict, tt.en) || !strings.HasPrefix(zh.Verdict, tt.zh) || en.Fault != string(tt.fault) {
				t.Errorf("verdict %q / %q, fault %s; want %q / %q, %s", en.Verdict, zh.Verdict, en.Fault, tt.en, tt.zh, tt.fault)
			}
			if own := last.View(message.English, false); len(tt.swipes) == 1 && own.Verdict != en.Verdict {
				t.Errorf("a lone swipe's verdict changed: %q, own %q", en.Verdict, own.Verdict)
			}
		})
	}
}

// Text that holds no track gets its own verdict, in both languages: the
// title of not_a_swipe would only repeat it.
func TestVerdictNotASwipe(t *testing.T) {
	r, err := DecodeText("hello there", Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []message.Lang{message.English, message.Chinese} {
		v := r.Verdict(l)
		title := Finding{Code: NotASwipe}.words(l).Title
		if v != l.Text(message.VerdictNotASwipe) || strings.Contains(v, title) {
			t.Errorf("%s: verdict %q repeats %q", l, v, title)
		}
	}
	if got := r.Verdict(message.Chinese); got != "这不是读卡器送出的内容：其中没有磁道（没有起始符、结束符或分隔符）。" {
		t.Errorf("Chinese verdict %q", got)
	}
}

// decodeAt decodes reader text s as read on the day now, failing the test
// on an error.
func decodeAt(t testing.TB, s string, now time.Time) *Report {
	t.Helper()
	r, err := DecodeText(s, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return r
}
