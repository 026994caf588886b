//go:build !wasm

package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"magcheck/decoder"
	"magcheck/decoder/audio/wav"
	"magcheck/decoder/iso7811"
	"magcheck/message"
)

// realRecording is a recording of decoder/testdata/real (a real read
// head's, made by others): its path and what DecodeAudio makes of it.
func realRecording(t *testing.T, name string) (string, []decoder.AudioSwipe) {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("..", "decoder", "testdata", "real", name))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := wav.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return path, decoder.DecodeAudio(s, decoder.Options{})
}

// checkOwnEncoding checks a page showing a card with its own encoding:
// its verdict, no track but its raw bits under track 2 (n of them, masked
// until revealed), and a visit of swipes swipes with no read failure.
func checkOwnEncoding(t *testing.T, p *Page, r *decoder.Report, swipes string) {
	t.Helper()
	got := readResult(p)
	sameResult(t, got, p.want(r))
	if got.Verdict != message.English.Text(message.VerdictNonISO) || !hasCodes(got.Findings, "non_iso_encoding") {
		t.Errorf("verdict %q, findings %q", got.Verdict, got.Findings)
	}
	raw := r.View(message.English, true).Tracks[1].Bits.Raw
	if got := p.Text(`.track[data-track="2"] .bits-raw dd[data-way="recorded"]`); got != strings.Repeat("*", len(raw)) {
		t.Errorf("masked raw bits %q, want %d stars", got, len(raw))
	}
	for name, want := range map[string]string{"data-swipes": swipes, "data-failed": "0"} {
		if got := p.Attr(".session", name); got != want {
			t.Errorf("session %s = %q, want %q", name, got, want)
		}
	}
	p.Click("#reveal")
	p.WaitFor("#hide")
	if got := p.Text(`.track[data-track="2"] .bits-raw dd[data-way="recorded"]`); got != raw {
		t.Errorf("revealed raw bits %q, want %q", got, raw)
	}
	if got := p.Text(`.track[data-track="2"] .bits-raw dd[data-way="reversed"]`); got != reverse(raw) {
		t.Errorf("revealed reversed bits %q", got)
	}
}

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// TestRealRecording opens a real read head's recording of a MetroCard,
// one swipe and a stray burst after it: the page shows one swipe, a card
// with its own encoding, its raw bits, and no fault; then a recording of
// eight such swipes, each its own report, none a failure.
func TestRealRecording(t *testing.T) {
	p := newPage(t)
	path, rs := realRecording(t, "mta-new-metrocard-ezpay.wav")
	if len(rs) != 1 {
		t.Fatalf("%d reports from the recording", len(rs))
	}
	p.OpenFile("#audio-file", path)
	p.WaitFor(`.track[data-track="2"][data-status="non_iso"]`)
	checkOwnEncoding(t, p, p.saw(rs[0].Report), "1")
	p.Screenshot("real-metrocard")

	p.Click("#hide")
	path, rs = realRecording(t, "mta-metrocard-mix.wav")
	if len(rs) != 8 {
		t.Fatalf("%d reports from the recording", len(rs))
	}
	p.OpenFile("#audio-file", path)
	waitSwipes(p, 9)
	for _, sw := range rs {
		p.saw(sw.Report)
	}
	checkOwnEncoding(t, p, rs[len(rs)-1].Report, "9")
}

// twoTracks is a bit dump of two tracks, one a line, as TTL readers and
// bit libraries write one.
func twoTracks(t *testing.T) string {
	t.Helper()
	var lines []string
	for _, tr := range []struct {
		text string
		f    iso7811.Format
	}{{"%B4111111111111111^CARDHOLDER/TEST^3012101?", iso7811.Alpha}, {";4111111111111111=30121010000000000000?", iso7811.Numeric}} {
		bits, err := iso7811.Encode(tr.text, tr.f, 12, 12)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, x := range bits {
			b.WriteByte('0' + x)
		}
		lines = append(lines, b.String())
	}
	return strings.Join(lines, "\n")
}

// TestPasteTwoTracks pastes a two-line bit dump: the page shows both
// tracks, as the command's --input bits reads them.
func TestPasteTwoTracks(t *testing.T) {
	p := newPage(t)
	dump := twoTracks(t)
	pasteText(p, dump)
	waitSwipes(p, 1)
	got := readResult(p)
	sameResult(t, got, p.want(p.saw(pasted(t, dump))))
	if got.Tracks[0].Status != "ok" || got.Tracks[1].Status != "ok" || got.Card == nil || got.Card.Last4 != "1111" {
		t.Errorf("tracks %+v, card %+v", got.Tracks, got.Card)
	}
	if n := evalAs[int](p, `document.querySelectorAll('.track[data-track="1"] .bits .bitchar, .track[data-track="2"] .bits .bitchar').length`); n == 0 {
		t.Error("no characters drawn over their bits")
	}
	p.Screenshot("paste-two-tracks")
}

// pasteText puts text in the paste box at once and fires input, as the
// clipboard does (WebDriver has no paste of its own), and decodes it.
func pasteText(p *Page, text string) {
	p.t.Helper()
	p.Eval(`(() => {
		const box = document.getElementById('paste');
		box.focus();
		box.value = ` + jsValue(text) + `;
		box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));
	})()`)
	p.Click("#decode")
}

// TestEngineRealRecording opens the real MetroCard recording in Firefox
// and WebKit.
func TestEngineRealRecording(t *testing.T) {
	path, rs := realRecording(t, "mta-new-metrocard-ezpay.wav")
	forEngines(t, func(t *testing.T, engine string) {
		p := newEnginePage(t, engine)
		p.OpenFile("#audio-file", path)
		p.WaitFor(`.track[data-track="2"][data-status="non_iso"]`)
		checkOwnEncoding(t, p, p.saw(rs[0].Report), "1")
	})
}

// TestEnginePasteTwoTracks pastes the two-line bit dump in Firefox and
// WebKit.
func TestEnginePasteTwoTracks(t *testing.T) {
	dump := twoTracks(t)
	forEngines(t, func(t *testing.T, engine string) {
		p := newEnginePage(t, engine)
		pasteText(p, dump)
		waitSwipes(p, 1)
		sameResult(t, readResult(p), p.want(p.saw(pasted(t, dump))))
	})
}
