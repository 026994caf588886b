package ui

import (
	"fmt"
	htmlpkg "html"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
	"magcheck/message"
)

const audioTrack2 = ";4111111111111111=30121010000000000000?"

func synthTrack2(t *testing.T, o audiotest.Options) audio.Samples {
	t.Helper()
	s, err := audiotest.Track(audioTrack2, o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDrawSwipe(t *testing.T) {
	s := synthTrack2(t, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 30, Profile: "accelerating", Variation: 0.2})
	sws := audio.Decode(s)
	if len(sws) != 1 {
		t.Fatalf("%d swipes", len(sws))
	}
	rs := decoder.DecodeAudio(s, decoder.Options{})
	tv := rs[0].Report.View(message.English, false).Tracks[1]
	w := drawSwipe(s, sws[0], tv.Bits, tv.Quality)
	if n := len(strings.Fields(w.line)); n != 2*waveWidth/2 {
		t.Errorf("%d points in the waveform, want %d", n, waveWidth)
	}
	if n := strings.Count(w.peaks, "M"); n < 100 || n > len(sws[0].Quality.Peaks) {
		t.Errorf("%d pulse ticks for %d pulses", n, len(sws[0].Quality.Peaks))
	}
	if w.failed != "" {
		t.Errorf("failed region %q on a clean swipe", w.failed)
	}
	pts := strings.Fields(w.speed)
	if len(pts) != len(sws[0].Quality.Periods) {
		t.Fatalf("%d speed points for %d periods", len(pts), len(sws[0].Quality.Periods))
	}
	// Accelerating: the line climbs (y falls) from start to end.
	if first, last := pts[0][strings.Index(pts[0], ",")+1:], pts[len(pts)-1][strings.Index(pts[len(pts)-1], ",")+1:]; first != "56.0" || last != "4.0" {
		t.Errorf("speed from y=%s to y=%s, want 56.0 to 4.0", first, last)
	}
	// A tick where each bit begins, and each character under its bits,
	// masked as the track's text is, the LRC last.
	if n := strings.Count(w.bitTicks, "M"); n != len(sws[0].Bits) {
		t.Errorf("%d bit ticks for %d bits", n, len(sws[0].Bits))
	}
	var chars strings.Builder
	for i, c := range w.chars {
		chars.WriteString(c.char)
		if c.from < 0 || c.to <= c.from || c.to > 100 || i > 0 && c.from != w.chars[i-1].to {
			t.Errorf("character %d at %.2f–%.2f %%, after %+v", i, c.from, c.to, w.chars[max(i-1, 0)])
		}
	}
	if text := rs[0].Report.View(message.English, false).Tracks[1].Text; chars.String() != text+"LRC" {
		t.Errorf("characters under the bits %q, want %q and the LRC", chars.String(), text)
	}
	html := app.HTMLString(w.render(message.English))
	for _, want := range []string{`id="audio-wave-svg"`, `class="wave-line"`, `points="0,`, `class="speed-line"`, "0.18 s, 48000 Hz, 20.0 in/s ±17 %, SNR 31 dB"} {
		if !strings.Contains(html, want) {
			t.Errorf("waveform lacks %q:\n%s", want, html[strings.Index(html, "<figcaption"):])
		}
	}
}

// A worn stretch of stripe, 25 % of the signal over 40–60 % of the swipe,
// is shaded on the waveform where it lies, and on the stripe picture with
// the track's grade.
func TestDrawWeakRegion(t *testing.T) {
	for _, reversed := range []bool{false, true} {
		s := synthTrack2(t, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35, WeakFrom: 0.4, WeakTo: 0.6, WeakFactor: 0.25, Reverse: reversed})
		sws := audio.Decode(s)
		rs := decoder.DecodeAudio(s, decoder.Options{})
		if len(sws) != 1 || len(rs) != 1 {
			t.Fatalf("%d swipes", len(sws))
		}
		tv := rs[0].Report.View(message.English, false).Tracks[1]
		if tv.Quality == nil || len(tv.Quality.WeakRegions) != 1 {
			t.Fatalf("reversed %v: quality %+v", reversed, tv.Quality)
		}
		w := drawSwipe(s, sws[0], tv.Bits, tv.Quality)
		var x0, x1 float64
		if _, err := fmt.Sscanf(w.weak, "M%g 0H%g", &x0, &x1); err != nil {
			t.Fatalf("reversed %v: weak path %q: %v", reversed, w.weak, err)
		}
		// The swipe fills most of the drawing; its weak stretch lies in the
		// middle of it whichever way it was swiped.
		if x0 < 300 || x0 > 500 || x1 < 500 || x1 > 700 {
			t.Errorf("reversed %v: weak stretch drawn at %g–%g of %d", reversed, x0, x1, waveWidth)
		}
		html := app.HTMLString(stripePicture(rs[0].Report.View(message.English, false).Tracks, message.English))
		if !strings.Contains(html, `class="weak"`) || !strings.Contains(html, " · poor</text>") {
			t.Errorf("reversed %v: stripe picture without the weak stretch or the grade:\n%s", reversed, html)
		}
	}
}

// TestAudioMessages renders every error and note in both languages.
func TestAudioMessages(t *testing.T) {
	for _, lang := range []message.Lang{message.English, message.Chinese} {
		for _, code := range []string{errNoAudio, errInsecure, errDenied, errNoMic, errBusy, errLost, errFile, errTooLong, errOther} {
			a := &AudioPanel{Lang: lang, err: &audioError{code: code, browser: "X: y"}}
			html := app.HTMLString(a.Render())
			if text := audioWord(code, lang); text == code || !strings.Contains(html, `data-audio-error="`+code+`"`) ||
				!strings.Contains(html, htmlpkg.EscapeString(text)) || !strings.Contains(html, `<span lang="en">X: y</span>`) {
				t.Errorf("%s: error %s not shown:\n%s", lang, code, html)
			}
		}
		for _, note := range []string{noteSilence, noteNoSwipe} {
			a := &AudioPanel{Lang: lang, notes: []string{note}}
			if html := app.HTMLString(a.Render()); audioWord(note, lang) == note || !strings.Contains(html, htmlpkg.EscapeString(audioWord(note, lang))) {
				t.Errorf("%s: note %s not shown", lang, note)
			}
		}
	}
}
