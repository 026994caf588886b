package audio_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
	"magcheck/decoder/iso7811"
)

// Synthetic tracks (invented data; the PAN is the public test number).
const (
	track1 = "%B4111111111111111^CARDHOLDER/TEST^3012101000000000000000000?"
	track2 = ";4111111111111111=30121010000000000000?"
	track3 = ";011234567890123445=7247241000000000000303000000404000990100000000000000=1=000000000000000000000?"
)

func encode(t testing.TB, text string, f iso7811.Format) []byte {
	t.Helper()
	bits, err := iso7811.Encode(text, f, 20, 20)
	if err != nil {
		t.Fatal(err)
	}
	return bits
}

// countPulses returns the flux reversals of bits: one at every cell
// boundary, the last included, and one in the middle of every 1.
func countPulses(bits []byte) int {
	n := len(bits) + 1
	for _, b := range bits {
		n += int(b)
	}
	return n
}

func TestQuality(t *testing.T) {
	t1 := encode(t, track1, iso7811.Alpha)
	t2 := encode(t, track2, iso7811.Numeric)
	tests := []struct {
		name     string
		bits     []byte
		text     string
		o        audiotest.Options
		bpi      int
		variance [2]float64 // bounds on SpeedVariation
	}{
		{"track 1 constant", t1, track1, audiotest.Options{Rate: 192000, SpeedIPS: 20}, 210, [2]float64{0, 0.02}},
		{"track 2 accelerating", t2, track2, audiotest.Options{Rate: 48000, SpeedIPS: 30, Profile: "accelerating", Variation: 0.2, BPI: 75}, 75, [2]float64{0.15, 0.2}},
		{"track 1 reversed, negative", t1, track1, audiotest.Options{Rate: 96000, SpeedIPS: 12, Polarity: -1, Reverse: true}, 210, [2]float64{0, 0.02}},
		{"track 2 from 1 to 1.4 times 8 in/s", t2, track2, audiotest.Options{Rate: 44100, SpeedIPS: 9.6, Profile: "accelerating", Variation: 1.0 / 6, BPI: 75}, 75, [2]float64{0.12, 0.17}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := audiotest.Synthesize(tc.bits, tc.o)
			sw := audio.Decode(s)
			if len(sw) != 1 {
				t.Fatalf("%d swipes, want 1", len(sw))
			}
			w := sw[0]
			if w.Err != nil || w.Result.Text != tc.text || w.Result.Reversed != tc.o.Reverse {
				t.Fatalf("result %+v, err %v", w.Result, w.Err)
			}
			q := w.Quality
			wantSPC := float64(tc.o.Rate) / (2 * float64(tc.bpi) * tc.o.SpeedIPS)
			if tc.o.Profile == "accelerating" {
				wantSPC /= 1 + tc.o.Variation
			}
			wantPolarity := 1
			if tc.o.Polarity < 0 {
				wantPolarity = -1
			}
			switch {
			case q.BPI != tc.bpi:
				t.Errorf("BPI %d, want %d", q.BPI, tc.bpi)
			case math.Abs(q.SpeedIPS/tc.o.SpeedIPS-1) > 0.02:
				t.Errorf("speed %.2f in/s, want %.2f", q.SpeedIPS, tc.o.SpeedIPS)
			case q.SpeedVariation < tc.variance[0] || q.SpeedVariation > tc.variance[1]:
				t.Errorf("speed variation %.3f, want %v", q.SpeedVariation, tc.variance)
			case math.Abs(q.SamplesPerHalfCell/wantSPC-1) > 0.05:
				t.Errorf("%.2f samples per half cell, want %.2f", q.SamplesPerHalfCell, wantSPC)
			case q.Polarity != wantPolarity:
				t.Errorf("polarity %d, want %d", q.Polarity, wantPolarity)
			case q.NoiseFloor != 0 || q.SNRdB != 99:
				t.Errorf("noise %v, SNR %v dB; want 0 and the cap 99", q.NoiseFloor, q.SNRdB)
			case q.Peak < 0.45 || q.Peak > 0.5:
				t.Errorf("peak %.3f, want about 0.5", q.Peak)
			case q.Clipped || len(q.FailedBits) > 0:
				t.Errorf("clipped %v, failed bits %v", q.Clipped, q.FailedBits)
			case len(q.Peaks) != countPulses(tc.bits):
				t.Errorf("%d peaks, want %d", len(q.Peaks), countPulses(tc.bits))
			case len(q.Periods) == 0 || len(q.Periods) > audio.MaxPeriods:
				t.Errorf("%d periods", len(q.Periods))
			case len(w.Bits) < len(tc.bits)-1 || len(w.Bits) > len(tc.bits):
				t.Errorf("%d bits, want %d", len(w.Bits), len(tc.bits))
			}
			if !slices.IsSorted(q.Peaks) || q.Peaks[0] < w.Start || q.Peaks[len(q.Peaks)-1] >= w.End {
				t.Errorf("peaks %d…%d outside the swipe %d…%d", q.Peaks[0], q.Peaks[len(q.Peaks)-1], w.Start, w.End)
			}
			lo, hi := 2*wantSPC, 2*wantSPC*(1+tc.o.Variation)/(1-tc.o.Variation)
			for _, p := range q.Periods {
				if p < 0.97*lo || p > 1.03*hi {
					t.Fatalf("period %.2f samples, want %.2f–%.2f", p, lo, hi)
				}
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	t1 := encode(t, track1, iso7811.Alpha)
	// Random bits that start and end with 1s: no clocking zeros.
	random := []byte{1, 0, 1, 1}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		random = append(random, byte(rng.IntN(2)))
	}
	random = append(random, 1, 1, 0, 1)
	noSentinel := append(make([]byte, 30), slices.Repeat([]byte{1, 0, 0, 0}, 20)...)
	noSentinel = append(noSentinel, make([]byte, 30)...)
	tests := []struct {
		name   string
		bits   []byte
		o      audiotest.Options
		reason string // the start of DecodeError.Reason
		is     error  // wrapped error, if any
	}{
		{"too fast for 44.1 kHz", t1, audiotest.Options{Rate: 44100, SpeedIPS: 80, SNRdB: 30}, "too few samples per half bit cell: 1.3 (need ≥ 4)", nil},
		// Thirty times full scale still reads (the sequence detector
		// follows the clipped pulses); a hundred times does not, and says why.
		{"clipped", t1, audiotest.Options{Rate: 48000, SpeedIPS: 20, Amplitude: 100}, "clipped", nil},
		{"weak", t1, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: -3}, "signal too weak", nil},
		// Bits that read cleanly, far above the noise, but hold no ISO
		// track are a card's own encoding; in noise (under 20 dB), a
		// failed read.
		{"own encoding", random, audiotest.Options{Rate: 96000, SpeedIPS: 10}, "the bits read cleanly but hold no ISO 7811 track", nil},
		{"no clocking zeros", random, audiotest.Options{Rate: 96000, SpeedIPS: 10, SNRdB: 15}, "no clocking zeros", nil},
		{"no start sentinel", noSentinel, audiotest.Options{Rate: 96000, SpeedIPS: 10, SNRdB: 15}, "no start sentinel", iso7811.ErrNoStartSentinel},
		{"blank", make([]byte, 100), audiotest.Options{Rate: 96000, SpeedIPS: 10}, "no data", iso7811.ErrNoData},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// The whole recording: at the weakest, Decode finds no swipe.
			rec := audiotest.Synthesize(tc.bits, tc.o)
			sw := []audio.Swipe{audio.DecodeSwipe(rec, 0, len(rec.Data))}
			var de *audio.DecodeError
			if !errors.As(sw[0].Err, &de) || !strings.HasPrefix(de.Reason(), tc.reason) {
				t.Fatalf("err %v, want a *DecodeError saying %q", sw[0].Err, tc.reason)
			}
			if tc.is != nil && !errors.Is(sw[0].Err, tc.is) {
				t.Errorf("err %v does not wrap %v", sw[0].Err, tc.is)
			}
			if tc.name == "clipped" && !sw[0].Quality.Clipped {
				t.Error("not flagged as clipped")
			}
			if got, want := sw[0].Quality.Undersampled(), strings.HasPrefix(tc.reason, "too few samples"); got != want {
				t.Errorf("Undersampled() = %v at %.1f samples per half cell, want %v", got, sw[0].Quality.SamplesPerHalfCell, want)
			}
		})
	}
}

