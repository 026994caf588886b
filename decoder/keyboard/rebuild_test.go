package keyboard_test

import (
	"math"
	"slices"
	"testing"
	"unicode/utf8"

	"magcheck/decoder/keyboard"
	"magcheck/decoder/keyboard/keyboardtest"
)

// A three-track swipe typed under every layout, with and without Caps
// Lock: Rebuild gives the exact US text from the codes and names the
// layout from the keys.
func TestRebuildLayouts(t *testing.T) {
	for _, l := range keyboard.Layouts() {
		for _, caps := range []bool{false, true} {
			for _, s := range []string{keyboard.Three, keyboard.AAMVACA, keyboard.Track1 + keyboard.Track2} {
				rb := keyboard.Rebuild(keyboardtest.Keys(t, s+"\r", l, caps, keyboardtest.Pace{Start: 1000, Gap: 2}))
				if rb.Text != s || rb.Layout != l || rb.CapsLock != caps || rb.Terminator != "\r" {
					t.Errorf("%s caps=%v: Rebuild = %q %s caps=%v term %q, want %q %s caps=%v term \"\\r\"",
						l, caps, rb.Text, rb.Layout, rb.CapsLock, rb.Terminator, s, l, caps)
				}
			}
		}
	}
}

func TestRebuildKeys(t *testing.T) {
	alt := func(code string) keyboard.Key { return keyboard.Key{Code: code, Key: code[6:], Alt: true} }
	altPress := keyboard.Key{Code: "AltLeft", Key: "Alt", Alt: true}
	tests := []struct {
		name string
		keys []keyboard.Key
		want keyboard.Rebuilt
	}{
		{"AZERTY keys", []keyboard.Key{
			{Code: "Semicolon", Key: "m"}, {Code: "Digit1", Key: "&"},
			{Code: "Slash", Key: "§", Shift: true}, {Code: "NumpadEnter", Key: "Enter"}},
			keyboard.Rebuilt{Text: ";1?", Layout: keyboard.FR, Terminator: "\r"}},
		{"ALT-ASCII", []keyboard.Key{
			altPress, alt("Numpad3"), alt("Numpad7"), altPress, alt("Numpad6"), alt("Numpad6"),
			altPress, alt("Numpad0"), alt("Numpad5"), alt("Numpad2"), altPress, alt("Numpad6"), alt("Numpad3"),
			{Code: "Enter", Key: "Enter"}},
			keyboard.Rebuilt{Text: "%B4?", Layout: keyboard.US, Terminator: "\r"}},
		{"ALT-ASCII above ASCII, modulo 256, at the end", []keyboard.Key{
			altPress, alt("Numpad1"), alt("Numpad6"), alt("Numpad9"), altPress, alt("Numpad3"), alt("Numpad2"), alt("Numpad1")},
			keyboard.Rebuilt{Text: "\uFFFDA", Layout: keyboard.US}},
		{"Ctrl+M terminates", []keyboard.Key{{Code: "Digit1", Key: "1"}, {Code: "KeyM", Key: "m", Ctrl: true}},
			keyboard.Rebuilt{Text: "1", Layout: keyboard.US, Terminator: "\r"}},
		{"Ctrl+B is STX, Tab inside stays", []keyboard.Key{{Code: "KeyB", Key: "b", Ctrl: true}, {Code: "Tab", Key: "Tab"}, {Code: "Digit1", Key: "1"}},
			keyboard.Rebuilt{Text: "\x02\t1", Layout: keyboard.US}},
		{"modifiers, repeats, shortcuts and arrows skipped", []keyboard.Key{
			{Code: "ShiftLeft", Key: "Shift", Shift: true}, {Code: "KeyA", Key: "A", Shift: true},
			{Code: "KeyA", Key: "A", Shift: true, Repeat: true}, {Code: "KeyV", Key: "v", Meta: true},
			{Code: "ArrowLeft", Key: "ArrowLeft"}, {Code: "F5", Key: "F5"}, {Code: "CapsLock", Key: "CapsLock"},
			{Code: "", Key: "Shift", Shift: true}, {Code: "Digit1", Key: "1", Ctrl: true}},
			keyboard.Rebuilt{Text: "A", Layout: keyboard.US}},
		{"Numpad and Backquote", []keyboard.Key{{Code: "Numpad4", Key: "4"}, {Code: "NumpadAdd", Key: "+"}, {Code: "Backquote", Key: "~", Shift: true}},
			keyboard.Rebuilt{Text: "4+~", Layout: keyboard.US}},
		{"unknown code: the host's character", []keyboard.Key{{Code: "IntlBackslash", Key: "<"}, {Code: "", Key: "é"}, {Code: "", Key: "Unidentified"}},
			keyboard.Rebuilt{Text: "<é", Layout: keyboard.US}},
		{"Caps Lock from getModifierState, letters up", []keyboard.Key{{Code: "KeyB", Key: "B", CapsLock: true}, {Code: "Digit1", Key: "1", CapsLock: true}},
			keyboard.Rebuilt{Text: "B1", Layout: keyboard.US, CapsLock: true}},
		{"no Key values: codes still work", []keyboard.Key{{Code: "Digit5", Shift: true}, {Code: "KeyE", Shift: true}, {Code: "Slash", Shift: true}},
			keyboard.Rebuilt{Text: "%E?", Layout: keyboard.US}},
		{"US-International dead key", []keyboard.Key{{Code: "Digit6", Key: "Dead", Shift: true}, {Code: "KeyA", Key: "Â", Shift: true}},
			keyboard.Rebuilt{Text: "^A", Layout: keyboard.USIntl}},
		{"nothing", nil, keyboard.Rebuilt{Layout: keyboard.US}},
	}
	for _, tc := range tests {
		rb := keyboard.Rebuild(tc.keys)
		rb.Timing = keyboard.Timing{}
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
// do (keyboardtest.ByCharacter), 2 ms apart; Enter ends the keys.
func sentKeys(t *testing.T, text string, noCode bool, shift func(i int) bool) []keyboard.Key {
	t.Helper()
	return keyboardtest.KeysByCharacter(t, text+"\r", noCode, shift, keyboardtest.Pace{Gap: 2})
}

// Keys whose Key and Code disagree in a way no layout explains, a shifted
// character sent without Shift or a key without a code, count as their Key;
// keys a layout or Caps Lock explains still count by their code.
func TestRebuildKeyNamesCharacter(t *testing.T) {
	never := func(int) bool { return false }
	odd := func(i int) bool { return i%2 == 1 }
	always := func(int) bool { return true }
	us1 := func(keys ...keyboard.Key) []keyboard.Key { return keys }
	capsOn := func(keys []keyboard.Key) []keyboard.Key {
		for i := range keys {
			keys[i].CapsLock = true
		}
		return keys
	}
	tests := []struct {
		name string
		keys []keyboard.Key
		want keyboard.Rebuilt
	}{
		{"WebDriver: US codes, no Shift", sentKeys(t, webSwipe, false, never),
			keyboard.Rebuilt{Text: webSwipe, Layout: keyboard.US, Terminator: "\r"}},
		{"no codes", sentKeys(t, webSwipe, true, never),
			keyboard.Rebuilt{Text: webSwipe, Layout: keyboard.US, Terminator: "\r"}},
		{"no codes, Shift held", sentKeys(t, webSwipe, true, always),
			keyboard.Rebuilt{Text: webSwipe, Layout: keyboard.US, Terminator: "\r"}},
		{"every other shifted key with Shift", sentKeys(t, webSwipe, false, odd),
			keyboard.Rebuilt{Text: webSwipe, Layout: keyboard.US, Terminator: "\r"}},
		{"every shifted key with Shift: a US reader", sentKeys(t, webSwipe, false, always),
			keyboard.Rebuilt{Text: webSwipe, Layout: keyboard.US, Terminator: "\r"}},
		{"% ^ ? \" : without Shift", us1(
			keyboard.Key{Code: "Digit5", Key: "%"}, keyboard.Key{Code: "Digit6", Key: "^"}, keyboard.Key{Code: "Slash", Key: "?"},
			keyboard.Key{Code: "Quote", Key: "\""}, keyboard.Key{Code: "Semicolon", Key: ":"}),
			keyboard.Rebuilt{Text: "%^?\":", Layout: keyboard.US}},
		// getModifierState says Caps Lock is on, and the letters agree.
		{"WebDriver, Caps Lock reported", capsOn(sentKeys(t, webSwipe, false, never)),
			keyboard.Rebuilt{Text: webSwipe, Layout: keyboard.US, CapsLock: true, Terminator: "\r"}},
		// German Caps Lock types % on the 5 key: the layout explains it.
		{"German Caps Lock", capsOn(us1(keyboard.Key{Code: "Digit5", Key: "%"}, keyboard.Key{Code: "Semicolon", Key: "Ö"}, keyboard.Key{Code: "KeyY", Key: "z", Shift: true})),
			keyboard.Rebuilt{Text: "5;Y", Layout: keyboard.DE, CapsLock: true}},
		{"letters up without Shift or Caps Lock", us1(keyboard.Key{Code: "KeyB", Key: "B"}, keyboard.Key{Code: "Digit1", Key: "1"}),
			keyboard.Rebuilt{Text: "B1", Layout: keyboard.US}},
		// A host layout this package lacks (Spanish: ¡ on Equal, ñ on
		// Semicolon) is still undone through the codes.
		{"unknown layout", us1(keyboard.Key{Code: "Equal", Key: "¡"}, keyboard.Key{Code: "Semicolon", Key: "ñ"}, keyboard.Key{Code: "Digit7", Key: "/", Shift: true}),
			keyboard.Rebuilt{Text: "=;&", Layout: keyboard.DE}},
		// French Caps Lock shifts = to +: the layout explains it.
		{"French Caps Lock", us1(keyboard.Key{Code: "Equal", Key: "+", CapsLock: true}, keyboard.Key{Code: "Semicolon", Key: "M", CapsLock: true}),
			keyboard.Rebuilt{Text: "=;", Layout: keyboard.FR, CapsLock: true}},
		// A reader sends Shift+B; Caps Lock makes it b.
		{"Caps Lock host", us1(
			keyboard.Key{Code: "ShiftLeft", Key: "Shift", Shift: true, CapsLock: true}, keyboard.Key{Code: "KeyB", Key: "b", Shift: true, CapsLock: true},
			keyboard.Key{Code: "Digit1", Key: "1", CapsLock: true}),
			keyboard.Rebuilt{Text: "B1", Layout: keyboard.US, CapsLock: true}},
		{"Caps Lock host, getModifierState silent", us1(
			keyboard.Key{Code: "ShiftLeft", Key: "Shift", Shift: true}, keyboard.Key{Code: "KeyB", Key: "b", Shift: true}, keyboard.Key{Code: "Digit1", Key: "1"}),
			keyboard.Rebuilt{Text: "B1", Layout: keyboard.US, CapsLock: true}},
		{"Enter and Tab without codes", us1(keyboard.Key{Key: "5"}, keyboard.Key{Key: "Tab"}, keyboard.Key{Key: "6"}, keyboard.Key{Key: "Enter"}),
			keyboard.Rebuilt{Text: "5\t6", Layout: keyboard.US, Terminator: "\r"}},
	}
	for _, tc := range tests {
		rb := keyboard.Rebuild(tc.keys)
		rb.Timing = keyboard.Timing{}
		if rb != tc.want {
			t.Errorf("%s: Rebuild = %+v, want %+v", tc.name, rb, tc.want)
		}
	}
}

func TestRebuildTiming(t *testing.T) {
	keys := keyboardtest.Keys(t, keyboard.Track2+"\r", keyboard.US, false, keyboardtest.Pace{Start: 100, Gap: 4})
	rb := keyboard.Rebuild(keys)
	n := len(keyboard.Track2) + 1 // and Enter
	want := keyboard.Timing{Keys: n, Duration: float64(4 * (n - 1)), CharsPerSecond: 250, MedianGap: 4, MaxGap: 4}
	if rb.Timing != want {
		t.Errorf("Timing = %+v, want %+v", rb.Timing, want)
	}
}

func BenchmarkRebuild(b *testing.B) {
	keys := keyboardtest.Keys(b, keyboard.Three+"\r", keyboard.FR, false, keyboardtest.Pace{Gap: 2})
	for b.Loop() {
		keyboard.Rebuild(keys)
	}
}

// decodeKeys turns bytes into keydowns, four bytes a key: code, key,
// modifier bits, time step (255 NaN, 254 a step back).
func decodeKeys(data []byte) []keyboard.Key {
	codeList := append(keyboard.Codes[:],
		"Enter", "NumpadEnter", "Tab", "Backquote", "Numpad0", "Numpad3", "Numpad7", "Numpad9", "NumpadAdd",
		"ShiftLeft", "AltLeft", "AltRight", "ControlLeft", "MetaLeft", "CapsLock", "", "IntlBackslash",
		"ArrowLeft", "KeyZZ", "Numpad", "NumpadX", "F5")
	keyList := []string{"", "Dead", "Enter", "Shift", "Alt", "a", "A", "é", "ş", "Ş", "ı", "§", "\x00", "\x7f",
		"Unidentified", "%", ";", "?", "´", "^", "Â", "\xff"}
	var keys []keyboard.Key
	tm := 0.0
	for i := 0; i+3 < len(data); i += 4 {
		k := keyboard.Key{Code: codeList[int(data[i])%len(codeList)]}
		if j := int(data[i+1]); j < len(keyList) {
			k.Key = keyList[j]
		} else {
			k.Key = string(rune(j * 37))
		}
		b := data[i+2]
		k.Shift, k.CapsLock, k.Alt, k.Ctrl = b&1 != 0, b&2 != 0, b&4 != 0, b&8 != 0
		k.Meta, k.Repeat = b&16 != 0, b&32 != 0
		switch data[i+3] {
		case 255:
			k.Time = math.NaN()
		case 254:
			tm -= 50
			k.Time = tm
		default:
			tm += float64(data[i+3])
			k.Time = tm
		}
		keys = append(keys, k)
	}
	return keys
}

func FuzzRebuild(f *testing.F) {
	f.Add([]byte{0, 5, 0, 2, 1, 6, 1, 2, 47, 2, 0, 2})
	f.Add([]byte("\x3a\x00\x04\x02\x3b\x00\x04\x02\x3a\x00\x04\x02\x30\x00\x00\x02"))
	f.Add([]byte("%B4111111111111111^CARDHOLDER/TEST^3012?"))
	f.Add([]byte(keyboard.Three))
	// Shifted characters without Shift (% on Digit5, ? on Slash, ^ on
	// Digit6), and keys without a code (%, Enter).
	f.Add([]byte{4, 15, 0, 2, 24, 6, 0, 2, 5, 19, 0, 2, 45, 17, 0, 2, 47, 2, 0, 2})
	f.Add([]byte{62, 15, 0, 2, 62, 6, 0, 2, 62, 17, 2, 2, 62, 2, 0, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		keys := decodeKeys(data)
		rb := keyboard.Rebuild(keys)
		if !utf8.ValidString(rb.Text) {
			t.Errorf("Text %q is not UTF-8", rb.Text)
		}
		switch rb.Terminator {
		case "", "\r", "\n", "\t":
		default:
			t.Errorf("Terminator %q", rb.Terminator)
		}
		if rb.Timing.Keys > len(keys) || !slices.Contains(keyboard.Layouts(), rb.Layout) {
			t.Errorf("Timing.Keys %d of %d keys, layout %q", rb.Timing.Keys, len(keys), rb.Layout)
		}
		editable := len(data) > 0 && data[0]&1 == 1
		var d keyboard.Detector
		var last *keyboard.Swipe
		check := func(sw *keyboard.Swipe) {
			if sw == nil {
				return
			}
			if len(sw.Keys) > keyboard.MaxSwipeKeys || sw.Passed > len(sw.Keys) {
				t.Errorf("swipe of %d keys, %d passed", len(sw.Keys), sw.Passed)
			}
			// A swipe that extends the last one begins with its keys.
			if sw.Extends && (last == nil || sw.Passed != 0 || len(sw.Keys) < len(last.Keys) ||
				!slices.EqualFunc(sw.Keys[:len(last.Keys)], last.Keys, sameKey)) {
				t.Errorf("swipe of %d keys extends %+v", len(sw.Keys), last)
			}
			last = sw
		}
		for _, k := range keys {
			_, sw := d.Feed(k, editable)
			check(sw)
		}
		check(d.Idle(math.Inf(1)))
		// The track-1 text in data typed on a layout data picks comes back.
		if len(data) > 2 {
			layouts := keyboard.Layouts()
			l, caps := layouts[int(data[0])%len(layouts)], data[1]&1 == 1
			text := keyboard.Project(data[2:])
			if rb := keyboard.Rebuild(keyboardtest.Keys(t, text+"\r", l, caps, keyboardtest.Pace{Gap: 2})); rb.Text != text || rb.Terminator != "\r" {
				t.Errorf("%s caps=%v: Rebuild gives %q for %q", l, caps, rb.Text, text)
			}
			// Typed by character, Shift left out where data says, with
			// US codes or none: the characters come back.
			shift := func(i int) bool { return data[i%len(data)]&2 != 0 }
			for _, noCode := range []bool{false, true} {
				if rb := keyboard.Rebuild(sentKeys(t, text, noCode, shift)); rb.Text != text || rb.Layout != keyboard.US || rb.CapsLock || rb.Terminator != "\r" {
					t.Errorf("by character, noCode=%v: Rebuild gives %q %s caps=%v for %q", noCode, rb.Text, rb.Layout, rb.CapsLock, text)
				}
			}
		}
	})
}

// sameKey is == with a NaN time equal to itself.
func sameKey(a, b keyboard.Key) bool {
	ta, tb := math.Float64bits(a.Time), math.Float64bits(b.Time)
	a.Time, b.Time = 0, 0
	return a == b && ta == tb
}
