package audio_test

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
	"magcheck/decoder/iso7811"
)

// FuzzDecodeSamples runs Decode on arbitrary 16-bit samples at one of the
// usual rates and checks the invariants of what it returns.
func FuzzDecodeSamples(f *testing.F) {
	// Short swipes, cut close, keep the fuzzer's inputs small.
	for i, text := range []string{"%A1^B?", ";123=45?"} {
		bits, err := iso7811.Encode(text, iso7811.Format(i+1), 10, 10)
		if err != nil {
			f.Fatal(err)
		}
		s := audiotest.Synthesize(bits, audiotest.Options{Rate: 44100, SpeedIPS: 10, BPI: []int{210, 75}[i], SNRdB: 25})
		s.Data = s.Data[1000 : len(s.Data)-1000]
		b := make([]byte, 0, 2*len(s.Data))
		for _, v := range s.Data {
			b = binary.LittleEndian.AppendUint16(b, uint16(int16(v*math.MaxInt16)))
		}
		f.Add(b, uint8(i))
	}
	f.Add([]byte{0, 0x80, 0xff, 0x7f, 0, 0}, uint8(3))
	rates := []int{44100, 48000, 96000, 192000, 8000, 1, 0}
	f.Fuzz(func(t *testing.T, in []byte, rate uint8) {
		s := audio.Samples{Rate: rates[int(rate)%len(rates)], Data: make([]float32, len(in)/2)}
		for i := range s.Data {
			s.Data[i] = float32(int16(binary.LittleEndian.Uint16(in[2*i:]))) / (1 << 15)
		}
		prev := 0
		for _, sw := range audio.Decode(s) {
			if sw.Start < prev || sw.End < sw.Start || sw.End > len(s.Data) {
				t.Fatalf("swipe %d…%d after %d in %d samples", sw.Start, sw.End, prev, len(s.Data))
			}
			prev = sw.End
			var de *audio.DecodeError
			clean := sw.Result != nil && len(sw.Result.Errors) == 0
			if sw.Err == nil && !clean || sw.Err != nil && !errors.As(sw.Err, &de) {
				t.Fatalf("err %v with result %+v", sw.Err, sw.Result)
			}
			q := sw.Quality
			for _, v := range []float64{q.SpeedIPS, q.SpeedVariation, q.SamplesPerHalfCell, q.Peak, q.NoiseFloor, q.SNRdB} {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("quality %+v", q)
				}
			}
			if len(q.Periods) > audio.MaxPeriods || len(q.Peaks) > audio.MaxPeaks {
				t.Fatalf("%d periods, %d peaks", len(q.Periods), len(q.Peaks))
			}
			for _, p := range q.Peaks {
				if p < sw.Start || p >= sw.End {
					t.Fatalf("peak %d outside %d…%d", p, sw.Start, sw.End)
				}
			}
			for _, b := range sw.Bits {
				if b > 1 {
					t.Fatalf("bit %d", b)
				}
			}
		}
	})
}

// BenchmarkDecode48k decodes a one-second 48 kHz recording holding a track 1
// swipe at 15 in/s, and reports how many times faster than real time.
func BenchmarkDecode48k(b *testing.B) {
	bits, err := iso7811.Encode(track1, iso7811.Alpha, 20, 20)
	if err != nil {
		b.Fatal(err)
	}
	swipe := audiotest.Synthesize(bits, audiotest.Options{Rate: 48000, SpeedIPS: 15, SNRdB: 30})
	s := audio.Samples{Rate: 48000, Data: noise(48000, 1, 0.005, 1)}
	copy(s.Data[10000:], swipe.Data)
	for b.Loop() {
		if sw := audio.Decode(s); len(sw) != 1 || sw[0].Err != nil {
			b.Fatalf("swipes %+v", sw)
		}
	}
	seconds := float64(len(s.Data)) / float64(s.Rate) * float64(b.N)
	b.ReportMetric(seconds/b.Elapsed().Seconds(), "x-realtime")
}

// BenchmarkDecodeNoisy48k decodes a 48 kHz recording of about a second
// holding a track 1 swipe at 15 in/s at 9 dB peak SNR, which only the
// sequence detector reads, and reports how many times faster than real time.
func BenchmarkDecodeNoisy48k(b *testing.B) { benchNoisy(b, 9, true) }

// BenchmarkDecodeNoiseLimit48k decodes the swipe of BenchmarkDecodeNoisy48k
// at 5 dB peak SNR, past the limit: the sequence detector fails after every
// clock, join and framing it tries, and it reports how many times faster
// than real time.
func BenchmarkDecodeNoiseLimit48k(b *testing.B) { benchNoisy(b, 5, false) }

// BenchmarkDecodePureNoise48k decodes ten seconds of white noise at 48
// kHz, a recording with no swipe in it, and reports how many times faster
// than real time it is given up.
func BenchmarkDecodePureNoise48k(b *testing.B) {
	s := audio.Samples{Rate: 48000, Data: noise(48000, 10, 0.05, 7)}
	for b.Loop() {
		if sw := audio.Decode(s); len(sw) != 0 {
			b.Fatalf("%d swipes in noise", len(sw))
		}
	}
	seconds := float64(len(s.Data)) / float64(s.Rate) * float64(b.N)
	b.ReportMetric(seconds/b.Elapsed().Seconds(), "x-realtime")
}

// benchNoisy decodes a track 1 swipe at 15 in/s and snr dB peak SNR, in
// 0.4 s of noise each side, which must give one swipe, read cleanly if
// read, and reports how many times faster than real time.
func benchNoisy(b *testing.B, snr float64, read bool) {
	bits, err := iso7811.Encode(track1, iso7811.Alpha, 20, 20)
	if err != nil {
		b.Fatal(err)
	}
	s := audiotest.Synthesize(bits, audiotest.Options{Rate: 48000, SpeedIPS: 15, PeakSNRdB: snr, Amplitude: 0.3, Pad: 0.4})
	for b.Loop() {
		if sw := audio.Decode(s); len(sw) != 1 || read && sw[0].Err != nil {
			b.Fatalf("swipes %+v", sw)
		}
	}
	seconds := float64(len(s.Data)) / float64(s.Rate) * float64(b.N)
	b.ReportMetric(seconds/b.Elapsed().Seconds(), "x-realtime")
}
