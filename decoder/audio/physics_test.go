package audio_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
)

// physic is one effect of a real recording, as audiotest synthesises it,
// and the fewest of its swipes that must decode exactly.
type physic struct {
	name  string
	opt   audiotest.Options // effect fields only; track, rate, speed and direction vary
	floor int               // of conditionSwipes
}

// physics are the effects of real hand swipes and real inputs that
// TestPhysics measures.
var physics = []physic{
	{"steady (reference)", audiotest.Options{}, 24},
	{"from rest, 5× ramp", audiotest.Options{Profile: "ramp", Ramp: 5}, 24},
	{"from rest, 10× ramp", audiotest.Options{Profile: "ramp", Ramp: 10}, 24},
	{"from rest, 20× ramp", audiotest.Options{Profile: "ramp", Ramp: 20}, 24},
	{"from rest, 10× ramp, 15 dB", audiotest.Options{Profile: "ramp", Ramp: 10, PeakSNRdB: 15}, 21},
	{"AC coupling 50 Hz, 5× ramp", audiotest.Options{Profile: "ramp", Ramp: 5, HighPassHz: 50}, 24},
	{"AC coupling 200 Hz", audiotest.Options{HighPassHz: 200}, 24},
	{"DC offset 0.05 FS", audiotest.Options{Offset: 0.05}, 24},
	{"baseline wander 30 %", audiotest.Options{Wander: 0.3}, 24},
	{"overshoot 30 %", audiotest.Options{Overshoot: 0.3}, 24},
	{"clicks 2× at both ends", audiotest.Options{Clicks: 2}, 24},
	{"all of them, 10× ramp", audiotest.Options{Profile: "ramp", Ramp: 10, HighPassHz: 50, Offset: 0.02, Wander: 0.2, Overshoot: 0.3, Clicks: 1.5}, 24},
}

// physicsCases returns the conditionSwipes swipes of effect number pi:
// every track at 44.1 and 48 kHz, two mean speeds, both directions.
func physicsCases(pi int, ph physic) []conditionCase {
	o := ph.opt
	if o.PeakSNRdB == 0 {
		o.PeakSNRdB = 30
	}
	return sweep(o, rand.New(rand.NewPCG(uint64(pi), 20)), func(i int) int64 { return int64(1000*pi + i + 1) })
}

// TestPhysics decodes, for each effect of real recordings, swipes that
// hold it (on a clean signal, peak SNR 30 dB, unless the effect says), and logs how many decode to their exact text, how many to
// another (none may), how many give no report, and the grades of their
// stripes (good, marginal, poor, not graded).
func TestPhysics(t *testing.T) {
	if testing.Short() {
		t.Skip("physics corpus: not in -short")
	}
	t.Logf("%-28s %5s %5s %5s %5s  %s", "effect", "exact", "of", "wrong", "lost", "grades g/m/p/n")
	for pi, ph := range physics {
		var exact, wrong, lost int
		grades := map[audio.Grade]int{}
		for i, c := range physicsCases(pi, ph) {
			swipes, ok, none, w := decodeCase(t, c, fmt.Sprintf("%s, case %d", ph.name, i+1))
			wrong += w
			if none {
				lost++
			}
			if ok {
				exact++
			} else if testing.Verbose() {
				for _, sw := range swipes {
					t.Logf("  %s case %d (%s): %v", ph.name, i+1, corpusCase{track: c.track, text: c.text, opt: c.opt}, sw.Err)
				}
			}
			if len(swipes) == 1 {
				grades[audio.Assess(swipes[0], c.opt.Rate, c.track.bpi).Grade]++
			}
		}
		t.Logf("%-28s %5d %5d %5d %5d  %d/%d/%d/%d", ph.name, exact, conditionSwipes, wrong, lost,
			grades[audio.Good], grades[audio.Marginal], grades[audio.Poor], grades[audio.NotGraded])
		if exact < ph.floor {
			t.Errorf("%s: %d of %d decoded exactly, want at least %d", ph.name, exact, conditionSwipes, ph.floor)
		}
	}
}
