package wav

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"slices"
	"testing"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
	"magcheck/decoder/iso7811"
)

// file describes a WAV file for build.
type file struct {
	format     uint16 // fmt chunk format code
	extensible bool   // wrap format in WAVE_FORMAT_EXTENSIBLE
	channels   int
	rate       int
	bits       int
	frames     [][]float64 // per frame, one value per channel, −1..1
	dataSize   int64       // size written in the data header; 0: the true size
	before     []string    // ids of junk chunks before fmt (odd sizes, padded)
}

// build writes f as a little-endian RIFF/WAVE file.
func build(f file) []byte {
	le := binary.LittleEndian
	var data []byte
	for _, fr := range f.frames {
		for _, v := range fr {
			switch {
			case f.format == formatFloat && f.bits == 64:
				data = le.AppendUint64(data, math.Float64bits(v))
			case f.format == formatFloat:
				data = le.AppendUint32(data, math.Float32bits(float32(v)))
			case f.bits == 8:
				data = append(data, byte(int(math.Round(v*128))+128))
			case f.bits == 16:
				data = le.AppendUint16(data, uint16(int16(math.Round(v*(1<<15)))))
			case f.bits == 24:
				u := uint32(int32(math.Round(v * (1 << 23))))
				data = append(data, byte(u), byte(u>>8), byte(u>>16))
			default:
				data = le.AppendUint32(data, uint32(int32(math.Round(v*(1<<31)))))
			}
		}
	}
	var b []byte
	chunk := func(id string, body []byte) {
		b = append(b, id...)
		b = le.AppendUint32(b, uint32(len(body)))
		b = append(b, body...)
		if len(body)%2 == 1 {
			b = append(b, 0)
		}
	}
	for _, id := range f.before {
		chunk(id, []byte("odd"))
	}
	align := f.channels * f.bits / 8
	var fmtBody []byte
	code := f.format
	if f.extensible {
		code = formatExtensible
	}
	fmtBody = le.AppendUint16(fmtBody, code)
	fmtBody = le.AppendUint16(fmtBody, uint16(f.channels))
	fmtBody = le.AppendUint32(fmtBody, uint32(f.rate))
	fmtBody = le.AppendUint32(fmtBody, uint32(f.rate*align))
	fmtBody = le.AppendUint16(fmtBody, uint16(align))
	fmtBody = le.AppendUint16(fmtBody, uint16(f.bits))
	if f.extensible {
		fmtBody = le.AppendUint16(fmtBody, 22)
		fmtBody = le.AppendUint16(fmtBody, uint16(f.bits))
		fmtBody = le.AppendUint32(fmtBody, 0)
		fmtBody = le.AppendUint16(fmtBody, f.format)
		fmtBody = append(fmtBody, guidTail...)
	}
	chunk("fmt ", fmtBody)
	b = append(b, "data"...)
	size := f.dataSize
	if size == 0 {
		size = int64(len(data))
	}
	b = le.AppendUint32(b, uint32(size))
	b = append(b, data...)
	out := append([]byte("RIFF"), le.AppendUint32(nil, uint32(len(b)+4))...)
	out = append(out, "WAVE"...)
	return append(out, b...)
}

// stereo holds frames whose values every format stores exactly.
var stereo = [][]float64{{0, 0.5}, {-0.5, 0.25}, {0.75, -1}, {-0.25, 0}}