func TestUndersampled(t *testing.T) {
	for _, tt := range []struct {
		samples float64 // per half bit cell
		want    bool
	}{
		{0, false}, // not measured
		{1, true},
		{2.3, true},
		{audio.MinSamplesPerHalfCell - 0.01, true},
		{audio.MinSamplesPerHalfCell, false},
		{16, false},
	} {
		q := audio.Quality{SamplesPerHalfCell: tt.samples}
		if got := q.Undersampled(); got != tt.want {
			t.Errorf("Undersampled() at %g samples per half cell = %v, want %v", tt.samples, got, tt.want)
		}
	}
}

// noise returns seconds of white noise at the given RMS.
func noise(rate int, seconds, rms float64, seed uint64) []float32 {
	rng := rand.New(rand.NewPCG(seed, 0))
	out := make([]float32, int(seconds*float64(rate)))
	for i := range out {
		out[i] = float32(rms * rng.NormFloat64())
	}
	return out
}

func TestSegment(t *testing.T) {
	const rate = 48000
	swipes := []struct {
		text string
		f    iso7811.Format
		o    audiotest.Options
	}{
		{track2, iso7811.Numeric, audiotest.Options{Rate: rate, SpeedIPS: 25, BPI: 75}},
		{track1, iso7811.Alpha, audiotest.Options{Rate: rate, SpeedIPS: 9, Amplitude: 0.1, Reverse: true}},
		{track3, iso7811.Numeric, audiotest.Options{Rate: rate, SpeedIPS: 12, Profile: "stuttering", Variation: 0.2, Seed: 3}},
	}
	// Noise-free swipes 0.3 s apart, then one noise over the whole.
	gap := make([]float32, rate*3/10)
	rec := audio.Samples{Rate: rate, Data: gap}
	var spans [][2]int // where each swipe's pulses are
	for _, sw := range swipes {
		s := audiotest.Synthesize(encode(t, sw.text, sw.f), sw.o)
		pad := int(0.025 * rate) // Synthesize's lead-in and lead-out
		spans = append(spans, [2]int{len(rec.Data) + pad, len(rec.Data) + len(s.Data) - pad})
		rec.Data = append(rec.Data, s.Data...)
		rec.Data = append(rec.Data, gap...)
	}
	for i, v := range noise(rate, float64(len(rec.Data))/rate, 0.003, 1) {
		rec.Data[i] += v
	}
	seg := audio.Segment(rec)
	if len(seg) != len(swipes) {
		t.Fatalf("segments %v, want %d around %v", seg, len(swipes), spans)
	}
	for i, r := range seg {
		if r[0] > spans[i][0] || r[1] < spans[i][1] || r[0] < spans[i][0]-rate/50 || r[1] > spans[i][1]+rate/50 {
			t.Errorf("segment %v, want one just around %v", r, spans[i])
		}
	}
	got := audio.Decode(rec)
	if len(got) != len(swipes) {
		t.Fatalf("%d swipes decoded, want %d", len(got), len(swipes))
	}
	for i, sw := range got {
		if sw.Err != nil || sw.Result.Text != swipes[i].text || sw.Start != seg[i][0] || sw.End != seg[i][1] {
			t.Errorf("swipe %d: %d…%d, err %v", i, sw.Start, sw.End, sw.Err)
		}
	}
}

