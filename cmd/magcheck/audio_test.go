package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
	"magcheck/decoder/audio/wav"
)

// wavFile writes a WAV file holding a swipe of each track text, one after
// the other, at 48 kHz and 20 in/s.
func wavFile(t *testing.T, tracks ...string) string {
	t.Helper()
	s := audio.Samples{Rate: 48000}
	for i, text := range tracks {
		sw, err := audiotest.Track(text, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35, Seed: int64(i)})
		if err != nil {
			t.Fatal(err)
		}
		s.Data = append(s.Data, sw.Data...)
	}
	var b bytes.Buffer
	if err := wav.Encode(&b, s); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "swipes.wav")
	if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

type audioReport struct {
	Input  string `json:"input"`
	Tracks []struct {
		Number int    `json:"number"`
		Status string `json:"status"`
		Text   string `json:"text"`
	} `json:"tracks"`
	Card *struct {
		PAN string `json:"pan"`
	} `json:"card"`
	Findings []struct {
		Code string `json:"code"`
	} `json:"findings"`
	Audio *struct {
		BPI      int     `json:"bpi"`
		SpeedIPS float64 `json:"speed_ips"`
		SNRdB    float64 `json:"snr_db"`
	} `json:"audio"`
}

func (r audioReport) statuses() []string {
	var s []string
	for _, t := range r.Tracks {
		s = append(s, t.Status)
	}
	return s
}

func TestDecodeAudioWAV(t *testing.T) {
	name := wavFile(t, "%B4111111111111111^CARDHOLDER/TEST^3012101000000000000000000?", ";4111111111111111=30121010000000000000?")
	code, out, errs := decodeCmd(t, "", "--input", "audio", "--json", "--now", "2026-11-25", name)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rs []audioReport
	if err := json.Unmarshal([]byte(out), &rs); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(rs) != 2 {
		t.Fatalf("%d reports, want 2:\n%s", len(rs), out)
	}
	want := [][]string{{"ok", "absent", "absent"}, {"absent", "ok", "absent"}}
	for i, r := range rs {
		if r.Input != "audio" || !slices.Equal(r.statuses(), want[i]) || r.Card == nil || r.Card.PAN != "411111******1111" {
			t.Errorf("swipe %d: input %q tracks %q card %+v", i+1, r.Input, r.statuses(), r.Card)
		}
		if r.Audio == nil || r.Audio.SpeedIPS != 20 || r.Audio.SNRdB < 30 {
			t.Errorf("swipe %d: audio %+v", i+1, r.Audio)
		}
	}
	if rs[0].Audio.BPI != 210 || rs[1].Audio.BPI != 75 {
		t.Errorf("bpi %d, %d", rs[0].Audio.BPI, rs[1].Audio.BPI)
	}
	if strings.Contains(out, "4111111111111111") {
		t.Error("card data not masked")
	}

	// What the terminal said applies to every swipe of the recording.
	code, out, errs = decodeCmd(t, "", "--input", "audio", "--json", "--now", "2026-11-25", "--terminal-said", "read_failed", name)
	if code != 0 || json.Unmarshal([]byte(out), &rs) != nil || len(rs) != 2 {
		t.Fatalf("--terminal-said: exit %d: %s\n%s", code, errs, out)
	}
	for i, r := range rs {
		if len(r.Findings) == 0 || r.Findings[0].Code != "terminal_reader_suspect" {
			t.Errorf("--terminal-said read_failed, swipe %d: findings %+v", i+1, r.Findings)
		}
	}

	code, out, errs = decodeCmd(t, "", "--input", "audio", "--now", "2026-11-25", name)
	if code != 0 || !strings.Contains(out, "Swipe 1 of 2, 0.01–0.14 s\n") || !strings.Contains(out, "Swipe 2 of 2, ") ||
		!strings.Contains(out, "Signal: 20.0 in/s") {
		t.Errorf("text: exit %d\n%s%s", code, out, errs)
	}
}

// TestDecodeAudioMP3 reads the MP3 package's test recording: track 2
// ";0123456789=12345?" at 10 in/s.
func TestDecodeAudioMP3(t *testing.T) {
	name := filepath.Join("..", "..", "decoder", "audio", "mp3", "testdata", "swipe.mp3")
	code, out, errs := decodeCmd(t, "", "--input", "audio", "--json", "--reveal", name)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rs []audioReport
	if err := json.Unmarshal([]byte(out), &rs); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(rs) != 1 || rs[0].Tracks[1].Text != ";0123456789=12345?" || rs[0].Audio == nil || rs[0].Audio.BPI != 75 {
		t.Errorf("mp3 decoded as %s", out)
	}
}

func TestDecodeAudioBadInput(t *testing.T) {
	silent := audio.Samples{Rate: 8000, Data: make([]float32, 8000)}
	var b bytes.Buffer
	if err := wav.Encode(&b, silent); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, stdin, want string
	}{
		{"empty", "", "the input is empty"},
		{"text", "%B4111111111111111^DOE/JANE^30121010000?", "reading the recording: not a WAV or MP3 file"},
		{"bad wav", "RIFF\x10\x00\x00\x00WAVEfmt ", "reading the recording: wav:"},
		{"silence", b.String(), "No swipe found; the loudest sound was 0 dB above the noise. Swipe with the stripe against the head, and check the input level. (1.0 s at 8000 Hz)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := decodeCmd(t, tt.stdin, "--input", "audio")
			if code != 1 || out != "" || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and %q", code, out, errs, tt.want)
			}
		})
	}
}
