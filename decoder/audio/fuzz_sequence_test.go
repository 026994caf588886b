package audio

import (
	"encoding/binary"
	"math"
	"testing"
)

// FuzzDetect runs the sequence detector, free and framed, on arbitrary
// filtered signals and seeds: it must end, and return cells in order within the signal, each
// opening where the one before closed and a 1's middle inside its cell.
func FuzzDetect(f *testing.F) {
	// A clean run of zeros then ones, eight samples a cell.
	var clean []byte
	sign := int16(1)
	for k := range 40 {
		pulses := []int{0}
		if k >= 20 {
			pulses = append(pulses, 4)
		}
		cell := make([]int16, 8)
		for _, p := range pulses {
			cell[p] = sign * 8000
			sign = -sign
		}
		for _, v := range cell {
			clean = binary.LittleEndian.AppendUint16(clean, uint16(v))
		}
	}
	f.Add(clean, 0.0, 8.0, true, 0.25, uint8(0))
	f.Add(clean, 0.0, 8.0, true, 0.25, uint8(1))
	f.Add([]byte{1, 2, 3, 4, 5, 6}, 1.0, 0.0, false, 0.0, uint8(2))
	f.Add([]byte{}, -3.0, 1e9, true, math.Inf(1), uint8(0))
	f.Fuzz(func(t *testing.T, in []byte, b0, p0 float64, positive bool, h0 float64, width uint8) {
		y := make([]float32, len(in)/2)
		for i := range y {
			y[i] = float32(int16(binary.LittleEndian.Uint16(in[2*i:]))) / (1 << 15)
		}
		if math.IsNaN(b0) || math.IsNaN(p0) || math.IsNaN(h0) || math.IsInf(b0, 0) || math.IsInf(p0, 0) {
			return // seeds come from measured peaks, always finite
		}
		s := float32(1)
		if !positive {
			s = -1
		}
		cells := detect(y, start{b0, max(p0, minPeriod), s, h0}, []framing{0, 5, 7}[width%3], loops[width%2])
		for i, c := range cells {
			if c.end <= c.start || c.start < -1 || c.end > float64(len(y)) {
				t.Fatalf("cell %d: %+v in %d samples", i, c, len(y))
			}
			if i > 0 && c.start != cells[i-1].end {
				t.Fatalf("cell %d opens at %g, the last closed at %g", i, c.start, cells[i-1].end)
			}
			if c.bit > 1 || c.bit == 1 && (c.mid <= c.start || c.mid >= c.end) || c.bit == 0 && c.mid != 0 {
				t.Fatalf("cell %d: %+v", i, c)
			}
		}
	})
}
