package keyboard

import (
	"testing"
)

// keysFor gives the keydowns of a US-keymap reader typing text on a host
// set to layout l: a ShiftLeft press before each shifted key, Code the
// physical key, Key what the host typed ("Dead" for a dead key, then the
// composed letter), gap ms apart from t0, then Enter. Characters without a
// US key are left out.
func keysFor(text string, l Layout, caps bool, t0, gap float64) []Key {
	m := lookup(l)
	var keys []Key
	t := t0
	var dead rune
	for _, r := range text {
		kl, ok := us.from[0][r]
		if !ok {
			continue
		}
		i, lv := int(kl>>1), int(kl&1)
		if lv == 1 {
			keys = append(keys, Key{Code: "ShiftLeft", Key: "Shift", Shift: true, CapsLock: caps, Time: t})
		}
		h := m.host(i, lv, caps)
		key := string(h)
		switch {
		case m.isDead(h) && dead == 0:
			key, dead = "Dead", h
		case dead != 0:
			if c, ok := compose(dead, h); ok {
				key = string(c)
			}
			dead = 0
		}
		keys = append(keys, Key{Code: codes[i], Key: key, Shift: lv == 1, CapsLock: caps, Time: t})
		t += gap
	}
	return append(keys, Key{Code: "Enter", Key: "Enter", CapsLock: caps, Time: t})
}

// A three-track swipe typed under every layout, with and without Caps
// Lock: Rebuild gives the exact US text from the codes and names the
// layout from the keys.
func TestRebuildLayouts(t *testing.T) {
	for _, m := range keymaps {
		for _, caps := range []bool{false, true} {
			for _, s := range []string{three, aamvaCA, track1 + track2} {
				rb := Rebuild(keysFor(s, m.layout, caps, 1000, 2))
				if rb.Text != s || rb.Layout != m.layout || rb.CapsLock != caps || rb.Terminator != "\r" {
					t.Errorf("%s caps=%v: Rebuild = %q %s caps=%v term %q, want %q %s caps=%v term \"\\r\"",
						m.layout, caps, rb.Text, rb.Layout, rb.CapsLock, rb.Terminator, s, m.layout, caps)
				}
			}
		}
	}
}

func TestRebuildKeys(t *testing.T) {
	alt := func(code string) Key { return Key{Code: code, Key: code[6:], Alt: true} }
	altPress := Key{Code: "AltLeft", Key: "Alt", Alt: true}
	tests := []struct {
		name string
		keys []Key
		want Rebuilt
	}{
		{"AZERTY keys", []Key{
			{Code: "Semicolon", Key: "m"}, {Code: "Digit1", Key: "&"},
			{Code: "Slash", Key: "§", Shift: true}, {Code: "NumpadEnter", Key: "Enter"}},
			Rebuilt{Text: ";1?", Layout: FR, Terminator: "\r"}},
		{"ALT-ASCII", []Key{
			altPress, alt("Numpad3"), alt("Numpad7"), altPress, alt("Numpad6"), alt("Numpad6"),
			altPress, alt("Numpad0"), alt("Numpad5"), alt("Numpad2"), altPress, alt("Numpad6"), alt("Numpad3"),
			{Code: "Enter", Key: "Enter"}},
			Rebuilt{Text: "%B4?", Layout: US, Terminator: "\r"}},
		{"ALT-ASCII above ASCII, modulo 256, at the end", []Key{
			altPress, alt("Numpad1"), alt("Numpad6"), alt("Numpad9"), altPress, alt("Numpad3"), alt("Numpad2"), alt("Numpad1")},
			Rebuilt{Text: "\uFFFDA", Layout: US}},
		{"Ctrl+M terminates", []Key{{Code: "Digit1", Key: "1"}, {Code: "KeyM", Key: "m", Ctrl: true}},
			Rebuilt{Text: "1", Layout: US, Terminator: "\r"}},
		{"Ctrl+B is STX, Tab inside stays", []Key{{Code: "KeyB", Key: "b", Ctrl: true}, {Code: "Tab", Key: "Tab"}, {Code: "Digit1", Key: "1"}},
			Rebuilt{Text: "\x02\t1", Layout: US}},
		{"modifiers, repeats, shortcuts and arrows skipped", []Key{
			{Code: "ShiftLeft", Key: "Shift", Shift: true}, {Code: "KeyA", Key: "A", Shift: true},
			{Code: "KeyA", Key: "A", Shift: true, Repeat: true}, {Code: "KeyV", Key: "v", Meta: true},
			{Code: "ArrowLeft", Key: "ArrowLeft"}, {Code: "F5", Key: "F5"}, {Code: "CapsLock", Key: "CapsLock"},
			{Code: "", Key: "Shift", Shift: true}, {Code: "Digit1", Key: "1", Ctrl: true}},
			Rebuilt{Text: "A", Layout: US}},
		{"Numpad and Backquote", []Key{{Code: "Numpad4", Key: "4"}, {Code: "NumpadAdd", Key: "+"}, {Code: "Backquote", Key: "~", Shift: true}},
			Rebuilt{Text: "4+~", Layout: US}},
		{"unknown code: the host's character", []Key{{Code: "IntlBackslash", Key: "<"}, {Code: "", Key: "é"}, {Code: "", Key: "Unidentified"}},
			Rebuilt{Text: "<é", Layout: US}},
		{"Caps Lock from getModifierState, letters up", []Key{{Code: "KeyB", Key: "B", CapsLock: true}, {Code: "Digit1", Key: "1", CapsLock: true}},
			Rebuilt{Text: "B1", Layout: US, CapsLock: true}},
		{"no Key values: codes still work", []Key{{Code: "Digit5", Shift: true}, {Code: "KeyE", Shift: true}, {Code: "Slash", Shift: true}},
			Rebuilt{Text: "%E?", Layout: US}},
		{"US-International dead key", []Key{{Code: "Digit6", Key: "Dead", Shift: true}, {Code: "KeyA", Key: "Â", Shift: true}},
			Rebuilt{Text: "^A", Layout: USIntl}},
		{"nothing", nil, Rebuilt{Layout: US}},
	}
	for _, tc := range tests {
		rb := Rebuild(tc.keys)
		rb.Timing = Timing{}
		if rb != tc.want {
			t.Errorf("%s: Rebuild = %+v, want %+v", tc.name, rb, tc.want)
		}
	}
}

func TestRebuildTiming(t *testing.T) {
	keys := keysFor(track2, US, false, 100, 4)
	rb := Rebuild(keys)
	n := len(track2) + 1 // and Enter
	want := Timing{Keys: n, Duration: float64(4 * (n - 1)), CharsPerSecond: 250, MedianGap: 4, MaxGap: 4}
	if rb.Timing != want {
		t.Errorf("Timing = %+v, want %+v", rb.Timing, want)
	}
}

func BenchmarkRebuild(b *testing.B) {
	keys := keysFor(three, FR, false, 0, 2)
	for b.Loop() {
		Rebuild(keys)
	}
}
