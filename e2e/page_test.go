//go:build !wasm

package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"magcheck/app/ui"
	"magcheck/decoder"
	"magcheck/decoder/iso7811"
	"magcheck/decoder/keyboard"
	"magcheck/decoder/keyboard/keyboardtest"
	"magcheck/internal/headless"
	"magcheck/internal/testvectors"
	"magcheck/message"
)

// The tests here check the page's components in the browser: what a swipe
// shows, the paste box, reveal, clear, the session summary and the export.
//
// Expectations are computed natively from the same input through the same
// decoder calls the page makes (keyboard.Detector and DecodeSwipe for typed
// keys, DecodeText for the paste box), so the tests prove that the page
// shows exactly what the decoder says; a few facts per vector are also
// written out by hand, so a decoder regression cannot hide behind itself.
//
// Keys are typed by typeSwipe, which stamps each key press with its own
// time (CDP's timestamp becomes KeyboardEvent.timeStamp). The page then
// measures the same gaps whatever the load of the machine: readers' 2 ms
// stay 2 ms, and no stall a busy CI runner makes turns into a finding.

// vector returns the input of the capture id of internal/testvectors.
func vector(t *testing.T, id string) string {
	t.Helper()
	v, ok := testvectors.Lookup(id)
	if !ok {
		t.Fatalf("no vector %s in internal/testvectors", id)
	}
	return v.Input
}

// typeSwipe types text as a reader on a host with layout and Caps Lock, one
// key press every gap of event time, and returns the keydowns as the page's
// listener reads them. Like TypeAtReaderSpeed, but with exact timing.
func typeSwipe(p *Page, text, layout string, capsLock bool, gap time.Duration) []keyboard.Key {
	p.t.Helper()
	presses, err := keyboardtest.Presses(text, keyboard.Layout(layout), capsLock)
	if err != nil {
		p.t.Fatal(err)
	}
	return typeStrokes(p, presses, capsLock, gap)
}

// typeStrokes types key presses one every gap of event time, with Caps Lock
// as getModifierState reports it, and returns the keydowns as the page's
// listener reads them, timed from the first.
func typeStrokes(p *Page, presses []keyboardtest.Press, capsLock bool, gap time.Duration) []keyboard.Key {
	p.t.Helper()
	p.Eval("window.__e2eCapsLock = " + strconv.FormatBool(capsLock))
	start := p.keyStart()
	for i, k := range presses {
		at := start.Add(time.Duration(i) * gap)
		p.lastStamp = at
		for _, ev := range headless.KeyEvents(k) {
			ev.Timestamp = epoch(at)
			if _, err := chromedp.Call(p.ctx, input.DispatchKeyEvent, ev); err != nil {
				p.t.Fatalf("typing %q: %v", k.Key, err)
			}
		}
	}
	return keyboardtest.Keydowns(presses, capsLock, keyboardtest.Pace{Gap: millis(gap)})
}

// millis is d in milliseconds, as KeyboardEvent.timeStamp counts.
func millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// swiped is what the page decodes from keys: a fresh Detector fed the keys
// the page received, and DecodeSwipe on what it gives.
func swiped(t *testing.T, keys []keyboard.Key) *decoder.Report {
	t.Helper()
	return swipedWith(t, keyboard.Detector{}, keys)
}

// swipedWith is swiped with a Detector set up as the page's.
func swipedWith(t *testing.T, d keyboard.Detector, keys []keyboard.Key) *decoder.Report {
	t.Helper()
	swipes := keyboardtest.Swipes(&d, keys, false)
	if len(swipes) == 0 {
		t.Fatal("the keys make no swipe")
	}
	return decoder.DecodeSwipe(*swipes[len(swipes)-1], decoder.Options{})
}

// pasted is what the paste box decodes.
func pasted(t *testing.T, text string) *decoder.Report {
	t.Helper()
	r, err := decoder.DecodePasted(text, decoder.Options{})
	if err != nil {
		t.Fatalf("DecodePasted: %v", err)
	}
	return r
}

// shown is a result as the page shows it, read through the test hooks.
type shown struct {
	Verdict  string       `json:"verdict"`
	Tracks   []shownTrack `json:"tracks"`
	Card     *shownCard   `json:"card"`
	Findings []string     `json:"findings"`
	Keys     string       `json:"keys"`
}

type shownTrack struct {
	Number string `json:"number"`
	Status string `json:"status"`
	Text   string `json:"text"`
	Marks  int    `json:"marks"` // characters marked as errors
}

type shownCard struct {
	Last4, Brand, Expiry, ServiceCode, PAN, Name string
}

