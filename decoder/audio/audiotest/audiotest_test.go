package audiotest_test

import (
	"math"
	"slices"
	"testing"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
)

// The recording lasts 25 ms, the bits and 25 ms; its pulses alternate in
// sign, start with Polarity, and stay within full scale.
func TestSynthesize(t *testing.T) {
	bits := []byte{0, 0, 1, 0, 1, 1, 0, 0}
	for _, tt := range []struct {
		name      string
		o         audiotest.Options
		rate      int
		seconds   float64 // 2 × 25 ms + len(bits) / (bpi × speed)
		firstSign float32
	}{
		{"defaults", audiotest.Options{}, 48000, 0.05 + 8.0/(210*20), 1},
		{"track 2 slow", audiotest.Options{Rate: 44100, SpeedIPS: 10, BPI: 75}, 44100, 0.05 + 8.0/(75*10), 1},
		{"negative", audiotest.Options{Polarity: -1}, 48000, 0.05 + 8.0/(210*20), -1},
		{"clipped", audiotest.Options{Amplitude: 3}, 48000, 0.05 + 8.0/(210*20), 1},
		{"zeros added", audiotest.Options{LeadingZeros: 4}, 48000, 0.05 + 16.0/(210*20), 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := audiotest.Synthesize(bits, tt.o)
			if s.Rate != tt.rate {
				t.Errorf("rate %d, want %d", s.Rate, tt.rate)
			}
			if got := float64(len(s.Data)) / float64(s.Rate); math.Abs(got-tt.seconds) > 2/float64(s.Rate) {
				t.Errorf("%.5f s, want %.5f", got, tt.seconds)
			}
			lo, hi := slices.Min(s.Data), slices.Max(s.Data)
			if lo < -1 || hi > 1 {
				t.Errorf("samples from %g to %g, beyond full scale", lo, hi)
			}
			if tt.o.Amplitude > 1 && (lo != -1 || hi != 1) {
				t.Errorf("samples from %g to %g, want clipped at ±1", lo, hi)
			}
			first := s.Data[int(0.025*float64(s.Rate))]
			if first*tt.firstSign <= 0 {
				t.Errorf("first pulse %g, want sign %g", first, tt.firstSign)
			}
		})
	}
}

// The same seed gives the same noise; another seed, other noise.
func TestSynthesizeSeed(t *testing.T) {
	bits := []byte{0, 1, 0, 1}
	a := audiotest.Synthesize(bits, audiotest.Options{SNRdB: 20, Seed: 1})
	b := audiotest.Synthesize(bits, audiotest.Options{SNRdB: 20, Seed: 1})
	c := audiotest.Synthesize(bits, audiotest.Options{SNRdB: 20, Seed: 2})
	if !slices.Equal(a.Data, b.Data) {
		t.Error("seed 1 twice: different recordings")
	}
	if slices.Equal(a.Data, c.Data) {
		t.Error("seeds 1 and 2: the same recording")
	}
}

// Track records each track at its own density, which the decoder finds
// again: track 1 and a long numeric track (3) at 210 bpi, a track 2 at 75.
func TestTrack(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"%B4111111111111111^CARDHOLDER/TEST^3012101000000000000000000?", 210},
		{";4111111111111111=30121010000000000000?", 75},
		{";011234567890123445=7247241000000000000303000000404000990100000000000000=1=000000000000000000000?", 210},
	} {
		s, err := audiotest.Track(tc.text, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 40})
		if err != nil {
			t.Fatal(err)
		}
		sws := audio.Decode(s)
		if len(sws) != 1 || sws[0].Err != nil || sws[0].Result.Text != tc.text || sws[0].Quality.BPI != tc.want {
			t.Errorf("%.12s…: %d swipes, want one of %q at %d bpi", tc.text, len(sws), tc.text, tc.want)
		}
	}
	if _, err := audiotest.Track(";AB?", audiotest.Options{}); err == nil {
		t.Error("a letter on a numeric track was encoded")
	}
}

