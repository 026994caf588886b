package keyboard

import (
	"math"
	"sort"
)

// Timing describes how a run of keys arrived. Readers type a key every
// 1–10 ms (some are slowed to 30–80 ms, with pauses of up to 250 ms);
// people type one every 100–200 ms, in bursts of 80–250 ms.
type Timing struct {
	Keys           int     // key presses measured (not characters: ALT-ASCII takes several per character)
	Duration       float64 // ms from the first key to the last
	CharsPerSecond float64 // key presses per second over Duration
	MedianGap      float64 // ms
	MaxGap         float64 // ms
	Stalls         int     // gaps over StallFactor times the median and over StallMinGap ms: a stutter
}

// Thresholds of Timing.
const (
	ReaderMinKeys   = 10   // Reader needs at least this many keys
	ReaderMedianGap = 30.0 // ms; Reader needs a median gap no longer than this
	// SlowMedianGap is the longest median gap of a reader slowed down
	// (Bluetooth readers, PS/2 readers on a busy host, a long character
	// delay: 30–80 ms a key). Only a run that also follows track grammar
	// counts as a reader's at that pace (see Detector).
	SlowMedianGap = 90.0
	StallFactor   = 10   // a stall is a gap this many times the median…
	StallMinGap   = 20.0 // …and longer than this many ms
)

// MeasureTiming measures key times in milliseconds (KeyboardEvent.timeStamp),
// in the order the keys came. A time that steps back or is not finite
// counts as a gap of zero.
func MeasureTiming(times []float64) Timing {
	t := Timing{Keys: len(times)}
	if len(times) < 2 {
		return t
	}
	gaps := make([]float64, len(times)-1)
	for i := range gaps {
		g := times[i+1] - times[i]
		if !(g >= 0) || math.IsInf(g, 1) {
			g = 0
		}
		gaps[i] = g
		t.Duration += g
		t.MaxGap = max(t.MaxGap, g)
	}
	if t.Duration > 0 {
		t.CharsPerSecond = float64(len(gaps)) * 1000 / t.Duration
	}
	sorted := append([]float64(nil), gaps...)
	sort.Float64s(sorted)
	n := len(sorted)
	t.MedianGap = sorted[n/2]
	if n%2 == 0 {
		t.MedianGap = (sorted[n/2-1] + sorted[n/2]) / 2
	}
	for _, g := range gaps {
		if g > StallFactor*t.MedianGap && g > StallMinGap {
			t.Stalls++
		}
	}
	return t
}

// Reader tells whether the timing alone is a reader's: at least
// ReaderMinKeys keys with a median gap of at most ReaderMedianGap ms. A
// person cannot keep a median under 30 ms. A reader slowed down beyond it
// is told from a person by its rhythm and its track grammar together (see
// Detector).
func (t Timing) Reader() bool {
	return t.Keys >= ReaderMinKeys && t.MedianGap <= ReaderMedianGap
}