const readShown = `(() => {
	const q = s => document.querySelector(s), all = s => [...document.querySelectorAll(s)];
	const card = q('.card-summary');
	return {
		verdict: q('.verdict-text')?.textContent ?? '',
		tracks: all('.track[data-track]').map(e => ({
			number: e.dataset.track,
			status: e.dataset.status,
			text: (e.querySelector('.track-text')?.textContent ?? '').replace('▯', ''),
			marks: e.querySelectorAll('.track-text .err').length,
		})),
		card: card && {
			Last4: card.dataset.panLast4 ?? '', Brand: card.dataset.brand ?? '',
			Expiry: card.dataset.expiry ?? '', ServiceCode: card.dataset.serviceCode ?? '',
			PAN: card.querySelector('.pan')?.textContent ?? '',
			Name: [...card.querySelectorAll('.row')].find(r => r.querySelector('dt')?.textContent === 'Name')
				?.querySelector('dd')?.textContent ?? '',
		},
		findings: all('[data-code]').map(e => e.dataset.code),
		keys: q('.timing')?.dataset.keys ?? '',
	};
})()`

func readResult(p *Page) shown {
	p.t.Helper()
	return evalAs[shown](p, readShown)
}

// want is what the page must show for a report, in English, masked.
// want is what the page shows for r, the latest of the swipes it was given
// (see saw): the visit's view of it.
func (p *Page) want(r *decoder.Report) shown {
	v := p.visit.View(r, message.English, false)
	s := shown{Verdict: v.Verdict, Findings: []string{}}
	for _, t := range v.Tracks {
		marks := map[int]bool{}
		for _, p := range t.ErrorPositions {
			marks[min(p, len(t.Text))] = true
		}
		s.Tracks = append(s.Tracks, shownTrack{strconv.Itoa(t.Number), t.Status, t.Text, len(marks)})
	}
	if c := v.Card; c != nil {
		s.Card = &shownCard{c.PANLast4, c.Brand, c.Expiry, c.ServiceCode, c.PAN, c.Name}
	}
	for _, f := range v.Findings {
		s.Findings = append(s.Findings, f.Code)
	}
	if v.Timing != nil {
		s.Keys = strconv.Itoa(v.Timing.Keys)
	}
	return s
}

// sameData compares the tracks and the card of two results: what the page
// decoded from keys against what magcheck decode makes of the text.
func sameData(t *testing.T, got, want shown) {
	t.Helper()
	if !slices.Equal(got.Tracks, want.Tracks) {
		t.Errorf("tracks\n\tgot  %+v\n\twant %+v", got.Tracks, want.Tracks)
	}
	if (got.Card == nil) != (want.Card == nil) || got.Card != nil && *got.Card != *want.Card {
		t.Errorf("card\n\tgot  %+v\n\twant %+v", got.Card, want.Card)
	}
}

func sameResult(t *testing.T, got, want shown) {
	t.Helper()
	sameData(t, got, want)
	if got.Verdict != want.Verdict {
		t.Errorf("verdict %q, want %q", got.Verdict, want.Verdict)
	}
	if !slices.Equal(got.Findings, want.Findings) {
		t.Errorf("findings %q, want %q", got.Findings, want.Findings)
	}
	if got.Keys != want.Keys {
		t.Errorf("timing panel: %q keys, want %q", got.Keys, want.Keys)
	}
}

// waitSwipes waits until the visit counts n swipes (or pastes).
func waitSwipes(p *Page, n int) {
	p.t.Helper()
	p.WaitFor(`.session[data-swipes="` + strconv.Itoa(n) + `"]`)
}

// swipe types a capture at reader speed, ended by Enter, waits for it to
// show as the visit's swipe n and returns what the page decoded it to.
func swipe(p *Page, text, layout string, capsLock bool, n int) *decoder.Report {
	p.t.Helper()
	return swipeKeys(p, typeSwipe(p, text+"\n", layout, capsLock, readerGap), n)
}

// swipeKeys waits for keys, just typed, to show as the visit's swipe n
// and returns what the page decoded them to.
func swipeKeys(p *Page, keys []keyboard.Key, n int) *decoder.Report {
	p.t.Helper()
	waitSwipes(p, n)
	r := swiped(p.t, keys)
	switch {
	case n <= 1: // a new visit: the page starts counting again after Clear
		p.newVisit()
		p.visit.Add(r)
	case p.visit.Len() >= n: // the swipe before, read further
		p.visit.ReplaceLast(r)
	default:
		p.visit.Add(r)
	}
	return r
}

// newVisit starts the test's mirror of the page's visit afresh, with what
// the page holds of what the terminal said (which a Clear unsets, and a
// first swipe keeps).
func (p *Page) newVisit() {
	p.t.Helper()
	p.visit = decoder.NewSession(ui.SessionSize)
	p.visit.SetTerminalSaid(decoder.TerminalSaid(evalAs[string](p,
		`document.getElementById('magcheck').getAttribute('data-terminal-said') ?? ''`)))
}

// saw records r as the page's latest swipe, as the page's session does.
func (p *Page) saw(r *decoder.Report) *decoder.Report {
	p.visit.Add(r)
	return r
}

// hasCodes reports whether every code is among the findings.
func hasCodes(findings []string, codes ...string) bool {
	for _, c := range codes {
		if !slices.Contains(findings, c) {
			return false
		}
	}
	return true
}