// The new defects do what they say: PeakSNRdB sets the noise RMS from the
// pulse height, WeakFactor scales the pulses of its region, Pad lengthens the
// noise around the swipe, and PulseJitter moves pulses.
func TestSynthesizeDefects(t *testing.T) {
	bits := make([]byte, 100)
	rms := func(x []float32) float64 {
		s := 0.0
		for _, v := range x {
			s += float64(v) * float64(v)
		}
		return math.Sqrt(s / float64(len(x)))
	}
	const rate = 48000
	s := audiotest.Synthesize(bits, audiotest.Options{Rate: rate, Amplitude: 0.4, PeakSNRdB: 6, Pad: 0.5, Seed: 1})
	if got, want := rms(s.Data[:rate/4]), 0.4/math.Pow(10, 6.0/20); math.Abs(got/want-1) > 0.05 {
		t.Errorf("noise RMS %.4f, want %.4f", got, want)
	}
	if got := float64(len(s.Data)) / rate; math.Abs(got-(1+100.0/(210*20))) > 0.001 {
		t.Errorf("%.4f s with 0.5 s pads", got)
	}
	w := audiotest.Synthesize(bits, audiotest.Options{Rate: rate, Amplitude: 0.4, WeakFrom: 0.5, WeakTo: 1, WeakFactor: 0.25})
	pad := int(0.025 * rate)
	n := len(w.Data) - 2*pad
	strong := slices.Max(w.Data[pad : pad+n/3])
	weak := slices.Max(w.Data[pad+n*2/3 : pad+n*5/6])
	if math.Abs(float64(weak/strong)-0.25) > 0.02 {
		t.Errorf("weak pulses %.3f of the others, want 0.25", weak/strong)
	}
	j := audiotest.Synthesize(bits, audiotest.Options{Rate: rate, PulseJitter: 0.1, Seed: 1})
	c := audiotest.Synthesize(bits, audiotest.Options{Rate: rate})
	if len(j.Data) != len(c.Data) || slices.Equal(j.Data, c.Data) {
		t.Error("jitter changed nothing, or the length")
	}
}

// The physics of a real recording: a ramp from rest shortens the cells
// by about Ramp times and raises the pulses with them; an offset moves
// the quiet; a click sounds before the first pulse.
func TestSynthesizePhysics(t *testing.T) {
	bits := make([]byte, 60)
	ramp := audiotest.Synthesize(bits, audiotest.Options{Profile: "ramp", Ramp: 10, Pad: 0.01})
	var peaks []int // the sample index of each pulse's top
	for i := 1; i+1 < len(ramp.Data); i++ {
		a, b, c := abs(ramp.Data[i-1]), abs(ramp.Data[i]), abs(ramp.Data[i+1])
		if b > 0.02 && b >= a && b > c {
			peaks = append(peaks, i)
		}
	}
	if len(peaks) != len(bits)+1 {
		t.Fatalf("%d pulses, want %d", len(peaks), len(bits)+1)
	}
	first, last := peaks[1]-peaks[0], peaks[len(peaks)-1]-peaks[len(peaks)-2]
	if r := float64(first) / float64(last); r < 9 || r > 11 {
		t.Errorf("first cell %d samples, last %d: %.1f×, want about 10×", first, last, r)
	}
	if r := abs(ramp.Data[peaks[len(peaks)-2]]) / abs(ramp.Data[peaks[0]]); r < 6 {
		t.Errorf("last pulse %.1f× the first, want about 10×", r)
	}

	off := audiotest.Synthesize(bits, audiotest.Options{Offset: 0.1})
	if v := off.Data[0]; math.Abs(float64(v)-0.1) > 0.01 {
		t.Errorf("offset: quiet at %g, want 0.1", v)
	}
	click := audiotest.Synthesize(bits, audiotest.Options{Clicks: 2})
	pad := int(0.025 * 48000)
	if lo, hi := slices.Min(click.Data[:pad-50]), slices.Max(click.Data[:pad-50]); hi-lo < 1.2 {
		t.Errorf("click: %g to %g before the swipe, want a click of about ±1", lo, hi)
	}
}

func abs(v float32) float32 { return max(v, -v) }
