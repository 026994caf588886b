package audio_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
	"magcheck/decoder/iso7811"
)

// track describes one ISO/IEC 7811 track for the synthetic corpus.
type track struct {
	num    int
	format iso7811.Format
	bpi    int
}

var tracks = []track{{1, iso7811.Alpha, 210}, {2, iso7811.Numeric, 75}, {3, iso7811.Numeric, 210}}

// randomText returns a valid track text, SS through ES, of one data
// character up to the track's maximum, from the format's set less the
// sentinels.
//
// The first data character of an Alpha track is never '\': its bits reversed
// are the ES, and if the LRC reversed also is the SS and the LRC works out,
// the track reads cleanly in both directions with different texts (every
// 7-bit character reversed keeps odd parity). No real track 1 starts that
// way (the format code is a letter), and no bit decoder can tell the two
// apart, so the corpus leaves it out.
func randomText(rng *rand.Rand, t track) string {
	f := t.format
	body := iso7811.MaxLength(t.num) - 3 // less SS, ES and LRC
	b := []byte{f.StartSentinel()}
	for range 1 + rng.IntN(body) {
		for {
			var c byte
			if f == iso7811.Alpha {
				c = byte(0x20 + rng.IntN(64))
			} else {
				c = byte(0x30 + rng.IntN(16))
			}
			if c != f.StartSentinel() && c != f.EndSentinel() && (len(b) > 1 || c != '\\') {
				b = append(b, c)
				break
			}
		}
	}
	return string(append(b, f.EndSentinel()))
}

// corpusCase is one synthetic swipe and what its decode must give.
type corpusCase struct {
	track track
	text  string
	opt   audiotest.Options
	spc   float64 // samples per half cell at the fastest speed the profile allows
}

var rates = []int{44100, 48000, 96000, 192000}
var profiles = []string{"constant", "accelerating", "stuttering"}

// corpus returns n swipes drawn from a seeded generator: every track, speeds
// 5–50 in/s with ±20 % variation, SNR 12–40 dB, both polarities and
// directions, four sample rates.
func corpus(n int, seed uint64) []corpusCase {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := make([]corpusCase, n)
	for i := range out {
		t := tracks[i%len(tracks)]
		o := audiotest.Options{
			Rate:      rates[rng.IntN(len(rates))],
			SpeedIPS:  5 + 45*rng.Float64(),
			Profile:   profiles[rng.IntN(len(profiles))],
			Variation: 0.2,
			SNRdB:     12 + 28*rng.Float64(),
			Amplitude: 0.05 + 0.5*rng.Float64(),
			Polarity:  1 - 2*rng.IntN(2),
			Reverse:   rng.IntN(2) == 1,
			BPI:       t.bpi,
			Seed:      int64(i),
		}
		vmax := o.SpeedIPS
		if o.Profile != "constant" {
			vmax *= 1 + o.Variation
		}
		out[i] = corpusCase{
			track: t,
			text:  randomText(rng, t),
			opt:   o,
			spc:   float64(o.Rate) / (2 * float64(t.bpi) * vmax),
		}
	}
	return out
}

// TestCorpus decodes a synthetic corpus: every swipe with at least
// MinSamplesPerHalfCell samples per half cell at its fastest must decode to
// its exact text, with the speed, SNR and polarity measured; every other
// swipe must decode exactly or fail with a *DecodeError.
func TestCorpus(t *testing.T) {
	n := corpusSize
	if testing.Short() {
		n = corpusSize / 5
	}
	var decodable, decoded, below, typed int
	for i, c := range corpus(n, 7811) {
		bits, err := iso7811.Encode(c.text, c.track.format, 8+i%17, 8+(i/3)%17)
		if err != nil {
			t.Fatalf("case %d: Encode: %v", i, err)
		}
		swipes := audio.Decode(audiotest.Synthesize(bits, c.opt))
		must := c.spc >= audio.MinSamplesPerHalfCell
		if must {
			decodable++
		}
		if len(swipes) != 1 {
			t.Errorf("case %d (%s): %d swipes, want 1", i, c, len(swipes))
			continue
		}
		sw := swipes[0]
		if sw.Err == nil {
			if sw.Result == nil || sw.Result.Text != c.text {
				t.Errorf("case %d (%s): no error but not the text swiped", i, c)
				continue
			}
			decoded++
			if !must {
				below++
			}
			checkQuality(t, i, c, sw.Quality)
			continue
		}
		var de *audio.DecodeError
		switch {
		case ownEncoding(sw):
			t.Errorf("case %d (%s): an ISO track read as a card's own encoding", i, c)
		case !errors.As(sw.Err, &de):
			t.Errorf("case %d (%s): err %v (%T), want a *DecodeError", i, c, sw.Err, sw.Err)
		case must:
			t.Errorf("case %d (%s): %v", i, c, sw.Err)
		default:
			typed++
		}
	}
	t.Logf("%d swipes: %d with ≥ %d samples per half cell, all decoded; %d decoded exactly in all (%d of them below), %d failed with a typed reason",
		n, decodable, audio.MinSamplesPerHalfCell, decoded, below, typed)
}