func TestSwipeVectors(t *testing.T) {
	// Facts from the vectors' descriptions, beside the exact comparison.
	type facts struct {
		status [3]string
		card   *shownCard // Last4, Brand, Expiry, ServiceCode
		codes  []string   // among the findings
	}
	cases := []struct {
		id string
		facts
	}{
		{"jq-visa-t1", facts{[3]string{"ok", "absent", "absent"},
			&shownCard{Last4: "1111", Brand: "visa", Expiry: "2018-05", ServiceCode: "101"}, []string{"expired"}}},
		{"magtek-v5-ex4-three-tracks", facts{[3]string{"ok", "ok", "ok"},
			&shownCard{Last4: "7189", Brand: "mastercard", Expiry: "2008-04", ServiceCode: "321"},
			[]string{"pan_luhn_failed", "expired"}}},
		{"msjs-error-both-tracks", facts{[3]string{"error", "error", "absent"}, nil, []string{"track_read_error"}}},
		{"pyaamva-tx", facts{[3]string{"ok", "ok", "ok"}, nil, []string{"aamva_licence"}}},
		{"magtek-v5-ex5-masked-t2", facts{[3]string{"absent", "ok", "absent"},
			&shownCard{Last4: "7189", Expiry: "2008-04"}, []string{"masked_data"}}},
		{"magtek-t1-error-t2-ok-composed", facts{[3]string{"error", "ok", "absent"},
			&shownCard{Last4: "7189", Expiry: "2008-04", ServiceCode: "321"}, []string{"track_read_error"}}},
		{"jq-amex", facts{[3]string{"ok", "absent", "absent"},
			&shownCard{Last4: "0005", Brand: "amex", Expiry: "2018-05", ServiceCode: "101"}, []string{"expired"}}},
		{"sim-t2-t3-error", facts{[3]string{"absent", "error", "error"}, nil, []string{"track_read_error"}}},
		// Lower case cannot be on track 1: each such character is marked.
		{"acmetech-lowercase-name", facts{[3]string{"malformed", "ok", "absent"},
			&shownCard{Last4: "1234", Expiry: "2003-05", ServiceCode: "101"}, []string{"invalid_character"}}},
	}
	p := newTestPage(t, pageTimings{})
	for i, c := range cases {
		p.Run(t, c.id, func(t *testing.T) {
			input := vector(t, c.id)
			r := swipe(p, input, "us", false, i+1)
			got := readResult(p)
			sameResult(t, got, p.want(r))
			sameData(t, got, p.want(pasted(t, input)))

			for n, st := range c.status {
				if got.Tracks[n].Status != st {
					t.Errorf("track %d: status %s, want %s", n+1, got.Tracks[n].Status, st)
				}
			}
			if c.card != nil {
				if got.Card == nil {
					t.Fatal("no card summary")
				}
				if got.Card.Last4 != c.card.Last4 || got.Card.Expiry != c.card.Expiry ||
					c.card.Brand != "" && got.Card.Brand != c.card.Brand ||
					c.card.ServiceCode != "" && got.Card.ServiceCode != c.card.ServiceCode {
					t.Errorf("card %+v, want %+v", *got.Card, *c.card)
				}
			}
			if c.status[0] == "malformed" && got.Tracks[0].Marks == 0 {
				t.Error("no character of the malformed track 1 is marked")
			}
			if !hasCodes(got.Findings, c.codes...) {
				t.Errorf("findings %q lack %q", got.Findings, c.codes)
			}
			// Reader speed is no finding (below keyboard.ReaderMinKeys keys,
			// the decoder cannot tell a reader from a person and says so).
			keys, _ := strconv.Atoi(got.Keys)
			if slices.Contains(got.Findings, "slow_keystrokes") ||
				keys >= keyboard.ReaderMinKeys && slices.Contains(got.Findings, "human_typing") {
				t.Errorf("reader-speed keys reported as slow: %q", got.Findings)
			}
		})
	}
	p.Screenshot("vectors-last")
}

// Under a French or German host layout, and with Caps Lock, the page still
// decodes the reader's characters (rebuilt from the physical keys) and
// says what the POS on the same host would get wrong.
func TestSwipeLayouts(t *testing.T) {
	cases := []struct {
		name, id, layout string
		caps             bool
		code             string
	}{
		{"azerty", "magtek-v5-ex4-three-tracks", "fr", false, "keyboard_layout_mismatch"},
		{"qwertz", "magtek-v5-ex4-three-tracks", "de", false, "keyboard_layout_mismatch"},
		{"caps-lock", "jq-mastercard-honorific", "us", true, "caps_lock"},
	}
	p := newTestPage(t, pageTimings{})
	for i, c := range cases {
		p.Run(t, c.name, func(t *testing.T) {
			input := vector(t, c.id)
			r := swipe(p, input, c.layout, c.caps, i+1)
			got := readResult(p)
			sameResult(t, got, p.want(r))
			// The data is the reader's, as if typed on a US host.
			sameData(t, got, p.want(pasted(t, input)))
			if !slices.Contains(got.Findings, c.code) {
				t.Errorf("findings %q lack %s", got.Findings, c.code)
			}
			if l := p.Text(".timing"); c.layout != "us" && !strings.Contains(l, r.View(message.English, false).LayoutText) {
				t.Errorf("timing panel does not name layout %s: %q", c.layout, l)
			}
		})
	}
}

