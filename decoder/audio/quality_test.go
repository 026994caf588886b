package audio_test

import (
	"math"
	"testing"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
)

// Card-like tracks for the corpus (test numbers, no real card).
const (
	qualityTrack1 = "%B4111111111111111^DOE/JOHN^30121010000000000000000000000000?"
	qualityTrack2 = ";4111111111111111=30121010000000000000?"
)

// TestQualityCorpus grades synthetic swipes with known defects. Jitter is
// given as the spread that holds 95 % of the cells, the measure graded.
func TestQualityCorpus(t *testing.T) {
	weak := audiotest.Options{WeakFrom: 0.4, WeakTo: 0.6, WeakFactor: 0.25}
	tests := []struct {
		name    string
		track   string
		o       audiotest.Options
		grade   audio.Grade
		noGrade audio.NoGrade
		weak    bool // one weak region over about 40–60 % of the stripe (20–30 % when reversed)
	}{
		{"clean track 1", qualityTrack1, audiotest.Options{}, audio.Good, audio.GradedOK, false},
		{"clean track 2", qualityTrack2, audiotest.Options{}, audio.Good, audio.GradedOK, false},
		{"clean 44.1 kHz slow", qualityTrack1, audiotest.Options{Rate: 44100, SpeedIPS: 10}, audio.Good, audio.GradedOK, false},
		{"noise 30 dB", qualityTrack2, audiotest.Options{SNRdB: 30}, audio.Good, audio.GradedOK, false},
		{"noise 20 dB", qualityTrack1, audiotest.Options{SNRdB: 21}, audio.Good, audio.GradedOK, false},
		{"noise 15 dB", qualityTrack2, audiotest.Options{SNRdB: 15}, audio.NotGraded, audio.NoisySignal, false},
		{"clipped", qualityTrack2, audiotest.Options{Amplitude: 3}, audio.NotGraded, audio.ClippedInput, false},
		{"jitter 5 %", qualityTrack2, audiotest.Options{Jitter: 0.05}, audio.Good, audio.GradedOK, false},
		{"jitter 12 % track 1", qualityTrack1, audiotest.Options{Jitter: 0.12}, audio.Marginal, audio.GradedOK, false},
		{"jitter 12 % track 2", qualityTrack2, audiotest.Options{Jitter: 0.12}, audio.Marginal, audio.GradedOK, false},
		{"jitter 12 % noise 30 dB", qualityTrack2, audiotest.Options{Jitter: 0.12, SNRdB: 30}, audio.Marginal, audio.GradedOK, false},
		{"jitter 20 % track 1", qualityTrack1, audiotest.Options{Jitter: 0.2}, audio.Poor, audio.GradedOK, false},
		{"jitter 20 % track 2", qualityTrack2, audiotest.Options{Jitter: 0.2}, audio.Poor, audio.GradedOK, false},
		{"weak 25 % track 1", qualityTrack1, weak, audio.Poor, audio.GradedOK, true},
		{"weak 25 % track 2", qualityTrack2, weak, audio.Poor, audio.GradedOK, true},
		{"weak 30 % reversed", qualityTrack2, audiotest.Options{WeakFrom: 0.2, WeakTo: 0.3, WeakFactor: 0.3, Reverse: true}, audio.Poor, audio.GradedOK, true},
		{"speed ramp ±40 % track 1", qualityTrack1, audiotest.Options{Profile: "accelerating", Variation: 0.4}, audio.Good, audio.GradedOK, false},
		{"speed ramp ±40 % track 2", qualityTrack2, audiotest.Options{Profile: "accelerating", Variation: 0.4}, audio.Good, audio.GradedOK, false},
		{"stutter ±30 % track 1", qualityTrack1, audiotest.Options{Profile: "stuttering", Variation: 0.3}, audio.Good, audio.GradedOK, false},
		{"stutter ±30 % track 2", qualityTrack2, audiotest.Options{Profile: "stuttering", Variation: 0.3}, audio.Good, audio.GradedOK, false},
		{"reversed", qualityTrack1, audiotest.Options{Reverse: true}, audio.Good, audio.GradedOK, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := audiotest.Track(tt.track, tt.o)
			if err != nil {
				t.Fatal(err)
			}
			sws := audio.Decode(s)
			if len(sws) != 1 {
				t.Fatalf("%d swipes, want 1", len(sws))
			}
			sw := sws[0]
			checkCells(t, sw)
			q := audio.Assess(sw, s.Rate, sw.Quality.BPI)
			t.Logf("bit ±%.1f %%, subinterval ±%.1f %%, amplitude ≥ %.0f %%, weak %v, decoded: %v",
				q.BitVariation, q.SubintervalVariation, q.AmplitudeMin, q.WeakRegions, sw.Err == nil)
			if q.Grade != tt.grade || q.NoGrade != tt.noGrade {
				t.Errorf("grade %q (not graded: %d), want %q (%d); %+v", q.Grade, q.NoGrade, tt.grade, tt.noGrade, q)
			}
			if got := len(q.WeakRegions) > 0; got != tt.weak {
				t.Fatalf("weak regions %+v, want any: %v", q.WeakRegions, tt.weak)
			}
			if tt.weak {
				// Places are in the card's direction, known here: the
				// track decoder finds the direction from the sentinels
				// though the weak part loses characters.
				from, to := 40.0, 60.0
				if tt.o.Reverse {
					from, to = 20, 30
				}
				w := q.WeakRegions[0]
				if len(q.WeakRegions) != 1 || math.Abs(w.From-from) > 3 || math.Abs(w.To-to) > 3 || w.Amplitude >= audio.WeakAmplitudePct {
					t.Errorf("weak regions %+v, want one near %g–%g %%", q.WeakRegions, from, to)
				}
			}
			if tt.o.Jitter == 0 && (q.LeadingZeros < 18 || q.TrailingZeros < 18) { // jitter may misread a zero
				t.Errorf("zeros %d, %d; want about 20 each", q.LeadingZeros, q.TrailingZeros)
			}
		})
	}
}

