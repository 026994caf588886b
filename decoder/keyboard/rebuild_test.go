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
			if c, ok := Compose(dead, h); ok {
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

// webSwipe is a track 1 and track 2 swipe with every character WebDriver
// types without Shift: %, ^ and ? (and the letters).
const webSwipe = "%B4111111111111111^DOE/JOHN^29121010000000000000?;4111111111111111=29121010000000000000?"

// sentKeys gives the keydowns of a sender that types text by character, as
// WebDriver in Firefox and WebKit, remote-desktop tools and software wedges
// do: Key is the character, Code its US key ("" when noCode), and Shift
// (with a ShiftLeft press before) only on the characters the US keymap
// shifts for which shift(i) says so, i counting them. Enter ends the keys.
func sentKeys(text string, noCode bool, shift func(i int) bool) []Key {
	var keys []Key
	t, n := 0.0, 0
	for _, r := range text {
		kl := us.from[0][r]
		k := Key{Code: codes[kl>>1], Key: string(r), Time: t}
		if noCode {
			k.Code = ""
		}
		if kl&1 == 1 {
			if k.Shift = shift(n); k.Shift {
				keys = append(keys, Key{Code: "ShiftLeft", Key: "Shift", Shift: true, Time: t})
			}
			n++
		}
		keys = append(keys, k)
		t += 2
	}
	enter := Key{Code: "Enter", Key: "Enter", Time: t}
	if noCode {
		enter.Code = ""
	}
	return append(keys, enter)
}

// Keys whose Key and Code disagree in a way no layout explains, a shifted
// character sent without Shift or a key without a code, count as their Key;
// keys a layout or Caps Lock explains still count by their code.
func TestRebuildKeyNamesCharacter(t *testing.T) {
	never := func(int) bool { return false }
	odd := func(i int) bool { return i%2 == 1 }
	always := func(int) bool { return true }
	us1 := func(keys ...Key) []Key { return keys }
	capsOn := func(keys []Key) []Key {
		for i := range keys {
			keys[i].CapsLock = true
		}
		return keys
	}
	tests := []struct {
		name string
		keys []Key
		want Rebuilt
	}{
		{"WebDriver: US codes, no Shift", sentKeys(webSwipe, false, never),
			Rebuilt{Text: webSwipe, Layout: US, Terminator: "\r"}},
		{"no codes", sentKeys(webSwipe, true, never),
			Rebuilt{Text: webSwipe, Layout: US, Terminator: "\r"}},
		{"no codes, Shift held", sentKeys(webSwipe, true, always),
			Rebuilt{Text: webSwipe, Layout: US, Terminator: "\r"}},
		{"every other shifted key with Shift", sentKeys(webSwipe, false, odd),
			Rebuilt{Text: webSwipe, Layout: US, Terminator: "\r"}},
		{"every shifted key with Shift: a US reader", sentKeys(webSwipe, false, always),
			Rebuilt{Text: webSwipe, Layout: US, Terminator: "\r"}},
		{"% ^ ? \" : without Shift", us1(
			Key{Code: "Digit5", Key: "%"}, Key{Code: "Digit6", Key: "^"}, Key{Code: "Slash", Key: "?"},
			Key{Code: "Quote", Key: "\""}, Key{Code: "Semicolon", Key: ":"}),
			Rebuilt{Text: "%^?\":", Layout: US}},
		// getModifierState says Caps Lock is on, and the letters agree.
		{"WebDriver, Caps Lock reported", capsOn(sentKeys(webSwipe, false, never)),
			Rebuilt{Text: webSwipe, Layout: US, CapsLock: true, Terminator: "\r"}},
		// German Caps Lock types % on the 5 key: the layout explains it.
		{"German Caps Lock", capsOn(us1(Key{Code: "Digit5", Key: "%"}, Key{Code: "Semicolon", Key: "Ö"}, Key{Code: "KeyY", Key: "z", Shift: true})),
			Rebuilt{Text: "5;Y", Layout: DE, CapsLock: true}},
		{"letters up without Shift or Caps Lock", us1(Key{Code: "KeyB", Key: "B"}, Key{Code: "Digit1", Key: "1"}),
			Rebuilt{Text: "B1", Layout: US}},
		// A host layout this package lacks (Spanish: ¡ on Equal, ñ on
		// Semicolon) is still undone through the codes.
		{"unknown layout", us1(Key{Code: "Equal", Key: "¡"}, Key{Code: "Semicolon", Key: "ñ"}, Key{Code: "Digit7", Key: "/", Shift: true}),
			Rebuilt{Text: "=;&", Layout: DE}},
		// French Caps Lock shifts = to +: the layout explains it.
		{"French Caps Lock", us1(Key{Code: "Equal", Key: "+", CapsLock: true}, Key{Code: "Semicolon", Key: "M", CapsLock: true}),
			Rebuilt{Text: "=;", Layout: FR, CapsLock: true}},
		// A reader sends Shift+B; Caps Lock makes it b.
		{"Caps Lock host", us1(
			Key{Code: "ShiftLeft", Key: "Shift", Shift: true, CapsLock: true}, Key{Code: "KeyB", Key: "b", Shift: true, CapsLock: true},
			Key{Code: "Digit1", Key: "1", CapsLock: true}),
			Rebuilt{Text: "B1", Layout: US, CapsLock: true}},
		{"Caps Lock host, getModifierState silent", us1(
			Key{Code: "ShiftLeft", Key: "Shift", Shift: true}, Key{Code: "KeyB", Key: "b", Shift: true}, Key{Code: "Digit1", Key: "1"}),
			Rebuilt{Text: "B1", Layout: US, CapsLock: true}},
		{"Enter and Tab without codes", us1(Key{Key: "5"}, Key{Key: "Tab"}, Key{Key: "6"}, Key{Key: "Enter"}),
			Rebuilt{Text: "5\t6", Layout: US, Terminator: "\r"}},
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