// A person typing in the paste box keeps every key; a paste decodes on the
// Decode button; EMV tag 57 hex decodes; a 10 MB paste gets the decoder's
// typed error and loses nothing.
func TestPasteBox(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	p.Click("#paste")
	const typed = "%B12 pos log"
	typeSwipe(p, typed, "us", false, 150*time.Millisecond)
	if v := evalAs[string](p, "document.getElementById('paste').value"); v != typed {
		t.Errorf("the paste box holds %q after typing %q", v, typed)
	}
	if n := evalAs[int](p, "document.querySelectorAll('[data-track]').length"); n != 0 {
		t.Errorf("typing in the paste box made a result (%d tracks)", n)
	}

	paste := func(text string) {
		t.Helper()
		p.Eval("document.getElementById('paste').value = ''; document.getElementById('paste').focus()")
		if _, err := chromedp.Call(p.ctx, input.InsertText, input.InsertTextParams{Text: text}); err != nil {
			t.Fatal(err)
		}
		p.Click("#decode")
	}
	for i, id := range []string{"jq-visa-honorific-pan-mismatch", "pyaamva-fl"} {
		in := vector(t, id)
		paste(in)
		waitSwipes(p, i+1)
		sameResult(t, readResult(p), p.want(p.saw(pasted(t, in))))
	}

	const emv = "57134761739001010010D30122011143804489000F"
	paste(emv)
	waitSwipes(p, 3)
	sameResult(t, readResult(p), p.want(p.saw(pasted(t, emv))))
	if c := readResult(p).Card; c == nil || c.Last4 != "0010" || c.Expiry != "2030-12" {
		t.Errorf("EMV tag 57: card %+v", c)
	}

	// A raw bit stream, as a head reader logs it, reversed (swiped the other
	// way): the same decode as the command's --input bits.
	bits, err := iso7811.Encode(";4111111111111111=30121010000000000000?", iso7811.Numeric, 20, 20)
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(bits)
	var stream strings.Builder
	for i, b := range bits {
		if i > 0 && i%50 == 0 {
			stream.WriteByte('\n')
		}
		stream.WriteByte('0' + b)
	}
	paste(stream.String())
	waitSwipes(p, 4)
	streamWant := p.want(p.saw(pasted(t, stream.String())))
	sameResult(t, readResult(p), streamWant)
	if !hasCodes(streamWant.Findings, string(decoder.ReversedSwipe)) || readResult(p).Card == nil {
		t.Errorf("bit stream: findings %v, card %+v", streamWant.Findings, readResult(p).Card)
	}

	// 10 MiB: the decoder refuses it with a typed error; the result stays.
	big := strings.Repeat("A", 10<<20)
	_, bigErr := decoder.DecodeText(big, decoder.Options{})
	if bigErr == nil {
		t.Fatal("DecodeText takes 10 MiB")
	}
	p.Eval("document.getElementById('paste').value = 'A'.repeat(10 << 20)")
	p.Click("#decode")
	p.WaitFor(".paste-error")
	if msg, want := p.Text(".paste-error"), decoder.Explain(bigErr).In(message.English); !strings.Contains(msg, want) {
		t.Errorf("paste error %q does not give the decoder's %q", msg, want)
	}
	sameResult(t, readResult(p), streamWant)
	waitSwipes(p, 4)

	// The page still works: a swipe decodes and the error goes. (The 10 MiB
	// leave the box first: while Chromium holds them there, its input
	// routing can pause for longer than a reader's idle gap.)
	p.Eval("document.getElementById('paste').value = ''; document.activeElement.blur()")
	in := vector(t, "jq-visa-t1")
	r := swipe(p, in, "us", false, 5)
	sameResult(t, readResult(p), p.want(r))
	if p.Eval("!!document.querySelector('.paste-error')") == true {
		t.Error("the paste error stays after a good swipe")
	}
}

