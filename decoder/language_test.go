package decoder

import (
	"encoding/hex"
	"strings"
	"testing"

	"magcheck/decoder/audio/audiotest"
	"magcheck/decoder/card"
	"magcheck/decoder/iso7811"
	"magcheck/decoder/keyboard"
	"magcheck/internal/device"
	"magcheck/internal/msrtest"
	"magcheck/internal/testvectors"
	"magcheck/message"
	"magcheck/message/messagetest"
	"magcheck/msr605"
	"magcheck/webhid"
)

// sample is a report to render, with the input it came from: words of the
// input may show in the report as data.
type sample struct {
	name, input string
	r           *Report
}

// samples are reports of every kind of input and of every finding code.
func samples(t *testing.T) []sample {
	var out []sample
	add := func(name, input string, r *Report, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, sample{name, input, r})
	}
	for _, tc := range findingCases(t) {
		r, err := decodeCase(tc)
		add(tc.name, tc.text, r, err)
	}
	for _, v := range testvectors.All() {
		r, err := DecodePasted(v.Input, Options{Now: testNow})
		add(v.ID, v.Input, r, err)
	}
	for _, v := range testvectors.Records() {
		r, err := DecodePasted(v.Input, Options{Now: testNow})
		add(v.ID, v.Input, r, err)
		add(v.ID+" typed", v.Input, DecodeSwipe(swipeOf(t, v.Input, keyboard.US, 2), Options{Now: testNow}), nil)
	}
	const track1 = "%B4111111111111111^DOE/JANE^3012101000000000000000503000000?"
	for _, tc := range []struct {
		name, text string
		layout     keyboard.Layout
		gap        float64
		truncated  bool
	}{
		{"german host", track1 + goodT2 + "\r", keyboard.DE, 2, false},
		{"person typing", goodT2 + "\r", keyboard.US, 180, false},
		{"no terminator", goodT2, keyboard.US, 2, false},
		{"enter between tracks", track1 + "\r" + goodT2 + "\r", keyboard.US, 2, false},
		{"cut off", goodT2, keyboard.US, 2, true},
		{"only a terminator", "\r", keyboard.US, 2, false},
	} {
		sw := swipeOf(t, tc.text, tc.layout, tc.gap)
		sw.Truncated = tc.truncated
		add(tc.name, tc.text, DecodeSwipe(sw, Options{Now: testNow}), nil)
	}
	for _, tc := range []struct {
		name  string
		track string
		o     audiotest.Options
	}{
		{"audio clean", audioTrack2, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35}},
		{"audio fast", audioTrack2, audiotest.Options{Rate: 96000, SpeedIPS: 70, SNRdB: 35}},
		{"audio undersampled", audioTrack1, audiotest.Options{Rate: 44100, SpeedIPS: 45, SNRdB: 35}},
		{"audio slow", audioTrack2, audiotest.Options{Rate: 48000, SpeedIPS: 3, SNRdB: 35}},
		{"audio uneven", audioTrack2, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35, Profile: "stuttering", Variation: 0.4}},
		{"audio noisy", audioTrack2, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 8}},
		{"audio weak", audioTrack2, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 3}},
		{"audio worn", audioTrack2, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35, WeakFrom: 0.4, WeakTo: 0.6, WeakFactor: 0.25}},
		{"audio jitter", audioTrack2, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35, Jitter: 0.2}},
		{"audio clipped", audioTrack2, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35, Amplitude: 3}},
	} {
		for _, sw := range DecodeAudio(swipe(t, tc.track, tc.o), Options{Now: testNow}) {
			add(tc.name, tc.track, sw.Report, nil)
		}
	}
	hid := &webhid.Report{Vendor: "MagTek", Model: "Dynamag", Format: webhid.FormatMagTekV5, Encrypted: true,
		MagnePrintFlags: []string{webhid.MagnePrintNoisy, webhid.MagnePrintSlow, webhid.MagnePrintFast, webhid.MagnePrintReversed},
		CardEncodeType:  "iso_aba", KSN: "FFFF9876543210E00008", SerialNumber: "B0F1234",
		Evidence: []webhid.Fact{{Kind: webhid.FactEncodeType, Text: "iso_aba"}, {Kind: webhid.FactDecodeStatus, Track: 2, Value: 1},
			{Kind: webhid.FactTrackStatus, Value: 0x3F}, {Kind: webhid.FactEncryptionStatus, Value: 0x01FF},
			{Kind: webhid.FactEncryptionStatus}, {Kind: webhid.FactCardStatus, Value: 1},
			{Kind: webhid.FactMagnePrintStatus, Value: 0x5A1}, {Kind: webhid.FactVersion, Text: "V05"},
			{Kind: webhid.FactUndecoded, Value: 13, Other: 887}, {Kind: webhid.FactEncryptedLength, Track: 1, Value: 31},
			{Kind: webhid.FactFieldsSent, Value: 7, Other: 0x9B}, {Kind: webhid.FactNotSent, Track: 3, Value: 12},
			{Kind: webhid.FactRawEncrypted}, {Kind: webhid.FactUnsplit}, {Kind: webhid.FactLengthBigEndian}},
		Tracks: [3]webhid.Track{
			{Number: 1, Status: webhid.TrackEncrypted, Text: "%B5452000000007189^HOGAN/PAUL      ^0804000000000000000000000?", Masked: true},
			{Number: 2, Status: webhid.TrackDecodeError},
			{Number: 3, Status: webhid.TrackEmpty},
		}}
	add("hid", "MagTek Dynamag", DecodeHID(hid, nil, Options{Now: testNow}), nil)
	// Tracks the reader's set-up turns off: 1 (a note) and 2 (a warning).
	for _, setting := range []byte{0x94, 0x91} {
		off := &webhid.Report{Vendor: "MagTek", Model: "SureSwipe", Format: webhid.FormatMagTekSureSwipe,
			Tracks: [3]webhid.Track{{Number: 1, Status: webhid.TrackEmpty}, {Number: 2, Status: webhid.TrackEmpty}, {Number: 3, Status: webhid.TrackEmpty}}}
		add("hid track off", "MagTek SureSwipe", DecodeHID(off, &webhid.MagTekProperties{TrackIDEnable: setting}, Options{Now: testNow}), nil)
	}
	for _, tc := range []struct {
		name   string
		mode   msr605.Mode
		answer []byte
	}{
		{"msr605 marks", msr605.ModeISO, msrtest.ISOAnswer('1', msrtest.Track{Mark: '*'}, msrtest.ISO(goodT2), msrtest.Track{Mark: '+'})},
		{"msr605 nothing", msr605.ModeISO, msrtest.ISOAnswer('1', msrtest.Track{Mark: '+'}, msrtest.Track{Mark: '+'})},
		{"msr605 refused", msr605.ModeRaw, []byte{0x1B, '4'}},
		{"msr605 format error", msr605.ModeISO, []byte{0x1B, '2'}},
		{"msr605 swipe status", msr605.ModeISO, msrtest.ISOAnswer('9', msrtest.ISO(goodT2))},
		{"msr605 unknown status", msr605.ModeISO, msrtest.ISOAnswer('7', msrtest.ISO(goodT2))},
		{"msr605 raw", msr605.ModeRaw, msrtest.RawAnswer('0', msrtest.Track{Data: []byte{0x9C, 0x9C, 0x9C, 0x9C}},
			msrtest.RawTrack(t, goodT2, iso7811.Numeric, 20, 20, func(b []byte) { b[20+5*3] ^= 1 }))},
	} {
		read, err := msr605.ParseRead(tc.answer, tc.mode)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		dev := msr605.Device{Link: msr605.LinkSerial, Model: "3", Firmware: "REV?2.31"}
		add(tc.name, string(tc.answer)+" "+dev.Firmware, DecodeMSR605(read, dev, Options{Now: testNow}), nil)
	}
	return out
}

