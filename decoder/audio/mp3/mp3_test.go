package mp3

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"

	"magcheck/decoder/audio"
)

// silence returns n MPEG-1 Layer III frames, 44.1 kHz mono at 128 kbit/s,
// whose side information and main data are all zero: silent granules.
func silence(n int) []byte {
	const size = 144 * 128000 / 44100 // bytes per frame, without padding
	frame := make([]byte, size)
	copy(frame, "\xff\xfb\x90\xc0") // sync, MPEG-1, Layer III, no CRC; 128 kbit/s, 44.1 kHz; mono
	return bytes.Repeat(frame, n)
}

func TestDecodeSilence(t *testing.T) {
	s, err := Decode(bytes.NewReader(silence(10)))
	if err != nil {
		t.Fatal(err)
	}
	if s.Rate != 44100 || len(s.Data) != 10*1152 {
		t.Fatalf("%d samples at %d Hz, want %d at 44100", len(s.Data), s.Rate, 10*1152)
	}
	for i, v := range s.Data {
		if v != 0 {
			t.Fatalf("sample %d is %v, want 0", i, v)
		}
	}
}

// testdata/swipe.mp3 is a synthesized track 2 swipe (audiotest.Synthesize of
// iso7811.Encode(";0123456789=12345?", Numeric, 20, 20) at 44.1 kHz,
// 10 in/s accelerating ±20 %, 30 dB SNR, seed 1) written with wav.Encode and
// encoded by LAME 3.100: lame -b 128 -m m swipe.wav swipe.mp3.
func TestDecodeSwipe(t *testing.T) {
	f, err := os.Open("testdata/swipe.mp3")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if s.Rate != 44100 {
		t.Errorf("rate %d, want 44100", s.Rate)
	}
	sw := audio.Decode(s)
	if len(sw) != 1 || sw[0].Err != nil || sw[0].Result.Text != ";0123456789=12345?" {
		t.Fatalf("swipes %+v, want one clean track 2", sw)
	}
	if q := sw[0].Quality; q.BPI != 75 || q.SpeedIPS < 9 || q.SpeedIPS > 11 {
		t.Errorf("speed %.1f in/s at %d bpi, want 10 at 75", q.SpeedIPS, q.BPI)
	}
}

// TestTooLong feeds just over ten minutes of 16 kHz MPEG-2 frames (576
// samples each): a seekable stream is refused before decoding.
func TestTooLong(t *testing.T) {
	frame := make([]byte, 36) // 8 kbit/s at 16 kHz, silent
	copy(frame, "\xff\xf3\x18\xc0")
	in := bytes.Repeat(frame, audio.MaxSeconds*16000/576+1)
	if _, err := Decode(bytes.NewReader(in)); !errors.Is(err, audio.ErrTooLong) {
		t.Fatalf("err %v, want audio.ErrTooLong", err)
	}
	if s, err := Decode(bytes.NewReader(in[:36*100])); err != nil || s.Rate != 16000 || len(s.Data) != 100*576 {
		t.Fatalf("100 frames: %d samples at %d Hz, err %v", len(s.Data), s.Rate, err)
	}
}

// failReader fails after its bytes.
type failReader struct{ r io.Reader }

var errRead = errors.New("read failed")

func (f failReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, errRead
	}
	return n, err
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		in   io.Reader
		want error // wrapped by a *DecodeError, or nil for any
	}{
		{"empty", bytes.NewReader(nil), nil},
		{"not mp3", bytes.NewReader([]byte("RIFF....WAVEfmt ")), nil},
		{"mpeg 2.5", bytes.NewReader([]byte("\xff\xe3\x18\xc0" + string(make([]byte, 68)))), nil},
		{"read error", failReader{bytes.NewReader(silence(3))}, errRead},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Decode(tc.in)
			var de *DecodeError
			if !errors.As(err, &de) || tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("err %v (%T), want a *DecodeError wrapping %v", err, err, tc.want)
			}
			if len(s.Data) != 0 {
				t.Errorf("%d samples with the error", len(s.Data))
			}
		})
	}
}

// FuzzMP3 checks that Decode never panics and returns either an error or
// samples within full scale at a positive rate.
func FuzzMP3(f *testing.F) {
	f.Add(silence(2))
	if b, err := os.ReadFile("testdata/swipe.mp3"); err == nil {
		f.Add(b[:min(len(b), 2000)])
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		s, err := Decode(bytes.NewReader(in))
		if err != nil {
			if len(s.Data) != 0 {
				t.Fatalf("%d samples with error %v", len(s.Data), err)
			}
			return
		}
		if s.Rate <= 0 {
			t.Fatalf("rate %d", s.Rate)
		}
		for _, v := range s.Data {
			if !(v >= -1 && v <= 1) {
				t.Fatalf("sample %v out of range", v)
			}
		}
	})
}