// Track data as POS logs hold it, pasted: track 2 as hex nibbles, tracks
// without sentinels, a damaged hex record and payment numbers gone wrong.
// The page shows what the decoder makes of each, the variant's words for
// sentinels a log dropped, and the hex finding's evidence.
func TestPasteLogFormats(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	paste := func(text string, n int) shown {
		t.Helper()
		p.Eval("document.getElementById('paste').value = ''; document.getElementById('paste').focus()")
		if _, err := chromedp.Call(p.ctx, input.InsertText, input.InsertTextParams{Text: text}); err != nil {
			t.Fatal(err)
		}
		p.Click("#decode")
		waitSwipes(p, n)
		got := readResult(p)
		sameResult(t, got, p.want(p.saw(pasted(t, text))))
		return got
	}
	cause := func(code string) string {
		return p.Text(`.finding[data-code="` + code + `"] .cause`)
	}
	stripped, _ := message.English.Finding(string(decoder.MissingStartSentinel), "stripped")

	got := paste("B4761739001010010D30122011143804489000F0", 1)
	if c := got.Card; c == nil || c.Last4 != "0010" || c.Expiry != "2030-12" || c.ServiceCode != "201" {
		t.Errorf("track 2 nibbles: card %+v", c)
	}
	p.Screenshot("paste-nibbles")

	got = paste("B4111111111111111^DOE/JANE^3012101000000000000000503000000\n4111111111111111=30121010000000000000\n", 2)
	if got.Tracks[0].Status != "ok" || got.Tracks[1].Status != "ok" || got.Card == nil || got.Card.Last4 != "1111" {
		t.Errorf("tracks without sentinels: %+v %+v", got.Tracks, got.Card)
	}
	if !strings.Contains(cause("missing_start_sentinel"), stripped.Cause) {
		t.Errorf("missing start sentinel: %q, want the words for a log's copy", cause("missing_start_sentinel"))
	}
	p.Screenshot("paste-stripped")

	got = paste("B4111111111111111D3O12101F", 3)
	if !slices.Equal(got.Findings, []string{string(decoder.HexInvalid)}) || got.Card != nil {
		t.Errorf("damaged hex: findings %q card %+v", got.Findings, got.Card)
	}
	if ev := p.Text(`.finding[data-code="hex_invalid"] .evidence`); !strings.Contains(ev, `character 20, "O"`) {
		t.Errorf("damaged hex evidence %q", ev)
	}
	p.Screenshot("paste-hex-damaged")

	got = paste(";411111111111=3013101?", 4)
	if !hasCodes(got.Findings, "pan_length_invalid", "expiry_invalid") || slices.Contains(got.Findings, "non_payment_card") {
		t.Errorf("12 digits and month 13: findings %q", got.Findings)
	}
	got = paste(";4111111111111112?", 5)
	if !hasCodes(got.Findings, "pan_luhn_failed") || slices.Contains(got.Findings, "non_payment_card") {
		t.Errorf("a number alone failing Luhn: findings %q", got.Findings)
	}
}

// The reader's Enter (and the spaces in a name) must not press the button
// that has the focus: here the 中文 button, which would switch language.
func TestSwipeDoesNotPressFocusedButton(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	p.Eval(`document.querySelector('button[data-lang="zh"]').focus()`)
	// Track 1's name is padded with spaces: a Space would press the button too.
	swipe(p, vector(t, "magtek-v5-ex4-three-tracks"), "us", false, 1)
	if f := p.Attr(`button[data-lang="zh"]`, "aria-pressed"); f != "false" {
		t.Errorf("the focused 中文 button was pressed by the swipe (aria-pressed %q)", f)
	}
	if l := evalAs[string](p, "document.documentElement.lang"); l != "en" {
		t.Errorf("page language %q after a swipe over a focused button", l)
	}
	if a := evalAs[string](p, "document.activeElement?.dataset?.lang ?? ''"); a != "zh" {
		t.Errorf("focus moved away from the button (%q)", a)
	}
	// The button still works for a person.
	typeSwipe(p, "\n", "us", false, 0)
	p.WaitFor(`button[data-lang="zh"][aria-pressed="true"]`)
}

// pageTimings go to window.magcheckTimings (see ui.Page.readTimings).
type pageTimings struct {
	revealMS, clearMS int
}

// newTestPage opens the page with the timings, before it loads. Swipes end
// only on their terminator: typeSwipe stamps reader timing on the keys, so
// only the page's idle timer, which runs on the machine's clock, could
// split a swipe when the machine pauses between two key events.
func newTestPage(t *testing.T, tm pageTimings, scripts ...string) *Page {
	t.Helper()
	p := newPage(t)
	js := "window.magcheckTimings = {revealMS: " + strconv.Itoa(tm.revealMS) +
		", clearMS: " + strconv.Itoa(tm.clearMS) + ", idleGapMS: 60000};"
	for _, s := range append(scripts, js) {
		if _, err := chromedp.Call(p.ctx, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: s}); err != nil {
			t.Fatal(err)
		}
	}
	p.Reload()
	p.idleGap = 60000
	return p
}

