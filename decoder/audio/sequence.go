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
// the best path ending in each sign (a two-state Viterbi search; framed as
// characters, in each sign and place in a character), each with its own
// bit clock and running pulse height (per-survivor processing), and scores
// a path by the filtered signal at its pulses, signs included.

// Constants of the sequence detector; windows are fractions of the bit
// period, costs of the running pulse height.
const (
	edgeWindow  = 0.15 // the closing pulse is sought this far either side of one period on
	midWindow   = 0.15 // a 1's middle pulse, this far either side of mid-cell
	pulseCost   = 0.4  // what a pulse costs: noise at the top of a window must not pass for one
	heightTrack = 0.2  // weight of each cell in the running pulse height, so a worn region reads
	beam        = 4.0  // a path this many pulse heights behind the best is dropped
	weakPulse   = 0.15 // a closing pulse below this part of the running height failed (a worn region drops to a quarter)
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
	weak            bool    // the closing pulse was too low for its place: a failed bit
	missing         bool    // no closing pulse at all: the signal where it belongs has the wrong sign or none
}

// survivor is the best path so far that ends on a pulse of a given sign.
type survivor struct {
	ok     bool
	metric float64
	b, p   float64 // where the bit clock puts its last reversal, and the bit period
	at     float64 // where that reversal was found
	dp     float64 // the period's drift per cell, so that a change of speed is followed without lag
	sign   float32 // of the pulse at b
	height float64 // running pulse height
	back   int     // its last cell in the detector's list, −1 at the seed
}

// maxNodes bounds the nodes detect sets room for at the start: a track
// 3 read framed as 5-bit characters, at most, without growing.
const maxNodes = 1 << 16

// framing holds the detector's path to whole characters of its width in
// bits, each of odd parity, with clocking zeros before and after: a path
// that breaks parity is not searched at all, so one bit read wrong in a
// character gives way to the best reading that checks out (the character
// set's parity used as a code, not only a test). Zero is no framing.
type framing int

// Phases of a framed path: before the track, between two characters, after
// the track, and k bits into a character with parity par (3 + 2(k−1) + par).
const (
	beforeTrack = iota
	betweenChars
	afterTrack
	inChar
)

// phases is the number of phases a path can be in.
func (f framing) phases() int {
	if f == 0 {
		return 1
	}
	return inChar + 2*(int(f)-1)
}

// next appends to to the phases a path in phase ph can be in after reading
// bit b.
func (f framing) next(to []int, ph int, b byte) []int {
	char := func(k int, par byte) int { return inChar + 2*(k-1) + int(par) }
	switch {
	case f == 0:
		return append(to, 0)
	case ph == beforeTrack:
		// The first 1 opens the start sentinel. Read from its end, a
		// track opens with the LRC's parity bit, which may be 0: the
		// detector's pass from the swipe's other end reads it.
		if b == 0 {
			return append(to, beforeTrack)
		}
		return append(to, char(1, 1))
	case ph == betweenChars:
		if b == 0 {
			to = append(to, afterTrack)
		}
		return append(to, char(1, b))
	case ph == afterTrack:
		if b == 0 {
			to = append(to, afterTrack)
		}
		return to
	}
	k, par := (ph-inChar)/2+1, byte(ph-inChar)%2^b
	if k+1 < int(f) {
		return append(to, char(k+1, par))
	}
	if par == 1 {
		to = append(to, betweenChars)
	}
	return to
}

// loop is how the detector's bit clock follows the reversals it finds:
// the weight of each in the clock's phase, its period and the period's
// drift. Noise moves the reversals, so the weights are low.
type loop struct{ phase, period, drift float64 }

// loops are the clocks the detector tries, in order: one for a steady
// swipe, and one that also follows a change of speed without lag (a
// stuttering hand), whose drift term costs a little in noise.
var loops = []loop{{0.5, 0.15, 0}, {0.5, 0.15, 0.02}}

// start is where the detector starts: a pulse at b of sign sign and
// height height, with bit period p.
type start struct {
	b, p   float64
	sign   float32
	height float64
}

