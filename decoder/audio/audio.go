// Package audio decodes magnetic-stripe swipes from sound: a card swiped past
// a bare read head wired to a microphone or line input (an "audio-jack"
// reader), or a recording of one.
//
// The head puts out a pulse of alternating polarity at every flux reversal.
// Tracks are recorded in F2F (Aiken biphase): every bit cell starts with a
// reversal and a 1 has a second one mid-cell, so a 0 is one long interval
// between pulses and a 1 is two short ones. The decoder removes DC, smooths
// the signal with a filter matched to the pulse width, picks peaks of
// alternating sign above a threshold that follows the signal level, and turns
// the intervals between them into bits with a clock seeded from the leading
// clocking zeros and updated at every bit, so that a swipe may speed up or
// slow down. A hand swipe starts from rest and its pulses grow with the
// speed, so where that reads no clean track the pulses are picked again
// with a threshold that follows the pulses nearby down, to a floor above
// the noise, keeping only low pulses as much wider (their area, like a
// fast pulse's, is the flux reversal's). The click of the head meeting or
// leaving the card, a burst parted from the pulse train by a gap, is left
// out. A clock that fits all but a few cells has read what the stripe
// holds, ISO track or not, and no other reading replaces it but a clean
// track. The bits go to package iso7811, which finds the track format and
// the direction of the swipe.
//
// When that read does not check out (noise, a worn region of the stripe),
// a sequence detector reads the filtered signal whole instead of picked
// peaks: F2F pulses alternate in sign, so whether a cell's closing pulse
// has the sign of its opening one tells a 1 from a 0; a Viterbi search
// keeps the best path ending on each sign, each with its own bit
// clock and running pulse height, seeded by the comb that best fits the
// clocking zeros, from each end of the swipe, and joins the two reads
// between the places where each slipped a bit. It tries a clock for a
// steady swipe, then one that follows a change of speed without lag; when
// neither reads cleanly but only a few characters fail, it searches again
// among paths framed as characters of odd parity. A clean read that another reading, a pair of
// likely bit flips away, fits about as well (within five times the noise)
// and also decodes cleanly is not given: near the noise limit a swipe
// fails rather than reads wrong. Swipes in noise barely raise the RMS, so
// a stretch found at a lower ratio to the noise floor is kept when it
// decodes cleanly.
//
// A half bit cell must span at least about four samples. At 44.1 or 48 kHz
// that holds for track 2 (75 bpi) at any hand speed, but for tracks 1 and 3
// (210 bpi) only below about 25 in/s. A swipe that cannot be decoded carries
// a *DecodeError saying why, and its Quality says how the signal looked.
package audio

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	"magcheck/decoder/iso7811"
)

// Samples is a mono recording.
type Samples struct {
	Rate int       // samples per second
	Data []float32 // full scale is −1..1
}

// Limits on a decoded recording: ten minutes, and no more than ten minutes at
// 48 kHz in samples, so that a 192 kHz file stops at two and a half minutes.
const (
	MaxSeconds = 600
	MaxSamples = MaxSeconds * 48000
)

// MaxFileSize is the largest recording file, in bytes, that the command and
// the page read into memory to decode: 100 MiB holds nine minutes of 16-bit
// stereo WAV at 48 kHz, near MaxSeconds, and a session of swipes is far
// shorter. Refusing a larger file up front spares reading it.
const MaxFileSize = 100 << 20

// ErrTooLong is returned by file decoders for a recording beyond the limits.
var ErrTooLong = errors.New("audio: recording longer than 10 minutes (or 28.8 million samples)")

// MaxFrames returns the most samples per channel a file decoder accepts at
// the given sample rate.
func MaxFrames(rate int) int {
	if rate <= 0 {
		return 0
	}
	if rate >= MaxSamples/MaxSeconds {
		return MaxSamples
	}
	return MaxSeconds * rate
}

// Swipe is one swipe found in a recording.
type Swipe struct {
	Start, End int             // sample indices of the swipe in the recording
	Bits       []byte          // recovered bits, one per byte, in the order read
	Result     *iso7811.Result // nil when no track decoded, or the card has its own encoding (FailNotISO)
	Err        error           // nil only for a clean decode; else a *DecodeError
	Quality    Quality
	// Cells holds the timing of each bit in Bits, for grading the stripe
	// (see Assess).
	Cells []Cell
	// heard: the pulses gave a clock on 1s as well as 0s, or a
	// character, as a swipe's do; tone: they came slower than any
	// swipe's bit cells (a hum, a voice's pitch).
	heard, tone bool
}

