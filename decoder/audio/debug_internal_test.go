package audio

import (
	"testing"
)

func TestDebugClock(t *testing.T) {
	bits := []byte{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,0,1,0,1,1,1,0,0,1,1,1,1,1,1,1,0,0,1,0,0,0,0,0,0,0,0,0,0,0}
	s := Synthesize(bits, SynthOptions{Rate: 44100, SpeedIPS: 42.164361856674, Profile: "stuttering", Variation: .2, SNRdB: 13.559634478380648, Amplitude: 0.44002283456986363, Polarity: 1, Reverse: true, BPI: 75, Seed: 15463})
	seg := Segment(s)
	x := removeDC(s.Data[seg[0][0]:seg[0][1]], s.Rate)
	peaks := findPeaks(x)
	var pos []float64
	for i, p := range peaks { pos = append(pos, p.pos); if i > 0 { t.Log(i, p.idx+seg[0][0], p.pos-peaks[i-1].pos, p.val) } }
	b, p, f, c := clockBits(pos)
	t.Log(b, f, c)
	t.Log(p)
}
