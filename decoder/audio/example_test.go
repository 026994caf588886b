package audio_test

import (
	"fmt"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
	"magcheck/decoder/iso7811"
)

func Example() {
	// A track 2 swipe at 20 in/s, recorded at 48 kHz with 30 dB SNR.
	bits, err := iso7811.Encode(";4111111111111111=30121010000000000000?", iso7811.Numeric, 20, 20)
	if err != nil {
		fmt.Println(err)
		return
	}
	rec := audiotest.Synthesize(bits, audiotest.Options{Rate: 48000, SpeedIPS: 20, BPI: 75, SNRdB: 30})

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
	// Track 1 at 45 in/s is too fast for 44.1 kHz: a half bit cell spans
	// 44100 / (2 × 210 × 45) ≈ 2.3 samples. The decoder measures it from
	// the pulses, at the fastest point of the swipe.
	bits, err := iso7811.Encode("%B4111111111111111^CARDHOLDER/TEST^3012101000000000000000000?", iso7811.Alpha, 20, 20)
	if err != nil {
		fmt.Println(err)
		return
	}
	rec := audiotest.Synthesize(bits, audiotest.Options{Rate: 44100, SpeedIPS: 45, SNRdB: 30})
	sw := audio.DecodeSwipe(rec, 0, len(rec.Data))
	fmt.Println(sw.Err)
	// Output:
	// audio: too few samples per half bit cell: 2.2 (need ≥ 4): sample rate too low for this speed
}
