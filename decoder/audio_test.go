package decoder

import (
	"encoding/json"
	"magcheck/message"
	"maps"
	"slices"
	"strings"
	"testing"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
)

// Tracks of the audio tests: a Visa test card's tracks 1 and 2 and a
// numeric track 3 longer than track 2 may be.
const (
	audioTrack1 = "%B4111111111111111^CARDHOLDER/TEST^3012101000000000000000000?"
	audioTrack2 = ";4111111111111111=30121010000000000000?"
	audioTrack3 = ";0112345678901234=7247241000000000000303000000040400099010=0000000000000000000001=0000000000000000?"
)

// swipe synthesizes one track at the given options.
func swipe(t testing.TB, track string, o audiotest.Options) audio.Samples {
	t.Helper()
	s, err := audiotest.Track(track, o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func detailedCodes(r *Report) []string {
	var cs []string
	for _, f := range r.Findings {
		c := string(f.Code)
		if f.Detail != "" {
			c += "/" + f.Detail
		}
		cs = append(cs, c)
	}
	return cs
}

// TestDecodeAudio decodes synthesized swipes and checks each report's
// track and findings (with their details) exactly.
func TestDecodeAudio(t *testing.T) {
	const card2 = "issuer_check_required track_absent" // a track 2 alone of a Visa test card
	tests := []struct {
		name  string
		track string
		o     audiotest.Options
		// want is, for each swipe, the track number, its status and the
		// findings' codes (with /detail); track 0 when none decoded.
		want []audioWant
	}{
		{"clean track 1", audioTrack1, audiotest.Options{Rate: 48000, SpeedIPS: 15, SNRdB: 35},
			[]audioWant{{1, StatusOK, "issuer_check_required track_absent"}}},
		{"clean track 2", audioTrack2, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35},
			[]audioWant{{2, StatusOK, card2}}},
		{"clean track 3", audioTrack3, audiotest.Options{Rate: 96000, SpeedIPS: 20, SNRdB: 35},
			[]audioWant{{3, StatusOK, "non_payment_card/private"}}},
		{"reversed", audioTrack2, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35, Reverse: true, Polarity: -1},
			[]audioWant{{2, StatusOK, card2 + " reversed_swipe"}}},
		{"fast", audioTrack2, audiotest.Options{Rate: 96000, SpeedIPS: 70, SNRdB: 35},
			[]audioWant{{2, StatusOK, "swipe_speed/fast " + card2}}},
		{"fast for the rate", audioTrack1, audiotest.Options{Rate: 44100, SpeedIPS: 80, SNRdB: 35},
			[]audioWant{{0, "", "no_data swipe_speed/fast"}}},
		{"slow", audioTrack2, audiotest.Options{Rate: 48000, SpeedIPS: 3, SNRdB: 35},
			[]audioWant{{2, StatusOK, "swipe_speed/slow " + card2}}},
		{"uneven", audioTrack2, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35, Profile: "stuttering", Variation: 0.4},
			[]audioWant{{2, StatusOK, "swipe_speed/uneven " + card2}}},
		{"noisy", audioTrack2, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 8},
			[]audioWant{{2, StatusOK, "weak_signal/noisy " + card2}}},
		{"quiet", audioTrack2, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35, Amplitude: 0.004},
			[]audioWant{{2, StatusOK, "weak_signal " + card2}}},
		// Noise this loud splits the loud part of the swipe in two; the
		// whole, found against the noise at a lower ratio, still reads.
		{"very noisy", audioTrack2, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 3},
			[]audioWant{{2, StatusOK, "weak_signal/noisy " + card2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := DecodeAudio(swipe(t, tt.track, tt.o), Options{Now: testNow})
			if len(rs) != len(tt.want) {
				t.Fatalf("%d reports, want %d", len(rs), len(tt.want))
			}
			for i, sw := range rs {
				r, w := sw.Report, tt.want[i]
				if got := strings.Join(detailedCodes(r), " "); got != w.codes {
					t.Errorf("swipe %d: findings %q, want %q", i, got, w.codes)
				}
				if r.Input != InputAudio || r.Audio == nil {
					t.Errorf("swipe %d: input %q, quality %v", i, r.Input, r.Audio)
				} else if r.Audio.SamplesPerHalfCell != sw.Swipe.Quality.SamplesPerHalfCell || sw.Swipe.End <= sw.Swipe.Start {
					t.Errorf("swipe %d: report of %v, swipe of samples %d–%d with %v", i, r.Audio, sw.Swipe.Start, sw.Swipe.End, sw.Swipe.Quality)
				}
				for _, tr := range r.Tracks {
					switch {
					case tr.Number != w.track && tr.Status != StatusAbsent:
						t.Errorf("swipe %d: track %d %s, want only track %d", i, tr.Number, tr.Status, w.track)
					case tr.Number == w.track && tr.Status != w.status:
						t.Errorf("swipe %d: track %d %s, want %s", i, tr.Number, tr.Status, w.status)
					case tr.Number == w.track && w.status == StatusOK && tr.Text != tt.track:
						t.Errorf("swipe %d: track %d reads %q", i, tr.Number, tr.Text)
					}
				}
			}
		})
	}
}

