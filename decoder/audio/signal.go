package audio

import (
	"math"
	"slices"
)

// peak is one detected head pulse.
type peak struct {
	pos float64 // sub-sample position in the swipe
	idx int     // sample index in the swipe
	val float32 // height in the smoothed signal, signed
}

// removeDC high-passes the signal with a one-pole filter at 20 Hz, far below
// the slowest pulse train (a run of zeros at 5 in/s and 75 bpi repeats at
// about 190 Hz), so that offsets and slow drift do not bias the threshold.
func removeDC(x []float32, rate int) []float32 {
	y := make([]float32, len(x))
	if len(x) == 0 {
		return y
	}
	a := math.Exp(-2 * math.Pi * 20 / float64(rate))
	prevX, prevY := finite(x[0]), 0.0
	for i, v := range x {
		prevY = a * (prevY + finite(v) - prevX)
		prevX = finite(v)
		y[i] = float32(prevY)
	}
	return y
}

// finite returns v, or 0 for NaN and infinities, which would otherwise
// poison every filter and statistic after them.
func finite(v float32) float64 {
	f := float64(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// Constants of the pulse detector.
const (
	levelBlocks = 32   // blocks the swipe is cut into to measure the pulses
	threshold   = 0.4  // fraction of the running pulse height a peak must pass
	levelTrack  = 0.1  // weight of each new peak in the running pulse height
	smoothWidth = 0.8  // smoothing width as a fraction of the pulse width
	maxSNR      = 99.0 // cap on the reported SNR, dB, for noise-free input
)

// matched returns x smoothed by a filter matched to the pulse width, which
// raises the pulses above white noise. In noise the width of single pulses
// reads short (a noise sample on top halves it), so a first pass finds the
// pulses and the width is measured again on their average.
//
// It also returns the gain of the filter for white noise: the RMS of the
// noise in the smoothed signal over that in x.
func matched(x []float32) ([]float32, float64) {
	if len(x) < 3 {
		return x, 1
	}
	y, g := smoothed(x, pulseWidth(x))
	if w := meanPulseWidth(x, findPeaks(y, 0)); w > 0 {
		y, g = smoothed(x, w)
	}
	return y, g
}

// smoothed returns x smoothed twice over a width matched to width, and the
// filter's gain for white noise.
func smoothed(x []float32, width float64) ([]float32, float64) {
	if half := int(math.Round(smoothWidth * width / 2)); half > 0 {
		// Two moving averages of n samples make a triangle of 2n − 1,
		// whose squared weights sum to (2n² + 1) / 3n³.
		n := float64(2*half + 1)
		return smooth(smooth(x, half), half), math.Sqrt((2*n*n + 1) / (3 * n * n * n))
	}
	return x, 1
}

// Bounds of the pulse average.
const (
	maxAveraged = 512 // pulses averaged, at most: enough to quiet the noise
	minAveraged = 16  // pulses needed for an average worth more than single ones
)

// meanPulseWidth returns the full width at half maximum of the average of
// the pulses in x at peaks, each turned positive, out to half the median
// interval on either side; 0 with too few pulses.
func meanPulseWidth(x []float32, peaks []peak) float64 {
	if len(peaks) < minAveraged {
		return 0
	}
	d := make([]float64, len(peaks)-1)
	for i := range d {
		d[i] = peaks[i+1].pos - peaks[i].pos
	}
	reach := int(quantile(d, 0.5) / 2)
	if reach < 2 {
		return 0
	}
	sum := make([]float64, 2*reach+1)
	step := max(1, len(peaks)/maxAveraged)
	for i := 0; i < len(peaks); i += step {
		p := peaks[i]
		if p.idx < reach || p.idx+reach >= len(x) {
			continue
		}
		sign := 1.0
		if p.val < 0 {
			sign = -1
		}
		for k := range sum {
			sum[k] += sign * float64(x[p.idx-reach+k])
		}
	}
	top := sum[reach]
	if !(top > 0) {
		return 0
	}
	l := reach
	for l > 0 && sum[l-1] > top/2 {
		l--
	}
	r := reach
	for r < len(sum)-1 && sum[r+1] > top/2 {
		r++
	}
	w := float64(r - l)
	if l > 0 {
		w += (sum[l] - top/2) / (sum[l] - sum[l-1])
	}
	if r < len(sum)-1 {
		w += (sum[r] - top/2) / (sum[r] - sum[r+1])
	}
	return w
}

// findPeaks returns the head pulses in y, the matched-filtered signal: the
// largest excursion between each pair of threshold crossings of opposite
// sign. Requiring alternate signs absorbs noise: an extra excursion of the
// same sign merges into the pulse, and one of the opposite sign is
// outweighed by the real pulse that follows.
//
// The threshold follows the running pulse height. A hand swipe starts from
// rest, and a head's pulses grow with the speed: the first ones may be a
// tenth of the last. Where the pulses nearby (within localReach intervals)
// are lower than the running height, the threshold follows them down,
// but not below localNoise times noise, the RMS of the noise in y, unless
// the running height's threshold itself is lower (a swipe near the noise
// limit, read as before). With noise 0 only the running height counts.
func findPeaks(y []float32, noise float64) []peak {
	if len(y) < 3 {
		return nil
	}
	amp := blockLevel(y, 0.9)
	var local []float32
	floor, strong := threshold*amp, threshold*amp
	if noise > 0 && localNoise*noise < floor {
		// Near the noise limit the floor is the running height's
		// threshold itself: nothing lower would be read.
		local = localLevel(y, findPeaks(y, 0))
		floor = localNoise * noise
	}

	var peaks []peak
	var cand peak
	have := false
	for i, v := range y {
		a := math.Abs(float64(v))
		if a < threshold*amp && (local == nil || a < threshold*float64(local[i]) || a < floor) {
			continue
		}
		switch {
		case !have:
			cand, have = peak{idx: i, val: v}, true
		case (v > 0) == (cand.val > 0):
			if a > math.Abs(float64(cand.val)) {
				cand.idx, cand.val = i, v
			}
		default:
			peaks = append(peaks, refine(y, cand))
			amp += levelTrack * (math.Abs(float64(cand.val)) - amp)
			cand = peak{idx: i, val: v}
		}
	}
	if have {
		peaks = append(peaks, refine(y, cand))
	}
	if local != nil {
		peaks = keepWide(y, peaks, strong)
	}
	return peaks
}

// minArea is the least area, in parts of the typical pulse's, of a pulse
// lower than the running height's threshold.
const minArea = 0.2

// keepWide keeps of peaks those at least strong high, and lower ones whose
// area (height times width at half height) is at least minArea of the
// typical strong pulse's. A slow pulse is low but as much wider, as a
// head's output is the rate of change of a flux that changes by the same
// amount at each reversal: the first pulses of a swipe from rest keep
// their area. What a head picks up before the card reaches it, and noise,
// is low and no wider. Peaks of one sign left side by side merge into the
// higher.
func keepWide(y []float32, peaks []peak, strong float64) []peak {
	var areas []float64
	for _, p := range peaks {
		if math.Abs(float64(p.val)) >= strong {
			areas = append(areas, pulseArea(y, p))
		}
	}
	if len(areas) < minAveraged {
		return peaks
	}
	least := minArea * quantile(areas, 0.5)
	out := peaks[:0]
	for _, p := range peaks {
		if math.Abs(float64(p.val)) < strong && pulseArea(y, p) < least {
			continue
		}
		if n := len(out); n > 0 && (out[n-1].val > 0) == (p.val > 0) {
			if math.Abs(float64(p.val)) > math.Abs(float64(out[n-1].val)) {
				out[n-1] = p
			}
			continue
		}
		out = append(out, p)
	}
	return out
}

// pulseArea is the height of the pulse at p in y times its width at half
// that height, in samples.
func pulseArea(y []float32, p peak) float64 {
	s := float32(1)
	if p.val < 0 {
		s = -1
	}
	half := s * p.val / 2
	l, r := p.idx, p.idx
	for l > 0 && s*y[l-1] > half {
		l--
	}
	for r < len(y)-1 && s*y[r+1] > half {
		r++
	}
	return float64(s*p.val) * float64(r-l+1)
}

// refine places the peak between samples: the middle of a flat top (a
// clipped or heavily smoothed pulse), else the vertex of the parabola through
// the peak sample and its neighbours.
func refine(y []float32, p peak) peak {
	i := p.idx
	j := i
	for j+1 < len(y) && y[j+1] == y[i] {
		j++
	}
	if j > i {
		p.pos = float64(i+j) / 2
		return p
	}
	p.pos = float64(i)
	if i == 0 || i == len(y)-1 {
		return p
	}
	l, c, r := float64(y[i-1]), float64(y[i]), float64(y[i+1])
	if den := l - 2*c + r; den != 0 {
		p.pos += max(-0.5, min(0.5, 0.5*(l-r)/den))
	}
	return p
}

// Bounds of the local level findPeaks follows.
const (
	localReach = 3 // pulse intervals either side over which the local level is the largest pulse
	localNoise = 4 // the threshold stays this many times the noise's RMS above it
)

// localLevel returns, for each sample of y, the largest |y| within
// localReach times the median interval of peaks (found with the running
// height alone) either side: the height of the pulses nearby, which a
// swipe's slow start or a worn stretch holds low. Nil with too few peaks.
func localLevel(y []float32, peaks []peak) []float32 {
	if len(peaks) < minAveraged {
		return nil
	}
	d := make([]float64, len(peaks)-1)
	for i := range d {
		d[i] = peaks[i+1].pos - peaks[i].pos
	}
	r := max(1, int(localReach*quantile(d, 0.5)))
	// The largest over a sliding window, from block maxima: blocks of r
	// samples, and the window a block and the two beside it.
	nb := (len(y) + r - 1) / r
	top := make([]float32, nb)
	for i, v := range y {
		top[i/r] = max(top[i/r], max(v, -v))
	}
	out := make([]float32, len(y))
	for i := range y {
		b := i / r
		out[i] = max(top[b], top[max(0, b-1)], top[min(nb-1, b+1)])
	}
	return out
}

// pulseWidth returns the median full width at half maximum, in samples, of
// the largest pulse in each block, so that the smoothing can match it.
func pulseWidth(x []float32) float64 {
	var widths []float64
	level := blockLevel(x, 0.9)
	forBlocks(len(x), func(lo, hi int) {
		i := lo
		for k := lo; k < hi; k++ {
			if math.Abs(float64(x[k])) > math.Abs(float64(x[i])) {
				i = k
			}
		}
		top := math.Abs(float64(x[i]))
		if top < level/2 {
			return // a quiet block: no pulse to measure
		}
		half := top / 2
		sign := x[i] > 0
		above := func(k int) float64 { // how far x[k] rises above half, on the pulse's side
			v := float64(x[k])
			if !sign {
				v = -v
			}
			return v - half
		}
		l := i
		for l > 0 && above(l-1) > 0 {
			l--
		}
		r := i
		for r < len(x)-1 && above(r+1) > 0 {
			r++
		}
		w := float64(r - l)
		if l > 0 {
			w += above(l) / (above(l) - above(l-1))
		}
		if r < len(x)-1 {
			w += above(r) / (above(r) - above(r+1))
		}
		widths = append(widths, w)
	})
	if len(widths) == 0 {
		return 0
	}
	return quantile(widths, 0.5)
}

// blockLevel returns the q-quantile of the largest |x| in each block: with
// q = 0.9 the typical pulse height even when most blocks are quiet margins
// around a short swipe, while two or three clicks do not move it.
func blockLevel(x []float32, q float64) float64 {
	var tops []float64
	forBlocks(len(x), func(lo, hi int) {
		top := 0.0
		for _, v := range x[lo:hi] {
			top = max(top, math.Abs(float64(v)))
		}
		tops = append(tops, top)
	})
	if len(tops) == 0 {
		return 0
	}
	return quantile(tops, q)
}

// forBlocks calls f for levelBlocks near-equal blocks [lo, hi) of n samples
// (fewer when n is small).
func forBlocks(n int, f func(lo, hi int)) {
	nb := min(levelBlocks, n)
	for b := range nb {
		f(b*n/nb, (b+1)*n/nb)
	}
}

// smooth returns the centred moving average of x over 2h+1 samples; near the
// ends it averages the samples there are.
func smooth(x []float32, h int) []float32 {
	sum := make([]float64, len(x)+1)
	for i, v := range x {
		sum[i+1] = sum[i] + float64(v)
	}
	y := make([]float32, len(x))
	for i := range x {
		lo, hi := max(0, i-h), min(len(x), i+h+1)
		y[i] = float32((sum[hi] - sum[lo]) / float64(hi-lo))
	}
	return y
}

// clipped reports pulses flattened at the recording's extreme: at least two
// runs of three or more identical samples at the largest positive or negative
// value, when that value is at least half of full scale. Unclipped pulses,
// even heavily oversampled ones, do not repeat a sample value exactly.
func clipped(x []float32) bool {
	if len(x) == 0 {
		return false
	}
	hi, lo := slices.Max(x), slices.Min(x)
	runs := 0
	for _, level := range []float32{hi, lo} {
		if math.Abs(float64(level)) < 0.5 {
			continue
		}
		n := 0
		for _, v := range x {
			if v != level {
				n = 0
				continue
			}
			if n++; n == 3 {
				runs++
			}
		}
	}
	return runs >= 2
}

// quantile returns the q-quantile (0..1) of v, reordering v.
func quantile(v []float64, q float64) float64 {
	slices.Sort(v)
	return v[int(q*float64(len(v)-1)+0.5)]
}

// measure records the pulses in q: their positions in the recording, and,
// over the pulse train, the polarity of its first pulse, the median height in
// the DC-free signal x and the SNR. q.NoiseFloor must be set.
func measure(q *Quality, x []float32, peaks []peak, start int) {
	if len(peaks) == 0 {
		q.SNRdB = snr(x, q.NoiseFloor)
		return
	}
	first, last := train(peaks)
	q.Polarity = 1
	if peaks[first].val < 0 {
		q.Polarity = -1
	}
	heights := make([]float64, 0, last-first+1)
	for _, p := range peaks[first : last+1] {
		heights = append(heights, math.Abs(float64(x[p.idx])))
	}
	q.Peak = quantile(heights, 0.5)
	q.SNRdB = snr(x[peaks[first].idx:peaks[last].idx+1], q.NoiseFloor)
	for _, p := range peaks[:min(len(peaks), MaxPeaks)] {
		q.Peaks = append(q.Peaks, start+p.idx)
	}
}

// trainRun is how many like intervals in a row mark the pulse train.
const trainRun = 4

// train returns the first and last peak of the pulse train: the ends of the
// first and last runs of trainRun intervals within seedTolerance of each
// other (the clocking zeros), leaving out noise peaks around the swipe.
// Without such runs it returns the first and last peak.
func train(peaks []peak) (first, last int) {
	like := func(k, step int) bool { // intervals k, k+step, … agree
		d0 := peaks[k+1].pos - peaks[k].pos
		for j := 1; j < trainRun; j++ {
			i := k + j*step
			if d := peaks[i+1].pos - peaks[i].pos; math.Abs(d/d0-1) > seedTolerance {
				return false
			}
		}
		return true
	}
	n := len(peaks) - 1 // intervals
	first, last = 0, n
	for k := 0; k+trainRun <= n; k++ {
		if like(k, 1) {
			first = k
			break
		}
	}
	for k := n - 1; k-trainRun+1 >= first; k-- {
		if like(k, -1) {
			last = k + 1
			break
		}
	}
	return first, last
}

// snr returns the ratio in dB of the signal power in x (its power less the
// noise power) to the noise power, within [−20, maxSNR].
func snr(x []float32, noise float64) float64 {
	if len(x) == 0 {
		return 0
	}
	p := 0.0
	for _, v := range x {
		p += float64(v) * float64(v)
	}
	p /= float64(len(x))
	n := noise * noise
	if n == 0 {
		if p == 0 {
			return 0
		}
		return maxSNR
	}
	return min(maxSNR, 10*math.Log10(max(p-n, n/100)/n))
}
