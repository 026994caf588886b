//go:build !wasm

package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"magcheck/decoder/keyboard"
)

// A keyboard-wedge reader types each character of a track by pressing the
// key that produces it on a US keyboard: it sends key positions, not
// characters. The host's layout then decides what the browser reports as
// KeyboardEvent.key, while KeyboardEvent.code keeps naming the position.
// These tables say, for each position, what the key gives unshifted and
// shifted on a host with that layout. "Dead" is a dead key, which types
// nothing by itself.
var usKeys = func() map[string][2]string {
	keys := map[string][2]string{
		"Backquote": {"`", "~"}, "Digit1": {"1", "!"}, "Digit2": {"2", "@"}, "Digit3": {"3", "#"},
		"Digit4": {"4", "$"}, "Digit5": {"5", "%"}, "Digit6": {"6", "^"}, "Digit7": {"7", "&"},
		"Digit8": {"8", "*"}, "Digit9": {"9", "("}, "Digit0": {"0", ")"}, "Minus": {"-", "_"},
		"Equal": {"=", "+"}, "BracketLeft": {"[", "{"}, "BracketRight": {"]", "}"}, "Backslash": {`\`, "|"},
		"Semicolon": {";", ":"}, "Quote": {"'", `"`}, "Comma": {",", "<"}, "Period": {".", ">"},
		"Slash": {"/", "?"}, "Space": {" ", " "},
	}
	for c := 'A'; c <= 'Z'; c++ {
		keys["Key"+string(c)] = [2]string{string(unicode.ToLower(c)), string(c)}
	}
	return keys
}()

// layouts are the hosts' layouts as differences from US: French AZERTY and
// German QWERTZ, as Windows and Linux map them. Keys a track never uses and
// whose value differs between systems (the French ² key) are left out, so
// typing them fails the test rather than guessing.
var layouts = map[string]map[string][2]string{
	"us": {},
	"fr": {
		"Backquote": {"", ""},
		"Digit1":    {"&", "1"}, "Digit2": {"é", "2"}, "Digit3": {`"`, "3"}, "Digit4": {"'", "4"},
		"Digit5": {"(", "5"}, "Digit6": {"-", "6"}, "Digit7": {"è", "7"}, "Digit8": {"_", "8"},
		"Digit9": {"ç", "9"}, "Digit0": {"à", "0"}, "Minus": {")", "°"}, "Equal": {"=", "+"},
		"KeyQ": {"a", "A"}, "KeyW": {"z", "Z"}, "KeyA": {"q", "Q"}, "KeyZ": {"w", "W"},
		"KeyM": {",", "?"}, "Semicolon": {"m", "M"}, "Quote": {"ù", "%"}, "Backslash": {"*", "µ"},
		"BracketLeft": {"Dead", "Dead"}, "BracketRight": {"$", "£"},
		"Comma": {";", "."}, "Period": {":", "/"}, "Slash": {"!", "§"},
	},
	"de": {
		"Backquote": {"Dead", "°"},
		"Digit2":    {"2", `"`}, "Digit3": {"3", "§"}, "Digit6": {"6", "&"}, "Digit7": {"7", "/"},
		"Digit8": {"8", "("}, "Digit9": {"9", ")"}, "Digit0": {"0", "="}, "Minus": {"ß", "?"},
		"Equal": {"Dead", "Dead"}, "KeyY": {"z", "Z"}, "KeyZ": {"y", "Y"},
		"BracketLeft": {"ü", "Ü"}, "BracketRight": {"+", "*"}, "Semicolon": {"ö", "Ö"}, "Quote": {"ä", "Ä"},
		"Backslash": {"#", "'"}, "Comma": {",", ";"}, "Period": {".", ":"}, "Slash": {"-", "_"},
	},
}

// usPosition finds the key and shift state a US keyboard types c with.
var usPosition = func() map[rune]position {
	pos := map[rune]position{}
	for code, v := range usKeys {
		for i, s := range v {
			if r := []rune(s)[0]; code != "Space" || i == 0 {
				pos[r] = position{code: code, shift: i == 1}
			}
		}
	}
	return pos
}()

type position struct {
	code  string
	shift bool
}

// virtualKey is the Windows virtual-key code of a US key, which Chromium
// reports as KeyboardEvent.keyCode.
func virtualKey(code string) int64 {
	switch {
	case strings.HasPrefix(code, "Key"), strings.HasPrefix(code, "Digit"):
		return int64(code[len(code)-1])
	}
	return map[string]int64{
		"Space": 32, "Enter": 13, "Tab": 9, "Semicolon": 186, "Equal": 187, "Comma": 188, "Minus": 189,
		"Period": 190, "Slash": 191, "Backquote": 192, "BracketLeft": 219, "Backslash": 220,
		"BracketRight": 221, "Quote": 222,
	}[code]
}

// keystroke is one key press as the browser reports it.
type keystroke struct {
	code, key, text string
	shift           bool
}

// keystrokes turns what a reader types into the key presses a host with the
// layout ("us", "fr", "de") and Caps Lock state reports. "\n" and "\r" are
// Enter, "\t" is Tab.
func keystrokes(text, layout string, capsLock bool) ([]keystroke, error) {
	diff, ok := layouts[layout]
	if !ok {
		return nil, fmt.Errorf("no keyboard layout %q (have us, fr, de)", layout)
	}
	var keys []keystroke
	for _, c := range text {
		switch c {
		case '\n', '\r':
			keys = append(keys, keystroke{code: "Enter", key: "Enter", text: "\r"})
			continue
		case '\t':
			keys = append(keys, keystroke{code: "Tab", key: "Tab"})
			continue
		}
		pos, ok := usPosition[c]
		if !ok {
			return nil, fmt.Errorf("a US keyboard has no key for %q", c)
		}
		values, ok := diff[pos.code]
		if !ok {
			values = usKeys[pos.code]
		}
		key := values[0]
		if pos.shift {
			key = values[1]
		}
		if key == "" {
			return nil, fmt.Errorf("layout %s: what %s gives is not known", layout, pos.code)
		}
		// Caps Lock turns letters to the other case, also when shifted.
		if r := []rune(key); capsLock && len(r) == 1 && unicode.IsLetter(r[0]) {
			if unicode.IsUpper(r[0]) {
				key = string(unicode.ToLower(r[0]))
			} else {
				key = string(unicode.ToUpper(r[0]))
			}
		}
		k := keystroke{code: pos.code, key: key, text: key, shift: pos.shift}
		if key == "Dead" {
			k.text = ""
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// charStrokes turns text into the key presses of a sender that types
// characters, not keys: WebDriver in Firefox and WebKit, remote-desktop
// tools, software wedges. Key and text are the character; code is its US
// key, or "" when noCode; Shift (pressed around the key) comes only with
// the characters a US keyboard shifts for which shift(i) says so, i
// counting those characters. "\n" is Enter.
func charStrokes(text string, noCode bool, shift func(i int) bool) ([]keystroke, error) {
	var keys []keystroke
	n := 0
	for _, c := range text {
		k := keystroke{code: "Enter", key: "Enter", text: "\r"}
		if c != '\n' {
			pos, ok := usPosition[c]
			if !ok {
				return nil, fmt.Errorf("a US keyboard has no key for %q", c)
			}
			k = keystroke{code: pos.code, key: string(c), text: string(c)}
			if pos.shift {
				k.shift = shift(n)
				n++
			}
		}
		if noCode {
			k.code = ""
		}
		keys = append(keys, k)
	}
	return keys, nil
}

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
// page's timing heuristics see a steady reader, or person. A character a US keyboard
// types with Shift gets a Shift press around it, as readers send, and the
// Shift modifier. code is the US key of the character; key and text are
// what a host with layout ("us", "fr", "de") and the Caps Lock state would
// report. Caps Lock stays as set here until the next call; the page sees it
// in getModifierState("CapsLock") (see capsLockShim). "\n" is Enter.
func (p *Page) TypeAtReaderSpeed(text, layout string, capsLock bool, gap time.Duration) {
	p.t.Helper()
	keys, err := keystrokes(text, layout, capsLock)
	if err != nil {
		p.t.Fatal(err)
	}
	p.Eval(fmt.Sprintf("window.__e2eCapsLock = %t", capsLock))
	start := p.keyStart()
	for i, k := range keys {
		if i > 0 {
			time.Sleep(gap)
		}
		pressed := start.Add(time.Duration(i) * gap)
		p.lastStamp = pressed.Add(gap / 2)
		for _, ev := range k.events() {
			ev.Timestamp = epoch(pressed)
			if ev.Type == input.DispatchKeyEventTypeKeyUp {
				ev.Timestamp = epoch(pressed.Add(gap / 2))
			}
			if _, err := chromedp.Call(p.ctx, input.DispatchKeyEvent, ev); err != nil {
				p.t.Fatalf("typing %q: %v", k.key, err)
			}
		}
	}
}

// events are the CDP key events of one key press, without timestamps. A
// keyDown with text also makes the keypress and input events a real key
// press makes.
func (k keystroke) events() []input.DispatchKeyEventParams {
	const shiftBit = 8
	var mods int64
	if k.shift {
		mods = shiftBit
	}
	down := input.DispatchKeyEventParams{
		Type: input.DispatchKeyEventTypeKeyDown, Modifiers: mods,
		Code: k.code, Key: k.key, Text: k.text,
		WindowsVirtualKeyCode: virtualKey(k.code), NativeVirtualKeyCode: virtualKey(k.code),
	}
	if k.text == "" {
		down.Type = input.DispatchKeyEventTypeRawKeyDown
	}
	up := down
	up.Type, up.Text = input.DispatchKeyEventTypeKeyUp, ""
	if !k.shift {
		return []input.DispatchKeyEventParams{down, up}
	}
	shift := input.DispatchKeyEventParams{
		Type: input.DispatchKeyEventTypeRawKeyDown, Modifiers: shiftBit,
		Code: "ShiftLeft", Key: "Shift", WindowsVirtualKeyCode: 16, NativeVirtualKeyCode: 16, Location: 1,
	}
	unshift := shift
	unshift.Type, unshift.Modifiers = input.DispatchKeyEventTypeKeyUp, 0
	return []input.DispatchKeyEventParams{shift, down, up, unshift}
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
			strokes, err := charStrokes(text+"\n", c.noCode, c.shift)
			if err != nil {
				t.Fatal(err)
			}
			r := swipeKeys(p, typeStrokes(p, strokes, false, readerGap), i+1)
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

func TestKeystrokesByCharacter(t *testing.T) {
	odd := func(i int) bool { return i%2 == 1 }
	for _, tt := range []struct {
		text   string
		noCode bool
		want   []keystroke
	}{
		{"%B?;=?\n", false, []keystroke{
			{"Digit5", "%", "%", false}, {"KeyB", "B", "B", true}, {"Slash", "?", "?", false},
			{"Semicolon", ";", ";", false}, {"Equal", "=", "=", false}, {"Slash", "?", "?", true},
			{"Enter", "Enter", "\r", false}}},
		{"%/\n", true, []keystroke{{"", "%", "%", false}, {"", "/", "/", false}, {"", "Enter", "\r", false}}},
	} {
		got, err := charStrokes(tt.text, tt.noCode, odd)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("charStrokes(%q, %v) =\n\t%+v, %v\nwant\n\t%+v", tt.text, tt.noCode, got, err, tt.want)
		}
	}
	if _, err := charStrokes("é", false, odd); err == nil {
		t.Error(`charStrokes("é"): no error`)
	}
}
