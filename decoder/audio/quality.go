package audio

import (
	"math"
	"slices"
)

// Cell is the timing of one bit as read.
type Cell struct {
	// Start, Mid and End are sample positions in the recording of the
	// reversal that opens the cell, the mid-cell reversal of a 1 (0 for a
	// 0, or for a 1 whose second pulse is missing) and the reversal that
	// closes it.
	Start, Mid, End float64
	Bit             byte
	// Amplitude is the height of the opening pulse, linear (full scale
	// 1); 0 where the pulse was missing.
	Amplitude float64
}

// placeCells moves cells from swipe to recording positions and gives each
// the height, in the DC-free signal x, of the pulse that opens it.
func placeCells(cells []Cell, peaks []peak, x []float32, start int) []Cell {
	if len(cells) == 0 {
		return nil
	}
	out := make([]Cell, len(cells))
	for i, c := range cells {
		if k, ok := slices.BinarySearchFunc(peaks, c.Start, func(p peak, t float64) int {
			switch {
			case p.pos < t:
				return -1
			case p.pos > t:
				return 1
			}
			return 0
		}); ok {
			c.Amplitude = math.Abs(float64(x[peaks[k].idx]))
		}
		off := float64(start)
		c.Start += off
		c.End += off
		if c.Mid != 0 {
			c.Mid += off
		}
		out[i] = c
	}
	return out
}

// Grade is the verdict on a stripe's recording.
type Grade string

// The grades. A swipe whose signal cannot show the stripe's quality is not
// graded.
const (
	NotGraded Grade = ""
	Good      Grade = "good"
	Marginal  Grade = "marginal"
	Poor      Grade = "poor"
)

// NoGrade says why a swipe was not graded.
type NoGrade int

// Reasons not to grade: each is a fault of the reader or the recording
// that would pass for a fault of the stripe.
const (
	GradedOK       NoGrade = iota // graded
	TooFewCells                   // too short a read to measure
	NoisySignal                   // noise moves the pulses more than the card could
	ClippedInput                  // flattened pulses hide their height and place
	CoarseSampling                // the sample grid is coarse against a half cell
)

// Grade thresholds, in percent. Bit-to-bit and subinterval spacing: an
// encoder is held to about ±10 % (ISO/IEC 7811-2 and -6 for low- and
// high-coercivity stripes) and a reader is built to tolerate about ±15 %,
// so within ±10 % is good, up to ±15 % marginal and beyond that poor.
// Amplitude: ISO/IEC 7811-2 and -6 keep a card's individual pulses within
// roughly 80 % of its average signal, and a reader's threshold is commonly
// about half the running pulse height (this decoder's is 40 %), so a stretch
// under 50 % of the track's median is a weak region that a reader may lose,
// and a minimum between 50 and 70 % is marginal.
const (
	GoodSpacingPct     = 10
	MarginalSpacingPct = 15
	WeakAmplitudePct   = 50
	MarginalAmpPct     = 70
)

// Limits on the signal that can be graded.
const (
	minGradeCells = 40 // fewer bits (eight of track 2's characters) say too little
	// gradeSNR is the SNR, in dB, below which noise moves the pulses of
	// a clean stripe by several percent and blur its amplitude (measured on
	// audiotest recordings: see TestNoiseNotGraded).
	gradeSNR = 20
)

// Measure windows, in cells.
const (
	refHalf    = 4  // a cell is compared to the median of this many cells each side
	ampHalf    = 3  // pulse heights are averaged over this many cells each side
	endCells   = 4  // cells at each end left out: the head meets or leaves the stripe
	likeReach  = 16 // cells each side searched for ones read in the same context
	likeMin    = 4  // fewest such cells for a reference
	spacingPct = 0.95
)

// WeakRegion is a stretch of stripe whose signal is weak.
type WeakRegion struct {
	// From and To place it along the stripe, in percent of its bits from
	// the card's leading edge when the track decoder found the direction,
	// else in the order read.
	From, To float64
	// Amplitude is its lowest smoothed pulse height, in percent of the
	// track's median.
	Amplitude float64
}

