package keyboard

import (
	"math"
	"testing"
)

func TestMeasureTiming(t *testing.T) {
	// times builds n key times from a start and a repeating list of gaps.
	times := func(n int, gaps ...float64) []float64 {
		ts := make([]float64, n)
		for i := 1; i < n; i++ {
			ts[i] = ts[i-1] + gaps[(i-1)%len(gaps)]
		}
		return ts
	}
	tests := []struct {
		name   string
		times  []float64
		want   Timing
		reader bool
	}{
		{"none", nil, Timing{}, false},
		{"one key", []float64{5}, Timing{Keys: 1}, false},
		{"reader, 2 ms", times(40, 2), Timing{Keys: 40, Duration: 78, CharsPerSecond: 500, MedianGap: 2, MaxGap: 2}, true},
		{"reader with a stutter", times(11, 2, 2, 2, 2, 2, 2, 2, 2, 2, 42),
			Timing{Keys: 11, Duration: 60, CharsPerSecond: 1000.0 / 6, MedianGap: 2, MaxGap: 42, Stalls: 1}, true},
		{"slowed reader, 30 ms", times(12, 30), Timing{Keys: 12, Duration: 330, CharsPerSecond: 1000.0 / 30, MedianGap: 30, MaxGap: 30}, true},
		{"person, 150 ms", times(12, 150), Timing{Keys: 12, Duration: 1650, CharsPerSecond: 1000.0 / 150, MedianGap: 150, MaxGap: 150}, false},
		{"too few keys", times(9, 1), Timing{Keys: 9, Duration: 8, CharsPerSecond: 1000, MedianGap: 1, MaxGap: 1}, false},
		{"even count: median of the middle two", []float64{0, 1, 4, 10, 20}, Timing{Keys: 5, Duration: 20, CharsPerSecond: 200, MedianGap: 4.5, MaxGap: 10}, false},
		{"clock steps back, NaN, infinity", []float64{10, 5, math.NaN(), 7, math.Inf(1), 9},
			Timing{Keys: 6}, false},
	}
	for _, tc := range tests {
		got := MeasureTiming(tc.times)
		if got != tc.want {
			t.Errorf("%s: MeasureTiming = %+v, want %+v", tc.name, got, tc.want)
		}
		if got.Reader() != tc.reader {
			t.Errorf("%s: Reader() = %v, want %v", tc.name, got.Reader(), tc.reader)
		}
	}
}
