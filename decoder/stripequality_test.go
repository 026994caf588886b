package decoder

import (
	"encoding/json"
	"strings"
	"testing"

	"magcheck/decoder/audio/audiotest"
	"magcheck/message"
)

// TestStripeQualityFindings decodes swipes with known stripe defects and
// checks the grade and the findings exactly. A reader's fault (noise,
// clipping) leaves the stripe ungraded rather than blamed.
func TestStripeQualityFindings(t *testing.T) {
	const card2 = "issuer_check_required track_absent"
	clean := audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35}
	with := func(f func(o *audiotest.Options)) audiotest.Options { o := clean; f(&o); return o }
	tests := []struct {
		name  string
		o     audiotest.Options
		track int // the track the quality is on; 0: the swipe's
		grade string
		codes string
	}{
		{"clean", clean, 2, "good", card2},
		// A hand's push speeds the card up smoothly, however much: neither
		// the stripe's finding nor the swipe's (stop-and-go is: see
		// TestDecodeAudio's "uneven").
		{"speed ramp", with(func(o *audiotest.Options) { o.Profile, o.Variation = "accelerating", 0.4 }), 2, "good", card2},
		// From rest, 10× faster by the end: the first pulses a tenth of
		// the last, and as many times wider.
		{"from rest 10×", with(func(o *audiotest.Options) { o.Profile, o.Ramp, o.SpeedIPS = "ramp", 10, 12 }), 2, "good", card2},
		{"from rest 10×, 44.1 kHz, track 1", with(func(o *audiotest.Options) { o.Profile, o.Ramp, o.SpeedIPS, o.Rate = "ramp", 10, 12, 44100 }), 1, "good",
			"issuer_check_required track_absent"},
		{"jitter 12 %", with(func(o *audiotest.Options) { o.Jitter = 0.12 }), 2, "marginal", "stripe_jitter " + card2},
		{"jitter 20 %", with(func(o *audiotest.Options) { o.Jitter = 0.2 }), 2, "poor", "stripe_jitter " + card2},
		// The weak stretch reads (the detector follows the pulses' height),
		// and is graded.
		{"worn", with(func(o *audiotest.Options) { o.WeakFrom, o.WeakTo, o.WeakFactor = 0.4, 0.6, 0.25 }), 2, "poor",
			"stripe_worn " + card2},
		{"noisy", with(func(o *audiotest.Options) { o.SNRdB = 12 }), 2, "not_graded", card2},
		{"clipped", with(func(o *audiotest.Options) { o.Amplitude = 3 }), 2, "not_graded", "signal_clipped " + card2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := audioTrack2
			if tt.track == 1 {
				text = audioTrack1
			}
			rs := DecodeAudio(swipe(t, text, tt.o), Options{Now: testNow})
			if len(rs) != 1 {
				t.Fatalf("%d reports", len(rs))
			}
			r := rs[0].Report
			if got := strings.Join(detailedCodes(r), " "); got != tt.codes {
				t.Errorf("findings %q, want %q", got, tt.codes)
			}
			v := r.View(message.English, true)
			var q *QualityView
			if tt.track == 0 {
				q = v.Audio.Quality
			} else {
				q = v.Tracks[tt.track-1].Quality
				if v.Tracks[tt.track-1].Text != text {
					t.Errorf("track %d reads %q, want %q", tt.track, v.Tracks[tt.track-1].Text, text)
				}
			}
			if q == nil || q.Grade != tt.grade {
				t.Fatalf("quality %+v, want grade %q", q, tt.grade)
			}
		})
	}
}

// TestStripeQualityJSON checks the shape of a track's quality in the JSON
// view, and its line in the text report.
func TestStripeQualityJSON(t *testing.T) {
	o := audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35, WeakFrom: 0.4, WeakTo: 0.6, WeakFactor: 0.25}
	r := DecodeAudio(swipe(t, audioTrack2, o), Options{Now: testNow})[0].Report
	v := r.View(message.English, false)
	b, err := json.Marshal(v.Tracks[1].Quality)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"grade":"poor","grade_text":"poor","bit_variation_pct":1.9,"subinterval_variation_pct":1.6,` +
		`"amplitude_min_pct":24.1,"weak_regions":[{"from_pct":40.4,"to_pct":59.6,"amplitude_pct":24.1}],` +
		`"leading_zeros":20,"trailing_zeros":20,"speed_ips":{"min":19.9,"max":20}}`
	if string(b) != want {
		t.Errorf("quality\n%s\nwant\n%s", b, want)
	}
	for i, tr := range v.Tracks {
		if i != 1 && tr.Quality != nil {
			t.Errorf("track %d has a quality", tr.Number)
		}
	}
	if v.Audio.Quality != nil {
		t.Errorf("quality on the swipe too: %+v", v.Audio.Quality)
	}
	const line = "    Stripe quality: poor: bit-to-bit ±1.9 %, subinterval ±1.6 %, lowest amplitude 24 % of median, 20 leading and 20 trailing zeros, speed 19.9–20.0 in/s\n"
	if text := v.Text(); !strings.Contains(text, line) {
		t.Errorf("text report without %q:\n%s", line, text)
	}
}

// TestStripeQualityUnknownTrack puts the quality of a swipe whose track
// is unknown on the swipe, without a speed.
func TestStripeQualityUnknownTrack(t *testing.T) {
	// Nothing but clocking zeros: a stripe written blank, whose track no
	// format reads (bits with 1s that no format reads are a card's own
	// encoding, shown as track 2: TestOwnEncodingAudio).
	bits := make([]byte, 260)
	rs := DecodeAudio(audiotest.Synthesize(bits, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35}), Options{Now: testNow})
	if len(rs) != 1 {
		t.Fatalf("%d reports", len(rs))
	}
	v := rs[0].Report.View(message.English, false)
	q := v.Audio.Quality
	if q == nil || q.Grade != "good" || q.SpeedIPS != nil || q.WeakRegions == nil {
		t.Fatalf("swipe quality %+v", q)
	}
	for _, tr := range v.Tracks {
		if tr.Quality != nil {
			t.Errorf("track %d has a quality", tr.Number)
		}
	}
	b, _ := json.Marshal(q)
	if !strings.Contains(string(b), `"speed_ips":null`) || !strings.Contains(string(b), `"weak_regions":[]`) {
		t.Errorf("quality %s", b)
	}
}