// StripeQuality is what a swipe shows of the stripe's recording: the
// measures a card-quality analyser takes, speed normalised, and a grade.
type StripeQuality struct {
	Grade   Grade
	NoGrade NoGrade // why Grade is NotGraded
	// BitVariation is the 95th percentile, in percent, of each cell's
	// deviation from its neighbours (their median length, scaled by how
	// cells read after the same pattern stand to theirs);
	// SubintervalVariation the same for the mid-cell reversal of a 1
	// against half its cell.
	BitVariation, SubintervalVariation float64
	// AmplitudeMin is the lowest smoothed pulse height, normalised for
	// speed, in percent of the track's median.
	AmplitudeMin float64
	WeakRegions  []WeakRegion
	// LeadingZeros and TrailingZeros are the clocking zeros before the
	// first 1 and after the last, in the card's direction.
	LeadingZeros, TrailingZeros int
	// SpeedMin and SpeedMax are the slowest and fastest local speed in
	// inches per second (5th and 95th percentiles); 0 without a density.
	SpeedMin, SpeedMax float64
}

// MaxWeakRegions caps the weak regions reported: more say nothing new.
const MaxWeakRegions = 8

// Assess grades the stripe of sw, recorded at rate samples per second. It
// needs no decoded track; the speed needs the track's density, bpi, and is
// left 0 without it. The grade is left out when the signal shows more of
// the reader or the recording than of the card (see NoGrade).
func Assess(sw Swipe, rate, bpi int) StripeQuality {
	q := measureCells(sw.Cells, rate, bpi, reversed(sw), ownEncoding(sw))
	q.NoGrade = gradable(sw.Quality, len(sw.Cells))
	if q.NoGrade == GradedOK {
		q.Grade = grade(q)
	}
	return q
}

func reversed(sw Swipe) bool { return sw.Result != nil && sw.Result.Reversed }

// ownEncoding reports whether sw read a card with its own encoding
// (FailNotISO).
func ownEncoding(sw Swipe) bool {
	de, ok := sw.Err.(*DecodeError)
	return ok && de.Kind == FailNotISO
}

// gradable says why a signal cannot be graded, or GradedOK.
func gradable(q Quality, cells int) NoGrade {
	switch {
	case cells < minGradeCells+2*endCells:
		return TooFewCells
	case q.Clipped:
		return ClippedInput
	case q.Undersampled():
		return CoarseSampling
	case q.SNRdB < gradeSNR:
		return NoisySignal
	}
	return GradedOK
}

// grade applies the thresholds: the worst measure sets the grade.
func grade(q StripeQuality) Grade {
	g := Good
	worse := func(h Grade) {
		if h == Poor || h == Marginal && g == Good {
			g = h
		}
	}
	for _, v := range []float64{q.BitVariation, q.SubintervalVariation} {
		switch {
		case v > MarginalSpacingPct:
			worse(Poor)
		case v > GoodSpacingPct:
			worse(Marginal)
		}
	}
	switch {
	case len(q.WeakRegions) > 0 || q.AmplitudeMin < WeakAmplitudePct:
		worse(Poor)
	case q.AmplitudeMin < MarginalAmpPct:
		worse(Marginal)
	}
	return g
}

