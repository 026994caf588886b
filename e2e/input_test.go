//go:build !wasm

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"magcheck/decoder"
	"magcheck/decoder/keyboard"
	"magcheck/decoder/keyboard/keyboardtest"
	"magcheck/internal/headless"
	"magcheck/internal/webdriver"
	"magcheck/message"
)

// The tests here swipe by every way the characters of a keyboard-wedge
// reader reach a page besides plain key events: the text of input events
// behind keydowns a soft keyboard or an input method holds (Android's
// "Unidentified", keyCode 229), text inserted without keydowns, input
// method compositions, full-width text; and readers slowed down or
// pausing between radio packets.
//
// What the page must make of them is computed by replaying the events it
// received, recorded by a listener beside its own (eventRecorder), through
// the same keyboard.Detector and keyboard.Compositions the page uses: the
// browser stamps input events with its own clock, so the test reads their
// times back rather than assume them.

// eventRecorder records the keydowns and the input and composition events
// the page receives, in order, as the page reads them, in
// window.__e2eEvents; editable says the target is a field that takes text
// other than the capture field.
const eventRecorder = `(() => {
	window.__e2eEvents = [];
	if (window.__e2eRecorder) return;
	window.__e2eRecorder = e => {
		const t = e.target;
		const editable = !!t && t.id !== 'capture' && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName || ''));
		if (e.type === 'keydown') {
			__e2eEvents.push({editable, key: {Code: e.code, Key: e.key, Shift: e.shiftKey, Alt: e.altKey, Ctrl: e.ctrlKey,
				Meta: e.metaKey, Repeat: e.repeat, CapsLock: e.getModifierState('CapsLock'), Time: e.timeStamp, KeyCode: e.keyCode}});
			return;
		}
		__e2eEvents.push({editable, input: {Type: e.type, InputType: e.inputType ?? '', Data: e.data ?? '',
			Composing: !!e.isComposing, Time: e.timeStamp}});
	};
	for (const t of ['keydown', 'beforeinput', 'compositionstart', 'compositionupdate', 'compositionend']) {
		addEventListener(t, window.__e2eRecorder, true);
	}
})()`

// recorded is one event eventRecorder recorded.
type recorded struct {
	Editable bool                 `json:"editable"`
	Key      *keyboard.Key        `json:"key"`
	Input    *keyboard.InputEvent `json:"input"`
}

// recordEvents starts recording the page's events afresh.
func recordEvents(p *Page) {
	p.t.Helper()
	p.Eval(eventRecorder)
}

// replay feeds the recorded events to a Detector set up as the page's, as
// the page does, and returns the swipes they make.
func replay(p *Page, events []recorded) []*keyboard.Swipe {
	d := keyboard.Detector{IdleGap: p.idleGap}
	var comp keyboard.Compositions
	var swipes []*keyboard.Swipe
	feed := func(k keyboard.Key, editable bool) {
		if _, done := d.Feed(k, editable); done != nil {
			swipes = append(swipes, done)
		}
	}
	for _, e := range events {
		switch {
		case e.Key != nil:
			feed(*e.Key, e.Editable)
		case e.Input != nil:
			if in, ok := comp.Read(*e.Input, e.Editable); ok {
				for _, k := range d.Typed(in) {
					feed(k, e.Editable)
				}
			}
		}
	}
	return swipes
}

// recordedSwipe waits for the page to show its first swipe of a visit and
// returns what the recorded events make of it: one swipe of text.
func recordedSwipe(p *Page, text string) *decoder.Report {
	p.t.Helper()
	waitSwipes(p, 1)
	events := evalAs[[]recorded](p, "window.__e2eEvents.splice(0)")
	swipes := replay(p, events)
	if len(swipes) != 1 || swipes[0].Rebuilt.Text != text {
		var got []string
		for _, sw := range swipes {
			got = append(got, sw.Rebuilt.Text)
		}
		p.t.Fatalf("the %d events make %d swipes %q, want one of %q", len(events), len(swipes), got, text)
	}
	p.visit = decoder.NewSession(0)
	return p.saw(decoder.DecodeSwipe(*swipes[0], decoder.Options{}))
}

// newVisit clears the page's result, if it shows one.
func newVisit(p *Page) {
	p.t.Helper()
	if evalAs[bool](p, "!document.querySelector('.empty')") {
		p.Click("#clear")
		p.WaitFor(".empty")
	}
}