// Quality describes the signal of one swipe, decoded or not.
type Quality struct {
	// BPI is the recording density assumed for the speed: 210 for track 1,
	// 75 for a numeric track of at most 40 characters (track 2), 210 for a
	// longer one (track 3); 0 when no track decoded.
	BPI int
	// SpeedIPS is the mean swipe speed in inches per second; 0 without BPI.
	SpeedIPS float64
	// SpeedVariation is the relative spread of the speed within the swipe,
	// (max−min)/(max+min), so 0.2 means ±20 %; max and min leave out the
	// extreme 5 % of bits at each end, where a bad read may sit.
	SpeedVariation float64
	// SamplesPerHalfCell is the length of half a bit cell, in samples, at
	// the fastest point of the swipe. Below 4 decoding becomes unreliable:
	// see Undersampled.
	SamplesPerHalfCell float64
	// Peak is the median pulse height and NoiseFloor the RMS of the noise
	// around the swipe, both linear (full scale 1). SNRdB is the ratio of
	// the swipe's signal power to the noise power.
	Peak, NoiseFloor, SNRdB float64
	// Clipped reports pulses flattened at the recording's maximum level.
	Clipped bool
	// Polarity is the sign of the first pulse of the swipe's pulse train
	// (noise before it left aside): +1 or −1, 0 without pulses.
	Polarity int
	// FailedBits lists bit positions where the pulse timing fitted neither
	// a 0 nor a 1 (a missing or extra pulse). Character errors found by the
	// track decoder are in Result.Errors.
	FailedBits []int
	// Periods is the bit period in samples along the swipe, at most
	// MaxPeriods points, for drawing a speed profile.
	Periods []float64
	// Peaks holds the sample indices of the detected pulses in the
	// recording, at most MaxPeaks of them (the first ones).
	Peaks []int
}

// Caps on the drawing data in Quality.
const (
	MaxPeriods = 256
	MaxPeaks   = 4096
)

// DecodeError says why a swipe did not decode cleanly.
type DecodeError struct {
	Kind FailKind
	// Value is the measure that shows it: the sample rate (FailRate),
	// samples per half bit cell (FailUndersampled, FailMerged), SNR in dB
	// (FailSNR) or the count of character errors (FailCharacters).
	Value float64
	Err   error // the track decoder's error, if any
}

// FailKind names why a swipe failed, most basic first.
type FailKind int

// The reasons a swipe fails.
const (
	FailRate         FailKind = iota // the sample rate is not valid
	FailNoSwipe                      // too few flux transitions for a swipe
	FailWeak                         // too few transitions, and those in noise
	FailUndersampled                 // too few samples per half bit cell
	FailClipped                      // the input level is too high
	FailSNR                          // the signal is too weak against the noise
	FailMerged                       // the two pulses of a 1 run together
	FailNoClock                      // no clocking zeros to lock the bit clock on
	FailNoStart                      // no start sentinel
	FailBlank                        // no data: the stripe looks blank
	FailTrack                        // the track decoder's error, in Err
	FailCharacters                   // character errors (parity, LRC, end sentinel)
	FailNoise                        // errors around the track: what checks out may be noise
	// The clock locked on a signal well above the noise, but no ISO 7811
	// framing fits the bits: the card has its own encoding (a transit
	// ticket, a hotel key, an access badge). Swipe.Bits are what it holds.
	FailNotISO
)

