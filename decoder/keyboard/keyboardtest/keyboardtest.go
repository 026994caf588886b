// Package keyboardtest types text as keyboard-wedge card readers do, for
// tests and benchmarks: the key presses of a reader with a US keymap on a
// host with a given keyboard layout and Caps Lock state (Presses), those of
// senders that type characters rather than keys (ByCharacter), and the
// keydown events a page reads from either, as keyboard.Detector takes them
// (Keydowns, Keys).
//
// What a host types on each key comes from package keyboard's own tables
// (keyboard.USKey, HostChar, Compose), so a test types exactly what the
// decoder believes a host makes of a reader's keys. Dead keys follow those
// tables: the dead key's press names no character (Key "Dead"), and the
// next press names the letter the two compose, or its own character.
package keyboardtest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"magcheck/decoder/keyboard"
)

// Press is one key press as a browser reports it.
type Press struct {
	Code  string // KeyboardEvent.code: the key of a US keymap; "" from a sender that names none
	Key   string // KeyboardEvent.key: the host's character, "Dead", a letter a dead key composed, "Enter" or "Tab"
	Text  string // the text the press types: Key, "\r" for Enter, "" for a dead key and Tab
	Shift bool   // Shift is held around the key, as readers press it
}

// enter and tab are the presses of CR (or LF) and Tab, which a reader's
// keymap types alike on every host.
var (
	enter = Press{Code: "Enter", Key: "Enter", Text: "\r"}
	tab   = Press{Code: "Tab", Key: "Tab"}
)

// control gives the press of r if it is Enter ("\r" or "\n") or Tab.
func control(r rune) (Press, bool) {
	switch r {
	case '\r', '\n':
		return enter, true
	case '\t':
		return tab, true
	}
	return Press{}, false
}

