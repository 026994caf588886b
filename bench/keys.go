//go:build !wasm

package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/chromedp/cdproto/input"

	"magcheck/decoder"
	"magcheck/decoder/keyboard"
	"magcheck/internal/testvectors"
	"magcheck/message"
)

// A reader types each character with the US key that makes it, Shift held
// for the upper row. usKeys maps a character to that key's code.
var usKeys = func() map[rune]press {
	m := map[rune]press{' ': {code: "Space"}, '\n': {code: "Enter", enter: true}}
	rows := []struct{ codes, plain, shifted string }{
		{"Backquote Digit1 Digit2 Digit3 Digit4 Digit5 Digit6 Digit7 Digit8 Digit9 Digit0 Minus Equal",
			"`1234567890-=", "~!@#$%^&*()_+"},
		{"BracketLeft BracketRight Backslash Semicolon Quote Comma Period Slash", `[]\;',./`, `{}|:"<>?`},
	}
	for _, r := range rows {
		codes, plain, shifted := strings.Fields(r.codes), []rune(r.plain), []rune(r.shifted)
		for i, c := range codes {
			m[plain[i]] = press{code: c}
			m[shifted[i]] = press{code: c, shift: true}
		}
	}
	for c := 'a'; c <= 'z'; c++ {
		code := "Key" + strings.ToUpper(string(c))
		m[c] = press{code: code}
		m[c-'a'+'A'] = press{code: code, shift: true}
	}
	return m
}()

// press is one character as a key press on a US keyboard.
type press struct {
	code, text  string
	shift       bool
	enter       bool
	virtualCode int64
}

// presses turns text into key presses; Enter ends it. It fails on a
// character a US keyboard has no key for.
func presses(text string) ([]press, error) {
	var out []press
	for _, c := range text {
		p, ok := usKeys[c]
		if !ok {
			return nil, fmt.Errorf("no US key types %q", c)
		}
		p.text = string(c)
		if p.enter {
			p.text = "\r"
		}
		p.virtualCode = virtualKey(p.code)
		out = append(out, p)
	}
	return out, nil
}

func (p press) key() string {
	switch {
	case p.enter:
		return "Enter"
	case p.code == "Space":
		return " "
	}
	return p.text
}

// virtualKey is the Windows virtual-key code Chromium reports as keyCode.
func virtualKey(code string) int64 {
	switch {
	case strings.HasPrefix(code, "Key"), strings.HasPrefix(code, "Digit"):
		return int64(code[len(code)-1])
	}
	return map[string]int64{
		"Space": 32, "Enter": 13, "Semicolon": 186, "Equal": 187, "Comma": 188, "Minus": 189,
		"Period": 190, "Slash": 191, "Backquote": 192, "BracketLeft": 219, "Backslash": 220,
		"BracketRight": 221, "Quote": 222,
	}[code]
}

// events are the CDP events of a press as a reader sends them: Shift down
// around a shifted character, keyDown with its text, keyUp. at stamps the
// keyDowns (KeyboardEvent.timeStamp); the zero time leaves the browser's
// own clock.
func (p press) events(at time.Time) []input.DispatchKeyEventParams {
	const shiftBit = 8
	var stamp input.TimeSinceEpoch
	if !at.IsZero() {
		stamp = input.TimeSinceEpoch(float64(at.UnixMicro()) / 1e6)
	}
	var mods int64
	if p.shift {
		mods = shiftBit
	}
	down := input.DispatchKeyEventParams{
		Type: input.DispatchKeyEventTypeKeyDown, Modifiers: mods, Timestamp: stamp,
		Code: p.code, Key: p.key(), Text: p.text,
		WindowsVirtualKeyCode: p.virtualCode, NativeVirtualKeyCode: p.virtualCode,
	}
	up := down
	up.Type, up.Text = input.DispatchKeyEventTypeKeyUp, ""
	if !p.shift {
		return []input.DispatchKeyEventParams{down, up}
	}
	shift := input.DispatchKeyEventParams{
		Type: input.DispatchKeyEventTypeRawKeyDown, Modifiers: shiftBit, Timestamp: stamp,
		Code: "ShiftLeft", Key: "Shift", WindowsVirtualKeyCode: 16, NativeVirtualKeyCode: 16, Location: 1,
	}
	unshift := shift
	unshift.Type, unshift.Modifiers = input.DispatchKeyEventTypeKeyUp, 0
	return []input.DispatchKeyEventParams{shift, down, up, unshift}
}

// keydowns are the keys the page's listener sees for presses, timed gapMS
// apart, as keyboard.Detector takes them.
func keydowns(ps []press, gapMS float64) []keyboard.Key {
	var keys []keyboard.Key
	for i, p := range ps {
		t := float64(i) * gapMS
		if p.shift {
			keys = append(keys, keyboard.Key{Code: "ShiftLeft", Key: "Shift", Shift: true, Time: t})
		}
		keys = append(keys, keyboard.Key{Code: p.code, Key: p.key(), Shift: p.shift, Time: t})
	}
	return keys
}

// expected is what the page must show for presses: the decoder's view of
// the swipe a fresh Detector makes of them, revealed, or nil when they make
// no swipe.
func expected(ps []press, gapMS float64) *decoder.View {
	var d keyboard.Detector
	var sw *keyboard.Swipe
	for _, k := range keydowns(ps, gapMS) {
		if _, done := d.Feed(k, false); done != nil {
			sw = done
		}
	}
	if sw == nil {
		return nil
	}
	v := decoder.DecodeSwipe(*sw, decoder.Options{}).View(message.English, true)
	return &v
}

// vector is a reader-text capture as a swipe: its key presses, Enter last.
type vector struct {
	ID      string
	presses []press
}

// loadVectors reads the vectors of the file path, or takes those of
// internal/testvectors when path is "", and keeps those a US reader can
// type that make a swipe; skipped names the others.
func loadVectors(path string) (vs []vector, skipped []string, err error) {
	list, from := testvectors.All(), "internal/testvectors"
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, err
		}
		if list, err = testvectors.Parse(b); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		from = path
	}
	for _, v := range list {
		ps, err := presses(strings.TrimRight(v.Input, "\n") + "\n")
		if err == nil && expected(ps, readerGapMS) == nil {
			err = fmt.Errorf("no swipe")
		}
		if err != nil {
			skipped = append(skipped, v.ID+" ("+err.Error()+")")
			continue
		}
		vs = append(vs, vector{v.ID, ps})
	}
	if len(vs) == 0 {
		return nil, skipped, fmt.Errorf("%s: no vector makes a swipe", from)
	}
	return vs, skipped, nil
}