// sessions sum up swipes into each verdict a session can give.
func sessions(t *testing.T) []Summary {
	decode := func(s string) *Report {
		r, err := DecodeText(s, Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	const bad = "%E?;E?"
	var out []Summary
	for _, swipes := range [][]string{
		{},
		{goodT2},
		{goodT2, ";4012888888881881=30121010000000000000?"},
		{bad, goodT2, ";4012888888881881=30121010000000000000?"},
		{"%B4111111111111111^DOE/JANE^3012101000000000000000503000000?;E?", "%B4012888888881881^DOE/JOHN^3012101000000000000000503000000?;E?"},
		{keyboard.Apply(goodT2, keyboard.DE), keyboard.Apply(";5555555555554444=30121010000000000000?", keyboard.DE)},
	} {
		s := NewSession(2)
		for _, x := range swipes {
			s.Add(decode(x))
		}
		out = append(out, s.Summary())
	}
	return out
}

// rendered is every text a sample shows in l: the text report, and the
// words of its view that the report leaves out (the JSON's reader
// evidence among them).
func rendered(s sample, l message.Lang, reveal bool) string {
	v := s.r.View(l, reveal)
	parts := []string{v.Text()}
	for _, f := range v.Findings {
		parts = append(parts, f.Title)
	}
	for _, t := range v.Tracks {
		for _, f := range t.Fields {
			parts = append(parts, f.Label)
		}
	}
	if v.Reader != nil {
		parts = append(parts, v.Reader.Evidence...)
	}
	return strings.Join(parts, "\n")
}

// TestChineseHasNoEnglish renders every sample and session summary in
// Chinese and finds no English sentence in it.
func TestChineseHasNoEnglish(t *testing.T) {
	for _, s := range samples(t) {
		if got := messagetest.EnglishSentences(rendered(s, message.Chinese, false)); len(got) > 0 {
			t.Errorf("%s: English in the Chinese report: %q", s.name, got)
		}
	}
	for _, sum := range sessions(t) {
		if got := messagetest.EnglishSentences(sum.Text(message.Chinese)); len(got) > 0 {
			t.Errorf("English in the Chinese session summary %q: %q", sum.Text(message.Chinese), got)
		}
	}
}

// TestPseudoLocale adds a language the way any is added, one table and one
// line, and renders every sample in it: each word comes from the
// catalogue, so none is plain ASCII but the codes and the card's own data.
func TestPseudoLocale(t *testing.T) {
	l := messagetest.RegisterPseudo()
	var codes []string
	for _, c := range Codes() {
		codes = append(codes, string(c))
	}
	for _, s := range samples(t) {
		text := rendered(s, l, true)
		allowed := append(dataWords(s), codes...)
		if got := messagetest.PlainWords(text, allowed...); len(got) > 0 {
			t.Errorf("%s: words not from the catalogue: %q\n%s", s.name, got, text)
		}
	}
	for _, sum := range sessions(t) {
		if got := messagetest.PlainWords(sum.Text(l)); len(got) > 0 {
			t.Errorf("session summary %q: words not from the catalogue: %q", sum.Text(l), got)
		}
	}
}

// dataWords are the words a sample holds as data: its input and what the
// decoder read from it, shown as it is when revealed.
func dataWords(s sample) []string {
	data := []string{s.input}
	if rd := s.r.Reader; rd != nil {
		data = append(data, rd.Vendor, rd.Model, rd.Serial)
	}
	for _, t := range s.r.Tracks {
		data = append(data, t.Text)
	}
	if c := s.r.Card; c != nil {
		data = append(data, c.Name.String())
		if lic := c.Licence; lic != nil {
			data = append(data, lic.Name, lic.Address, lic.City, lic.State)
		}
	}
	return messagetest.PlainWords(strings.Join(data, "\n"))
}

// TestServiceCodeText words service codes digit by digit, an unassigned
// digit as such, and falls back to English for a language without words.
func TestServiceCodeText(t *testing.T) {
	tests := []struct {
		sc     string
		en, zh string
	}{
		{"101", "International card, no chip; normal authorization; any service.", "国际卡，无芯片；正常授权；服务不限。"},
		{"201", "International chip card (use the chip when possible); normal authorization; any service.",
			"国际芯片卡（能用芯片时须用芯片）；正常授权；服务不限。"},
		{"226", "International chip card (use the chip when possible); authorize online with the issuer; any service, PIN when feasible.",
			"国际芯片卡（能用芯片时须用芯片）；须联机向发卡行授权；服务不限，条件允许时输入密码。"},
		{"520", "National-only card, no chip; authorize online with the issuer; any service, PIN required.",
			"仅限国内使用，无芯片；须联机向发卡行授权；服务不限，须输入密码。"},
		{"643", "National-only chip card (use the chip when possible); authorize online with the issuer unless agreed otherwise; ATM only, PIN required.",
			"仅限国内使用的芯片卡（能用芯片时须用芯片）；须联机向发卡行授权（另有双边协议除外）；仅限ATM，须输入密码。"},
		{"744", "Private card, no general interchange; authorize online with the issuer unless agreed otherwise; cash only.",
			"专用卡，不可通用；须联机向发卡行授权（另有双边协议除外）；仅限取现。"},
		{"905", "Test card; normal authorization; goods and services only, PIN required.",
			"测试卡；正常授权；仅限购物和服务，须输入密码。"},
		{"122", "International card, no chip; authorize online with the issuer; goods and services only.",
			"国际卡，无芯片；须联机向发卡行授权；仅限购物和服务。"},
		{"107", "International card, no chip; normal authorization; goods and services only, PIN when feasible.",
			"国际卡，无芯片；正常授权；仅限购物和服务，条件允许时输入密码。"},
		{"321", "Unassigned first digit; authorize online with the issuer; any service.",
			"第一位为未分配的值；须联机向发卡行授权；服务不限。"},
		{"018", "Unassigned first digit; unassigned second digit; unassigned third digit.",
			"第一位为未分配的值；第二位为未分配的值；第三位为未分配的值。"},
		{"10", "", ""},
		{"1a1", "", ""},
	}
	for _, tt := range tests {
		sc := card.ServiceCode(tt.sc)
		if got := serviceCodeText(sc, message.English); got != tt.en {
			t.Errorf("%s en: %q\nwant %q", tt.sc, got, tt.en)
		}
		if got := serviceCodeText(sc, message.Chinese); got != tt.zh {
			t.Errorf("%s zh: %q\nwant %q", tt.sc, got, tt.zh)
		}
		if got := serviceCodeText(sc, message.Lang("fr")); got != tt.en {
			t.Errorf("%s fr must fall back to English, got %q", tt.sc, got)
		}
	}
}

// TestExplain words each kind of input error in both languages.
func TestExplain(t *testing.T) {
	_, bits := iso7811.ParseBits("0101x")
	_, big := DecodeText(strings.Repeat("4", 70000), Options{})
	for _, tc := range []struct {
		err    error
		en, zh string
	}{
		{big, "The input is larger than 64 KiB: not a reader capture.", "输入超过 64 KiB：不是读卡器采集的数据。"},
		{bits, "The bit stream cannot be read at character 4: a character other than 0, 1 or white space.",
			"位流在第 4 个字符处无法读取：有 0、1 和空白以外的字符。"},
		{&device.Error{Link: device.HID, Code: device.CodeUnplugged, Detail: "gone"}, "The reader was unplugged.", "读卡器已拔出。"},
		{&webhid.ReportError{Reason: webhid.ReasonTruncated, Len: 100, Want: 337},
			"The report is cut short: 100 bytes where 337 were expected.", "报告被截断：只有 100 字节，应为 337 字节。"},
		{&msr605.Error{Reason: msr605.ReasonTruncated, Offset: 12}, "The reader's answer is cut short at byte 12.", "读写器的应答在第 12 字节处被截断。"},
		{&msr605.Error{Reason: msr605.ReasonTooLong, Len: 2000, Max: 1024},
			"The reader's answer is too long: 2000 bytes where at most 1024 fit.", "读写器的应答过长：2000 字节，最多只能有 1024 字节。"},
		{&msr605.Error{Reason: msr605.ReasonCount, Len: 2}, "The capture holds 2 card reads: cut it to one.", "采集的数据中有 2 次读卡：请只保留一次。"},
		{&msr605.Error{Reason: msr605.ReasonCount}, "The capture holds no card read.", "采集的数据中没有读卡数据。"},
		{&device.Error{Link: device.Serial, Code: device.CodeNoSwipe}, "No card was swiped while magcheck waited.", "magcheck 等待期间没有刷卡。"},
		{&webhid.LineError{Line: 3, Err: hex.ErrLength}, "Line 3: The hex has an odd number of digits.", "第 3 行：十六进制数字的个数是奇数。"},
		{&webhid.LineError{Line: 2, Err: hex.InvalidByteError('z')}, "Line 2: 'z' is not a hex digit.", "第 2 行：'z' 不是十六进制数字。"},
		{&webhid.LineError{Line: 4, Err: &webhid.ReportError{Reason: webhid.ReasonPacketOrder}},
			"Line 4: A packet continues an answer whose first packet never came.", "第 4 行：某个数据包接续的应答缺少第一个数据包。"},
	} {
		if got := Explain(tc.err).In(message.English); !strings.HasPrefix(got, tc.en) {
			t.Errorf("Explain(%v) = %q, want %q", tc.err, got, tc.en)
		}
		if got := Explain(tc.err).In(message.Chinese); !strings.HasPrefix(got, tc.zh) {
			t.Errorf("Explain(%v) in Chinese = %q, want %q", tc.err, got, tc.zh)
		}
	}
}