// Presses gives the key presses of a reader with a US keymap typing text on
// a host set to layout l, Caps Lock on or off: each character's US key
// (keyboard.USKey), Shift as the US keymap needs it, and what the host
// types there (keyboard.HostChar, Compose). "\r" and "\n" are Enter,
// "\t" is Tab. It fails on a layout package keyboard does not know, a
// character no US key types, and a key whose character on l the tables do
// not hold (Backquote, on a host other than US).
func Presses(text string, l keyboard.Layout, capsLock bool) ([]Press, error) {
	if !slices.Contains(keyboard.Layouts(), l) {
		return nil, fmt.Errorf("keyboardtest: no keyboard layout %q", l)
	}
	var ps []Press
	var accent rune // a dead key waiting for the next key
	for _, r := range text {
		if p, ok := control(r); ok {
			ps, accent = append(ps, p), 0
			continue
		}
		code, shift, ok := keyboard.USKey(r)
		if !ok {
			return nil, fmt.Errorf("keyboardtest: a US keymap has no key for %q", r)
		}
		h, dead, ok := keyboard.HostChar(l, code, shift, capsLock)
		switch {
		case !ok && l == keyboard.US: // a US key outside the tables types its US character
			h = r
		case !ok:
			return nil, fmt.Errorf("keyboardtest: what %s types on %s is not in package keyboard's tables", code, l)
		}
		p := Press{Code: code, Key: string(h), Text: string(h), Shift: shift}
		switch {
		case dead && accent == 0:
			p.Key, p.Text, accent = "Dead", "", h
		case accent != 0:
			if c, ok := keyboard.Compose(accent, h); ok {
				p.Key, p.Text = string(c), string(c)
			}
			accent = 0
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// ByCharacter gives the key presses of a sender that types characters, not
// keys, as WebDriver in Firefox and WebKit, remote-desktop tools and
// software wedges do: Key and Text are the character; Code is its US key,
// or "" when noCode. Shift comes only with the characters a US keymap
// shifts for which shift(i) says so, i counting those characters. "\r"
// and "\n" are Enter, "\t" is Tab (Code "" too when noCode). It fails on a
// character no US key types.
func ByCharacter(text string, noCode bool, shift func(i int) bool) ([]Press, error) {
	var ps []Press
	n := 0
	for _, r := range text {
		p, ok := control(r)
		if !ok {
			code, shifted, ok := keyboard.USKey(r)
			if !ok {
				return nil, fmt.Errorf("keyboardtest: a US keymap has no key for %q", r)
			}
			p = Press{Code: code, Key: string(r), Text: string(r)}
			if shifted {
				p.Shift = shift(n)
				n++
			}
		}
		if noCode {
			p.Code = ""
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// Typeable reports whether a reader with a US keymap types every character
// of text on a US host (Presses does not fail).
func Typeable(text string) bool {
	for _, r := range text {
		if _, ok := control(r); ok {
			continue
		}
		if _, _, ok := keyboard.USKey(r); !ok {
			return false
		}
	}
	return true
}

// Pace says when a sender presses its keys, in milliseconds as
// KeyboardEvent.timeStamp counts them: the first at Start, then one every
// Gap, and Pause more before every 20th (readers that send their keys in
// radio packets, or stall).
type Pace struct {
	Start, Gap, Pause float64
}

// At is the time of press i, counting from 0.
func (p Pace) At(i int) float64 {
	return p.Start + float64(i)*p.Gap + float64(i/20)*p.Pause
}

// Keydowns are the keydown events a page reads from presses made at pace
// on a host with Caps Lock on or off, as keyboard.Detector takes them: a
// ShiftLeft keydown before each shifted key, at its time, then the key.
// KeyCode is the virtual-key code Chromium reports (VirtualKey).
func Keydowns(ps []Press, capsLock bool, pace Pace) []keyboard.Key {
	keys := make([]keyboard.Key, 0, len(ps)+len(ps)/4)
	for i, p := range ps {
		t := pace.At(i)
		if p.Shift {
			keys = append(keys, keyboard.Key{Code: "ShiftLeft", Key: "Shift", Shift: true, CapsLock: capsLock, Time: t, KeyCode: VirtualKey("ShiftLeft")})
		}
		keys = append(keys, keyboard.Key{Code: p.Code, Key: p.Key, Shift: p.Shift, CapsLock: capsLock, Time: t, KeyCode: VirtualKey(p.Code)})
	}
	return keys
}

// Keys are the keydowns of a reader with a US keymap typing text on a host
// set to layout l, Caps Lock on or off, at pace: Keydowns of Presses. A
// text Presses cannot type fails the test.
func Keys(tb testing.TB, text string, l keyboard.Layout, capsLock bool, pace Pace) []keyboard.Key {
	tb.Helper()
	ps, err := Presses(text, l, capsLock)
	if err != nil {
		tb.Fatal(err)
	}
	return Keydowns(ps, capsLock, pace)
}

// KeysByCharacter are the keydowns of a sender typing text by character
// (see ByCharacter) at pace. A text ByCharacter cannot type fails the test.
func KeysByCharacter(tb testing.TB, text string, noCode bool, shift func(i int) bool, pace Pace) []keyboard.Key {
	tb.Helper()
	ps, err := ByCharacter(text, noCode, shift)
	if err != nil {
		tb.Fatal(err)
	}
	return Keydowns(ps, false, pace)
}

// Swipes feeds keys to d, as keys in a text field if editable, and gives
// the swipes they end, in order.
func Swipes(d *keyboard.Detector, keys []keyboard.Key, editable bool) []*keyboard.Swipe {
	var swipes []*keyboard.Swipe
	for _, k := range keys {
		if _, sw := d.Feed(k, editable); sw != nil {
			swipes = append(swipes, sw)
		}
	}
	return swipes
}

// oemKeys are the Windows virtual-key codes of the US keymap's punctuation
// keys (VK_OEM_*), and of the other keys a reader presses.
var oemKeys = map[string]int{
	"Space": 32, "Enter": 13, "Tab": 9, "ShiftLeft": 16, "Semicolon": 186, "Equal": 187, "Comma": 188,
	"Minus": 189, "Period": 190, "Slash": 191, "Backquote": 192, "BracketLeft": 219, "Backslash": 220,
	"BracketRight": 221, "Quote": 222,
}

// VirtualKey is the Windows virtual-key code of the US key code, which
// Chromium reports as KeyboardEvent.keyCode; 0 for no code.
func VirtualKey(code string) int {
	if c, ok := strings.CutPrefix(code, "Key"); ok && len(c) == 1 {
		return int(c[0])
	}
	if c, ok := strings.CutPrefix(code, "Digit"); ok && len(c) == 1 {
		return int(c[0])
	}
	return oemKeys[code]
}