// detect follows the swipe in y from st to the end of y, along paths
// framed by f, and returns the cells of the best path with the noise at
// either end left out.
func detect(y []float32, st start, f framing, l loop) []cell {
	// A node is one cell of some path, kept small: there are two for
	// every state and cell, and a cell opens where the one before closed.
	type node struct {
		end, mid      float64
		height        float32
		prev          int32
		bit           byte
		weak, missing bool
	}
	if len(y) < 3 {
		return nil
	}
	b0 := max(0, min(st.b, float64(len(y)-1)))
	// At most a node for each state and bit at every cell, a swipe
	// speeding up by less than half; room for a long track at most, as
	// a stretch of noise may be long and read at the shortest period.
	nodes := make([]node, 0, min(maxNodes, 4*f.phases()*(int(1.5*float64(len(y))/max(minPeriod, st.p))+1)))
	// A state is a phase and the sign of the path's last pulse.
	state := func(ph int, s float32) int {
		if s > 0 {
			return 2 * ph
		}
		return 2*ph + 1
	}
	sv := make([]survivor, 2*f.phases())
	next := make([]survivor, len(sv))
	sv[state(beforeTrack, st.sign)] = survivor{ok: true, b: b0, at: b0, p: st.p, sign: st.sign, height: st.height, back: -1}
	var to []int
	// Paths end where their next window passes the end of y, not all
	// after the same number of cells: the best is kept as each ends.
	var best survivor
	for {
		clear(next)
		alive := false
		for i, cur := range sv {
			if !cur.ok {
				continue
			}
			if cur.b+(1+edgeWindow)*cur.p >= float64(len(y)-1) {
				if !best.ok || cur.metric > best.metric {
					best = cur
				}
				continue
			}
			cost := pulseCost * cur.height
			for bit := range byte(2) {
				to = f.next(to[:0], i/2, bit)
				if len(to) == 0 {
					continue
				}
				s := -cur.sign
				if bit == 1 {
					s = cur.sign
				}
				e, ve := search(y, cur.b+cur.p, edgeWindow*cur.p, s)
				c := cell{start: cur.at, end: e, bit: bit, height: ve, weak: ve < weakPulse*cur.height, missing: ve <= 0}
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
				back := -1
				for _, ph := range to {
					j := state(ph, s)
					if next[j].ok && next[j].metric >= metric {
						continue
					}
					if back < 0 {
						nodes = append(nodes, node{c.end, c.mid, float32(c.height), int32(cur.back), c.bit, c.weak, c.missing})
						back = len(nodes) - 1
					}
					miss := e - cur.b - cur.p
					next[j] = survivor{
						ok: true, metric: metric, sign: s, back: back,
						b:      cur.b + cur.p + l.phase*miss,
						at:     e,
						p:      max(minPeriod, cur.p+cur.dp+l.period*miss),
						dp:     cur.dp + l.drift*miss,
						height: max(0, cur.height+heightTrack*(ve-cur.height)),
					}
					alive = true
				}
			}
		}
		if !alive {
			break
		}
		// Paths far behind the best do not come back: dropping them keeps
		// a framed search, many states wide, to a few live ones.
		top := math.Inf(-1)
		for _, v := range next {
			if v.ok {
				top = max(top, v.metric)
			}
		}
		for j, v := range next {
			if v.ok && v.metric < top-beam*v.height {
				next[j].ok = false
			}
		}
		sv, next = next, sv
	}
	var cells []cell
	for k := best.back; k >= 0; k = int(nodes[k].prev) {
		n := nodes[k]
		cells = append(cells, cell{end: n.end, mid: n.mid, bit: n.bit, height: float64(n.height), weak: n.weak, missing: n.missing})
	}
	slices.Reverse(cells)
	for i := range cells {
		cells[i].start = b0
		if i > 0 {
			cells[i].start = cells[i-1].end
		}
	}
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
// signal, for the pulse heights. It tries each of loops in turn; when no
// path reads cleanly, it searches again among paths framed as characters
// of odd parity, of the width of the track the free path read.
func decodeSequence(x, y []float32, peaks []peak) attempt {
	if len(peaks) < seedIntervals+2 {
		return attempt{err: iso7811.ErrNoData}
	}
	first, last := train(peaks)
	fst := seed(y, peaks, first)
	n := float64(len(y) - 1)
	r := slices.Clone(y)
	slices.Reverse(r)
	rp := make([]peak, len(peaks))
	for i, p := range peaks {
		rp[len(peaks)-1-i] = peak{pos: n - p.pos, idx: len(y) - 1 - p.idx, val: p.val}
	}
	bst := seed(r, rp, len(peaks)-1-last)
	run := func(f framing, l loop) attempt {
		fwd := sequenceAttempt(x, detect(y, fst, f, l), false)
		cells := detect(r, bst, f, l)
		slices.Reverse(cells)
		for i, c := range cells {
			c.start, c.end = n-c.end, n-c.start
			if c.bit == 1 {
				c.mid = n - c.mid
			}
			cells[i] = c
		}
		a, bwd := fwd, sequenceAttempt(x, cells, true)
		if bwd.better(fwd) {
			a = bwd
		}
		if !a.clean() {
			// Each read may have slipped a cell, at different places: the
			// first read before the place where both agree, the second after.
			for _, sp := range splices(fwd.seq, bwd.seq) {
				if s := sequenceAttempt(x, sp, false); s.better(a) {
					a = s
				}
				if a.clean() {
					break
				}
			}
		}
		// Read from either end to two clean texts, the swipe has two
		// readings and neither can be trusted.
		a.rival = a.clean() && (ambiguous(y, a) || fwd.clean() && bwd.clean() && fwd.res.Text != bwd.res.Text)
		return a
	}
	var best attempt
	var free []attempt
	for _, l := range loops {
		a := run(0, l)
		if a.clean() {
			return a
		}
		free = append(free, a)
		if a.better(best) {
			best = a
		}
		if a.res == nil {
			// No start sentinel anywhere: noise, which no clock reads.
			break
		}
	}
	for i, a := range free {
		l := loops[i]
		// Framing corrects a few bits that parity or the LRC caught; a
		// read with none caught, more than it may correct, or no track
		// at all is left as it is.
		if a.res == nil || len(a.res.Errors) == 0 || len(a.res.Errors) > maxCorrections {
			continue
		}
		w := framing(a.res.Format.CharBits())
		if framed := run(w, l); framed.clean() && corrections(a.seq, framed.seq) <= maxCorrections {
			return framed
		}
	}
	return best
}

// spliceRun is the fewest cells in a row the reads from either end must
// agree on to be joined there.
const spliceRun = 12

// maxJoins is the most places two reads may be joined at: each slipped
// once, and they may also agree for a while between one slip and the next.
const maxJoins = 4

// splices joins f, the detector's read from the swipe's start, and b, its
// read from the end, in the middle of each run of at least spliceRun
// cells both read alike in the same places. A read that slipped a cell
// disagrees with the other only about the slip: each join takes f up to
// one such run and b after it, and the join between the slips of the two
// reads takes neither.
func splices(f, b []cell) [][]cell {
	type at struct{ i, j int } // the middle of a run, in f and in b
	var joins []at
	join := func(i, j, run int) {
		if run >= spliceRun {
			joins = append(joins, at{i - run/2, j - run/2})
		}
	}
	run, last := 0, -2
	for i, j := range alike(f, b) {
		if j < 0 || j != last+1 && run > 0 {
			join(i, last+1, run)
			run = 0
		}
		if j >= 0 {
			run, last = run+1, j
		}
	}
	join(len(f), last+1, run)
	// Reads that disagree in many places did not each slip once: in
	// noise they would give a join for every stretch they agree on.
	if len(joins) > maxJoins {
		return nil
	}
	out := make([][]cell, len(joins))
	for k, p := range joins {
		out[k] = append(slices.Clone(f[:p.i]), b[p.j:]...)
	}
	return out
}

// maxCorrections is the most bits a framed read may read otherwise than
// the free one: more, and the framing is guessing rather than correcting,
// and the LRC alone (one chance in 16 or 64 to pass) would then let a
// wrong track through.
const maxCorrections = 4

// corrections counts the bits of b that a reads otherwise, or not at all.
func corrections(a, b []cell) int {
	n := 0
	for _, j := range alike(b, a) {
		if j < 0 {
			n++
		}
	}
	return n
}

// alike returns, for each cell of a, the index of the cell of b that
// starts within a third of its period and reads the same bit, or −1.
func alike(a, b []cell) []int {
	out := make([]int, len(a))
	j := 0
	for i, c := range a {
		tol := (c.end - c.start) / 3
		for j < len(b) && b[j].start < c.start-tol {
			j++
		}
		out[i] = -1
		if j < len(b) && b[j].start <= c.start+tol && b[j].bit == c.bit {
			out[i] = j
		}
	}
	return out
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
func seed(y []float32, peaks []peak, k int) start {
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
	return start{bb, bp, sign, math.Abs(float64(y[i]))}
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
		// One pulse lost in the noise is the noise; two in a row are a
		// gap in the stripe's signal.
		if c.missing && (i > 0 && cells[i-1].missing || i+1 < len(cells) && cells[i+1].missing) {
			a.missing = append(a.missing, i)
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

// Bounds of the check for a rival reading.
const (
	closeSwap  = 5.0 // flips that cost less than this many times the noise are a reading it allows
	localCells = 8   // cells each side whose median pulse height a flip's cost is counted in
)

// ambiguous reports whether the detector's clean read a has a rival: a
// reading that noise allows about as well and that also decodes cleanly,
// to another text. In noise the likeliest errors that parity does not see
// flip two bits side by side (a pulse moved by half a cell, or two pulses
// more or fewer), and two such in the same columns pass the LRC too. A read
// with a rival is near the limit and is not given as clean: a wrong track
// is worse than none.
func ambiguous(y []float32, a attempt) bool {
	cells := a.seq
	if len(cells) < 2 || a.res == nil {
		return false
	}
	at := func(pos float64) float64 {
		return float64(y[max(0, min(len(y)-1, int(math.Round(pos))))])
	}
	h := make([]float64, len(cells))
	for i, c := range cells {
		h[i] = c.height
	}
	// A flip's cost is counted in the noise, where a rival's chance
	// lies: a worn stretch read cleanly out of little noise is not
	// doubted for its low pulses, and one read out of as much noise as
	// signal is. The noise is the signal in the middle of the 0 cells,
	// where no pulse is (the median of its size, as a standard deviation).
	var quiet []float64
	for _, c := range cells {
		if c.bit == 0 {
			quiet = append(quiet, math.Abs(at((c.start+c.end)/2)))
		}
	}
	if len(quiet) == 0 {
		return false
	}
	noise := quantile(quiet, 0.5) / 0.6745
	if !(noise > 0) {
		return false
	}
	// The cost of a pulse, as the detector counts it, is in the pulse
	// height about the pair.
	local := func(i int) float64 {
		return quantile(slices.Clone(h[max(0, i-localCells):min(len(h), i+localCells+1)]), 0.5)
	}
	// The sign of each cell's opening pulse, from the first's: the one
	// that best fits the closing pulses of the whole path, as one sample
	// in noise may have the wrong sign.
	s, vote := float64(1), 0.0
	for _, c := range cells {
		if c.bit == 0 {
			s = -s
		}
		vote += s * at(c.end)
	}
	s = 1
	if vote < 0 {
		s = -1
	}
	type swap struct {
		i    int
		cost float64
	}
	// fit is how well bits b1 b2 fit the two cells from c.start, whose
	// opening pulse has sign s, to d.end, its closing pulses sought where
	// the detector put them and the middle ones about mid-cell.
	fit := func(c, d cell, s float64, b1, b2 byte, cost float64) float64 {
		v := 0.0
		for k, b := range []byte{b1, b2} {
			cc := []cell{c, d}[k]
			p := cc.end - cc.start
			if b == 1 {
				s = -s
				_, m := search(y, (cc.start+cc.end)/2, midWindow*p, float32(s))
				v += m - cost
			}
			s = -s
			_, e := search(y, cc.end, edgeWindow*p/2, float32(s))
			v += e - cost
		}
		return v
	}
	var swaps []swap
	for i := 0; i+1 < len(cells); i++ {
		c, d := cells[i], cells[i+1]
		// Flipping both bits keeps the pulses' count even, so the cells
		// after them keep their signs: the likeliest errors parity passes
		// (10 read as 01, a pulse moved by half a cell; 00 as 11).
		if height := local(i); height > 0 {
			cost := pulseCost * height
			dc := (fit(c, d, s, c.bit, d.bit, cost) - fit(c, d, s, 1-c.bit, 1-d.bit, cost)) / noise
			if dc < closeSwap {
				swaps = append(swaps, swap{i, dc})
			}
		}
		if c.bit == 0 {
			s = -s
		}
	}
	bits := slices.Clone(a.bits)
	rival := func(idx ...int) bool {
		flip := func() {
			for _, i := range idx {
				bits[i], bits[i+1] = 1-bits[i], 1-bits[i+1]
			}
		}
		flip()
		defer flip()
		// Read as the detector's own reads are judged: a text that
		// leaves the rest of the stripe's bits unexplained is none.
		res, err := iso7811.Decode(bits)
		return err == nil && len(res.Errors) == 0 && res.Text != a.res.Text && plausible(res, bits, nil, 0)
	}
	// Two flips pass the LRC only in the same columns: a whole number of
	// characters apart.
	w := a.res.Format.CharBits()
	for j, x := range swaps {
		if rival(x.i) {
			return true
		}
		for _, z := range swaps[j+1:] {
			if d := z.i - x.i; x.cost+z.cost < closeSwap && d%w == 0 && rival(x.i, z.i) {
				return true
			}
		}
	}
	return false
}

// firstSign returns the sign of the first pulse of the track whose first
// cell the detector read as c: c's opening pulse, or a clocking zero's
// before it that the trimmed path left out (the head entering the stripe
// reads it lower), stepping back while a pulse of a third of c's height
// or more stands one period earlier with the opposite sign. c's height is
// the larger of its two pulses': the first pulse of a track has no
// neighbour before it to add to it, and may read low.
func firstSign(y []float32, c cell) int {
	pos, p := c.start, c.end-c.start
	i := max(0, min(len(y)-1, int(math.Round(pos))))
	s, h := float32(1), max(math.Abs(float64(y[i])), math.Abs(c.height))
	if y[i] < 0 {
		s = -1
	}
	for range strongRun {
		e, v := search(y, pos-p, edgeWindow*p, -s)
		if pos-p < 0 || v < h/3 {
			break
		}
		pos, s = e, -s
	}
	return int(s)
}
