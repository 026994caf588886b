package audio

import (
	"math"
	"slices"
)

// Constants of the segmenter. A block is 5 ms: longer than a bit cell at
// 4 in/s and 75 bpi, so every block inside a swipe holds a pulse.
const (
	blocksPerSecond = 200
	activeRatio     = 2.0 // a block is active when its RMS is this many times the noise floor
	faintRatio      = 1.3 // the same for a swipe in noise, kept only if it decodes cleanly
	bridgeBlocks    = 4   // quiet gaps up to this many blocks (20 ms) do not end a swipe
	noiseQuantile   = 0.02
	noiseMargin     = blocksPerSecond / 2 // blocks each side of a swipe used for its noise floor
)

// Segment returns the swipes in a recording as [start, end) sample ranges:
// the stretches whose 5 ms RMS stands at least twice above the noise floor,
// with gaps of up to 20 ms bridged and one block of margin on each side. The
// noise floor is a low quantile of the block RMS, so the recording needs some
// quiet; when it has none, nothing stands out and Segment returns nothing.
func Segment(s Samples) [][2]int { return segment(s, activeRatio) }

// segment returns the stretches whose block RMS stands ratio times above the
// noise floor, as Segment describes.
func segment(s Samples, ratio float64) [][2]int {
	if s.Rate <= 0 {
		return nil
	}
	bl := blockLen(s.Rate)
	rms := blockRMS(s.Data, bl)
	if len(rms) == 0 {
		return nil
	}
	on := ratio * noiseOf(rms)
	var out [][2]int
	first, last := -1, -1 // active blocks of the swipe being gathered
	flush := func() {
		if first >= 0 {
			lo := max(0, first-1) * bl
			hi := min(len(s.Data), (last+2)*bl)
			out = append(out, [2]int{lo, hi})
		}
	}
	for b, v := range rms {
		if v <= on {
			continue
		}
		if first < 0 || b-last > bridgeBlocks+1 {
			flush()
			first = b
		}
		last = b
	}
	flush()
	return out
}

// noiseFloor returns the noise RMS around the swipe [start, end): the noise
// quantile of the block RMS within noiseMargin blocks of it.
func noiseFloor(s Samples, start, end int) float64 {
	bl := blockLen(s.Rate)
	lo := max(0, start-noiseMargin*bl)
	hi := min(len(s.Data), end+noiseMargin*bl)
	return noiseOf(blockRMS(s.Data[lo:hi], bl))
}

func blockLen(rate int) int { return max(1, rate/blocksPerSecond) }

// blockRMS returns the RMS about the mean of each whole block of bl samples
// (a last partial block counts if it is at least half a block long).
// Taking the mean out per block ignores DC offset and slow drift.
func blockRMS(x []float32, bl int) []float64 {
	var out []float64
	for lo := 0; lo < len(x); lo += bl {
		b := x[lo:min(len(x), lo+bl)]
		if len(b) < (bl+1)/2 && lo > 0 {
			break
		}
		sum, sq := 0.0, 0.0
		for _, v := range b {
			f := finite(v)
			sum += f
			sq += f * f
		}
		n := float64(len(b))
		out = append(out, math.Sqrt(max(0, sq/n-(sum/n)*(sum/n))))
	}
	return out
}

// noiseOf returns the noise floor from block RMS values.
func noiseOf(rms []float64) float64 {
	if len(rms) == 0 {
		return 0
	}
	return quantile(slices.Clone(rms), noiseQuantile)
}

// Loudness returns how far the loudest 5 ms of a recording stand above its
// noise floor, in dB (0 to maxSNR): what a recording that holds no swipe
// heard at most. Digital silence is 0.
func Loudness(s Samples) float64 {
	if s.Rate <= 0 {
		return 0
	}
	rms := blockRMS(s.Data, blockLen(s.Rate))
	if len(rms) == 0 {
		return 0
	}
	top, noise := slices.Max(rms), noiseOf(rms)
	switch {
	case top <= 0:
		return 0
	case noise <= 0:
		return maxSNR
	}
	return max(0, min(maxSNR, 20*math.Log10(top/noise)))
}