// Reason says what went wrong in plain words, never card data.
func (e *DecodeError) Reason() string {
	switch e.Kind {
	case FailRate:
		return "invalid sample rate " + strconv.Itoa(int(e.Value))
	case FailNoSwipe:
		return "no swipe: too few flux transitions"
	case FailWeak:
		return "signal too weak"
	case FailUndersampled:
		return fmt.Sprintf("too few samples per half bit cell: %.1f (need ≥ %d): sample rate too low for this speed",
			e.Value, MinSamplesPerHalfCell)
	case FailClipped:
		return "clipped: the input level is too high"
	case FailSNR:
		return fmt.Sprintf("signal too weak: SNR %.0f dB", e.Value)
	case FailMerged:
		return fmt.Sprintf("pulses run together: %.1f samples per half bit cell, or half that (need ≥ %d): sample rate too low for this speed",
			e.Value, MinSamplesPerHalfCell)
	case FailNoClock:
		return "no clocking zeros: the bit clock could not lock"
	case FailNoStart:
		return "no start sentinel found"
	case FailBlank:
		return "no data: the stripe looks blank"
	case FailCharacters:
		return fmt.Sprintf("%d character errors (parity, LRC or end sentinel)", int(e.Value))
	case FailNoise:
		return "read errors around the track: the characters that check out may be noise"
	case FailNotISO:
		return "the bits read cleanly but hold no ISO 7811 track: the card has its own encoding"
	}
	if e.Err != nil {
		return e.Err.Error()
	}
	return "no track decoded"
}

func (e *DecodeError) Error() string { return "audio: " + e.Reason() }

// Unwrap returns the track decoder's error, if any.
func (e *DecodeError) Unwrap() error { return e.Err }

// MinSamplesPerHalfCell is the sampling the decoder is designed for: half a
// bit cell must span at least this many samples.
const MinSamplesPerHalfCell = 4

// Undersampled reports whether half a bit cell spanned fewer than
// MinSamplesPerHalfCell samples at the fastest point of the swipe: the
// sample rate was too low for the speed, so pulses may have merged and
// what decoded is in doubt. An unmeasured swipe is not undersampled.
func (q Quality) Undersampled() bool {
	return q.SamplesPerHalfCell > 0 && q.SamplesPerHalfCell < MinSamplesPerHalfCell
}

// Decode finds the swipes in a recording and decodes each. Stretches of sound
// that hold too few pulses to be a swipe are left out. A stretch that stands
// out less than Segment asks (a swipe near the noise limit) is kept if it
// decodes cleanly. When no stretch stands out from the noise (a recording
// that is all swipe), the whole recording is tried and kept if it decodes
// cleanly.
func Decode(s Samples) []Swipe {
	var out []Swipe
	loud := Segment(s)
	for _, r := range loud {
		sw := DecodeSwipe(s, r[0], r[1])
		if len(sw.Bits) >= minBits {
			out = append(out, sw)
		}
	}
	// A swipe near the noise limit barely raises the RMS: look again at a
	// lower ratio, and take a stretch found so when it decodes cleanly and
	// the loud stretches within it (parts of the same swipe, or nothing)
	// did not; or, when there are none, when it reads as a swipe that
	// failed: a clock locked on clocking zeros, a track begun and pulses
	// not too close to read, which noise alone seldom gives.
	for _, r := range segment(s, faintRatio) {
		in := func(sw Swipe) bool { return sw.Start < r[1] && sw.End > r[0] }
		if slices.ContainsFunc(out, func(sw Swipe) bool { return in(sw) && sw.Err == nil }) {
			continue
		}
		if slices.Contains(loud, r) {
			continue
		}
		sw, a := decodeSwipe(s, r[0], r[1])
		if sw.Err != nil && (slices.ContainsFunc(out, in) || !a.clocked || a.res == nil ||
			len(sw.Bits) < minBits || sw.Quality.Undersampled()) {
			continue
		}
		out = slices.DeleteFunc(out, in)
		i, _ := slices.BinarySearchFunc(out, sw.Start, func(o Swipe, start int) int { return o.Start - start })
		out = slices.Insert(out, i, sw)
	}
	// A recording whose sound is even throughout is one swipe and
	// nothing else, or no swipe at all: tried whole only when a swipe
	// could last that long, so a long recording of noise is given up
	// without reading it as one.
	if len(out) == 0 && len(s.Data) > 0 && len(s.Data) <= maxSwipeSeconds*s.Rate && clocksCleanly(s) {
		if sw := DecodeSwipe(s, 0, len(s.Data)); sw.Err == nil {
			out = append(out, sw)
		}
	}
	return dropFaint(out)
}

