package audio

import (
	"math"
	"slices"
	"testing"

	"magcheck/decoder/iso7811"
)

// pulseTrain returns an F2F recording of bits, period samples a cell, with
// triangular pulses of height amp that alternate in sign from sign, and the
// positions of the reversals.
func pulseTrain(bits []byte, period, amp float64, sign float32) ([]float32, []float64) {
	var at []float64
	t := 2 * period
	for _, b := range bits {
		at = append(at, t)
		if b == 1 {
			at = append(at, t+period/2)
		}
		t += period
	}
	at = append(at, t)
	y := make([]float32, int(t+2*period))
	for _, p := range at {
		for k := range y {
			if d := math.Abs(float64(k) - p); d < period/4 {
				y[k] += sign * float32(amp*(1-4*d/period))
			}
		}
		sign = -sign
	}
	return y, at
}

// The detector reads every bit of a clean pulse train, with its
// reversals where they are and its opening pulse's height, free or framed
// as characters of five bits (the data's three characters have odd parity).
func TestDetectCells(t *testing.T) {
	zeros := make([]byte, 12)
	data := []byte{1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0}
	bits := append(append(append([]byte{}, zeros...), data...), zeros...)
	for _, tt := range []struct {
		name   string
		period float64
		amp    float64
		sign   float32
		framing
	}{
		{"12 samples a cell", 12, 0.5, 1, 0},
		{"negative first", 12, 0.5, -1, 0},
		{"17 samples a cell, quiet", 17, 0.01, 1, 0},
		{"framed", 12, 0.5, 1, 5},
		{"framed, negative first", 17, 0.01, -1, 5},
	} {
		t.Run(tt.name, func(t *testing.T) {
			y, at := pulseTrain(bits, tt.period, tt.amp, tt.sign)
			cells := detect(y, start{at[0], tt.period, tt.sign, tt.amp}, tt.framing, loops[0])
			if len(cells) != len(bits) {
				t.Fatalf("%d cells, want %d", len(cells), len(bits))
			}
			a := sequenceAttempt(y, cells, false)
			if !a.clocked {
				t.Error("not clocked on the leading zeros")
			}
			k := 0 // index of the cell's opening reversal in at
			for i, c := range cells {
				if c.bit != bits[i] {
					t.Fatalf("bit %d: %d, want %d", i, c.bit, bits[i])
				}
				mid := 0.0
				if c.bit == 1 {
					mid = at[k+1]
				}
				end := at[k+1+int(c.bit)]
				if math.Abs(c.start-at[k]) > 0.5 || math.Abs(c.end-end) > 0.5 || math.Abs(c.mid-mid) > 0.5 {
					t.Errorf("cell %d: %.1f %.1f %.1f, want %.1f %.1f %.1f", i, c.start, c.mid, c.end, at[k], mid, end)
				}
				if math.Abs(c.amp-tt.amp) > tt.amp/10 {
					t.Errorf("cell %d: opening pulse %.3f, want %.3f", i, c.amp, tt.amp)
				}
				k += 1 + int(c.bit)
			}
		})
	}
}

// accepts reports whether some path framed by f reads bits from before
// the track to after it (or between characters).
func accepts(f framing, bits []byte) bool {
	at := map[int]bool{beforeTrack: true}
	var to []int
	for _, b := range bits {
		next := map[int]bool{}
		for ph := range at {
			to = f.next(to[:0], ph, b)
			for _, n := range to {
				next[n] = true
			}
		}
		at = next
	}
	return at[afterTrack] || at[betweenChars] || at[beforeTrack]
}

// A framed path holds every track as encoded, read from its start, and no
// track with a bit of its characters flipped: each keeps odd parity.
func TestFraming(t *testing.T) {
	for _, tt := range []struct {
		text   string
		format iso7811.Format
	}{
		{"%B4111111111111111^DOE/JOHN^2512101?", iso7811.Alpha},
		{";4111111111111111=2512101?", iso7811.Numeric},
		{";0123456789:<=>?", iso7811.Numeric},
	} {
		bits, err := iso7811.Encode(tt.text, tt.format, 12, 12)
		if err != nil {
			t.Fatal(err)
		}
		f := framing(tt.format.CharBits())
		if !accepts(f, bits) {
			t.Errorf("%q: framing %d does not hold the track", tt.text, f)
		}
		if !accepts(0, bits) {
			t.Errorf("%q: no framing refuses the track", tt.text)
		}
		// Sentinels and data: a flip that leaves the LRC all zeros reads
		// as a track without one, which the framing does not judge.
		for i := 12; i < len(bits)-12-int(f); i++ {
			bits[i] ^= 1
			if accepts(f, bits) {
				t.Errorf("%q: framing %d holds the track with bit %d flipped", tt.text, f, i)
			}
			bits[i] ^= 1
		}
	}
	if got := framing(7).phases(); got != 15 {
		t.Errorf("framing 7: %d phases, want 15", got)
	}
}