// fullWidth is s as an input method in full-width mode types it.
func fullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if '!' <= r && r <= '~' {
			r += 0xFEE0
		} else if r == ' ' {
			r = '\u3000'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// heldKeys types text as a soft keyboard or an input method delivers it in
// Chromium: for each character a keydown with key "Unidentified" and
// keyCode 229 (Android) or key "Process" (a desktop input method), which
// inserts the character, stamped gap apart; then a plain Enter.
func heldKeys(p *Page, text, key string, gap time.Duration) {
	p.t.Helper()
	start := p.keyStart()
	i := 0
	for _, r := range text {
		at := start.Add(time.Duration(i) * gap)
		p.lastStamp = at
		i++
		for _, ev := range []input.DispatchKeyEventParams{
			{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Text: string(r), WindowsVirtualKeyCode: 229, NativeVirtualKeyCode: 229, Timestamp: epoch(at)},
			{Type: input.DispatchKeyEventTypeKeyUp, Key: key, WindowsVirtualKeyCode: 229, NativeVirtualKeyCode: 229, Timestamp: epoch(at)},
		} {
			if _, err := chromedp.Call(p.ctx, input.DispatchKeyEvent, ev); err != nil {
				p.t.Fatalf("typing %q: %v", r, err)
			}
		}
	}
	typeSwipe(p, "\n", "us", false, gap)
}

// insertText inserts text as Input.insertText does: one input event, no
// keydown.
func insertText(p *Page, text string) {
	p.t.Helper()
	if _, err := chromedp.Call(p.ctx, input.InsertText, input.InsertTextParams{Text: text}); err != nil {
		p.t.Fatal(err)
	}
}

// compose types with an input method: a composition that shows each of
// shown in turn, committed as commit.
func compose(p *Page, shown []string, commit string) {
	p.t.Helper()
	for _, s := range shown {
		n := int64(len([]rune(s)))
		if _, err := chromedp.Call(p.ctx, input.ImeSetComposition, input.ImeSetCompositionParams{Text: s, SelectionStart: n, SelectionEnd: n}); err != nil {
			p.t.Fatal(err)
		}
	}
	insertText(p, commit)
}

// findingEvidence is the evidence the page shows for a finding.
func findingEvidence(p *Page, code decoder.Code) string {
	p.t.Helper()
	return p.Text(`.finding[data-code="` + string(code) + `"] .evidence`)
}

// A swipe that reaches the page as the text of input events decodes as the
// reader's keys do: behind Android's held keydowns (Unidentified, keyCode
// 229), as inserted text, through an input method's compositions, in
// full width. Full width and composed letters are the input method's
// doing, which input_method_active says; the card is read all the same.
// The capture field has the focus from the start, and again after Clear,
// and keeps nothing.
func TestSwipeTextInput(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	if id := evalAs[string](p, "document.activeElement?.id ?? ''"); id != "capture" {
		t.Fatalf("the focus is on %q, not the capture field", id)
	}
	if got := evalAs[[]string](p, `(e => [e.getAttribute('inputmode'), e.getAttribute('aria-label'), e.tabIndex + ''])(document.getElementById('capture'))`); strings.Join(got, "|") != "none|"+message.English.Text(message.CaptureLabel)+"|-1" {
		t.Errorf("capture field: inputmode, label, tab index %q", got)
	}
	const composedName = "%B4111111111111111^多额/JOHN^30121010000000000000?;4111111111111111=30121010000000000000?"
	for _, c := range []struct {
		name, text string // the case; what the reader sent
		typeIt     func()
		evidence   string // of input_method_active; "" for none
	}{
		{"android-unidentified", engineCard, func() { heldKeys(p, engineCard, "Unidentified", 10*time.Millisecond) }, ""},
		{"ime-process-full-width", engineCard, func() { heldKeys(p, fullWidth(engineCard), "Process", 10*time.Millisecond) },
			"88 full-width characters read as ASCII"},
		{"insert-text", engineCard, func() { insertText(p, engineCard); typeSwipe(p, "\n", "us", false, readerGap) }, ""},
		{"insert-full-width-text", engineCard, func() { insertText(p, fullWidth(engineCard)); typeSwipe(p, "\n", "us", false, readerGap) },
			"88 full-width characters read as ASCII"},
		{"ime-commit-each", engineCard, func() {
			for _, r := range fullWidth(engineCard) {
				compose(p, []string{string(r)}, string(r))
			}
			typeSwipe(p, "\n", "us", false, readerGap)
		}, "88 full-width characters read as ASCII"},
		{"ime-pinyin", composedName, func() {
			for _, r := range "%B4111111111111111^" {
				insertText(p, string(r))
			}
			compose(p, []string{"d", "du", "duo", "duoe"}, "多额")
			for _, r := range "/JOHN^30121010000000000000?;4111111111111111=30121010000000000000?" {
				insertText(p, string(r))
			}
			typeSwipe(p, "\n", "us", false, readerGap)
		}, "the input method's composition took 4 of the reader's characters, " +
			"characters the input method composed in place of the reader's letters: track 1 pos 19,22"},
	} {
		p.Run(t, c.name, func(t *testing.T) {
			newVisit(p)
			p.waitUntil("the capture field to have the focus", "document.activeElement?.id === 'capture'")
			recordEvents(p)
			c.typeIt()
			r := recordedSwipe(p, c.text)
			got := readResult(p)
			sameResult(t, got, p.want(r))
			if ev := findingEvidence(p, decoder.InputMethodActive); ev != c.evidence {
				t.Errorf("input_method_active evidence %q, want %q", ev, c.evidence)
			}
			if c.text == engineCard {
				sameData(t, got, p.want(pasted(t, engineCard)))
			} else if got.Tracks[0].Status != "malformed" || got.Card == nil || got.Card.Last4 != "1111" ||
				p.Attr(".verdict", "data-fault") != "setup" || hasCodes(got.Findings, string(decoder.InvalidCharacter)) {
				t.Errorf("composed letters: tracks %+v, card %+v, fault %q, findings %q", got.Tracks, got.Card, p.Attr(".verdict", "data-fault"), got.Findings)
			}
			if v := evalAs[string](p, "document.getElementById('capture').value"); v != "" {
				t.Errorf("the capture field holds %q", v)
			}
			p.Screenshot("text-input-" + c.name)
		})
	}
}

// A person typing in the paste box with a soft keyboard (held keydowns,
// the characters as input events) keeps every character, at a person's
// pace, sentinels included; no swipe comes of it.
func TestPasteBoxSoftKeyboard(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	p.Click("#paste")
	const typed = "%B12 pos log;4?"
	start := p.keyStart()
	for i, r := range typed {
		at := start.Add(time.Duration(i) * 150 * time.Millisecond)
		p.lastStamp = at
		ev := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: "Unidentified", Text: string(r),
			WindowsVirtualKeyCode: 229, NativeVirtualKeyCode: 229, Timestamp: epoch(at)}
		if _, err := chromedp.Call(p.ctx, input.DispatchKeyEvent, ev); err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(time.Second)
	if v := evalAs[string](p, "document.getElementById('paste').value"); v != typed {
		t.Errorf("the paste box holds %q after typing %q", v, typed)
	}
	if n := evalAs[int](p, "document.querySelectorAll('[data-track]').length"); n != 0 {
		t.Errorf("typing in the paste box made a result (%d tracks)", n)
	}
}

// Readers slowed down (35, 50 and 80 ms a key) and readers that pause
// 200 ms after every 20 keys (at 8 and 50 ms a key), typed with real key
// events stamped at their pace on a page with the default idle gap: each
// swipe is one swipe of the card, the reader's, never a person's.
func TestSwipeSlowReaders(t *testing.T) {
	p := newPage(t)
	for i, c := range []struct {
		gap, pause time.Duration
	}{{35 * time.Millisecond, 0}, {50 * time.Millisecond, 0}, {80 * time.Millisecond, 0},
		{8 * time.Millisecond, 200 * time.Millisecond}, {50 * time.Millisecond, 200 * time.Millisecond}} {
		name := c.gap.String()
		if c.pause > 0 {
			name += "-pause-" + c.pause.String()
		}
		p.Run(t, name, func(t *testing.T) {
			presses, err := keyboardtest.Presses(engineCard+"\n", keyboard.US, false)
			if err != nil {
				t.Fatal(err)
			}
			keys := typePaced(p, presses, c.gap, c.pause)
			r := swipeKeys(p, keys, i+1)
			got := readResult(p)
			sameResult(t, got, p.want(r))
			sameData(t, got, p.want(pasted(t, engineCard)))
			if hasCodes(got.Findings, string(decoder.HumanTyping)) || got.Card == nil || got.Card.Last4 != "1111" {
				t.Errorf("findings %q, card %+v", got.Findings, got.Card)
			}
		})
	}
}

// typePaced types key presses one every gap of event time, with a pause
// more before every 20th (keyboardtest.Pace), as fast as the browser takes
// them: the page's idle timer sees no silence, and the Detector sees the
// stamped pace. It returns the keydowns as the page's listener reads them,
// timed from the first.
func typePaced(p *Page, presses []keyboardtest.Press, gap, pause time.Duration) []keyboard.Key {
	p.t.Helper()
	start := p.keyStart()
	pace := keyboardtest.Pace{Gap: millis(gap), Pause: millis(pause)}
	for i, k := range presses {
		at := start.Add(time.Duration(pace.At(i) * float64(time.Millisecond)))
		p.lastStamp = at
		for _, ev := range headless.KeyEvents(k) {
			ev.Timestamp = epoch(at)
			if _, err := chromedp.Call(p.ctx, input.DispatchKeyEvent, ev); err != nil {
				p.t.Fatalf("typing %q: %v", k.Key, err)
			}
		}
	}
	return keyboardtest.Keydowns(presses, false, pace)
}

// engineTypes types text through the engine's WebDriver, one character a
// key press (Enter for "\n"), gapMS before each and pauseMS more before
// every 20th, and returns the events the page received (eventRecorder).
func engineTypes(p *Page, text string, gapMS, pauseMS int) []recorded {
	p.t.Helper()
	p.settle()
	recordEvents(p)
	kb := webdriver.Source{Type: "key", ID: "reader"}
	i := 0
	for _, c := range text {
		ms := gapMS
		if i > 0 && i%20 == 0 {
			ms += pauseMS
		}
		i++
		value := string(c)
		if c == '\n' {
			value = webdriver.KeyEnter
		}
		kb.Actions = append(kb.Actions, webdriver.KeyPress(value, ms)...)
	}
	if err := p.tab.Perform(p.ctx, kb); err != nil {
		p.t.Fatalf("typing in %s: %v", p.t.Name(), err)
	}
	return evalAs[[]recorded](p, "window.__e2eEvents.splice(0)")
}

// Firefox and WebKit type a swipe through their WebDriver: in full width,
// as an input method does; at a slowed reader's 50 ms a key, and with a
// pause of 200 ms after every 20 keys at 8 and 50 ms a key. Each reads as
// one swipe of the card, exactly what the page's Detector makes of the
// events it received, the full width said by input_method_active. A
// typing the engine held up (its dispatch stalls 150–800 ms now and then
// on a busy machine) is typed again, up to three times.
func TestEngineTextInput(t *testing.T) {
	forEngines(t, func(t *testing.T, engine string) {
		p := newEnginePage(t, engine)
		for _, c := range []struct {
			name, typed    string
			gapMS, pauseMS int
			evidence       string
		}{
			{"full-width", fullWidth(engineCard), 2, 0, "88 full-width characters read as ASCII"},
			{"slow-50ms", engineCard, 50, 0, ""},
			{"bursty-8ms-pause-200ms", engineCard, 8, 200, ""},
			{"slow-50ms-pause-200ms", engineCard, 50, 200, ""},
		} {
			p.Run(t, c.name, func(t *testing.T) {
				var sw *keyboard.Swipe
				for try := 1; sw == nil; try++ {
					newVisit(p)
					events := engineTypes(p, c.typed+"\n", c.gapMS, c.pauseMS)
					swipes := replay(p, events)
					if len(swipes) == 1 && swipes[0].Rebuilt.Text == engineCard {
						sw = swipes[0]
						break
					}
					t.Logf("%d events made %d swipes; typing again", len(events), len(swipes))
					if try == 3 {
						t.Fatalf("%s did not type the swipe as one three times", engine)
					}
					time.Sleep(time.Second)
				}
				waitSwipes(p, 1)
				p.visit = decoder.NewSession(0)
				r := p.saw(decoder.DecodeSwipe(*sw, decoder.Options{}))
				got := readResult(p)
				sameResult(t, got, p.want(r))
				sameData(t, got, p.want(pasted(t, engineCard)))
				if ev := findingEvidence(p, decoder.InputMethodActive); ev != c.evidence {
					t.Errorf("input_method_active evidence %q, want %q", ev, c.evidence)
				}
				if hasCodes(got.Findings, string(decoder.HumanTyping)) {
					t.Errorf("findings %q", got.Findings)
				}
				p.Screenshot("engine-" + engine + "-" + c.name)
			})
		}
	})
}