// clocksCleanly reports whether the peak clock alone reads s whole to a
// clean track, from either end: what a swipe cut tight at a level worth
// reading gives, and noise does not. It spares the sequence detector,
// which reads swipes near the noise limit, the whole of a recording that
// holds none.
func clocksCleanly(s Samples) bool {
	if s.Rate <= 0 {
		return false
	}
	y, _ := matched(removeDC(s.Data, s.Rate))
	peaks := findPeaks(y, 0)
	if len(peaks) > maxStripePeaks {
		return false
	}
	pos := make([]float64, len(peaks))
	for i, p := range peaks {
		pos[i] = p.pos
	}
	return decodeIntervals(pos, false).clean() || decodeIntervals(pos, true).clean()
}

// maxStripePeaks is more flux reversals than a stripe holds: 3.4 inches
// at 210 bits an inch, two reversals a bit, and as many again for stray
// pulses. Noise gives a pulse every few samples.
const maxStripePeaks = 3000

// maxSwipeSeconds is longer than any swipe lasts: a card's 3.4 inches at
// under an inch a second, slower than a hand that starts from rest moves
// it on average.
const maxSwipeSeconds = 4

// Bounds of a stretch of sound that is no swipe.
const (
	// faintPeak is how far below the loudest swipe of a recording, in
	// parts of its pulse height, a stretch of sound is faint (20 dB).
	faintPeak = 0.1
	// shortBits is the fewest bits a swipe reads: track 2 with nothing
	// between its sentinels, and its clocking zeros.
	shortBits = 48
)

// dropFaint leaves out of swipes the stretches of sound that are no
// swipe: faint against the noise (under weakSNR) or against the
// recording's loudest swipe (under faintPeak of its pulse height), too
// short to be one, or slower than any swipe's bit cells, and whose pulses
// give neither a clock that reads 1s nor a character. Background noise, hum, a voice and a click between
// swipes are such; a swipe near the noise limit is not, as its clock
// locks on its bits, nor one too fast for the sample rate or clipped,
// whose failure says what to change.
func dropFaint(swipes []Swipe) []Swipe {
	loudest := 0.0
	for _, sw := range swipes {
		if sw.Quality.SNRdB >= weakSNR {
			loudest = max(loudest, sw.Quality.Peak)
		}
	}
	return slices.DeleteFunc(swipes, func(sw Swipe) bool {
		q := sw.Quality
		faint := q.SNRdB < weakSNR || q.Peak < faintPeak*loudest || len(sw.Bits) < shortBits || sw.tone
		return sw.Err != nil && !sw.heard && faint && !q.Undersampled() && !q.Clipped
	})
}

// minBits is the fewest bits a stretch of sound must yield to count as a
// swipe: a shorter track than this cannot hold a start sentinel, a character
// and an end sentinel with any clocking.
const minBits = 16

// DecodeSwipe decodes the swipe between sample indices start and end.
func DecodeSwipe(s Samples, start, end int) Swipe {
	sw, _ := decodeSwipe(s, start, end)
	return sw
}

