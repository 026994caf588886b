package audio_test

import (
	"fmt"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
)

func Example() {
	// A track 2 swipe at 20 in/s, recorded at 48 kHz with 30 dB SNR.
	rec, err := audiotest.Track(";4111111111111111=30121010000000000000?", audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 30})
	if err != nil {
		fmt.Println(err)
		return
	}

	for _, sw := range audio.Decode(rec) {
		if sw.Err != nil {
			fmt.Println(sw.Err)
			continue
		}
		q := sw.Quality
		fmt.Printf("%s, %d characters\n", sw.Result.Format, len(sw.Result.Text))
		fmt.Printf("%.0f in/s at %d bpi, %.0f samples per half bit cell\n", q.SpeedIPS, q.BPI, q.SamplesPerHalfCell)
	}
	// Output:
	// numeric, 39 characters
	// 20 in/s at 75 bpi, 16 samples per half bit cell
}

func ExampleDecodeSwipe() {
	// Track 1 at 80 in/s is too fast for 44.1 kHz: a half bit cell spans
	// 44100 / (2 × 210 × 80) ≈ 1.3 samples. The decoder measures it from
	// the pulses, at the fastest point of the swipe.
	rec, err := audiotest.Track("%B4111111111111111^CARDHOLDER/TEST^3012101000000000000000000?", audiotest.Options{Rate: 44100, SpeedIPS: 80, SNRdB: 30})
	if err != nil {
		fmt.Println(err)
		return
	}
	sw := audio.DecodeSwipe(rec, 0, len(rec.Data))
	fmt.Println(sw.Err)
	// Output:
	// audio: too few samples per half bit cell: 1.3 (need ≥ 4): sample rate too low for this speed
}