func TestNoSwipe(t *testing.T) {
	tests := []struct {
		name string
		s    audio.Samples
	}{
		{"empty", audio.Samples{Rate: 48000}},
		{"no rate", audio.Samples{Data: noise(48000, 0.1, 0.1, 1)}},
		{"digital silence", audio.Samples{Rate: 48000, Data: make([]float32, 48000)}},
		{"noise", audio.Samples{Rate: 48000, Data: noise(48000, 2, 0.01, 2)}},
		{"loud noise", audio.Samples{Rate: 44100, Data: noise(44100, 1, 0.3, 3)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if seg := audio.Segment(tc.s); len(seg) != 0 {
				t.Errorf("segments %v", seg)
			}
			if sw := audio.Decode(tc.s); len(sw) != 0 {
				t.Errorf("%d swipes", len(sw))
			}
		})
	}
}

// TestWholeRecording decodes a swipe cut tight, with no quiet to measure the
// noise against: Segment finds nothing and Decode falls back to the whole.
func TestWholeRecording(t *testing.T) {
	s := audiotest.Synthesize(encode(t, track2, iso7811.Numeric), audiotest.Options{Rate: 48000, SpeedIPS: 20, BPI: 75, SNRdB: 20})
	pad := int(0.025 * 48000)
	s.Data = s.Data[pad : len(s.Data)-pad]
	sw := audio.Decode(s)
	if len(sw) != 1 || sw[0].Err != nil || sw[0].Result.Text != track2 || sw[0].Start != 0 || sw[0].End != len(s.Data) {
		t.Fatalf("swipes %+v", sw)
	}
}