// decodeSwipe is DecodeSwipe, and returns the read it kept.
func decodeSwipe(s Samples, start, end int) (Swipe, attempt) {
	start = max(0, min(start, len(s.Data)))
	end = max(start, min(end, len(s.Data)))
	sw := Swipe{Start: start, End: end}
	if s.Rate <= 0 {
		sw.Err = &DecodeError{Kind: FailRate, Value: float64(s.Rate)}
		return sw, attempt{}
	}
	raw := s.Data[start:end]
	x := removeDC(raw, s.Rate)
	q := &sw.Quality
	q.NoiseFloor = noiseFloor(s, start, end)
	y, gain := matched(x)
	noise := gain * q.NoiseFloor
	// The pulses above the running height's threshold first; where that
	// reads no clean track, and the clock did not lock on them, those
	// above a threshold that follows the pulses nearby (a swipe from rest,
	// whose first pulses are a tenth of its last).
	peaks, span := dropStrays(findPeaks(y, 0), y, noise)
	best := readPulses(x, y, peaks, span)
	if !best.clean() {
		lp, ls := dropStrays(findPeaks(y, noise), y, noise)
		if !slices.Equal(lp, peaks) {
			// A clock that locked gives way only to a clean track, or to
			// one that locked on more bits (the slow start of a card with
			// its own encoding); a failed read also to a locked one, or to
			// a better one that fits the clock as well.
			alt := readPulses(x, y, lp, ls)
			if alt.clean() || best.locked() && alt.locked() && len(alt.bits) > len(best.bits) ||
				!best.locked() && (alt.locked() || alt.better(best) && len(alt.failed) <= len(best.failed)) {
				best, peaks = alt, lp
			}
		}
	}
	q.Clipped = clipped(raw)
	measure(q, x, peaks, start)
	sw.Bits, sw.Result = best.bits, best.res
	sw.Cells = placeCells(best.cells, peaks, x, start)
	q.FailedBits = best.failed
	fillSpeed(q, best.periods, best.res, s.Rate)
	if len(best.seq) > 0 {
		// The detector's path starts on the train's first pulse, which
		// the peaks may have missed or put noise before.
		q.Polarity = firstSign(y, best.seq[0])
	}
	// A stripe's bit cells pass the head faster than a voice's or the
	// mains' pitch: the slowest swipe that reads, 75 bpi at 4 in/s, is
	// 300 cells a second.
	f2f := cellRate(best.periods, s.Rate) >= minCellRate
	if !best.clean() {
		// A card's own encoding is still F2F: a 1's middle reversal sits
		// half way through its cell, as readers need it (within the
		// ±15 % they tolerate); a voice's pitch changing reads as 1s
		// split anywhere.
		f2f := f2f && measureCells(best.cells, 0, 0, false, true).SubintervalVariation <= MarginalSpacingPct
		sw.Err = diagnose(q, len(peaks), best, f2f)
		if de, ok := sw.Err.(*DecodeError); ok && de.Kind == FailNotISO {
			// What an ISO decoder makes of such bits is noise, and the
			// density, so the speed, of the card's own format is unknown.
			sw.Result = nil
			q.BPI, q.SpeedIPS = 0, 0
		}
	}
	// A clock on a tone reads only zeros.
	sw.heard = f2f && ((best.clocked || best.locked()) && bytes.Count(best.bits, []byte{1}) > strayOnes || hasCharacter(best.res))
	sw.tone = !f2f
	return sw, best
}

// minCellRate is the fewest bit cells a second of a swipe, 75 bpi at
// 4 in/s: a voice's pitch, 80 to 300 Hz, and the mains' 50 or 60 Hz give
// fewer.
const minCellRate = 300

// cellRate returns the median number of bit cells a second along periods,
// in samples at rate; 0 without them.
func cellRate(periods []float64, rate int) float64 {
	if len(periods) == 0 {
		return 0
	}
	p := quantile(slices.Clone(periods), 0.5)
	if !(p > 0) {
		return 0
	}
	return float64(rate) / p
}

// hasCharacter reports whether res holds a data character of good parity
// between its start sentinel and its end.
func hasCharacter(res *iso7811.Result) bool {
	if res == nil {
		return false
	}
	end := len(res.Text)
	if end > 1 && res.Text[end-1] == '?' {
		end--
	}
	bad := map[int]bool{}
	for _, e := range res.Errors {
		if e.Kind == iso7811.ParityError {
			bad[e.Pos] = true
		}
	}
	for i := 1; i < end; i++ {
		if !bad[i] {
			return true
		}
	}
	return false
}

// readPulses reads the bits of a swipe from its pulses at peaks in y, the
// filtered signal (x without the filter): with the bit clock from either
// end, and with the sequence detector where neither reads cleanly, over
// the span [lo, hi) of y only.
func readPulses(x, y []float32, peaks []peak, span [2]int) attempt {
	pos := make([]float64, len(peaks))
	for i, p := range peaks {
		pos[i] = p.pos
	}
	best := decodeIntervals(pos, false)
	if !best.clean() {
		// Clock from the other end, where the trailing zeros are; a read
		// that locked on every bit gives way only to another.
		if alt := decodeIntervals(pos, true); alt.better(best) && (alt.locked() || !best.locked()) {
			best = alt
		}
	}
	if !best.clean() {
		// Near the noise limit, or with a worn region, peaks go missing
		// or come from noise; the sequence detector reads the signal whole.
		// Its failed reads replace the clock's only where the clock's
		// own periods leave the pulses enough samples to read: at fewer,
		// the detector's shortest period reads noise, and the clock's
		// measure is what tells the technician why; and where its own
		// do (a path at half the period has read half cells). Nor do they
		// replace a clock that locked: its bits are what the stripe
		// holds, though no ISO track (a card with its own encoding).
		if alt := sequenceIn(x, y, peaks, span); alt.clean() || alt.better(best) && !undersampled(best) && !undersampled(alt) && !best.locked() {
			best = alt
		}
	}
	return best
}