// corpusSize is the number of swipes in TestCorpus (a fifth with -short).
const corpusSize = 2000

// checkQuality checks the measurements of a decoded swipe against the
// synthesis: the speed within 10 % (when the track's density is known from
// its format and length), the SNR within 3 dB, the polarity exactly.
func checkQuality(t *testing.T, i int, c corpusCase, q audio.Quality) {
	t.Helper()
	// A stutter's swings span inches, so over a short track the mean speed
	// need not be SpeedIPS; the other profiles average to it.
	if q.BPI == c.track.bpi && c.opt.Profile != "stuttering" {
		if r := q.SpeedIPS / c.opt.SpeedIPS; r < 0.9 || r > 1.1 {
			t.Errorf("case %d (%s): speed %.1f in/s", i, c, q.SpeedIPS)
		}
	} else if q.BPI != c.track.bpi && c.track.num != 3 {
		t.Errorf("case %d (%s): %d bpi, want %d", i, c, q.BPI, c.track.bpi)
	}
	if math.Abs(q.SNRdB-c.opt.SNRdB) > 3 {
		t.Errorf("case %d (%s): SNR %.1f dB", i, c, q.SNRdB)
	}
	if q.Polarity != c.opt.Polarity {
		t.Errorf("case %d (%s): polarity %d", i, c, q.Polarity)
	}
}

// String describes the case without its text, which stands for card data.
func (c corpusCase) String() string {
	o := c.opt
	return fmt.Sprintf("track %d, %d chars, %d Hz, %.1f in/s %s, %.1f dB, amplitude %.2f, polarity %d, reverse %v, %.1f samples per half cell",
		c.track.num, len(c.text), o.Rate, o.SpeedIPS, o.Profile, o.SNRdB, o.Amplitude, o.Polarity, o.Reverse, c.spc)
}

// condition is one defect of the conditions corpus, the fewest of its
// swipes that must decode exactly and the most that may go unreported.
type condition struct {
	name  string
	opt   audiotest.Options // defect fields only; track, rate and speed vary
	floor int               // of conditionSwipes
	lost  int               // the most swipes that may give no report
}

// The speeds of the conditions corpus, per density: both give at least
// MinSamplesPerHalfCell samples per half cell at 44.1 kHz even 30 % faster.
var conditionSpeeds = map[int][]float64{75: {12, 40}, 210: {8, 16}}

// conditionSwipes is the number of swipes per condition: 3 tracks × 2 rates
// × 2 speeds × 2 directions, each with noise of its own seed.
const conditionSwipes = 24