// Reveal shows the PAN and name on an explicit click and masks them again
// by itself.
func TestRevealRemasks(t *testing.T) {
	p := newTestPage(t, pageTimings{revealMS: 3000})
	in := vector(t, "jq-visa-t1")
	r := swipe(p, in, "us", false, 1)
	if pan := p.Text(".pan"); pan != "411111******1111" {
		t.Fatalf("masked PAN %q", pan)
	}
	p.Click("#reveal")
	p.WaitFor("#hide")
	got := readResult(p)
	revealed := r.View(message.English, true).Card
	if got.Card == nil || got.Card.PAN != "4111111111111111" || got.Card.Name != revealed.Name || !strings.Contains(revealed.Name, "JANE") {
		t.Errorf("revealed card %+v, want PAN 4111111111111111 and name %q", got.Card, revealed.Name)
	}
	if !strings.Contains(got.Tracks[0].Text, "4111111111111111^DOE/JANE^") {
		t.Errorf("revealed track 1 %q", got.Tracks[0].Text)
	}
	// Masked again after the reveal time, without a click.
	p.WaitFor("#reveal")
	sameResult(t, readResult(p), p.want(r))
	if strings.Contains(evalAs[string](p, "document.body.textContent"), "4111111111111111") {
		t.Error("the full PAN is still in the page after the reveal ended")
	}
}

// A swipe while a number is revealed shows, masked, at once: a new result
// never waits for the next event to be drawn.
func TestSwipeAfterReveal(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	swipe(p, vector(t, "jq-visa-t1"), "us", false, 1)
	p.Click("#reveal")
	p.WaitFor("#hide")
	r := swipe(p, vector(t, "magtek-v5-ex4-three-tracks"), "us", false, 2)
	sameResult(t, readResult(p), p.want(r))
	if p.Eval("!!document.getElementById('hide')") == true {
		t.Error("the new swipe is shown revealed")
	}
}

// Clear forgets everything: results, the visit, the paste box.
func TestClear(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	swipe(p, vector(t, "jq-visa-t1"), "us", false, 1)
	p.Eval("document.getElementById('paste').value = 'x'")
	p.Click("#clear")
	p.WaitFor(".empty")
	assertCleared(t, p)
	// And the page goes on working.
	swipe(p, vector(t, "jq-amex"), "us", false, 1)
}

func assertCleared(t *testing.T, p *Page) {
	t.Helper()
	left := evalAs[[]string](p, `[...document.querySelectorAll('[data-track], .card-summary, [data-code], .session-text, .verdict')]
		.map(e => e.className.baseVal ?? e.className)`)
	if len(left) > 0 {
		t.Errorf("left after clearing: %q", left)
	}
	if v := evalAs[string](p, "document.getElementById('paste').value"); v != "" {
		t.Errorf("paste box holds %q after clearing", v)
	}
	if strings.Contains(evalAs[string](p, "document.body.textContent"), "1111") {
		t.Error("card digits left in the page")
	}
}

// The page clears itself after the idle time.
func TestIdleClear(t *testing.T) {
	p := newTestPage(t, pageTimings{clearMS: 1500})
	swipe(p, vector(t, "jq-visa-t1"), "us", false, 1)
	p.WaitFor(".empty")
	assertCleared(t, p)
}

// A failing card, then two good ones: the visit's summary names the card,
// with the counts.
func TestSessionSummary(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	s := decoder.NewSession(0)
	for i, id := range []string{"magtek-t1-error-t2-ok-composed", "jq-amex", "jq-mastercard-honorific"} {
		s.Add(swipe(p, vector(t, id), "us", false, i+1))
	}
	sum := s.Summary()
	if sum.Fault != decoder.FaultCard || sum.Swipes != 3 || sum.Cards != 3 || sum.Failed != 1 {
		t.Fatalf("native summary %+v: want the card at fault", sum)
	}
	for name, want := range map[string]string{
		"data-swipes": "3", "data-cards": "3", "data-failed": "1", "data-fault": "card",
	} {
		if got := p.Attr(".session", name); got != want {
			t.Errorf("session %s = %q, want %q", name, got, want)
		}
	}
	if got, want := p.Text(".session-text"), sum.Text(message.English); got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	if !strings.Contains(p.Text(".session-text"), "failing card is at fault") {
		t.Errorf("summary does not name the card: %q", p.Text(".session-text"))
	}
	p.Screenshot("session")
}