// sequenceIn runs the sequence detector over the span [lo, hi) of x and
// y, and returns its read placed in the whole swipe.
func sequenceIn(x, y []float32, peaks []peak, span [2]int) attempt {
	lo, hi := span[0], span[1]
	if lo == 0 && hi == len(y) {
		return decodeSequence(x, y, peaks)
	}
	shifted := make([]peak, len(peaks))
	for i, p := range peaks {
		shifted[i] = peak{pos: p.pos - float64(lo), idx: p.idx - lo, val: p.val}
	}
	a := decodeSequence(x[lo:hi], y[lo:hi], shifted)
	off := float64(lo)
	for i := range a.seq {
		c := &a.seq[i]
		c.start, c.end = c.start+off, c.end+off
		if c.bit == 1 {
			c.mid += off
		}
	}
	for i := range a.cells {
		c := &a.cells[i]
		c.Start, c.End = c.Start+off, c.End+off
		if c.Mid != 0 {
			c.Mid += off
		}
	}
	return a
}

// Bounds of a stray burst of pulses at either end of a swipe.
const (
	strayGap   = 4   // a gap this many times the intervals beyond it parts a burst from the swipe
	ringFaster = 0.3 // so does a burst whose intervals are shorter than this part of the swipe's, no F2F cell's
	ringGap    = 2.5 // and a gap this many times its own, or the swipe's after a burst that dies away
	strayPeaks = 24  // a burst has fewer pulses than this, and than a tenth of the swipe's
	strayClean = 8   // pulses stand this many times the noise above it where bursts are looked for
)

// dropStrays leaves out of peaks a short burst parted from the pulse
// train by a gap at either end: the click of the head meeting or leaving
// the card's edge, which rings at its own frequency and would pass for
// bits. It also returns the span of y, [lo, hi), the rest holds, for the
// sequence detector to read: all of y when nothing was left out. Near the
// noise limit, where noise, not clicks, breaks up the train (its pulses stand
// less than strayClean times noise, the RMS of the noise in y, above it),
// it leaves peaks as they are.
func dropStrays(peaks []peak, y []float32, noise float64) ([]peak, [2]int) {
	n := len(peaks)
	all := [2]int{0, len(y)}
	limit := min(strayPeaks, n/10)
	if limit < 2 {
		return peaks, all
	}
	heights := make([]float64, n)
	for i, p := range peaks {
		heights[i] = math.Abs(float64(p.val))
	}
	if quantile(heights, 0.5) < strayClean*noise {
		return peaks, all
	}
	d := make([]float64, n-1)
	for i := range d {
		d[i] = peaks[i+1].pos - peaks[i].pos
	}
	median := func(lo, hi int) float64 { return quantile(slices.Clone(d[max(0, lo):min(len(d), hi)]), 0.5) }
	// dies reports whether the pulses [lo, hi] end under half their
	// highest: a click's ringing dies away, and the pulses at either end
	// of a swipe's clocking zeros do not.
	dies := func(lo, hi int) bool {
		top := 0.0
		for _, p := range peaks[lo : hi+1] {
			top = max(top, math.Abs(float64(p.val)))
		}
		return math.Abs(float64(peaks[hi].val)) < top/2
	}
	// gap reports whether interval k is strayGap times the typical one of
	// the seedIntervals on the train's side of it (after it for a burst
	// before the train, before it for one after), or parts from the train
	// a burst that rings far faster than any bit cell of it, or one that
	// dies away.
	gap := func(k int, after bool) bool {
		lo, hi := k+1, min(len(d), k+1+seedIntervals)
		blo, bhi := 0, k // the burst's intervals
		if !after {
			lo, hi = max(0, k-seedIntervals), k
			blo, bhi = k+1, len(d)
		}
		if hi-lo < seedIntervals/2 {
			return false
		}
		m := median(lo, hi)
		if d[k] > strayGap*m {
			return true
		}
		if bhi-blo < 2 {
			return false
		}
		if ring := median(blo, bhi); ring < ringFaster*m && d[k] > ringGap*ring {
			return true
		}
		if after {
			return d[k] > ringGap*m && dies(0, k)
		}
		return d[k] > ringGap*m && dies(k+1, n-1)
	}
	first, last := 0, n-1
	for k := limit - 1; k >= 0; k-- {
		if gap(k, true) {
			first = k + 1
			break
		}
	}
	for k := n - 1 - limit; k < n-1; k++ {
		if k >= first && gap(k, false) {
			last = k
			break
		}
	}
	span := all
	if first > 0 {
		span[0] = int((peaks[first-1].pos + peaks[first].pos) / 2)
	}
	if last < n-1 {
		span[1] = int((peaks[last].pos+peaks[last+1].pos)/2) + 1
	}
	return peaks[first : last+1], span
}