// conditions are the defects measured by TestConditions. Peak SNR is the
// pulse height over the noise RMS, as issue #14 quotes it; its goals, every
// swipe at 9 dB and a quarter-height worn region, are floors of all 24.
var conditions = []condition{
	{"clean", audiotest.Options{}, 24, 0},
	{"peak SNR 12 dB", audiotest.Options{PeakSNRdB: 12}, 24, 0},
	{"peak SNR 9 dB", audiotest.Options{PeakSNRdB: 9}, 24, 0},
	{"peak SNR 6 dB", audiotest.Options{PeakSNRdB: 6}, 20, 0},
	{"weak 25 % region", audiotest.Options{WeakFrom: 0.4, WeakTo: 0.65, WeakFactor: 0.25, PeakSNRdB: 30}, 24, 0},
	{"weak 25 % region, 12 dB", audiotest.Options{WeakFrom: 0.4, WeakTo: 0.65, WeakFactor: 0.25, PeakSNRdB: 12}, 2, 0},
	{"jitter 5 %", audiotest.Options{PulseJitter: 0.05, PeakSNRdB: 20}, 24, 0},
	{"jitter 10 %", audiotest.Options{PulseJitter: 0.1, PeakSNRdB: 20}, 24, 0},
	{"accelerating ±30 %", audiotest.Options{Profile: "accelerating", Variation: 0.3, PeakSNRdB: 20}, 24, 0},
	{"accelerating ±30 %, 9 dB", audiotest.Options{Profile: "accelerating", Variation: 0.3, PeakSNRdB: 9}, 24, 0},
	{"stuttering ±20 %, 9 dB", audiotest.Options{Profile: "stuttering", Variation: 0.2, PeakSNRdB: 9}, 24, 0},
}

// conditionCase is one swipe of the conditions corpus: its recording and
// its text.
type conditionCase struct {
	track track
	opt   audiotest.Options
	text  string
}

// conditionCases returns the conditionSwipes swipes of condition number ci
// in seed set set: every track at 44.1 and 48 kHz, at speeds that give at
// least MinSamplesPerHalfCell samples per half cell, in both directions,
// in 0.3 s of noise on each side. Set 0 is TestConditions'.
func conditionCases(t *testing.T, ci int, cond condition, set int) []conditionCase {
	t.Helper()
	rng := rand.New(rand.NewPCG(uint64(ci), uint64(14+set)))
	out := sweep(cond.opt, rng, func(i int) int64 { return int64(100*ci+i+1) + int64(10000*set) })
	if len(out) != conditionSwipes {
		t.Fatalf("%s: %d swipes, want %d", cond.name, len(out), conditionSwipes)
	}
	return out
}

// sweep returns swipes of opt (its defect fields): every track at 44.1 and
// 48 kHz, at the two speeds of its density, in both directions, in 0.3 s
// of noise on each side, texts drawn from rng and swipe i's noise seeded
// with seed(i).
func sweep(opt audiotest.Options, rng *rand.Rand, seed func(i int) int64) []conditionCase {
	var out []conditionCase
	for _, tr := range tracks {
		for _, rate := range []int{44100, 48000} {
			for _, speed := range conditionSpeeds[tr.bpi] {
				for dir := range 2 {
					o := opt
					o.Rate, o.SpeedIPS, o.BPI = rate, speed, tr.bpi
					o.Amplitude, o.Pad = 0.3, 0.3
					o.Seed = seed(len(out))
					o.Reverse = dir == 1
					out = append(out, conditionCase{tr, o, randomText(rng, tr)})
				}
			}
		}
	}
	return out
}

// decodeConditions decodes the swipes of condition number ci in seed sets
// 0 to sets−1, and counts those decoded exactly (one clean swipe, no
// other), those that gave no report, and the clean decodes of another
// text, which it reports as errors.
func decodeConditions(t *testing.T, ci int, cond condition, sets int) (exact, lost int) {
	t.Helper()
	for set := range sets {
		for i, c := range conditionCases(t, ci, cond, set) {
			_, ok, none, _ := decodeCase(t, c, fmt.Sprintf("%s, set %d, case %d", cond.name, set, i+1))
			if none {
				lost++
			}
			if ok {
				exact++
			}
		}
	}
	return exact, lost
}