// Four different cards all failing track 1: the verdict at the top, not
// only the visit's summary, says the reader is at fault, in both languages
// and in the text export.
func TestVisitVerdict(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	var last *decoder.Report
	for i, t2 := range []string{
		";4111111111111111=30121010000000000000?", ";5555555555554444=30121010000000000000?",
		";378282246310005=30121010000000000000?", ";6011111111111117=30121010000000000000?",
	} {
		last = swipe(p, "%E?"+t2, "us", false, i+1)
		if i == 0 && !strings.HasPrefix(p.Text(".verdict-text"), "The card's stripe or the reader") {
			t.Errorf("one swipe: verdict %q", p.Text(".verdict-text"))
		}
	}
	sameResult(t, readResult(p), p.want(last))
	want := "The reader or its set-up: track 1 failed on every card of this visit (4 of 4 swipes), this one included."
	if got := p.Text(".verdict-text"); !strings.HasPrefix(got, want) {
		t.Errorf("verdict %q, want %q…", got, want)
	}
	if got := p.Attr(".verdict", "data-fault"); got != "reader" {
		t.Errorf("verdict points at %q", got)
	}
	p.Eval(`window.__blobs = []; URL.createObjectURL = b => { __blobs.push(b); return 'blob:x'; };
		HTMLAnchorElement.prototype.click = function () {}; true`)
	p.Click("#save-text")
	p.waitUntil("the text export", "__blobs.length > 0")
	if text := evalAs[string](p, `__blobs[0].text()`); !strings.Contains(text, "Verdict: "+want) {
		t.Errorf("text export lacks the visit's verdict:\n%s", text)
	}
	p.Click(`button[data-lang="zh"]`)
	p.WaitFor(`button[data-lang="zh"][aria-pressed="true"]`)
	if got, want := p.Text(".verdict-text"), p.visit.View(last, message.Chinese, false).Verdict; got != want || !strings.HasPrefix(got, "是读卡器或其设置的问题") {
		t.Errorf("Chinese verdict %q, want %q", got, want)
	}
	p.Screenshot("visit-verdict")
}

// The Reader panel says what a swipe shows of the reader: the strings it
// adds around the tracks and the key that ends its swipes.
func TestReaderPanel(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	swipe(p, "!STCARD A ;4111111111111111=30121010000000000000? END", "us", false, 1)
	for fact, want := range map[string]string{"prefix": `"!STCARD A"`, "suffix": `"END"`, "terminator": "Enter"} {
		if got := p.Text(`.reader [data-fact="` + fact + `"] dd`); got != want {
			t.Errorf("reader %s %q, want %q", fact, got, want)
		}
	}
	p.Eval("document.getElementById('paste').value = ';4111111111111111=30121010000000000000?'")
	p.Click("#decode")
	waitSwipes(p, 2)
	if got := p.Text(`.reader [data-fact="prefix"] dd`); got != "none" {
		t.Errorf("pasted: prefix %q", got)
	}
	if p.Eval(`!!document.querySelector('.reader [data-fact="terminator"]')`) == true {
		t.Error("a paste names a terminator it cannot know")
	}
	p.Screenshot("reader-panel")
}

// Export hands masked text and JSON to the browser as Blobs, even while
// the card number is revealed on screen, and revokes the object URLs.
func TestExport(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	in := vector(t, "magtek-v5-ex4-three-tracks")
	r := swipe(p, in, "us", false, 1)
	p.Click("#reveal")
	p.WaitFor("#hide")
	blobs, revoked := saveReports(p)
	v := r.View(message.English, false)
	for i, b := range blobs {
		if !slices.Contains(revoked, b.URL) {
			t.Errorf("%s: object URL not revoked", b.Name)
		}
		for _, secret := range []string{"5452300551227189", "HOGAN/PAUL"} {
			if strings.Contains(b.Text, secret) {
				t.Errorf("%s holds %s", b.Name, secret)
			}
		}
		if !strings.Contains(b.Text, "7189") {
			t.Errorf("%s lacks the last four digits", b.Name)
		}
		ext := []string{".txt", ".json"}[i]
		if !strings.HasPrefix(b.Name, "magcheck-") || !strings.HasSuffix(b.Name, ext) {
			t.Errorf("file name %q", b.Name)
		}
	}
	if b := blobs[0]; b.Type != "text/plain;charset=utf-8" || !strings.HasPrefix(b.Text, v.Text()) {
		t.Errorf("text export (%s):\n%s\nwant it to start with:\n%s", b.Type, b.Text, v.Text())
	}
	var got decoder.View
	if b := blobs[1]; b.Type != "application/json" || json.Unmarshal([]byte(b.Text), &got) != nil {
		t.Fatalf("JSON export (%s):\n%s", b.Type, b.Text)
	}
	// Timing is measured from event timestamps, which the browser rounds.
	if got.Timing == nil || got.Timing.Keys != v.Timing.Keys {
		t.Errorf("JSON export timing %+v, want %d keys", got.Timing, v.Timing.Keys)
	}
	got.Timing, v.Timing = nil, nil
	for _, line := range p.Console() {
		if strings.Contains(line, "5452300551227189") || strings.Contains(line, "HOGAN") {
			t.Errorf("card data in the console: %s", line)
		}
	}
	wantJSON, _ := json.Marshal(v)
	gotJSON, _ := json.Marshal(got)
	if string(gotJSON) != string(wantJSON) {
		t.Errorf("JSON export\n\t%s\nwant\n\t%s", gotJSON, wantJSON)
	}
}

// savedBlob is a report the page saved, as the browser made it.
type savedBlob struct{ URL, Type, Name, Text string }

