package audio

import (
	"cmp"
	"math"
	"slices"

	"magcheck/decoder/iso7811"
)

// The sequence detector reads bits straight from the filtered signal rather
// than from picked peaks, for swipes near the noise limit. F2F pulses
// alternate in sign, so a cell's closing pulse has the opposite sign of its
// opening one after a 0 and the same sign after a 1: the signal at the end
// of every cell tells the two bits apart by the full height of a pulse
// twice over, which a threshold on single peaks wastes. The detector keeps
// the best path ending in each sign (a two-state Viterbi search), each with
// its own bit clock and running pulse height (per-survivor processing), and
// scores a path by the filtered signal at its pulses, signs included.

// Constants of the sequence detector; windows are fractions of the bit
// period, costs of the running pulse height.
const (
	edgeWindow  = 0.15 // the closing pulse is sought this far either side of one period on
	midWindow   = 0.15 // a 1's middle pulse, this far either side of mid-cell
	pulseCost   = 0.4  // what a pulse costs: noise at the top of a window must not pass for one
	periodTrack = 0.15 // weight of each cell in the bit period: low, as noise moves the pulses
	heightTrack = 0.2  // weight of each cell in the running pulse height, so a worn region reads
	weakPulse   = 0.15 // a closing pulse below this part of the running height is missing (a worn region drops to a quarter)
	strongRun   = 3    // cells in a row, half the median height or more, where the track starts and ends
	minPeriod   = 4    // samples: a shorter bit period cannot be read, and would stall the search
)

// cell is one bit cell on the detected path: its reversals as positions in
// the swipe (mid is 0 for a 0), its bit, and the height of its opening pulse
// in the DC-free signal. These are what a Swipe's per-bit timing needs.
type cell struct {
	start, mid, end float64
	bit             byte
	amp             float64
	height          float64 // of the closing pulse in the filtered signal, signed to fit
	weak            bool    // the closing pulse was too low to be there
}

// survivor is the best path so far that ends on a pulse of a given sign.
type survivor struct {
	ok     bool
	metric float64
	b, p   float64 // its last reversal and bit period
	sign   float32 // of the pulse at b
	height float64 // running pulse height
	back   int     // its last cell in the detector's list, −1 at the seed
}

// detect follows the swipe in y from a pulse of sign s0 at b0, with bit
// period p0 and pulse height h0, to the end of y, and returns the cells of
// the best path with the noise at either end left out.
func detect(y []float32, b0, p0 float64, s0 float32, h0 float64) []cell {
	type node struct {
		c    cell
		prev int
	}
	if len(y) < 3 {
		return nil
	}
	b0 = max(0, min(b0, float64(len(y)-1)))
	var nodes []node
	state := func(s float32) int {
		if s > 0 {
			return 0
		}
		return 1
	}
	var sv [2]survivor
	sv[state(s0)] = survivor{ok: true, b: b0, p: p0, sign: s0, height: h0, back: -1}
	for {
		var next [2]survivor
		for _, cur := range sv {
			if !cur.ok || cur.b+(1+edgeWindow)*cur.p >= float64(len(y)-1) {
				continue
			}
			cost := pulseCost * cur.height
			for bit := range byte(2) {
				s := -cur.sign
				if bit == 1 {
					s = cur.sign
				}
				e, ve := search(y, cur.b+cur.p, edgeWindow*cur.p, s)
				c := cell{start: cur.b, end: e, bit: bit, height: ve, weak: ve < weakPulse*cur.height}
				metric := cur.metric + ve - cost
				if bit == 1 {
					var vm float64
					c.mid, vm = search(y, (cur.b+e)/2, midWindow*cur.p, -cur.sign)
					if rising(y, c.mid, -cur.sign) {
						// The slope of a pulse beyond the window, not a
						// pulse: a strong neighbour's tail next to a worn
						// region looks like a weak middle pulse.
						vm = min(vm, 0)
					}
					metric += vm - cost
				}
				j := state(s)
				if next[j].ok && next[j].metric >= metric {
					continue
				}
				nodes = append(nodes, node{c, cur.back})
				next[j] = survivor{
					ok: true, metric: metric, b: e, sign: s, back: len(nodes) - 1,
					p:      max(minPeriod, cur.p+periodTrack*(e-cur.b-cur.p)),
					height: max(0, cur.height+heightTrack*(ve-cur.height)),
				}
			}
		}
		if !next[0].ok && !next[1].ok {
			break
		}
		sv = next
	}
	best := sv[0]
	if !best.ok || sv[1].ok && sv[1].metric > best.metric {
		best = sv[1]
	}
	var cells []cell
	for k := best.back; k >= 0; k = nodes[k].prev {
		cells = append(cells, nodes[k].c)
	}
	slices.Reverse(cells)
	return trim(cells)
}

