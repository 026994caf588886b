package keyboardtest_test

import (
	"slices"
	"strings"
	"testing"

	"magcheck/decoder/keyboard"
	"magcheck/decoder/keyboard/keyboardtest"
	"magcheck/internal/testvectors"
)

type press = keyboardtest.Press

func TestPresses(t *testing.T) {
	for _, tt := range []struct {
		text   string
		layout keyboard.Layout
		caps   bool
		want   []press
	}{
		{";4=?\n", keyboard.US, false, []press{
			{"Semicolon", ";", ";", false}, {"Digit4", "4", "4", false}, {"Equal", "=", "=", false},
			{"Slash", "?", "?", true}, {"Enter", "Enter", "\r", false}}},
		{";4=?", keyboard.FR, false, []press{
			{"Semicolon", "m", "m", false}, {"Digit4", "'", "'", false}, {"Equal", "=", "=", false},
			{"Slash", "§", "§", true}}},
		{";4=?", keyboard.DE, false, []press{
			{"Semicolon", "ö", "ö", false}, {"Digit4", "4", "4", false}, {"Equal", "Dead", "", false},
			{"Slash", "_", "_", true}}},
		{"%B^/Z", keyboard.US, true, []press{
			{"Digit5", "%", "%", true}, {"KeyB", "b", "b", true}, {"Digit6", "^", "^", true},
			{"Slash", "/", "/", false}, {"KeyZ", "z", "z", true}}},
		{"%QAZM^", keyboard.FR, false, []press{
			{"Digit5", "5", "5", true}, {"KeyQ", "A", "A", true}, {"KeyA", "Q", "Q", true},
			{"KeyZ", "W", "W", true}, {"KeyM", "?", "?", true}, {"Digit6", "6", "6", true}}},
		// French and German Caps Lock shift the digit row too (Windows).
		{"YZ^", keyboard.DE, true, []press{
			{"KeyY", "z", "z", true}, {"KeyZ", "y", "y", true}, {"Digit6", "6", "6", true}}},
		{"2", keyboard.FR, true, []press{{"Digit2", "2", "2", false}}},
		{"a b", keyboard.US, false, []press{
			{"KeyA", "a", "a", false}, {"Space", " ", " ", false}, {"KeyB", "b", "b", false}}},
		// A dead key names no character; the next key names what the two
		// compose, or its own character.
		{"^A^1", keyboard.USIntl, false, []press{
			{"Digit6", "Dead", "", true}, {"KeyA", "Â", "Â", true}, {"Digit6", "Dead", "", true}, {"Digit1", "1", "1", false}}},
		{"=E==", keyboard.DE, false, []press{
			{"Equal", "Dead", "", false}, {"KeyE", "É", "É", true}, {"Equal", "Dead", "", false}, {"Equal", "´", "´", false}}},
		{"[\t", keyboard.FR, false, []press{{"BracketLeft", "Dead", "", false}, {"Tab", "Tab", "", false}}},
		{"~`\r", keyboard.US, false, []press{
			{"Backquote", "~", "~", true}, {"Backquote", "`", "`", false}, {"Enter", "Enter", "\r", false}}},
		{"", keyboard.TR, false, nil},
	} {
		got, err := keyboardtest.Presses(tt.text, tt.layout, tt.caps)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("Presses(%q, %s, caps %v) =\n\t%+v, %v\nwant\n\t%+v", tt.text, tt.layout, tt.caps, got, err, tt.want)
		}
	}
	for _, bad := range []struct {
		text   string
		layout keyboard.Layout
	}{{"a", "xx"}, {"é", keyboard.US}, {"~", keyboard.FR}, {"\x00", keyboard.US}} {
		if got, err := keyboardtest.Presses(bad.text, bad.layout, false); err == nil {
			t.Errorf("Presses(%q, %s) = %+v, no error", bad.text, bad.layout, got)
		}
	}
}

func TestByCharacter(t *testing.T) {
	odd := func(i int) bool { return i%2 == 1 }
	for _, tt := range []struct {
		text   string
		noCode bool
		want   []press
	}{
		{"%B?;=?\n", false, []press{
			{"Digit5", "%", "%", false}, {"KeyB", "B", "B", true}, {"Slash", "?", "?", false},
			{"Semicolon", ";", ";", false}, {"Equal", "=", "=", false}, {"Slash", "?", "?", true},
			{"Enter", "Enter", "\r", false}}},
		{"%/\n", true, []press{{"", "%", "%", false}, {"", "/", "/", false}, {"", "Enter", "\r", false}}},
		{"a\t~", false, []press{{"KeyA", "a", "a", false}, {"Tab", "Tab", "", false}, {"Backquote", "~", "~", false}}},
	} {
		got, err := keyboardtest.ByCharacter(tt.text, tt.noCode, odd)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("ByCharacter(%q, %v) =\n\t%+v, %v\nwant\n\t%+v", tt.text, tt.noCode, got, err, tt.want)
		}
	}
	if _, err := keyboardtest.ByCharacter("é", false, odd); err == nil {
		t.Error(`ByCharacter("é"): no error`)
	}
}