// measureCells takes the measures of StripeQuality from cells. A hand
// swipe speeds up and slows down over tens of cells, so each cell is
// compared with its neighbours rather than with the whole track, and pulse
// heights, which grow with speed at an inductive head, are scaled by the
// local cell length.
//
// With blanks, a stretch without flux reversals is taken for part of the
// card's format (a card with its own encoding may leave one between
// blocks of its data), not for a weak one: only pulses that are there
// are measured for wear.
func measureCells(cells []Cell, rate, bpi int, rev, blanks bool) StripeQuality {
	var q StripeQuality
	q.LeadingZeros, q.TrailingZeros = endZeros(cells)
	if rev {
		q.LeadingZeros, q.TrailingZeros = q.TrailingZeros, q.LeadingZeros
	}
	if len(cells) <= 2*endCells {
		return q
	}
	cells = cells[endCells : len(cells)-endCells]
	n := len(cells)
	length := make([]float64, n)
	for i, c := range cells {
		length[i] = c.End - c.Start
		if !(length[i] > 0) || math.IsInf(length[i], 0) {
			length[i] = 0
		}
	}
	ref := make([]float64, n)
	window := make([]float64, 0, 2*refHalf)
	for i := range cells {
		window = window[:0]
		for j := max(0, i-refHalf); j <= min(n-1, i+refHalf); j++ {
			if j != i && length[j] > 0 {
				window = append(window, length[j])
			}
		}
		if len(window) > 0 {
			ref[i] = quantile(window, 0.5)
		}
	}
	// like is the reference for spacing: ref scaled by how nearby cells
	// read in the same context (this bit and the one before) stand to
	// their own ref. Where pulses crowd, a head's and a filter's pulses
	// shift with the pattern around them; that shift is the same for
	// every like cell, the card's jitter is not. Ratios, not lengths, so
	// that the hand's speed changes over the wider reach do not count.
	like := slices.Clone(ref)
	for i := range cells {
		window = window[:0]
		for j := max(0, i-likeReach); j <= min(n-1, i+likeReach); j++ {
			if j != i && length[j] > 0 && ref[j] > 0 && sameContext(cells, i, j) {
				window = append(window, length[j]/ref[j])
			}
		}
		if len(window) >= likeMin {
			like[i] = ref[i] * quantile(window, 0.5)
		}
	}

	var bit, sub []float64
	for i, c := range cells {
		// A cell half or one and a half times its neighbours is a pulse
		// missing or extra, which the amplitude shows; spacing is
		// measured on the cells the clock took as bits.
		if ref[i] <= 0 || length[i] < ref[i]/2 || length[i] > 1.5*ref[i] {
			continue
		}
		bit = append(bit, math.Abs(length[i]/like[i]-1))
		if c.Bit != 0 && c.Mid > c.Start && c.Mid < c.End {
			sub = append(sub, math.Abs((c.Mid-c.Start)/(length[i]/2)-1))
		}
	}
	q.BitVariation = pct(bit)
	q.SubintervalVariation = pct(sub)

	q.AmplitudeMin, q.WeakRegions = amplitude(cells, ref, blanks)

	if bpi > 0 && rate > 0 {
		var speeds []float64
		for _, r := range ref {
			if r > 0 {
				speeds = append(speeds, float64(rate)/(float64(bpi)*r))
			}
		}
		if len(speeds) > 0 {
			slices.Sort(speeds)
			q.SpeedMin = round2(speeds[len(speeds)*5/100])
			q.SpeedMax = round2(speeds[len(speeds)*95/100])
		}
	}
	if rev {
		for i, w := range q.WeakRegions {
			q.WeakRegions[i].From, q.WeakRegions[i].To = round2(100-w.To), round2(100-w.From)
		}
		slices.Reverse(q.WeakRegions)
	}
	return q
}

// sameContext reports whether cells i and j hold the same bit after the
// same bit.
func sameContext(cells []Cell, i, j int) bool {
	if cells[i].Bit != cells[j].Bit {
		return false
	}
	if i == 0 || j == 0 {
		return i == j
	}
	return cells[i-1].Bit == cells[j-1].Bit
}

