//go:build !wasm

package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"magcheck/decoder"
	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
	"magcheck/decoder/audio/wav"
	"magcheck/message"
)

// audioSwipe is a track 2 swipe of a Visa test card at 20 in/s, 48 kHz.
func audioSwipe(t *testing.T) audio.Samples {
	t.Helper()
	s, err := audiotest.Track(";4111111111111111=30121010000000000000?", audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// wavFile writes s as a WAV file in a folder of the test's and returns its
// path, for the audio panel's file input.
func wavFile(t *testing.T, s audio.Samples) string {
	t.Helper()
	var b bytes.Buffer
	if err := wav.Encode(&b, s); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "swipe.wav")
	if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// trackRecording synthesises a swipe of text with o, writes it as a WAV
// file and returns its path and what DecodeAudio makes of it: one swipe.
func trackRecording(t *testing.T, text string, o audiotest.Options) (string, []decoder.AudioSwipe) {
	t.Helper()
	s, err := audiotest.Track(text, o)
	if err != nil {
		t.Fatal(err)
	}
	rs := decoder.DecodeAudio(s, decoder.Options{})
	if len(rs) != 1 {
		t.Fatalf("%d reports from the recording", len(rs))
	}
	return wavFile(t, s), rs
}

// audioRecording is audioSwipe written as a WAV file, and the one report
// DecodeAudio makes of it.
func audioRecording(t *testing.T) (path string, r *decoder.Report) {
	t.Helper()
	s := audioSwipe(t)
	rs := decoder.DecodeAudio(s, decoder.Options{})
	if len(rs) != 1 {
		t.Fatalf("%d reports from the recording", len(rs))
	}
	return wavFile(t, s), rs[0].Report
}

// TestAudioFile opens a WAV recording in the audio panel's file input and
// checks that the page shows what DecodeAudio makes of it, and draws it.
func TestAudioFile(t *testing.T) {
	name, report := audioRecording(t)
	p := newPage(t)
	if p.Attr("#audio-file", "type") != "file" {
		t.Fatal("the page renders no audio panel (#audio-file): AudioPanel is not wired into the Page")
	}
	p.OpenFile("#audio-file", name)
	p.WaitFor(`.track[data-track="2"][data-status="ok"]`)
	got := readResult(p)
	sameResult(t, got, p.want(p.saw(report)))
	if got.Card == nil || got.Card.Last4 != "1111" || !hasCodes(got.Findings, "issuer_check_required", "track_absent") {
		t.Errorf("shown as card %+v, findings %q", got.Card, got.Findings)
	}
	p.WaitFor(`#audio-wave-svg polyline.wave-line`)
	if pts := strings.Fields(p.Attr("#audio-wave-svg polyline.wave-line", "points")); len(pts) != 1000 {
		t.Errorf("waveform of %d points, want 1000", len(pts))
	}
	if p.Attr("#audio-wave-svg path.wave-peaks", "d") == "" || p.Attr("#audio-speed-svg polyline", "points") == "" {
		t.Error("no pulse ticks or no speed profile")
	}
	if f := p.ForeignRequests(); len(f) > 0 {
		t.Errorf("requests beyond the page's files: %q", f)
	}
	p.Screenshot("audio-file")
}

// TestAudioMP3 opens an MP3 recording: the page leaves MP3 to the
// browser's own decoder (no MP3 decoder in the WebAssembly) and shows the
// track the recording holds.
func TestAudioMP3(t *testing.T) {
	name, err := filepath.Abs(filepath.Join("..", "decoder", "audio", "mp3", "testdata", "swipe.mp3"))
	if err != nil {
		t.Fatal(err)
	}
	p := newPage(t)
	p.OpenFile("#audio-file", name)
	p.WaitFor(`.track[data-track="2"][data-status="ok"]`)
	// The same track typed by a reader shows the same masked text.
	if got, w := readResult(p).Tracks[1], p.want(pasted(t, ";0123456789=12345?")).Tracks[1]; got != w {
		t.Errorf("track 2 shown as %+v, want %+v", got, w)
	}
}

// fakeMic replaces getUserMedia. window.__mic.mode "deny" rejects as a
// refused permission prompt does; "swipe" returns a stream that plays
// window.__mic.samples (at window.__mic.rate) after a second of silence
// (on a busy machine the page's capture can take hundreds of milliseconds
// to start, and would miss the swipe's start),
// and keeps it in window.__mic.stream.
const fakeMic = `(() => {
	window.__mic = {mode: 'deny', samples: [], rate: 48000, constraints: null, stream: null};
	navigator.mediaDevices.getUserMedia = async c => {
		const m = window.__mic;
		m.constraints = c;
		if (m.mode === 'deny') throw new DOMException('Permission denied', 'NotAllowedError');
		const ac = new AudioContext({sampleRate: m.rate});
		const buf = ac.createBuffer(1, m.samples.length, m.rate);
		buf.copyToChannel(Float32Array.from(m.samples), 0);
		const src = ac.createBufferSource();
		src.buffer = buf;
		const dest = ac.createMediaStreamDestination();
		src.connect(dest);
		src.start(ac.currentTime + 1);
		m.stream = dest.stream;
		return dest.stream;
	};
})()`

func TestAudioMicrophone(t *testing.T) {
	p := newPage(t)
	if _, err := chromedp.Call(p.ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: fakeMic}); err != nil {
		t.Fatal(err)
	}
	p.Reload()

	p.Click("#audio-mic")
	p.WaitFor(`#audio[data-audio-state="error"] [data-audio-error="denied"]`)
	if got := p.Text(`[data-audio-error="denied"] p`); !strings.HasPrefix(got, "Microphone access was refused.") {
		t.Errorf("denied message %q", got)
	}
	c := evalAs[map[string]any](p, "window.__mic.constraints.audio")
	if c["echoCancellation"] != false || c["noiseSuppression"] != false || c["autoGainControl"] != false {
		t.Errorf("getUserMedia constraints %v: processing not all off", c)
	}

	s := audioSwipe(t)
	p.Eval("window.__mic.mode = 'swipe'; window.__mic.samples = " + jsValue(s.Data) + "; true")
	p.Click("#audio-mic")
	p.WaitFor(`#audio[data-audio-state="listening"] #audio-rate`)
	p.WaitFor(`.track[data-track="2"][data-status="ok"]`)
	got := readResult(p)
	if got.Card == nil || got.Card.Last4 != "1111" || got.Tracks[1].Text != ";411111******1111=3012101*************?" {
		t.Errorf("live swipe shown as %+v", got)
	}
	p.WaitFor(`#audio-wave-svg`)
	p.Click("#audio-mic")
	p.WaitFor(`#audio[data-audio-state="idle"]`)
}

// The microphone taken away while listening (unplugged, grabbed by another
// program, permission revoked: the browser ends the track and fires ended)
// stops the listening and says why, in both languages.
func TestMicrophoneTakenAway(t *testing.T) {
	p := newTestPage(t, pageTimings{}, fakeMic)
	p.Eval("window.__mic.mode = 'swipe'; window.__mic.samples = [0, 0, 0]; true")
	p.Click("#audio-mic")
	p.WaitFor(`#audio[data-audio-state="listening"] #audio-rate`)
	// track.stop() does not fire ended; the browser's own ending does.
	p.Eval("window.__mic.stream.getAudioTracks()[0].dispatchEvent(new Event('ended')); true")
	p.WaitFor(`#audio[data-audio-state="error"] [data-audio-error="lost"]`)
	if got := p.Text(`[data-audio-error="lost"] p`); got != "The microphone was taken away while listening: it was unplugged, another program took it, or its permission was withdrawn. Listening has stopped. Check the reader and the page's microphone permission, then click Listen again." {
		t.Errorf("lost microphone explained as %q", got)
	}
	if got := p.Text("#audio-mic"); got != "Listen to an audio reader" {
		t.Errorf("button %q after the microphone went", got)
	}
	if s := p.Attr("#audio", "data-audio-state"); s != "error" {
		t.Errorf("audio state %q", s)
	}
	if got := evalAs[string](p, "window.__mic.stream.getAudioTracks()[0].readyState"); got != "ended" {
		t.Errorf("the page left the track %q: it did not stop listening", got)
	}
	p.Click(`button[data-lang="zh"]`)
	p.WaitFor(`button[data-lang="zh"][aria-pressed="true"]`)
	if got := p.Text(`[data-audio-error="lost"] p`); got != "监听时麦克风被中断：它被拔出、被其他程序占用，或访问权限被撤销。监听已停止。请检查读卡器和本页的麦克风权限，然后再次点击监听。" {
		t.Errorf("lost microphone explained in Chinese as %q", got)
	}
	// Listening again works.
	p.Click("#audio-mic")
	p.WaitFor(`#audio[data-audio-state="listening"] #audio-rate`)
}

// TestAudioWornStripe opens a recording of a stripe worn to 25 % over
// 40–60 % of its length: the page grades the track poor on the stripe
// picture, shades the worn stretch there and on the waveform, puts the
// characters under their bits and says stripe_worn.
func TestAudioWornStripe(t *testing.T) {
	name, rs := trackRecording(t, ";4111111111111111=30121010000000000000?", audiotest.Options{
		Rate: 48000, SpeedIPS: 20, SNRdB: 35, WeakFrom: 0.4, WeakTo: 0.6, WeakFactor: 0.25})
	p := newPage(t)
	p.OpenFile("#audio-file", name)
	p.WaitFor(`.band-status[data-grade]`)
	got := readResult(p)
	sameResult(t, got, p.want(p.saw(rs[0].Report)))
	if !hasCodes(got.Findings, "stripe_worn") {
		t.Errorf("findings %q, want stripe_worn", got.Findings)
	}
	want := rs[0].Report.View(message.English, false).Tracks[1].Quality
	if g := p.Attr(".band-status[data-grade]", "data-grade"); g != want.Grade {
		t.Errorf("stripe picture grades the track %q, want %q", g, want.Grade)
	}
	if n := evalAs[int](p, "document.querySelectorAll('.stripe-picture .weak').length"); n != len(want.WeakRegions) {
		t.Errorf("%d weak stretches on the stripe picture, want %d", n, len(want.WeakRegions))
	}
	if d := p.Attr("#audio-wave-svg .wave-weak", "d"); !strings.HasPrefix(d, "M") {
		t.Errorf("no weak stretch shaded on the waveform (d=%q)", d)
	}
	if n := evalAs[int](p, "document.querySelectorAll('#audio-wave-chars .wave-char').length"); n != len(rs[0].Report.Tracks[1].Bits.Chars) {
		t.Errorf("%d characters under the waveform, want %d", n, len(rs[0].Report.Tracks[1].Bits.Chars))
	}
	p.Screenshot("audio-worn")
}

// TestAudioNoiseLimit opens a recording at 6 dB peak SNR, which only the
// sequence detector reads: the page, in WebAssembly, shows the track as
// DecodeAudio reads it natively, and its band says in two words that the
// stripe is not graded, with the reason as the band's tooltip.
func TestAudioNoiseLimit(t *testing.T) {
	name, rs := trackRecording(t, ";4111111111111111=30121011234567890?", audiotest.Options{
		Rate: 44100, SpeedIPS: 15, PeakSNRdB: 6, Amplitude: 0.3, Pad: 0.3, Seed: 7})
	if rs[0].Swipe.Err != nil {
		t.Fatalf("the recording does not read: %v", rs[0].Swipe.Err)
	}
	p := newPage(t)
	p.OpenFile("#audio-file", name)
	p.WaitFor(`.track[data-track="2"][data-status="ok"]`)
	sameResult(t, readResult(p), p.want(p.saw(rs[0].Report)))
	want := rs[0].Report.View(message.English, false).Tracks[1].Quality
	if g := p.Attr(".band-status[data-grade]", "data-grade"); g != "not_graded" || want.Grade != "not_graded" {
		t.Errorf("stripe picture grades the track %q (the report %q), want not_graded", g, want.Grade)
	}
	if got := p.Text(".band-status[data-grade]"); !strings.HasSuffix(got, "read · not graded") {
		t.Errorf("band says %q, want it to end in %q", got, "read · not graded")
	}
	if got := p.Text(".band-status[data-grade] title"); got != want.GradeText {
		t.Errorf("band's tooltip %q, want %q", got, want.GradeText)
	}
}