func TestKeydowns(t *testing.T) {
	ps := []press{{"Digit5", "%", "%", true}, {"KeyB", "b", "b", true}, {"", "?", "?", false}, {"Enter", "Enter", "\r", false}}
	shift := func(at float64) keyboard.Key {
		return keyboard.Key{Code: "ShiftLeft", Key: "Shift", Shift: true, CapsLock: true, Time: at, KeyCode: 16}
	}
	want := []keyboard.Key{
		shift(100), {Code: "Digit5", Key: "%", Shift: true, CapsLock: true, Time: 100, KeyCode: '5'},
		shift(103), {Code: "KeyB", Key: "b", Shift: true, CapsLock: true, Time: 103, KeyCode: 'B'},
		{Key: "?", CapsLock: true, Time: 106},
		{Code: "Enter", Key: "Enter", CapsLock: true, Time: 109, KeyCode: 13},
	}
	if got := keyboardtest.Keydowns(ps, true, keyboardtest.Pace{Start: 100, Gap: 3}); !slices.Equal(got, want) {
		t.Errorf("Keydowns =\n\t%+v\nwant\n\t%+v", got, want)
	}
	// Keys types text with Presses, the Shift presses among the keys.
	pace := keyboardtest.Pace{Gap: 2}
	ps, _ = keyboardtest.Presses("%Bb?\r", keyboard.FR, false)
	if got, want := keyboardtest.Keys(t, "%Bb?\r", keyboard.FR, false, pace), keyboardtest.Keydowns(ps, false, pace); len(got) != 8 || !slices.Equal(got, want) || got[7].Time != 8 {
		t.Errorf("Keys =\n\t%+v\nwant\n\t%+v", got, want)
	}
}

func TestPace(t *testing.T) {
	p := keyboardtest.Pace{Start: 1000, Gap: 2, Pause: 200}
	for i, want := range map[int]float64{0: 1000, 1: 1002, 19: 1038, 20: 1240, 39: 1278, 40: 1480} {
		if got := p.At(i); got != want {
			t.Errorf("At(%d) = %v, want %v", i, got, want)
		}
	}
}

func TestVirtualKey(t *testing.T) {
	for code, want := range map[string]int{
		"KeyA": 65, "KeyZ": 90, "Digit0": 48, "Digit9": 57, "Space": 32, "Enter": 13, "Tab": 9, "ShiftLeft": 16,
		"Semicolon": 186, "Slash": 191, "Backquote": 192, "Quote": 222, "": 0, "KeyAB": 0, "Numpad1": 0,
	} {
		if got := keyboardtest.VirtualKey(code); got != want {
			t.Errorf("VirtualKey(%q) = %d, want %d", code, got, want)
		}
	}
}

func TestTypeable(t *testing.T) {
	for text, want := range map[string]bool{
		"%B4111^DOE/J^3012?;4111=3012?\r": true, "a{|}~`\t\n": true, "": true, "é": false, "\x00": false, "４": false,
	} {
		if got := keyboardtest.Typeable(text); got != want {
			t.Errorf("Typeable(%q) = %v", text, got)
		}
	}
}

// What a reader types on any host keyboard knows, Caps Lock on or off,
// Rebuild reads back from the keys: every vector a US keymap types, with
// its Enter, upper case where Caps Lock is on (track data has none, so
// Rebuild reads letters as a reader that sees Caps Lock sends them). A
// Backquote (~ in a MagTek record) is typed on US hosts only: the tables
// do not hold what other layouts type there.
func TestRebuildTyped(t *testing.T) {
	vectors := append(testvectors.All(), testvectors.Records()...)
	typed := 0
	for _, l := range keyboard.Layouts() {
		for _, caps := range []bool{false, true} {
			for _, v := range vectors {
				text := strings.TrimRight(v.Input, "\r\n")
				if v.Kind == testvectors.KindRawBitstream || !keyboardtest.Typeable(text) {
					continue
				}
				keys, err := keyboardtest.Presses(text+"\r", l, caps)
				if err != nil {
					if l == keyboard.US || !strings.ContainsAny(text, "`~") {
						t.Errorf("%s on %s caps=%v: %v", v.ID, l, caps, err)
					}
					continue
				}
				typed++
				want := text
				if caps {
					want = strings.ToUpper(text)
				}
				rb := keyboard.Rebuild(keyboardtest.Keydowns(keys, caps, keyboardtest.Pace{Gap: 2}))
				if rb.Text != want || rb.Terminator != "\r" {
					t.Errorf("%s on %s caps=%v: Rebuild gives %q term %q, want %q", v.ID, l, caps, rb.Text, rb.Terminator, want)
				}
			}
		}
	}
	if min := 2 * len(keyboard.Layouts()) * 40; typed < min {
		t.Errorf("%d typings, want at least %d", typed, min)
	}
}

// Swipes gives the swipes the keys end, in order; an idle end is the
// caller's.
func TestSwipes(t *testing.T) {
	const t1, t2 = "%B4111111111111111^DOE/JOHN^3012101000000000000000000?", ";4111111111111111=30121010000000000000?"
	keys := keyboardtest.Keys(t, t1+"\r", keyboard.US, false, keyboardtest.Pace{Gap: 2})
	keys = append(keys, keyboardtest.Keys(t, t2+"\r", keyboard.FR, false, keyboardtest.Pace{Start: 5000, Gap: 2})...)
	keys = append(keys, keyboardtest.Keys(t, t2, keyboard.US, false, keyboardtest.Pace{Start: 10000, Gap: 2})...)
	var d keyboard.Detector
	swipes := keyboardtest.Swipes(&d, keys, false)
	if len(swipes) != 2 || swipes[0].Rebuilt.Text != t1 || swipes[1].Rebuilt.Text != t2 || swipes[1].Rebuilt.Layout != keyboard.FR {
		t.Fatalf("%d swipes", len(swipes))
	}
	if sw := d.Idle(1e9); sw == nil || sw.Rebuilt.Text != t2 || sw.Rebuilt.Terminator != "" {
		t.Errorf("idle end: %+v", sw)
	}
}