// decodeCase decodes the swipe of c, with 20 clocking zeros each side, and
// returns its swipes and whether they hold its exact text, none at all,
// and how many clean decodes of another text; those, and an ISO track read
// as a card's own encoding, are test errors named by what.
func decodeCase(t *testing.T, c conditionCase, what string) (swipes []audio.Swipe, exact, none bool, wrong int) {
	t.Helper()
	bits, err := iso7811.Encode(c.text, c.track.format, 20, 20)
	if err != nil {
		t.Fatal(err)
	}
	swipes = audio.Decode(audiotest.Synthesize(bits, c.opt))
	for _, sw := range swipes {
		if sw.Err == nil && sw.Result.Text != c.text {
			wrong++
			t.Errorf("%s: decoded cleanly to another text", what)
		}
		if ownEncoding(sw) {
			t.Errorf("%s: an ISO track read as a card's own encoding", what)
		}
	}
	return swipes, exactly(swipes, c.text), len(swipes) == 0, wrong
}

// TestConditions decodes the swipes of each condition; it logs how many
// decode to their exact text and how many give no report at all, and
// holds each condition to both bounds. No swipe may decode cleanly to
// another text.
func TestConditions(t *testing.T) {
	if testing.Short() {
		t.Skip("conditions corpus: not in -short")
	}
	t.Logf("%-28s %5s %5s %5s %5s", "condition", "exact", "of", "lost", "floor")
	for ci, cond := range conditions {
		exact, lost := decodeConditions(t, ci, cond, 1)
		t.Logf("%-28s %5d %5d %5d %5d", cond.name, exact, conditionSwipes, lost, cond.floor)
		if lost > cond.lost {
			t.Errorf("%s: %d of %d gave no report, want at most %d", cond.name, lost, conditionSwipes, cond.lost)
		}
		if exact < cond.floor {
			t.Errorf("%s: %d of %d decoded exactly, want at least %d", cond.name, exact, conditionSwipes, cond.floor)
		}
	}
}

// wideSets is the number of seed sets TestNoiseLimit draws.
const wideSets = 8

// TestNoiseLimit decodes wideSets times the swipes of TestConditions near
// the noise limit, each set with texts and noise of its own, and holds
// each condition to the share of them decoded exactly; at 5 and 4 dB,
// below the goals, it counts only the clean decodes of another text,
// which must be none: a swipe near the limit fails rather than reads
// wrong. (Without the sequence detector's check for a rival reading,
// several of these swipes, and of TestConditions', read wrong.)
func TestNoiseLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("wide conditions corpus: not in -short")
	}
	for _, tt := range []struct {
		cond  condition
		floor int // of wideSets × conditionSwipes
	}{
		{condition{name: "peak SNR 9 dB", opt: audiotest.Options{PeakSNRdB: 9}}, 192},
		{condition{name: "peak SNR 6 dB", opt: audiotest.Options{PeakSNRdB: 6}}, 161},
		{condition{name: "peak SNR 5 dB", opt: audiotest.Options{PeakSNRdB: 5}}, 0},
		{condition{name: "accelerating ±30 %, 9 dB", opt: audiotest.Options{Profile: "accelerating", Variation: 0.3, PeakSNRdB: 9}}, 191},
		{condition{name: "stuttering ±20 %, 9 dB", opt: audiotest.Options{Profile: "stuttering", Variation: 0.2, PeakSNRdB: 9}}, 191},
	} {
		// Condition numbers past TestConditions': sets of their own.
		exact, _ := decodeConditions(t, 100+int(tt.cond.opt.PeakSNRdB)+int(10*tt.cond.opt.Variation), tt.cond, wideSets)
		t.Logf("%-28s %5d of %d", tt.cond.name, exact, wideSets*conditionSwipes)
		if exact < tt.floor {
			t.Errorf("%s: %d of %d decoded exactly, want at least %d", tt.cond.name, exact, wideSets*conditionSwipes, tt.floor)
		}
	}
}

// exactly reports whether the swipes hold one clean decode and it is text.
func exactly(swipes []audio.Swipe, text string) bool {
	clean := 0
	ok := false
	for _, sw := range swipes {
		if sw.Err == nil {
			clean++
			ok = sw.Result.Text == text
		}
	}
	return clean == 1 && ok
}

// ownEncoding reports whether sw failed as a card with its own encoding.
func ownEncoding(sw audio.Swipe) bool {
	de, ok := errors.AsType[*audio.DecodeError](sw.Err)
	return ok && de.Kind == audio.FailNotISO
}