type audioWant struct {
	track  int
	status TrackStatus
	codes  string
}

// TestAudioView checks the quality figures in the JSON view.
func TestAudioView(t *testing.T) {
	rs := DecodeAudio(swipe(t, audioTrack2, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 30, Polarity: -1}), Options{Now: testNow})
	if len(rs) != 1 {
		t.Fatalf("%d reports", len(rs))
	}
	b, err := json.Marshal(rs[0].Report.View(message.English, false).Audio)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	keys := slices.Sorted(maps.Keys(got))
	want := []string{"bpi", "clipped", "failed_bits", "peak", "polarity", "samples_per_half_cell", "snr_db", "speed_ips", "speed_variation"}
	if !slices.Equal(keys, want) {
		t.Errorf("audio keys %q, want %q", keys, want)
	}
	if got["bpi"] != 75.0 || got["speed_ips"] != 20.0 || got["polarity"] != -1.0 || got["clipped"] != false ||
		got["samples_per_half_cell"] != 15.9 {
		t.Errorf("audio %s", b)
	}
	const line = "Signal: 20.0 in/s ±0.7 %, SNR 30.7 dB, peak 46.6 %, 15.9 samples per half bit cell, polarity -1\n"
	if text := rs[0].Report.View(message.English, false).Text(); !strings.Contains(text, line) {
		t.Errorf("text report without %q:\n%s", line, text)
	}
}

// TestWeakSignalVerdict: a recording whose pulses stand little above its
// noise does not say which of the stripe and the reader's chain is weak,
// and its verdict names both, with how to tell; pulses quiet against full
// scale but clear of the noise are the stripe's.
func TestWeakSignalVerdict(t *testing.T) {
	for _, tt := range []struct {
		name  string
		o     audiotest.Options
		fault Fault
		en    string
	}{
		{"noisy", audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 8}, FaultReader,
			"The card's stripe or the reader: Signal weak against the noise. Swipe 2–3 known-good cards to tell which."},
		{"quiet", audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35, Amplitude: 0.004}, FaultCard,
			"Most likely the card: Weak signal."},
	} {
		rs := DecodeAudio(swipe(t, audioTrack2, tt.o), Options{Now: testNow})
		if len(rs) != 1 {
			t.Fatalf("%s: %d reports", tt.name, len(rs))
		}
		r := rs[0].Report
		if r.Fault != tt.fault || r.Verdict(message.English) != tt.en {
			t.Errorf("%s: fault %s, verdict %q; want %s, %q", tt.name, r.Fault, r.Verdict(message.English), tt.fault, tt.en)
		}
		if zh := r.Verdict(message.Chinese); tt.name == "noisy" && strings.Contains(zh, "最可能是卡片") {
			t.Errorf("%s: the Chinese verdict blames the card: %q", tt.name, zh)
		}
	}
}

// TestAudioRecordingLevel: what the sample rate and the input level say of
// a recording are findings, with evidence that says what to change.
func TestAudioRecordingLevel(t *testing.T) {
	fast := DecodeAudio(swipe(t, audioTrack1, audiotest.Options{Rate: 44100, SpeedIPS: 80, SNRdB: 35}), Options{Now: testNow})
	if len(fast) != 1 {
		t.Fatalf("%d reports", len(fast))
	}
	v := fast[0].Report.View(message.English, false)
	i := slices.IndexFunc(v.Findings, func(f FindingView) bool { return f.Code == string(SwipeSpeed) })
	want := "at 44100 Hz (at least 4 needed): at this rate a swipe reads up to 26 in/s on tracks 1 and 3, 74 in/s on track 2; record at 96 kHz or more, or swipe more slowly"
	if i < 0 || !strings.HasSuffix(v.Findings[i].Evidence, want) {
		t.Errorf("undersampled: findings %+v, want evidence ending %q", v.Findings, want)
	}

	loud := DecodeAudio(swipe(t, audioTrack2, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35, Amplitude: 10}), Options{Now: testNow})
	if len(loud) != 1 {
		t.Fatalf("%d reports", len(loud))
	}
	r := loud[0].Report
	if got := strings.Join(detailedCodes(r), " "); got != "signal_clipped issuer_check_required track_absent" || r.Tracks[1].Status != StatusOK {
		t.Errorf("clipped: findings %q, track 2 %s", got, r.Tracks[1].Status)
	}
	if r.Fault != FaultHost {
		t.Errorf("clipped, read: fault %s, want host (the note does not decide the verdict)", r.Fault)
	}
}