// undersampled reports whether a's bit periods leave too few samples per
// half cell to read.
func undersampled(a attempt) bool {
	var q Quality
	fillSpeed(&q, a.periods, nil, 0)
	return len(a.periods) > 0 && q.Undersampled()
}

// diagnose names the most likely reason a swipe failed, the signal's faults
// before the track decoder's complaint.
//
// f2f says the cells pass at a stripe's pace, not a tone's, and split as
// F2F cells do: only then can bits that read cleanly but hold no ISO
// track be a card's own encoding.
func diagnose(q *Quality, npeaks int, a attempt, f2f bool) error {
	e := &DecodeError{Err: a.err}
	switch {
	case npeaks < minBits:
		e.Kind = FailNoSwipe
		if q.SNRdB < weakSNR {
			e.Kind = FailWeak
		}
	case q.Undersampled():
		e.Kind, e.Value = FailUndersampled, q.SamplesPerHalfCell
	case q.Clipped:
		e.Kind = FailClipped
	case q.SNRdB < weakSNR:
		e.Kind, e.Value = FailSNR, q.SNRdB
	case q.SamplesPerHalfCell < 2*MinSamplesPerHalfCell && len(q.FailedBits)*10 > len(a.bits):
		// The two pulses of a 1 merge when they are too close, and the
		// clock then takes half cells for whole ones.
		e.Kind, e.Value = FailMerged, q.SamplesPerHalfCell
	case f2f && a.locked() && q.SNRdB >= notISOSNR && bytes.Count(a.bits, []byte{1}) > strayOnes && iso7811.OwnEncoding(a.bits):
		e.Kind = FailNotISO
	case !a.clocked:
		e.Kind = FailNoClock
	case errors.Is(a.err, iso7811.ErrNoStartSentinel):
		e.Kind = FailNoStart
	case errors.Is(a.err, iso7811.ErrNoData):
		e.Kind = FailBlank
	case a.err != nil:
		e.Kind = FailTrack
	case len(a.res.Errors) > 0:
		e.Kind, e.Value = FailCharacters, float64(len(a.res.Errors))
	default:
		e.Kind = FailNoise
	}
	return e
}

// weakSNR is the signal-to-noise ratio, in dB, below which a failed decode
// is put down to a weak signal.
const weakSNR = 10

// notISOSNR is the signal-to-noise ratio, in dB, from which a clock that
// locked on bits that hold no ISO track has read a card with its own
// encoding, not noise: as far above the noise as a stripe is graded.
const notISOSNR = gradeSNR

// attempt is one pass of the bit clock over the pulse intervals.
type attempt struct {
	bits      []byte
	periods   []float64
	failed    []int
	cells     []Cell // in swipe sample positions, no amplitudes yet
	clocked   bool   // the first intervals looked like clocking zeros
	res       *iso7811.Result
	err       error
	plausible bool   // res is framed by clocking zeros and read without timing faults
	seq       []cell // the sequence detector's reading of every bit; nil for the clock's
	missing   []int  // bits the sequence detector found no closing pulse for
	rival     bool   // another reading fits nearly as well and decodes cleanly too
}