// trim cuts the path to the track: from the first to the last run of
// strongRun cells whose closing pulses reach half the median height. Past
// the ends of the swipe the detector still finds its best guess in the
// noise, and those bits are random.
func trim(cells []cell) []cell {
	if len(cells) < strongRun {
		return nil
	}
	h := make([]float64, len(cells))
	for i, c := range cells {
		h[i] = c.height
	}
	floor := quantile(slices.Clone(h), 0.5) / 2
	strong := func(i int) bool {
		for _, v := range h[i : i+strongRun] {
			if v < floor {
				return false
			}
		}
		return true
	}
	lo, hi := -1, -1
	for i := 0; i+strongRun <= len(h); i++ {
		if strong(i) {
			lo = i
			break
		}
	}
	if lo < 0 {
		return nil
	}
	for i := len(h) - strongRun; i >= lo; i-- {
		if strong(i) {
			hi = i + strongRun
			break
		}
	}
	return cells[lo:hi]
}

// search returns the position, refined between samples, and the value of
// the largest s·y within half of centre.
func search(y []float32, centre, half float64, s float32) (float64, float64) {
	lo := max(0, int(math.Ceil(centre-half)))
	hi := min(len(y)-1, int(math.Floor(centre+half)))
	if lo > hi {
		lo = max(0, min(len(y)-1, int(math.Round(centre))))
		hi = lo
	}
	i := lo
	for k := lo + 1; k <= hi; k++ {
		if s*y[k] > s*y[i] {
			i = k
		}
	}
	pos := float64(i)
	if i > 0 && i < len(y)-1 {
		l, c, r := float64(s*y[i-1]), float64(s*y[i]), float64(s*y[i+1])
		if den := l - 2*c + r; den < 0 {
			pos += max(-0.5, min(0.5, 0.5*(l-r)/den))
		}
	}
	return pos, float64(s * y[i])
}

// rising reports whether s·y still rises past the sample nearest pos: pos
// is then on the slope of a pulse, not at its top.
func rising(y []float32, pos float64, s float32) bool {
	i := int(math.Round(pos))
	if i <= 0 || i >= len(y)-1 {
		return false
	}
	return s*y[i-1] > s*y[i] || s*y[i+1] > s*y[i]
}

// decodeSequence runs the sequence detector over the filtered signal y,
// seeded at the clocking zeros that open the pulse train and, separately,
// at those that close it, and returns the better decode. x is the DC-free
// signal, for the pulse heights.
func decodeSequence(x, y []float32, peaks []peak) attempt {
	if len(peaks) < seedIntervals+2 {
		return attempt{err: iso7811.ErrNoData}
	}
	first, last := train(peaks)
	b, p, s, h := seed(y, peaks, first)
	fwd := sequenceAttempt(x, detect(y, b, p, s, h), false)

	n := float64(len(y) - 1)
	r := slices.Clone(y)
	slices.Reverse(r)
	rp := make([]peak, len(peaks))
	for i, p := range peaks {
		rp[len(peaks)-1-i] = peak{pos: n - p.pos, idx: len(y) - 1 - p.idx, val: p.val}
	}
	b, p, s, h = seed(r, rp, len(peaks)-1-last)
	cells := detect(r, b, p, s, h)
	slices.Reverse(cells)
	for i, c := range cells {
		c.start, c.end = n-c.end, n-c.start
		if c.bit == 1 {
			c.mid = n - c.mid
		}
		cells[i] = c
	}
	if bwd := sequenceAttempt(x, cells, true); bwd.better(fwd) {
		return bwd
	}
	return fwd
}