func TestDecode(t *testing.T) {
	mixed := []float32{0.25, -0.125, -0.125, -0.125}
	left := []float32{0, -0.5, 0.75, -0.25}
	right := []float32{0.5, 0.25, -1, 0}
	tests := []struct {
		name    string
		f       file
		channel int
		want    []float32
	}{
		{"pcm8", file{format: formatPCM, channels: 2, rate: 8000, bits: 8, frames: stereo}, -1, mixed},
		{"pcm16", file{format: formatPCM, channels: 2, rate: 44100, bits: 16, frames: stereo}, -1, mixed},
		{"pcm24", file{format: formatPCM, channels: 2, rate: 48000, bits: 24, frames: stereo}, -1, mixed},
		{"pcm32", file{format: formatPCM, channels: 2, rate: 96000, bits: 32, frames: stereo}, -1, mixed},
		{"float32", file{format: formatFloat, channels: 2, rate: 192000, bits: 32, frames: stereo}, -1, mixed},
		{"float64", file{format: formatFloat, channels: 2, rate: 192000, bits: 64, frames: stereo}, -1, mixed},
		{"extensible pcm24", file{format: formatPCM, extensible: true, channels: 2, rate: 48000, bits: 24, frames: stereo}, -1, mixed},
		{"extensible float", file{format: formatFloat, extensible: true, channels: 2, rate: 48000, bits: 32, frames: stereo}, -1, mixed},
		{"left", file{format: formatPCM, channels: 2, rate: 48000, bits: 16, frames: stereo}, 0, left},
		{"right", file{format: formatPCM, channels: 2, rate: 48000, bits: 16, frames: stereo}, 1, right},
		{"mono", file{format: formatPCM, channels: 1, rate: 48000, bits: 16, frames: [][]float64{{0.5}, {-1}}}, -1, []float32{0.5, -1}},
		{"junk chunks first", file{format: formatPCM, channels: 2, rate: 48000, bits: 16, frames: stereo, before: []string{"LIST", "bext"}}, -1, mixed},
		{"streamed size", file{format: formatPCM, channels: 2, rate: 48000, bits: 16, frames: stereo, dataSize: streamed}, -1, mixed},
		{"float beyond full scale", file{format: formatFloat, channels: 1, rate: 48000, bits: 32, frames: [][]float64{{2}, {-3}, {math.NaN()}, {math.Inf(1)}}}, -1, []float32{1, -1, 0, 1}},
		{"odd tail byte ignored", file{format: formatPCM, channels: 2, rate: 48000, bits: 16, frames: stereo, dataSize: 17}, -1, mixed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, info, err := DecodeOptions(bytes.NewReader(build(tc.f)), Options{Channel: tc.channel})
			if err != nil {
				t.Fatal(err)
			}
			if s.Rate != tc.f.rate || info.Rate != tc.f.rate || info.Channels != tc.f.channels ||
				info.Bits != tc.f.bits || info.Float != (tc.f.format == formatFloat) || info.Frames != len(tc.want) {
				t.Errorf("info %+v, rate %d; file %+v", info, s.Rate, tc.f)
			}
			if !slices.Equal(s.Data, tc.want) {
				t.Errorf("samples %v, want %v", s.Data, tc.want)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	pcm := file{format: formatPCM, channels: 2, rate: 48000, bits: 16, frames: stereo}
	good := build(pcm)
	with := func(f func(*file)) []byte {
		c := pcm
		f(&c)
		return build(c)
	}
	patch := func(off int, s string) []byte {
		b := slices.Clone(good)
		copy(b[off:], s)
		return b
	}
	dataAt := bytes.Index(good, []byte("data"))
	tests := []struct {
		name    string
		in      []byte
		channel int
		want    error // a sentinel, or a value of the wanted type
		frames  int   // samples returned with the error
	}{
		{"empty", nil, -1, ErrTruncated, 0},
		{"short header", good[:10], -1, ErrTruncated, 0},
		{"not riff", patch(0, "JUNK"), -1, FormatError(""), 0},
		{"not wave", patch(8, "AVI "), -1, FormatError(""), 0},
		{"rifx", patch(0, "RIFX"), -1, UnsupportedError(""), 0},
		{"rf64", patch(0, "RF64"), -1, UnsupportedError(""), 0},
		{"no data chunk", good[:dataAt], -1, FormatError(""), 0},
		{"cut in chunk header", good[:dataAt+4], -1, ErrTruncated, 0},
		{"cut in data", good[:len(good)-5], -1, ErrTruncated, 2},
		{"data before fmt", append(append(slices.Clone(good[:12]), good[dataAt:]...), good[12:dataAt]...), -1, FormatError(""), 0},
		{"12-bit pcm", with(func(f *file) { f.bits = 12 }), -1, UnsupportedError(""), 0},
		{"16-bit float", with(func(f *file) { f.format, f.bits = formatFloat, 16 }), -1, UnsupportedError(""), 0},
		{"adpcm", with(func(f *file) { f.format = 2 }), -1, UnsupportedError(""), 0},
		{"no channels", with(func(f *file) { f.channels, f.frames = 0, nil }), -1, FormatError(""), 0},
		{"nine channels", with(func(f *file) { f.channels, f.frames = 9, nil }), -1, UnsupportedError(""), 0},
		{"rate 0", with(func(f *file) { f.rate = 0 }), -1, FormatError(""), 0},
		{"rate 2 MHz", with(func(f *file) { f.rate = 2_000_000 }), -1, UnsupportedError(""), 0},
		{"bad block align", patch(32, "\x03\x00"), -1, FormatError(""), 0},
		{"fmt too short", patch(16, "\x0e\x00\x00\x00"), -1, FormatError(""), 0},
		{"no such channel", good, 2, UnsupportedError(""), 0},
		{"too long by header", with(func(f *file) { f.dataSize = 4 * (audio.MaxSamples + 1) }), -1, audio.ErrTooLong, 0},
		{"too long streamed", with(func(f *file) {
			f.rate, f.dataSize, f.frames = 1, streamed, make([][]float64, audio.MaxSeconds+1)
			for i := range f.frames {
				f.frames[i] = []float64{0, 0}
			}
		}), -1, audio.ErrTooLong, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _, err := DecodeOptions(bytes.NewReader(tc.in), Options{Channel: tc.channel})
			switch want := tc.want.(type) {
			case FormatError:
				if !errors.As(err, &want) {
					t.Errorf("err %v (%T), want a FormatError", err, err)
				}
			case UnsupportedError:
				if !errors.As(err, &want) {
					t.Errorf("err %v (%T), want an UnsupportedError", err, err)
				}
			default:
				if !errors.Is(err, want) {
					t.Errorf("err %v, want %v", err, want)
				}
			}
			if len(s.Data) != tc.frames {
				t.Errorf("%d samples with the error, want %d", len(s.Data), tc.frames)
			}
		})
	}
}

// failWriter fails after n bytes.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return w.n, io.ErrShortWrite
	}
	w.n -= len(p)
	return len(p), nil
}