// locked reports whether the bit clock read a's bits with timing faults
// at no more than max(2, one place in lockFaults bits), counting a run of
// faulty bits as one place: a clean read of what the stripe holds,
// whatever that is. A card with its own encoding need not open with
// clocking zeros, and may leave a blank stretch between blocks of its data
// (a MetroCard does), which no clock reads across; noise fits the clock's
// cells nowhere near so well.
func (a attempt) locked() bool {
	if a.seq != nil || len(a.bits) < minBits {
		return false
	}
	places := 0
	for i, f := range a.failed {
		if i == 0 || a.failed[i-1] != f-1 {
			places++
		}
	}
	return places <= max(2, len(a.bits)/lockFaults)
}

// lockFaults: a locked clock fits the bits but at one place in this many.
const lockFaults = 50

func (a attempt) clean() bool {
	return a.res != nil && len(a.res.Errors) == 0 && a.plausible && !a.rival
}

// better reports whether a is a better decode than b: clean beats unclean,
// then a result beats none, then fewer character errors, then fewer failed
// bits.
func (a attempt) better(b attempt) bool {
	switch {
	case a.clean() != b.clean():
		return a.clean()
	case (a.res != nil) != (b.res != nil):
		return a.res != nil
	case a.res != nil && len(a.res.Errors) != len(b.res.Errors):
		return len(a.res.Errors) < len(b.res.Errors)
	}
	return len(a.failed) < len(b.failed)
}

// plausible reports whether res can be the track that was swiped rather
// than a few characters that happen to check out in a stream of noise: F2F
// has no polarity, so an inverted decode is noise; at most allowed bits of
// the track may be among failed (their timing or pulse at fault); and the
// bits outside the track must be nearly all clocking zeros.
func plausible(res *iso7811.Result, bits []byte, failed []int, allowed int) bool {
	if res == nil || res.Inverted {
		return false
	}
	n := (len(res.Text) + 1) * res.Format.CharBits()
	lo := res.StartBit
	if res.Reversed {
		lo = res.StartBit - n + 1
	}
	hi := min(len(bits), lo+n)
	lo = max(0, lo)
	in := 0
	for _, f := range failed {
		if f >= lo && f < hi {
			in++
		}
	}
	if in > allowed {
		return false
	}
	ones := 0
	for i, b := range bits {
		if b != 0 && (i < lo || i >= hi) {
			ones++
		}
	}
	return ones <= max(strayOnes, (len(bits)-(hi-lo))/10)
}

// lowPulses is how many of a track's bits the sequence detector may read
// with a low closing pulse for each one it reads so.
const lowPulses = 40

// strayOnes is how many 1 bits outside the track a swipe may show anyway,
// from the head entering and leaving the stripe.
const strayOnes = 2

// decodeIntervals turns pulse positions into bits and decodes the track.
// With fromEnd the clock starts at the last pulse, seeded by the trailing
// clocking zeros; the bits still come back in recording order.
func decodeIntervals(pos []float64, fromEnd bool) attempt {
	var a attempt
	if fromEnd {
		r := make([]float64, len(pos))
		for i, p := range pos {
			r[len(pos)-1-i] = -p
		}
		pos = r
	}
	a.bits, a.periods, a.failed, a.clocked, a.cells = clockBits(pos)
	if fromEnd {
		for i, c := range a.cells {
			a.cells[i] = Cell{Start: -c.End, End: -c.Start, Bit: c.Bit}
			if c.Mid != 0 {
				a.cells[i].Mid = -c.Mid
			}
		}
		slices.Reverse(a.cells)
		slices.Reverse(a.bits)
		slices.Reverse(a.periods)
		for i, f := range a.failed {
			a.failed[i] = len(a.bits) - 1 - f
		}
		slices.Reverse(a.failed)
	}
	return a.decode()
}

// decode reads the track in a's bits and judges the read.
func (a attempt) decode() attempt {
	if len(a.bits) == 0 {
		a.err = iso7811.ErrNoData
		return a
	}
	a.res, a.err = iso7811.Decode(a.bits)
	if a.seq == nil {
		a.plausible = plausible(a.res, a.bits, a.failed, 0)
		return a
	}
	// Near the noise limit a pulse may read low where it is: a few
	// such in a track are noise, and only two in a row with none at
	// all are a gap in the signal.
	allowed := 0
	if a.res != nil {
		allowed = (len(a.res.Text) + 1) * a.res.Format.CharBits() / lowPulses
	}
	a.plausible = plausible(a.res, a.bits, a.missing, 0) && plausible(a.res, a.bits, a.failed, allowed)
	return a
}
