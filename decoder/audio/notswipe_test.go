package audio_test

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
	"magcheck/decoder/audio/wav"
	"magcheck/decoder/iso7811"
)

// Sounds a recording holds besides swipes, each for seconds at rate, with
// its loudest at peak (full scale 1).
func silence(rate int, seconds float64) []float32 { return make([]float32, int(seconds*float64(rate))) }

// hum is mains pickup: 50 Hz and its third harmonic.
func hum(rate int, seconds, peak float64) []float32 {
	out := silence(rate, seconds)
	for i := range out {
		t := float64(i) / float64(rate)
		out[i] = float32(peak * (0.8*math.Sin(2*math.Pi*50*t) + 0.2*math.Sin(2*math.Pi*150*t)))
	}
	return out
}

// clicks are a few sharp bursts ringing at 1.8 kHz: a hand on the reader,
// the head knocked.
func clicks(rate int, seconds, peak float64) []float32 {
	out := silence(rate, seconds)
	for _, at := range []float64{0.1, 0.35, 0.6} {
		if at >= seconds {
			break
		}
		for k := 0; k < rate/100; k++ {
			dt := float64(k) / float64(rate)
			out[int(at*float64(rate))+k] += float32(peak * math.Exp(-dt/0.0015) * math.Sin(2*math.Pi*1800*dt))
		}
	}
	return out
}

// speech is a voice's syllables: a buzz at 100 to 160 Hz with its
// harmonics up to 3 kHz, a fifth of a second on and a tenth off, its
// pitch wandering.
func speech(rate int, seconds, peak float64, seed uint64) []float32 {
	return voice(rate, seconds, peak, 100, 160, seed)
}

// voice is speech with its pitch between lo and hi hertz.
func voice(rate int, seconds, peak, lo, hi float64, seed uint64) []float32 {
	rng := rand.New(rand.NewPCG(seed, 7))
	out := silence(rate, seconds)
	phase, f0 := 0.0, lo
	top := 0.0
	for i := range out {
		t := float64(i) / float64(rate)
		if i%(rate/50) == 0 {
			f0 = lo + (hi-lo)*rng.Float64()
		}
		phase += 2 * math.Pi * f0 / float64(rate)
		syl := math.Mod(t, 0.3)
		if syl > 0.2 {
			continue
		}
		env := math.Sin(math.Pi * syl / 0.2)
		v := 0.0
		for k := 1; float64(k)*f0 < 3000; k++ {
			v += math.Sin(float64(k)*phase) / float64(k)
		}
		out[i] = float32(env * v)
		top = max(top, math.Abs(env*v))
	}
	for i := range out {
		out[i] *= float32(peak / top)
	}
	return out
}

// withNoise adds white noise of RMS sigma to x.
func withNoise(x []float32, sigma float64, seed uint64) []float32 {
	rng := rand.New(rand.NewPCG(seed, 11))
	for i := range x {
		x[i] += float32(sigma * rng.NormFloat64())
	}
	return x
}

// realSwipe is the MetroCard swipe of testdata: a real read head's swipe
// of a card with its own encoding, in its own quiet.
func realSwipe(t *testing.T) audio.Samples {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "real", "mta-new-metrocard-ezpay.wav"))
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := wav.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	// The swipe and its own quiet around it, before its stray burst.
	return audio.Samples{Rate: s.Rate, Data: s.Data[int(0.3*float64(s.Rate)):int(1.0*float64(s.Rate))]}
}

// Silence, hum, clicks and a voice are no swipes: alone they give no
// report, and Loudness says how loud they were; around a synthetic or a
// real swipe they add none to its report.
func TestNotSwipes(t *testing.T) {
	const rate = 44100
	bits, err := iso7811.Encode(";4111111111111111=30121010000000000000?", iso7811.Numeric, 20, 20)
	if err != nil {
		t.Fatal(err)
	}
	synth := audiotest.Synthesize(bits, audiotest.Options{Rate: rate, SpeedIPS: 15, BPI: 75, Amplitude: 0.3, PeakSNRdB: 40, Profile: "ramp", Ramp: 5})
	real := realSwipe(t)
	if real.Rate != rate {
		t.Fatalf("real swipe at %d Hz", real.Rate)
	}
	const noise = 0.0004 // the real recording's own noise floor, about
	sounds := []struct {
		name  string
		sound []float32
	}{
		{"silence", silence(rate, 0.8)},
		{"hum", hum(rate, 0.8, 0.01)},
		{"clicks", clicks(rate, 0.8, 0.3)},
		{"speech", speech(rate, 0.8, 0.02, 1)},
		{"loud speech", speech(rate, 0.8, 0.1, 2)},
	}
	cat := func(parts ...[]float32) audio.Samples {
		var d []float32
		for _, p := range parts {
			d = append(d, p...)
		}
		return audio.Samples{Rate: rate, Data: d}
	}
	for i, s := range sounds {
		alone := cat(withNoise(slicesClone(s.sound), noise, uint64(i)))
		if sw := audio.Decode(alone); len(sw) != 0 {
			t.Errorf("%s alone: %d swipes, want none (first: %v)", s.name, len(sw), sw[0].Err)
		}
		if l := audio.Loudness(alone); s.name != "silence" && l < 10 {
			t.Errorf("%s alone: loudness %.0f dB, want it heard", s.name, l)
		}
		// Before and after a synthetic swipe.
		rec := cat(withNoise(slicesClone(s.sound), noise, uint64(i)), synth.Data, withNoise(slicesClone(s.sound), noise, uint64(i+10)))
		sws := audio.Decode(rec)
		if len(sws) != 1 || sws[0].Err != nil || sws[0].Result.Text != ";4111111111111111=30121010000000000000?" {
			t.Errorf("%s around a synthetic swipe: %d swipes %v", s.name, len(sws), errsOf(sws))
		}
		// Before and after a real one.
		rec = cat(withNoise(slicesClone(s.sound), noise, uint64(i)), real.Data, withNoise(slicesClone(s.sound), noise, uint64(i+10)))
		sws = audio.Decode(rec)
		if len(sws) != 1 || !ownEncoding(sws[0]) {
			t.Errorf("%s around a real swipe: %d swipes %v", s.name, len(sws), errsOf(sws))
		}
	}
	if l := audio.Loudness(cat(silence(rate, 1))); l != 0 {
		t.Errorf("digital silence: loudness %.0f dB, want 0", l)
	}
}

func slicesClone(x []float32) []float32 { return append([]float32(nil), x...) }

func errsOf(sws []audio.Swipe) []error {
	var out []error
	for _, sw := range sws {
		out = append(out, sw.Err)
	}
	return out
}

// No voice, however high or loud, reads as a card's own encoding: its
// pitch is too slow for bit cells, or its "1s" split anywhere in their
// cells.
func TestVoiceNotOwnEncoding(t *testing.T) {
	const rate = 44100
	for _, band := range [][2]float64{{80, 150}, {150, 250}, {250, 400}} {
		for seed := range uint64(10) {
			x := withNoise(voice(rate, 1.2, 0.1, band[0], band[1], seed), 0.0004, seed)
			for _, sw := range audio.Decode(audio.Samples{Rate: rate, Data: x}) {
				if ownEncoding(sw) {
					t.Errorf("a voice at %.0f–%.0f Hz, seed %d: read as a card's own encoding", band[0], band[1], seed)
				}
			}
		}
	}
}