// pct returns the spacingPct quantile of deviations v, in percent.
func pct(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	return round2(100 * quantile(v, spacingPct))
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// amplitude returns the lowest smoothed, speed-normalised pulse height in
// percent of the median, and the stretches under WeakAmplitudePct. A cell
// several times its neighbours' length is a stretch where pulses went
// missing, so it stands for that many bits, all but the first of height 0:
// places along the stripe count bits, not cells.
//
// With blanks, long cells stand for one bit and missing pulses are left
// out: a blank stretch is no weak one, and neither are the pulses that
// fade into it on either side (a stretch under the threshold that
// reaches a blank is its edge).
func amplitude(cells []Cell, ref []float64, blanks bool) (float64, []WeakRegion) {
	medRef := quantile(nonZero(ref), 0.5)
	var norm []float64 // one per bit of stripe
	blank := map[int]bool{}
	for i, c := range cells {
		a := c.Amplitude
		if !(a > 0) || math.IsInf(a, 0) {
			a = 0
		}
		if blanks && a == 0 {
			blank[len(norm)] = true // a pulse missing: a blank stretch, cell by cell
			continue
		}
		bits := 1
		if ref[i] > 0 && medRef > 0 {
			a *= ref[i] / medRef
			switch r := (c.End - c.Start) / ref[i]; {
			case r > 1.5 && blanks:
				blank[len(norm)] = true
			case r > 1.5:
				bits = int(min(math.Round(r), maxGapBits))
			}
		}
		norm = append(norm, a)
		for range bits - 1 {
			norm = append(norm, 0)
		}
	}
	n := len(norm)
	med := quantile(nonZero(norm), 0.5)
	if med <= 0 {
		return 0, nil
	}
	smooth := make([]float64, n)
	for i := range norm {
		lo, hi := max(0, i-ampHalf), min(n, i+ampHalf+1)
		sum := 0.0
		for _, v := range norm[lo:hi] {
			sum += v
		}
		smooth[i] = 100 * sum / float64(hi-lo) / med
	}
	// edge reports whether the stretch [i, j) reaches a blank, within the
	// reach of the smoothing.
	edge := func(i, j int) bool {
		for k := max(0, i-ampHalf-1); k < min(n, j+ampHalf+1); k++ {
			if blank[k] {
				return true
			}
		}
		return false
	}
	lowest := math.Inf(1)
	var weak []WeakRegion
	total := float64(n + 2*endCells) // the ends left out count in the places
	for i := 0; i < n; {
		j, low := i+1, smooth[i]
		for j < n && (smooth[j] < WeakAmplitudePct) == (smooth[i] < WeakAmplitudePct) {
			low = min(low, smooth[j])
			j++
		}
		if smooth[i] >= WeakAmplitudePct || len(blank) > 0 && edge(i, j) {
			if smooth[i] >= WeakAmplitudePct {
				lowest = min(lowest, low)
			}
			i = j
			continue
		}
		lowest = min(lowest, low)
		if len(weak) < MaxWeakRegions {
			weak = append(weak, WeakRegion{
				From:      round2(100 * float64(i+endCells) / total),
				To:        round2(100 * float64(j+endCells) / total),
				Amplitude: math.Floor(low*100) / 100, // stays under the threshold
			})
		}
		i = j
	}
	if math.IsInf(lowest, 1) { // every pulse fades into a blank
		lowest = slices.Min(smooth)
	}
	return round2(lowest), weak
}

// maxGapBits caps the bits one long cell stands for: a stripe is at most
// about 3.4 in of 210 bpi.
const maxGapBits = 1024

func nonZero(v []float64) []float64 {
	var out []float64
	for _, x := range v {
		if x > 0 {
			out = append(out, x)
		}
	}
	if len(out) == 0 {
		return []float64{0}
	}
	return out
}

// endZeros counts the zeros before the first 1 and after the last, in the
// order read.
func endZeros(cells []Cell) (lead, trail int) {
	first := slices.IndexFunc(cells, func(c Cell) bool { return c.Bit != 0 })
	if first < 0 {
		return len(cells), 0
	}
	last := len(cells) - 1
	for cells[last].Bit == 0 {
		last--
	}
	return first, len(cells) - 1 - last
}