// Bounds of the seed's search, around the median of the first intervals.
const (
	combCells  = 12  // clocking zeros the comb spans
	combStarts = 6   // peaks after the train's start tried as its first pulse, with all before
	combLow    = 0.6 // shortest period tried, times the median interval
	combHigh   = 2.4 // longest
	combStep   = 0.01
	combGood   = 0.7 // of the best fit, for the earliest fit to be taken
	// peaks tried as the first, at most: the clocking zeros are among the
	// first, and the search costs combCells × 180 per start
	maxCombStarts = 48
)

// seed returns where the detector starts: a pulse near peaks[k], the bit
// period, the pulse's sign and height. In noise the intervals between
// peaks are no measure of the clock (a noise peak halves one), so the
// start and the period are those of the comb that best fits combCells
// clocking zeros, whose pulses alternate in sign a period apart.
func seed(y []float32, peaks []peak, k int) (float64, float64, float32, float64) {
	k = max(0, min(k, len(peaks)-seedIntervals-1))
	d := make([]float64, seedIntervals)
	for i := range d {
		d[i] = peaks[k+i+1].pos - peaks[k+i].pos
	}
	m := max(quantile(d, 0.5), minPeriod)
	type fit struct{ score, b, p float64 }
	var fits []fit
	for _, pk := range peaks[:min(len(peaks), k+combStarts, maxCombStarts)] {
		s := 1.0
		if pk.val < 0 {
			s = -1
		}
		f := fit{math.Inf(-1), pk.pos, m}
		for r := combLow; r <= combHigh; r += combStep {
			p := max(minPeriod, r*m)
			score := 0.0
			for c := range combCells {
				i := int(math.Round(pk.pos + float64(c)*p))
				if i >= len(y) {
					score = math.Inf(-1)
					break
				}
				if c%2 == 0 {
					score += s * float64(y[i])
				} else {
					score -= s * float64(y[i])
				}
			}
			if score > f.score {
				f = fit{score, pk.pos, p}
			}
		}
		fits = append(fits, f)
	}
	// The earliest good fit: a run of 1s, later, fits as well at half
	// the period.
	top := slices.MaxFunc(fits, func(a, b fit) int { return cmp.Compare(a.score, b.score) })
	bb, bp := top.b, top.p
	for _, f := range fits {
		if f.score >= combGood*top.score {
			bb, bp = f.b, f.p
			break
		}
	}
	i := max(0, min(len(y)-1, int(math.Round(bb))))
	sign := float32(1)
	if y[i] < 0 {
		sign = -1
	}
	return bb, bp, sign, math.Abs(float64(y[i]))
}

// sequenceAttempt decodes the bits of cells. The clock was seeded on
// clocking zeros if the first bits read, or with fromEnd the last, are 0s.
func sequenceAttempt(x []float32, cells []cell, fromEnd bool) attempt {
	a := attempt{seq: cells}
	if len(cells) >= seedIntervals {
		zeros := cells[:seedIntervals]
		if fromEnd {
			zeros = cells[len(cells)-seedIntervals:]
		}
		a.clocked = !slices.ContainsFunc(zeros, func(c cell) bool { return c.bit != 0 })
	}
	for i, c := range cells {
		a.bits = append(a.bits, c.bit)
		a.periods = append(a.periods, c.end-c.start)
		if c.weak {
			a.failed = append(a.failed, i)
		}
		cells[i].amp = math.Abs(float64(x[max(0, min(len(x)-1, int(math.Round(c.start))))]))
		// The detector measured each opening pulse's height itself:
		// placeCells keeps it, as no detected peak sits exactly there.
		cl := Cell{Start: c.start, End: c.end, Bit: c.bit, Amplitude: cells[i].amp}
		if c.bit != 0 {
			cl.Mid = c.mid
		}
		a.cells = append(a.cells, cl)
	}
	return a.decode()
}
