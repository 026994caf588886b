//go:build !wasm

package e2e

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"magcheck/decoder/keyboard"
	"magcheck/decoder/keyboard/keyboardtest"
	"magcheck/internal/headless"
)

// capsLockShim lets the tests set what KeyboardEvent.getModifierState
// ("CapsLock") answers. CDP cannot: Input.dispatchKeyEvent carries only
// Alt, Ctrl, Meta and Shift in its modifiers (other bits are dropped; this
// was checked with bits up to 1024), and a dispatched CapsLock key press
// does not toggle the state. The shim answers window.__e2eCapsLock for
// trusted events, and the browser's own state otherwise.
const capsLockShim = `(() => {
	const own = KeyboardEvent.prototype.getModifierState;
	KeyboardEvent.prototype.getModifierState = function (key) {
		if (key === 'CapsLock' && this.isTrusted && window.__e2eCapsLock) return true;
		return own.call(this, key);
	};
})();`

// TypeAtReaderSpeed types text as a keyboard-wedge reader does, one key
// press (keyDown, then keyUp) per character with gap between presses:
// 1–5 ms is a reader, 100 ms and more a person. The events' timeStamp says
// exactly that pace (key i pressed at start + i·gap, released gap/2 later),
// whatever the delays of CDP (0.9–40 ms were seen between dispatches): the
// page's timing heuristics see a steady reader, or person. The presses are
// keyboardtest.Presses: a character a US keyboard types with Shift gets a
// Shift press around it, as readers send, and the Shift modifier; code is
// the US key of the character; key and text are what a host with layout
// ("us", "fr", "de" …) and the Caps Lock state would report. Caps Lock stays
// as set here until the next call; the page sees it in
// getModifierState("CapsLock") (see capsLockShim). "\n" is Enter.
func (p *Page) TypeAtReaderSpeed(text, layout string, capsLock bool, gap time.Duration) {
	p.t.Helper()
	presses, err := keyboardtest.Presses(text, keyboard.Layout(layout), capsLock)
	if err != nil {
		p.t.Fatal(err)
	}
	p.Eval(fmt.Sprintf("window.__e2eCapsLock = %t", capsLock))
	start := p.keyStart()
	for i, k := range presses {
		if i > 0 {
			time.Sleep(gap)
		}
		pressed := start.Add(time.Duration(i) * gap)
		p.lastStamp = pressed.Add(gap / 2)
		for _, ev := range headless.KeyEvents(k) {
			ev.Timestamp = epoch(pressed)
			if ev.Type == input.DispatchKeyEventTypeKeyUp {
				ev.Timestamp = epoch(pressed.Add(gap / 2))
			}
			if _, err := chromedp.Call(p.ctx, input.DispatchKeyEvent, ev); err != nil {
				p.t.Fatalf("typing %q: %v", k.Key, err)
			}
		}
	}
}

// epoch is t as CDP's input timestamps count: seconds since 1970. Chromium
// turns them into the page's KeyboardEvent.timeStamp.
func epoch(t time.Time) input.TimeSinceEpoch {
	return input.TimeSinceEpoch(float64(t.UnixMicro()) / 1e6)
}

// A swipe typed as characters (? on the Slash key without Shift, or keys
// without a code) decodes on the page as the reader's characters, with no
// layout or Caps Lock blamed.
func TestSwipeByCharacter(t *testing.T) {
	const text = "%B4111111111111111^DOE/JOHN^29121010000000000000?;4111111111111111=29121010000000000000?"
	never := func(int) bool { return false }
	cases := []struct {
		name   string
		noCode bool
		shift  func(i int) bool
	}{
		{"us-codes-no-shift", false, never},
		{"no-codes", true, never},
		{"every-other-shift", false, func(i int) bool { return i%2 == 1 }},
	}
	p := newTestPage(t, pageTimings{})
	for i, c := range cases {
		p.Run(t, c.name, func(t *testing.T) {
			presses, err := keyboardtest.ByCharacter(text+"\n", c.noCode, c.shift)
			if err != nil {
				t.Fatal(err)
			}
			r := swipeKeys(p, typeStrokes(p, presses, false, readerGap), i+1)
			got := readResult(p)
			sameResult(t, got, p.want(r))
			// The data is the reader's, as if typed on a US host.
			sameData(t, got, p.want(pasted(t, text+"\n")))
			var status []string
			for _, tr := range got.Tracks {
				status = append(status, tr.Status)
			}
			if !slices.Equal(status, []string{"ok", "ok", "absent"}) || !slices.Equal(got.Findings, []string{"issuer_check_required"}) ||
				got.Card == nil || got.Card.Last4 != "1111" || got.Card.Expiry != "2029-12" || got.Card.ServiceCode != "101" {
				t.Errorf("tracks %+v, findings %q, card %+v", got.Tracks, got.Findings, got.Card)
			}
			if r.Layout != keyboard.US || r.CapsLock {
				t.Errorf("layout %s, Caps Lock %v", r.Layout, r.CapsLock)
			}
		})
	}
}