// saveReports saves the text and the JSON report with the page's buttons
// and returns them, in that order, with the object URLs the page revoked.
// The test holds the object URLs the page makes and keeps the downloads
// from happening: the reports stay in memory.
func saveReports(p *Page) (blobs []savedBlob, revoked []string) {
	p.t.Helper()
	p.Eval(`(() => {
		window.__blobs = []; window.__revoked = [];
		if (window.__blobHook) return;
		window.__blobHook = true;
		const create = URL.createObjectURL, revoke = URL.revokeObjectURL;
		URL.createObjectURL = b => { const u = create.call(URL, b); __blobs.push({u, b}); return u; };
		URL.revokeObjectURL = u => { __revoked.push(u); revoke.call(URL, u); };
		HTMLAnchorElement.prototype.click = function () { __blobs.at(-1).name = this.download; };
	})()`)
	p.Click("#save-text")
	p.Click("#save-json")
	p.waitUntil("two object URLs revoked", "window.__revoked.length === 2")
	blobs = evalAs[[]savedBlob](p, `Promise.all(__blobs.map(async x => ({URL: x.u, Type: x.b.type, Name: x.name, Text: await x.b.text()})))`)
	if len(blobs) != 2 {
		p.t.Fatalf("%d reports saved, want 2", len(blobs))
	}
	return blobs, evalAs[[]string](p, "__revoked")
}

// The print layout leaves the controls out and keeps the report.
func TestPrintLayout(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	swipe(p, vector(t, "magtek-t1-error-t2-ok-composed"), "us", false, 1)
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	// The terminal's row, with nothing chosen, is a control too.
	controls := []string{".actions", ".paste", ".lang-switch", ".prompt", ".hid", ".terminal"}
	display := evalAs[map[string]string](p, `Object.fromEntries(`+jsValue(controls)+`.concat(['.verdict',
		'.card-summary', '.tracks', '.findings', '.stripe-picture', '.session'])
		.map(s => [s, getComputedStyle(document.querySelector(s)).display]))`)
	for sel, d := range display {
		hidden := d == "none"
		if wantHidden := slices.Contains(controls, sel); hidden != wantHidden {
			t.Errorf("print: %s has display %s", sel, d)
		}
	}
	p.Screenshot("print")
}

// The page starts in the browser's language, switches on a click, and
// says when it works offline.
func TestLanguageAndOffline(t *testing.T) {
	p := newTestPage(t, pageTimings{}, `Object.defineProperty(navigator, 'language', {get: () => 'zh-CN'});
		Object.defineProperty(navigator, 'languages', {get: () => ['zh-CN', 'zh', 'en-US']})`)
	p.WaitFor(`button[data-lang="zh"][aria-pressed="true"]`)
	if l := evalAs[string](p, "document.documentElement.lang"); l != "zh-Hans" {
		t.Errorf("html lang %q", l)
	}
	in := vector(t, "jq-visa-t1")
	r := swipe(p, in, "us", false, 1)
	if got, want := p.Text(".verdict-text"), r.Verdict(message.Chinese); got != want {
		t.Errorf("Chinese verdict %q, want %q", got, want)
	}
	zh := r.View(message.Chinese, false)
	if got := p.Text(".session-text"); !strings.HasPrefix(got, "共刷卡") {
		t.Errorf("Chinese session text %q", got)
	}
	for _, f := range zh.Findings {
		if !strings.Contains(p.Text(`[data-code="`+f.Code+`"]`), f.Action) {
			t.Errorf("finding %s lacks its Chinese action %q", f.Code, f.Action)
		}
	}
	p.Click(`button[data-lang="en"]`)
	p.WaitFor(`button[data-lang="en"][aria-pressed="true"]`)
	if got, want := p.Text(".verdict-text"), r.Verdict(message.English); got != want {
		t.Errorf("English verdict %q, want %q", got, want)
	}
	p.WaitOffline()
	p.WaitFor(`.offline[data-offline="ready"]`)
}

// Screenshots of a result in both languages, on a desktop and on a 7-inch
// tablet held either way, for a person to look at (e2e/out/): the whole
// page, and for the tablet what the screen shows first.
func TestScreenshots(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	p.WaitOffline()
	p.WaitFor(`.offline[data-offline="ready"]`)
	swipe(p, vector(t, "jq-visa-t1"), "us", false, 1)
	swipe(p, vector(t, "magtek-t1-error-t2-ok-composed"), "us", false, 2)
	for _, lang := range []string{"en", "zh"} {
		p.Click(`button[data-lang="` + lang + `"]`)
		p.WaitFor(`button[data-lang="` + lang + `"][aria-pressed="true"]`)
		for _, size := range []struct {
			name string
			w, h int64
		}{{"", 1280, 900}, {"-7in-portrait", 600, 960}, {"-7in-landscape", 1024, 600}} {
			if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(size.w, size.h)); err != nil {
				t.Fatal(err)
			}
			name := "result-" + lang + size.name
			p.Screenshot(name)
			if size.name != "" {
				screen, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
				if err == nil {
					err = os.WriteFile(filepath.Join(outDir, name+"-screen.png"), screen, 0o644)
				}
				if err != nil {
					t.Error(err)
				}
			}
		}
	}
}