func TestHasHeader(t *testing.T) {
	for _, tt := range []struct {
		data string
		want bool
	}{
		{"", false},
		{"RIF", false},
		{"RIFF", true},
		{"RIFF\x24\x00\x00\x00WAVEfmt ", true},
		{"RF64\xff\xff\xff\xffWAVE", true},
		{"RIFX\x00\x00\x00\x24WAVE", false},
		{"riff", false},
		{"ID3\x04", false},
		{"\xff\xfb\x90\x00", false},
	} {
		if got := HasHeader([]byte(tt.data)); got != tt.want {
			t.Errorf("HasHeader(%q) = %v, want %v", tt.data, got, tt.want)
		}
	}
}

func TestEncode(t *testing.T) {
	in := audio.Samples{Rate: 44100, Data: []float32{0, 0.5, -0.5, 1, -1, 1.5, -2, 0.123456, float32(math.NaN())}}
	want := []float32{0, 0.5, -0.5, 32767.0 / 32768, -1, 32767.0 / 32768, -1, 4045.0 / 32768, 0}
	var buf bytes.Buffer
	if err := Encode(&buf, in); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 44+2*len(in.Data) {
		t.Errorf("file is %d bytes, want %d", buf.Len(), 44+2*len(in.Data))
	}
	out, info, err := Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Info{Rate: 44100, Channels: 1, Bits: 16, Frames: len(in.Data)}); info != want {
		t.Errorf("info %+v, want %+v", info, want)
	}
	if !slices.Equal(out.Data, want) {
		t.Errorf("round trip %v, want %v", out.Data, want)
	}

	var u UnsupportedError
	if err := Encode(io.Discard, audio.Samples{Rate: 0}); !errors.As(err, &u) {
		t.Errorf("rate 0: err %v, want an UnsupportedError", err)
	}
	for _, n := range []int{10, 44, 60} {
		if err := Encode(&failWriter{n}, in); !errors.Is(err, io.ErrShortWrite) {
			t.Errorf("writer failing after %d bytes: err %v", n, err)
		}
	}
}

// TestSwipeRoundTrip checks that a synthesized swipe survives a WAV file
// and still decodes.
func TestSwipeRoundTrip(t *testing.T) {
	const text = ";12345=67?"
	bits, err := iso7811.Encode(text, iso7811.Numeric, 12, 12)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err = Encode(&buf, audiotest.Synthesize(bits, audiotest.Options{Rate: 48000, SpeedIPS: 15, BPI: 75, SNRdB: 30}))
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sw := audio.Decode(s)
	if len(sw) != 1 || sw[0].Err != nil || sw[0].Result.Text != text {
		t.Fatalf("swipes %+v, want one reading %s", sw, text)
	}
}
