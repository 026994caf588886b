package audio_test

import (
	"testing"
	"magcheck/decoder/audio"
	"magcheck/decoder/iso7811"
)

func TestDebug2(t *testing.T) {
	for i, c := range corpus(12169, 12345, 200) {
		if i != 12168 { continue }
		bits, _ := iso7811.Encode(c.text, c.track.format, 8+i%17, 8+(i/3)%17)
		s := audio.Synthesize(bits, c.opt)
		sw := audio.Decode(s)
		t.Log(i, c.track.num, len(sw), c.opt.Reverse, c.text, bits, audio.Segment(s), len(s.Data))
		for _, w := range sw {
			t.Logf("%+v %v %v %v", w.Result, w.Bits, w.Err, w.Quality.FailedBits)
			p := w.Quality.Peaks
			for k := 1; k < len(p) && k < 40; k++ { t.Log(k, p[k]-p[k-1]) }
		}
	}
}
