package audio_test

import (
	"testing"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
)

const cutterTrack2 = ";4111111111111111=30121010000000000000?"

func synthCutterTrack2(t *testing.T, o audiotest.Options) audio.Samples {
	t.Helper()
	s, err := audiotest.Track(cutterTrack2, o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSwipeCutter feeds a second of quiet, a swipe and more quiet in 20 ms
// blocks: the swipe comes out once, when 200 ms of quiet follow it, and
// decodes; ten seconds without a signal are reported once.
func TestSwipeCutter(t *testing.T) {
	const rate = 48000
	sw := synthCutterTrack2(t, audiotest.Options{Rate: rate, SpeedIPS: 20, SNRdB: 40})
	quiet := make([]float32, rate)
	for i := range quiet {
		quiet[i] = sw.Data[i%200] * 0.01 // the synthesizer's noise, quieter
	}
	var stream []float32
	stream = append(stream, quiet...)
	stream = append(stream, sw.Data...)
	stream = append(stream, quiet...)
	c := audio.NewCutter(rate)
	var got [][]float32
	const block = rate / 50
	for i := 0; i+block <= len(stream); i += block {
		if s, silent := c.Add(stream[i : i+block]); s != nil {
			got = append(got, s)
		} else if silent {
			t.Errorf("silence reported at %d", i)
		}
	}
	if len(got) != 1 {
		t.Fatalf("%d swipes cut, want 1", len(got))
	}
	sws := audio.Decode(audio.Samples{Rate: rate, Data: got[0]})
	if len(sws) != 1 || sws[0].Result == nil || sws[0].Result.Text != cutterTrack2 {
		t.Fatalf("cut swipe decodes to %d swipes", len(sws))
	}

	silences := 0
	for range 11 * 50 {
		if _, silent := c.Add(quiet[:block]); silent {
			silences++
		}
	}
	if silences != 1 {
		t.Errorf("silence reported %d times in 11 s, want once", silences)
	}
}