// corrections counts the bits a framed read gives otherwise than the free
// one, matching cells by where they start.
func TestCorrections(t *testing.T) {
	cells := func(bits string, shift float64) []cell {
		var out []cell
		for i, b := range bits {
			out = append(out, cell{start: shift + float64(10*i), end: shift + float64(10*i+10), bit: byte(b - '0')})
		}
		return out
	}
	for _, tt := range []struct {
		a, b  string
		shift float64
		want  int
	}{
		{"0011010", "0011010", 0, 0},
		{"0011010", "0010110", 0, 2},
		{"0011010", "0011010", 2, 0}, // within a third of a period
		{"0011010", "0011010", 5, 7}, // no cell matched
		{"00110", "0011010", 0, 2},   // two more cells
	} {
		if got := corrections(cells(tt.a, 0), cells(tt.b, tt.shift)); got != tt.want {
			t.Errorf("corrections(%s, %s shifted %g) = %d, want %d", tt.a, tt.b, tt.shift, got, tt.want)
		}
	}
}

// firstSign steps back from the detector's first cell over clocking
// zeros it left out, and no further.
func TestFirstSign(t *testing.T) {
	bits := append(make([]byte, 12), 1, 1, 0, 1, 0)
	y, at := pulseTrain(bits, 12, 0.5, -1)
	// The detector's path began three cells in, on a pulse of sign −1·(−1)³.
	c := cell{start: at[3], end: at[4]}
	if got := firstSign(y, c); got != -1 {
		t.Errorf("firstSign from the fourth cell = %d, want −1 (the first pulse's)", got)
	}
	if got := firstSign(y, cell{start: at[0], end: at[1]}); got != -1 {
		t.Errorf("firstSign from the first cell = %d, want −1", got)
	}
}

// Reads from either end that each slipped a cell, at different places,
// join into the whole track between the two slips.
func TestSplices(t *testing.T) {
	truth := []byte{0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0}
	cells := func(merge int) []cell {
		var out []cell
		for i, b := range truth {
			c := cell{start: float64(10 * i), end: float64(10*i + 10), bit: b}
			if i == merge+1 {
				// The slip: cells merge and merge+1 read as one 0.
				out[len(out)-1].end, out[len(out)-1].bit = c.end, 0
				continue
			}
			out = append(out, c)
		}
		return out
	}
	bits := func(cs []cell) string {
		s := ""
		for _, c := range cs {
			s += string('0' + c.bit)
		}
		return s
	}
	want := bits(cells(-5))
	joins := splices(cells(30), cells(8))
	found := false
	for _, j := range joins {
		found = found || bits(j) == want
		for i := 1; i < len(j); i++ {
			if j[i].start != j[i-1].end {
				t.Fatalf("join %s: cell %d opens at %g, the last closed at %g", bits(j), i, j[i].start, j[i-1].end)
			}
		}
	}
	if !found {
		t.Errorf("no join of %d reads the track %s", len(joins), want)
	}
	// Slipped alike, they agree throughout: one join, the read itself.
	if joins := splices(cells(20), cells(20)); len(joins) != 1 || bits(joins[0]) != bits(cells(20)) {
		t.Errorf("%d joins of reads that slipped alike, want the read", len(joins))
	}
	// Reads that disagree every few cells, as two reads of noise do, are
	// not joined at every stretch they agree on.
	long := slices.Concat(cells(-5), cells(-5), cells(-5))
	other := slices.Clone(long)
	for i := range other {
		other[i].start += float64(len(truth) * 10 * (i / len(truth)))
		other[i].end += float64(len(truth) * 10 * (i / len(truth)))
		if i%(spliceRun+2) == 0 {
			other[i].bit ^= 1
		}
	}
	if joins := splices(other, other); len(joins) != 1 {
		t.Errorf("%d joins of a read with itself, want 1", len(joins))
	}
	var f []cell
	for i, c := range other {
		if i%(spliceRun+2) == 0 {
			c.bit ^= 1
		}
		f = append(f, c)
	}
	if joins := splices(f, other); len(joins) != 0 {
		t.Errorf("%d joins of reads that disagree every %d cells, want none", len(joins), spliceRun+2)
	}
	if joins := splices(cells(20), cells(4)[:10]); len(joins) != 0 {
		t.Errorf("%d joins of reads that agree on fewer than %d cells, want none", len(joins), spliceRun)
	}
}