// checkCells checks the contract of Swipe.Cells: one per bit, in order,
// with the bit's value and the mid-cell reversal inside its cell.
func checkCells(t *testing.T, sw audio.Swipe) {
	t.Helper()
	if len(sw.Cells) != len(sw.Bits) {
		t.Fatalf("%d cells for %d bits", len(sw.Cells), len(sw.Bits))
	}
	prev := float64(sw.Start)
	for i, c := range sw.Cells {
		if c.Bit != sw.Bits[i] || c.Start < prev || c.End <= c.Start || c.End > float64(sw.End) ||
			c.Mid != 0 && (c.Mid <= c.Start || c.Mid >= c.End || c.Bit == 0) || c.Amplitude < 0 {
			t.Fatalf("cell %d: %+v (bit %d, previous end %g)", i, c, sw.Bits[i], prev)
		}
		prev = c.End
	}
}

// TestQualitySpeed checks the speed range of a swipe that speeds up from
// 12 to 28 in/s: its ends, less the 5 % at each, are found.
func TestQualitySpeed(t *testing.T) {
	s, err := audiotest.Track(qualityTrack2, audiotest.Options{Profile: "accelerating", Variation: 0.4})
	if err != nil {
		t.Fatal(err)
	}
	sw := audio.Decode(s)[0]
	q := audio.Assess(sw, s.Rate, sw.Quality.BPI)
	if q.SpeedMin < 12 || q.SpeedMin > 14 || q.SpeedMax < 26 || q.SpeedMax > 28 {
		t.Errorf("speed %g–%g in/s, want about 13–27", q.SpeedMin, q.SpeedMax)
	}
	if q := audio.Assess(sw, s.Rate, 0); q.SpeedMin != 0 || q.SpeedMax != 0 {
		t.Errorf("speed without a density: %g–%g, want 0", q.SpeedMin, q.SpeedMax)
	}
}

// TestQualityShort leaves a read too short to measure ungraded.
func TestQualityShort(t *testing.T) {
	cells := make([]audio.Cell, 20)
	for i := range cells {
		cells[i] = audio.Cell{Start: float64(10 * i), End: float64(10*i + 10), Amplitude: 0.5}
	}
	q := audio.Assess(audio.Swipe{Cells: cells, Quality: audio.Quality{SNRdB: 99}}, 48000, 75)
	if q.Grade != audio.NotGraded || q.NoGrade != audio.TooFewCells || q.LeadingZeros != 20 {
		t.Errorf("%+v, want not graded, too few cells, 20 leading zeros", q)
	}
}

