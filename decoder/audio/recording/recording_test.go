package recording_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
	"magcheck/decoder/audio/recording"
	"magcheck/decoder/audio/wav"
)

func synth(t *testing.T, o audiotest.Options) audio.Samples {
	t.Helper()
	s, err := audiotest.Track(";4111111111111111=30121010000000000000?", o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRead(t *testing.T) {
	var b bytes.Buffer
	if err := wav.Encode(&b, synth(t, audiotest.Options{Rate: 44100, SNRdB: 30})); err != nil {
		t.Fatal(err)
	}
	mp3, err := os.ReadFile(filepath.Join("..", "mp3", "testdata", "swipe.mp3"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		rate int
		err  string
	}{
		{"wav", b.Bytes(), 44100, ""},
		{"mp3", mp3, 44100, ""},
		{"text", []byte("%B4111?"), 0, "not a WAV or MP3 file"},
		{"empty", nil, 0, "not a WAV or MP3 file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := recording.Read(tt.data)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Errorf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || s.Rate != tt.rate || len(s.Data) == 0 {
				t.Errorf("rate %d, %d samples, %v", s.Rate, len(s.Data), err)
			}
		})
	}
	if _, err := recording.Read(b.Bytes()[:b.Len()/2]); !errors.Is(err, wav.ErrTruncated) {
		t.Errorf("half a WAV file: %v", err)
	}
}