func TestDecodeSwipeBounds(t *testing.T) {
	s := audiotest.Synthesize(encode(t, track2, iso7811.Numeric), audiotest.Options{BPI: 75})
	n := len(s.Data)
	tests := []struct{ start, end, wantStart, wantEnd int }{
		{-100, n + 100, 0, n},
		{n / 2, n / 4, n / 2, n / 2},
		{n + 5, n + 10, n, n},
	}
	for _, tc := range tests {
		sw := audio.DecodeSwipe(s, tc.start, tc.end)
		if sw.Start != tc.wantStart || sw.End != tc.wantEnd {
			t.Errorf("DecodeSwipe(%d, %d): %d…%d, want %d…%d", tc.start, tc.end, sw.Start, sw.End, tc.wantStart, tc.wantEnd)
		}
		if (tc.start < 0) != (sw.Err == nil) {
			t.Errorf("DecodeSwipe(%d, %d): err %v", tc.start, tc.end, sw.Err)
		}
	}
	var de *audio.DecodeError
	if sw := audio.DecodeSwipe(audio.Samples{Data: s.Data}, 0, n); !errors.As(sw.Err, &de) {
		t.Errorf("rate 0: err %v, want a *DecodeError", sw.Err)
	}
}

func TestMaxFrames(t *testing.T) {
	for _, tc := range []struct{ rate, want int }{{0, 0}, {-1, 0}, {8000, 4_800_000}, {48000, audio.MaxSamples}, {192000, audio.MaxSamples}} {
		if got := audio.MaxFrames(tc.rate); got != tc.want {
			t.Errorf("MaxFrames(%d) = %d, want %d", tc.rate, got, tc.want)
		}
	}
}

// TestNonFinite decodes a swipe with NaN and infinite samples in it: they
// count as silence and leave the measurements finite.
func TestNonFinite(t *testing.T) {
	s := audiotest.Synthesize(encode(t, track2, iso7811.Numeric), audiotest.Options{Rate: 48000, SpeedIPS: 10, BPI: 75, SNRdB: 30})
	for i, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		s.Data[100+i] = float32(v)
		s.Data[len(s.Data)-100-i] = float32(v)
	}
	sw := audio.Decode(s)
	if len(sw) != 1 || sw[0].Err != nil || sw[0].Result.Text != track2 {
		t.Fatalf("swipes %+v", sw)
	}
	q := sw[0].Quality
	for _, v := range []float64{q.SpeedIPS, q.SpeedVariation, q.SamplesPerHalfCell, q.Peak, q.NoiseFloor, q.SNRdB} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("quality %+v", q)
		}
	}
}