// FuzzQuality grades arbitrary cells and checks that every measure is a
// finite number in its range.
func FuzzQuality(f *testing.F) {
	f.Add([]byte{10, 0, 128, 50, 10, 1, 128, 50, 11, 0, 0, 0}, uint16(75))
	f.Add(make([]byte, 400), uint16(210))
	f.Add([]byte{255, 1, 255, 255, 1, 1, 0, 1, 200, 0, 3, 9}, uint16(0))
	f.Fuzz(func(t *testing.T, in []byte, bpi uint16) {
		var cells []audio.Cell
		pos := 0.0
		for i := 0; i+4 <= len(in); i += 4 {
			length := float64(in[i]) + 1
			c := audio.Cell{Start: pos, End: pos + length, Bit: in[i+1] & 1, Amplitude: float64(in[i+3]) / 255}
			if c.Bit == 1 && in[i+2] > 0 {
				c.Mid = pos + length*float64(in[i+2])/256
			}
			cells = append(cells, c)
			pos += length
		}
		q := audio.Assess(audio.Swipe{Cells: cells, Quality: audio.Quality{SNRdB: 99}}, 48000, int(bpi))
		for _, v := range []float64{q.BitVariation, q.SubintervalVariation, q.AmplitudeMin, q.SpeedMin, q.SpeedMax} {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Fatalf("measure %g in %+v", v, q)
			}
		}
		if q.SpeedMin > q.SpeedMax || len(q.WeakRegions) > audio.MaxWeakRegions ||
			q.LeadingZeros+q.TrailingZeros > len(cells) {
			t.Fatalf("%+v", q)
		}
		for _, w := range q.WeakRegions {
			if !(w.From >= 0 && w.From < w.To && w.To <= 100 && w.Amplitude < audio.WeakAmplitudePct) {
				t.Fatalf("weak region %+v", w)
			}
		}
		if (q.Grade == audio.NotGraded) != (q.NoGrade != audio.GradedOK) {
			t.Fatalf("grade %q with reason %d", q.Grade, q.NoGrade)
		}
	})
}

// FuzzQualitySwipe decodes synthetic swipes with random defects and checks
// the cells' contract and the measures' ranges.
func FuzzQualitySwipe(f *testing.F) {
	f.Add(uint8(20), uint8(0), uint8(0), uint8(0), uint8(100), uint8(0), int8(30), false)
	f.Add(uint8(15), uint8(12), uint8(40), uint8(60), uint8(25), uint8(40), int8(20), true)
	f.Add(uint8(60), uint8(30), uint8(0), uint8(100), uint8(5), uint8(90), int8(-5), false)
	f.Fuzz(func(t *testing.T, speed, jitter, from, to, factor, variation uint8, snr int8, rev bool) {
		o := audiotest.Options{SpeedIPS: float64(speed%80) + 1, Jitter: float64(jitter) / 255, WeakFrom: float64(from) / 100,
			WeakTo: float64(to) / 100, WeakFactor: float64(factor) / 100, Profile: "accelerating",
			Variation: float64(variation) / 255, SNRdB: float64(snr), Reverse: rev}
		s, err := audiotest.Track(qualityTrack2, o)
		if err != nil {
			t.Fatal(err)
		}
		for _, sw := range audio.Decode(s) {
			checkCells(t, sw)
			q := audio.Assess(sw, s.Rate, sw.Quality.BPI)
			for _, v := range []float64{q.BitVariation, q.SubintervalVariation, q.AmplitudeMin, q.SpeedMin, q.SpeedMax} {
				if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
					t.Fatalf("measure %g in %+v", v, q)
				}
			}
			for _, w := range q.WeakRegions {
				if !(w.From >= 0 && w.From < w.To && w.To <= 100) {
					t.Fatalf("weak region %+v", w)
				}
			}
		}
	})
}
