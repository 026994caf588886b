package wav

import (
	"bytes"
	"errors"
	"math"
	"testing"

	"magcheck/decoder/audio"
)

// FuzzWAV checks that Decode never panics, returns samples within full scale
// that agree with Info, and that what it decodes survives Encode and Decode
// to within 16-bit quantization.
func FuzzWAV(f *testing.F) {
	for _, fl := range []file{
		{format: formatPCM, channels: 1, rate: 8000, bits: 8, frames: [][]float64{{0.5}, {-0.5}}},
		{format: formatPCM, channels: 2, rate: 44100, bits: 16, frames: stereo},
		{format: formatPCM, channels: 2, rate: 48000, bits: 24, frames: stereo, before: []string{"LIST"}},
		{format: formatPCM, channels: 2, rate: 96000, bits: 32, frames: stereo, dataSize: streamed},
		{format: formatFloat, extensible: true, channels: 2, rate: 192000, bits: 32, frames: stereo},
		{format: formatFloat, channels: 2, rate: 48000, bits: 64, frames: stereo},
	} {
		f.Add(build(fl), int8(-1))
		f.Add(build(fl), int8(1))
	}
	var buf bytes.Buffer
	if err := Encode(&buf, audio.Samples{Rate: 48000, Data: []float32{0, 0.25, -1, 1}}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes(), int8(0))
	f.Fuzz(func(t *testing.T, in []byte, channel int8) {
		s, info, err := DecodeOptions(bytes.NewReader(in), Options{Channel: int(channel)})
		if err != nil && len(s.Data) == 0 {
			return
		}
		if err != nil && !errors.Is(err, ErrTruncated) {
			t.Fatalf("%d samples with error %v", len(s.Data), err)
		}
		if len(s.Data) != info.Frames || s.Rate != info.Rate || s.Rate <= 0 || s.Rate > maxRate {
			t.Fatalf("%d samples at %d Hz, info %+v", len(s.Data), s.Rate, info)
		}
		for _, v := range s.Data {
			if !(v >= -1 && v <= 1) {
				t.Fatalf("sample %v out of range", v)
			}
		}
		var out bytes.Buffer
		if err := Encode(&out, s); err != nil {
			t.Fatal(err)
		}
		back, _, err := Decode(&out)
		if err != nil || back.Rate != s.Rate || len(back.Data) != len(s.Data) {
			t.Fatalf("round trip: %d samples at %d Hz, err %v", len(back.Data), back.Rate, err)
		}
		for i, v := range back.Data {
			if math.Abs(float64(v-s.Data[i])) > 1.0/(1<<15) {
				t.Fatalf("sample %d: %v became %v", i, s.Data[i], v)
			}
		}
	})
}
