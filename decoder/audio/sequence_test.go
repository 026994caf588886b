package audio

import (
	"math"
	"testing"
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
