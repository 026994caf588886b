package audio

import (
	"math"
	"slices"

	"magcheck/decoder/iso7811"
)

// Constants of the bit clock, as fractions of the current bit period.
const (
	seedIntervals = 8    // intervals after the first that seed the clock
	seedTolerance = 0.25 // clocking zeros agree with their median within this
	halfCell      = 0.75 // an interval shorter than this is half a cell (part of a 1)
	halfCellMax   = 0.9  // one shorter than this may be, depending on the next
	tooLong       = 1.5  // an interval this long is more than one cell: a pulse is missing
	clockTrack    = 0.4  // weight of each new bit in the period estimate
	warmUp        = 4    // bits at each end left out of Quality: the clock is settling
	minInterval   = 0.5  // samples; no two pulses are closer
)

// clockBits turns pulse positions into bits. The bit period starts as the
// median of the first intervals, which span clocking zeros, and follows
// every bit after that, so a swipe may speed up or slow down. It returns the
// bits, the period after each bit, the positions of bits that fitted no
// pattern, whether the first intervals looked like clocking zeros, and each
// bit's cell (its reversals' positions; DecodeSwipe adds the heights).
func clockBits(pos []float64) (bits []byte, periods []float64, failed []int, clocked bool, cells []Cell) {
	if len(pos) < 3 {
		return nil, nil, nil, false, nil
	}
	d := make([]float64, len(pos)-1)
	for i := range d {
		d[i] = max(pos[i+1]-pos[i], minInterval)
	}
	p, clocked := seedPeriod(d)
	emit := func(b byte, bad bool, c Cell) {
		c.Bit = b
		cells = append(cells, c)
		if bad {
			failed = append(failed, len(bits))
		}
		bits = append(bits, b)
		periods = append(periods, p)
	}
	for k := 0; k < len(d); {
		r := d[k] / p
		// An interval between halfCell and halfCellMax is half a cell only
		// if the next one is about as long and both add up to less than a
		// cell and a half: a 1 while the swipe slows down.
		half := r < halfCell || r < halfCellMax && k+1 < len(d) &&
			math.Abs(d[k+1]/d[k]-1) < seedTolerance && d[k]+d[k+1] < tooLong*p
		switch {
		case r >= tooLong:
			// A slow-down shows as the next interval as long as this one;
			// anything else is a gap where pulses went missing.
			if k+1 < len(d) && math.Abs(d[k+1]/d[k]-1) < seedTolerance {
				p = d[k]
				emit(0, false, Cell{Start: pos[k], End: pos[k+1]})
			} else {
				// Pulses went missing: the gap is shared out among the
				// zeros it stands for.
				n := min(int(math.Round(r)), 4)
				at := func(j int) float64 { // the last zero ends exactly on the next pulse
					if j == n {
						return pos[k+1]
					}
					return pos[k] + float64(j)*d[k]/float64(n)
				}
				for j := range n {
					emit(0, true, Cell{Start: at(j), End: at(j + 1)})
				}
			}
			k++
		case !half:
			p += clockTrack * (d[k] - p)
			emit(0, false, Cell{Start: pos[k], End: pos[k+1]})
			k++
		case k+1 < len(d) && d[k+1] < halfCellMax*p:
			// Two half cells make a 1; their sum is checked loosely, as the
			// speed may have changed since the last 0.
			cell := d[k] + d[k+1]
			bad := math.Abs(cell/p-1) > tooLong-1
			if !bad {
				p += clockTrack * (cell - p)
			}
			emit(1, bad, Cell{Start: pos[k], Mid: pos[k+1], End: pos[k+2]})
			k += 2
		default:
			emit(1, true, Cell{Start: pos[k], End: pos[k+1]}) // a lone half cell: a pulse missing or extra
			k++
		}
	}
	return bits, periods, failed, clocked, cells
}

// seedPeriod returns the first bit period: the median of the intervals after
// the first (which the start of the swipe may distort). They are clocking
// zeros if most agree with it. If they do not, or if they are half the
// typical long interval (a run of 1s), the period is taken from the
// intervals as a whole: a third of F2F intervals are whole cells, so a high
// quantile is a whole cell.
func seedPeriod(d []float64) (float64, bool) {
	seed := d[min(1, len(d)-1):min(1+seedIntervals, len(d))]
	m := quantile(slices.Clone(seed), 0.5)
	agree := 0
	for _, v := range seed {
		if math.Abs(v/m-1) <= seedTolerance {
			agree++
		}
	}
	long := quantile(slices.Clone(d), 0.8)
	if agree*4 < len(seed)*3 || len(seed) < seedIntervals/2 || long > 1.6*m {
		return long, false
	}
	return m, true
}

// fillSpeed fills the speed fields of q from the bit periods, at the
// density of the track the result is taken for (see assumedTrack).
func fillSpeed(q *Quality, periods []float64, res *iso7811.Result, rate int) {
	if len(periods) == 0 {
		return
	}
	trusted := periods
	if len(periods) > 3*warmUp {
		trusted = periods[warmUp : len(periods)-warmUp]
	}
	sorted := slices.Clone(trusted)
	slices.Sort(sorted)
	fast, slow := sorted[len(sorted)*5/100], sorted[len(sorted)*95/100]
	q.SamplesPerHalfCell = fast / 2
	q.SpeedVariation = (slow - fast) / (slow + fast)

	step := (len(periods) + MaxPeriods - 1) / MaxPeriods
	for i := 0; i < len(periods); i += step {
		chunk := periods[i:min(len(periods), i+step)]
		sum := 0.0
		for _, v := range chunk {
			sum += v
		}
		q.Periods = append(q.Periods, sum/float64(len(chunk)))
	}

	if res == nil {
		return
	}
	q.BPI = iso7811.TrackDensity(assumedTrack(res))
	sum := 0.0
	for _, v := range trusted {
		sum += float64(rate) / (float64(q.BPI) * v)
	}
	q.SpeedIPS = sum / float64(len(trusted))
}

// assumedTrack is the track a decoded result is taken for: track 1 for
// Alpha; for Numeric, track 2 if the track fits track 2's 40 characters,
// else track 3. Tracks 2 and 3 differ in density, which sets the speed.
func assumedTrack(res *iso7811.Result) int {
	switch {
	case res.Format != iso7811.Numeric:
		return 1
	case len(res.Text)+1 <= iso7811.MaxLength(2):
		return 2
	}
	return 3
}
