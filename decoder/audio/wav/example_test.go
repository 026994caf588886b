package wav_test

import (
	"bytes"
	"fmt"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/wav"
)

func Example() {
	// A recording: 10 ms of a 1 kHz square wave at 48 kHz.
	s := audio.Samples{Rate: 48000, Data: make([]float32, 480)}
	for i := range s.Data {
		s.Data[i] = 0.5
		if i/24%2 == 1 {
			s.Data[i] = -0.5
		}
	}
	var file bytes.Buffer
	if err := wav.Encode(&file, s); err != nil {
		fmt.Println(err)
		return
	}

	got, info, err := wav.Decode(&file)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d Hz, %d channel, %d-bit, %d frames\n", info.Rate, info.Channels, info.Bits, info.Frames)
	fmt.Println(got.Data[0], got.Data[24])
	// Output:
	// 48000 Hz, 1 channel, 16-bit, 480 frames
	// 0.5 -0.5
}

func ExampleDecodeOptions() {
	_, _, err := wav.DecodeOptions(bytes.NewReader([]byte("RIFX....WAVE")), wav.Options{Channel: 0})
	fmt.Println(err)
	// Output:
	// wav: unsupported: big-endian RIFX file
}
