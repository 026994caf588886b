package decoder

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
	"magcheck/decoder/iso7811"
	"magcheck/message"
)

// metroCardBits are the bits the source's own decoder (dab.py) gave for
// testdata/real/mta-new-metrocard-ezpay.wav: F2F written, not with ISO
// 7811 characters.
const metroCardBits = "0011010111110100111111110000000000000000000000000000000000000000000011111111111111000000000000111000100000010100001000000000110111010111110100111111110000000000000000000000000000000000000000000011111111111111000000000000111000100000010100001000"

// noISOFindings are the findings only ISO characters can have.
var noISOFindings = []string{"parity_error", "lrc_error", "missing_start_sentinel", "missing_end_sentinel", "track_malformed", "invalid_character"}

// A bit stream that no ISO framing explains is a card's own encoding:
// its raw bits, masked until revealed, as recorded and the other way, an
// information finding and no fault; its verdict says so.
func TestOwnEncodingBits(t *testing.T) {
	for _, in := range []string{metroCardBits, reverseString(metroCardBits)} {
		r, err := DecodePasted(in, Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		tracks, card, _, fault, codes := summary(r)
		if tracks != "absent non_iso absent" || card != "" || fault != "none" || strings.Join(codes, " ") != "non_iso_encoding@2" {
			t.Errorf("got %q %q %q %q", tracks, card, fault, codes)
		}
		for _, l := range []message.Lang{message.English, message.Chinese} {
			if got, want := r.Verdict(l), l.Text(message.VerdictNonISO); got != want {
				t.Errorf("%s verdict %q, want %q", l, got, want)
			}
		}
		masked, revealed := r.View(message.English, false), r.View(message.English, true)
		b := revealed.Tracks[1].Bits
		if b == nil || b.Total != len(in) || b.Raw != in || b.Reversed != reverseString(in) || len(b.Chars) != 0 {
			t.Fatalf("revealed bits %+v", b)
		}
		if m := masked.Tracks[1].Bits; m.Raw != strings.Repeat("*", len(in)) || m.Reversed != m.Raw {
			t.Errorf("masked bits %q", m.Raw)
		}
		js, _ := json.Marshal(masked.Tracks[1])
		if !strings.Contains(string(js), `"status":"non_iso"`) || !strings.Contains(string(js), `"raw":"***`) {
			t.Errorf("JSON %s", js)
		}
	}
	// A damaged ISO track still frames, and keeps its parity errors.
	r, err := DecodeBits(bitsText(t, ";4111111111111111=30121010000000000000?", iso7811.Numeric, func(b []byte) []byte {
		b[20+5*3] ^= 1
		b[20+5*9] ^= 1
		return b
	}), Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, _, codes := summary(r); !slices.Contains(codes, "parity_error@2") || slices.Contains(codes, "non_iso_encoding@2") {
		t.Errorf("damaged ISO track: %q", codes)
	}
}

func reverseString(s string) string {
	b := []byte(s)
	slices.Reverse(b)
	return string(b)
}

// A recording of a card with its own encoding, swiped cleanly from rest:
// a report with the raw bits, graded, and no ISO finding or fault.
func TestOwnEncodingAudio(t *testing.T) {
	rng := rand.New(rand.NewPCG(20, 1))
	bits := make([]byte, 260)
	for i := range bits {
		bits[i] = byte(rng.IntN(2))
	}
	s := audiotest.Synthesize(bits, audiotest.Options{Rate: 48000, SpeedIPS: 15, BPI: 75, PeakSNRdB: 40, Profile: "ramp", Ramp: 5})
	rs := DecodeAudio(s, Options{Now: testNow})
	if len(rs) != 1 {
		t.Fatalf("%d reports, want 1", len(rs))
	}
	r := rs[0].Report
	tracks, _, _, fault, codes := summary(r)
	if tracks != "absent non_iso absent" || fault != "none" || strings.Join(codes, " ") != "non_iso_encoding@2" {
		t.Errorf("got %q %q %q", tracks, fault, codes)
	}
	for _, c := range noISOFindings {
		if slices.ContainsFunc(codes, func(s string) bool { return strings.HasPrefix(s, c+"@") }) {
			t.Errorf("finding %s on a card with its own encoding", c)
		}
	}
	v := r.View(message.English, true)
	if got := v.Tracks[1].Bits.Raw; got != bitsString(bits) && got != reverseString(bitsString(bits)) {
		t.Errorf("raw bits\n%s\nwant\n%s", got, bitsString(bits))
	}
	if q := v.Tracks[1].Quality; q == nil || q.Grade != "good" || q.SpeedIPS != nil || v.Audio.Quality != nil {
		t.Errorf("quality %+v, want graded good on track 2, without a speed", q)
	}
}

func bitsString(b []byte) string {
	var s strings.Builder
	for _, x := range b {
		s.WriteByte('0' + x)
	}
	return s.String()
}

// A dump of several tracks, one a line, gives each track: labelled or in
// order, each line either way. A short track 1 whose data holds a long run
// of zeros, dumped without its clocking zeros, frames where it starts.
func TestBitDumpTracks(t *testing.T) {
	enc := func(text string, f iso7811.Format, lead int) string {
		b, err := iso7811.Encode(text, f, lead, 10)
		if err != nil {
			t.Fatal(err)
		}
		return bitsString(b)
	}
	const (
		text1 = "%B4111111111111111^CARDHOLDER/TEST^3012101?"
		text2 = ";4111111111111111=30121010000000000000?"
		short = "%!  B!  B?" // '!' then ' ': 12 zeros, then a start sentinel's bits
	)
	t1, t2 := enc(text1, iso7811.Alpha, 12), enc(text2, iso7811.Numeric, 12)
	tests := []struct {
		name, in      string
		tracks, first string
	}{
		{"two lines", t1 + "\n" + t2 + "\n", "ok ok absent", text1},
		{"labelled, track 2 first", "Track 2: " + t2 + "\nTrack 1: " + t1, "ok ok absent", text1},
		{"track 1 reversed", reverseString(t1) + "\n" + t2, "ok ok absent", text1},
		{"no track 2", t1 + "\n\n" + enc(";0112345678901234=724?", iso7811.Numeric, 12), "ok absent ok", text1},
		{"short track 1 without clocking zeros", "T1: 1011" + enc(short, iso7811.Alpha, 0) + "\nT2: " + t2, "ok ok absent", short},
	}
	for _, tt := range tests {
		r, err := DecodePasted(tt.in, Options{Now: testNow})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if r.Input != InputBits {
			t.Errorf("%s: read as %s", tt.name, r.Input)
		}
		tracks, _, _, _, codes := summary(r)
		if tracks != tt.tracks || r.Tracks[0].Text != tt.first {
			t.Errorf("%s: tracks %q, track 1 %q; want %q, %q (%q)", tt.name, tracks, r.Tracks[0].Text, tt.tracks, tt.first, codes)
		}
		for _, tr := range r.Tracks {
			if tr.Status == StatusOK && (tr.Bits == nil || len(tr.Bits.Chars) == 0) {
				t.Errorf("%s: track %d has no bits placed", tt.name, tr.Number)
			}
		}
	}
	if r, _ := DecodePasted(t1+"\n"+t2, Options{Now: testNow}); r.Card == nil || r.Card.Track1 == nil || r.Card.Track2 == nil || len(r.Card.Mismatch) != 0 {
		t.Errorf("two-track dump: card %+v", r.Card)
	}
}

// A number outside every payment brand's range is a closed-loop card: its
// check digit, expiry and service code are notes, a dummy expiry reads
// "no real expiry", and the verdict sends it to its own system. In a
// payment brand's range nothing changes.
func TestClosedLoop(t *testing.T) {
	tests := []struct {
		name, in      string
		fault         string
		codes         string
		expiry        string // the card view's ExpiryText
		closedVerdict bool
	}{
		{"fleet, MII 7, dummy expiry", ";7012345678901234=0001?", "none", "closed_loop_card@2", "no real expiry (0001)", true},
		{"health, MII 8, expired", ";8912345678901234=2001101?", "none", "closed_loop_card@2", "", true},
		{"national, MII 9, 9999", ";9912345678901234=9999000?", "none", "closed_loop_card@2", "no real expiry (9999)", true},
		{"loyalty, private range, 4912", ";6912345678=4912?", "none", "closed_loop_card@2", "no real expiry (4912)", true},
		{"private range, payment data: checked", ";6912345678901234=30121010000000000000?", "card", "pan_luhn_failed@2 brand_unknown@2 track_absent@1", "", false},
		{"Visa range, failed check digit", ";4111111111111112=0001101?", "card", "pan_luhn_failed@2 expired@2 issuer_check_required@0 track_absent@1", "", false},
		{"RuPay range (MII 8)", ";8112345678901234=0001101?", "card", "pan_luhn_failed@2 expired@2 issuer_check_required@0 track_absent@1", "", false},
	}
	for _, tt := range tests {
		r, err := DecodeText(tt.in, Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		_, _, _, fault, codes := summary(r)
		if fault != tt.fault || strings.Join(codes, " ") != tt.codes {
			t.Errorf("%s: fault %q, findings %q; want %q, %q", tt.name, fault, codes, tt.fault, tt.codes)
		}
		v := r.View(message.English, false)
		if v.Card == nil || v.Card.ExpiryText != tt.expiry {
			t.Errorf("%s: card %+v, want expiry text %q", tt.name, v.Card, tt.expiry)
		}
		if got := v.Verdict == message.English.Text(message.VerdictClosedLoop); got != tt.closedVerdict {
			t.Errorf("%s: verdict %q", tt.name, v.Verdict)
		}
	}
}

// TestISOHeardInPart: a bank card's track heard from its middle (the
// recording began late, or the card met the head late) or cut short is
// an ISO track that failed to read, never a card's own encoding, which
// would tell the technician that nothing is wrong.
func TestISOHeardInPart(t *testing.T) {
	for _, track := range []string{audioTrack1, audioTrack2, audioTrack3} {
		s := swipe(t, track, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35})
		n := len(s.Data)
		for _, f := range []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7} {
			for _, part := range []struct {
				name string
				data []float32
			}{
				{"from the middle", append(make([]float32, 4800), s.Data[int(f*float64(n)):]...)},
				{"cut short", append(slices.Clone(s.Data[:int((1-f)*float64(n))]), make([]float32, 4800)...)},
			} {
				for _, sw := range DecodeAudio(audio.Samples{Rate: 48000, Data: part.data}, Options{Now: testNow}) {
					if hasCode(sw.Report, NonISOEncoding) || sw.Report.Tracks[1].Status == StatusNonISO {
						t.Errorf("%.8s… %s, %.0f %% gone: read as a card's own encoding: %v", track, part.name, 100*f, detailedCodes(sw.Report))
					}
				}
			}
		}
		// The same as a bit stream, its start gone.
		f := iso7811.Numeric
		if track[0] == '%' {
			f = iso7811.Alpha
		}
		bits, err := iso7811.Encode(track, f, 20, 20)
		if err != nil {
			t.Fatal(err)
		}
		for _, gone := range []float64{0.1, 0.3, 0.5} {
			text := make([]byte, 0, len(bits))
			for _, b := range bits[int(gone*float64(len(bits))):] {
				text = append(text, '0'+b)
			}
			r, err := DecodeBits(string(text), Options{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			if hasCode(r, NonISOEncoding) {
				t.Errorf("%.8s… bits, %.0f %% gone: read as a card's own encoding", track, 100*gone)
			}
		}
	}
}
