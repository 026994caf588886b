package keyboard

import "testing"

func TestNarrow(t *testing.T) {
	tests := []struct {
		in, want string
		im       InputMethod
	}{
		{"%B41?", "%B41?", InputMethod{}},
		{"％Ｂ４１？；４＝？", "%B41?;4=?", InputMethod{FullWidth: 9}},
		{"ＤＯＥ\u3000ＪＯＨＮ", "DOE JOHN", InputMethod{FullWidth: 8}},
		// …… and —— are one key's pair; the rest one character each.
		{"A……B——C。D“E”F‘G’【H】《I》￥", "A^B_C.D\"E\"F'G'[H]<I>$", InputMethod{Punctuation: "…—。“”‘’【】《》￥"}},
		{"……………", "^^^", InputMethod{Punctuation: "…"}},
		{"JOHN。MR。X", "JOHN.MR.X", InputMethod{Punctuation: "。"}},
		// What no one key types, and composed letters, stay.
		{"DOE、多额", "DOE、多额", InputMethod{}},
		{"é ü", "é ü", InputMethod{}},
	}
	for _, tc := range tests {
		got, im := Narrow(tc.in)
		if got != tc.want || im != tc.im {
			t.Errorf("Narrow(%q) = %q, %+v; want %q, %+v", tc.in, got, im, tc.want, tc.im)
		}
	}
	for _, tc := range []struct {
		r            rune
		ime, compose bool
	}{
		{'、', true, false}, {'多', true, true}, {'カ', true, true}, {'한', true, true}, {'％', true, false},
		{'…', true, false}, {'。', true, false}, {'é', false, false}, {'A', false, false}, {'§', false, false},
	} {
		if InputMethodChar(tc.r) != tc.ime || IsComposed(tc.r) != tc.compose {
			t.Errorf("%q: InputMethodChar %v, IsComposed %v; want %v, %v", tc.r, InputMethodChar(tc.r), IsComposed(tc.r), tc.ime, tc.compose)
		}
	}
}

// Keys an input method holds (Unidentified, Process, keyCode 229) are
// neither read nor swallowed; their characters come through Typed, timed
// by the keydown. A character a keydown already typed into the page is
// not read again from its input event; one it did not type (swallowed, or
// no keydown at all) is. A composition reports the letters it replaced,
// or dropped.
func TestDetectorTyped(t *testing.T) {
	var d Detector
	for _, k := range []Key{{Key: "Unidentified", KeyCode: 229, Time: 100}, {Code: "KeyA", Key: "Process", KeyCode: 229, Time: 101},
		{Code: "KeyA", Key: "a", KeyCode: 229, Time: 102}} {
		if !k.Held() || d.Fresh(k, true) {
			t.Errorf("%+v: held %v, fresh %v", k, k.Held(), d.Fresh(k, true))
		}
		if s, done := d.Feed(k, false); s || done != nil {
			t.Errorf("%+v fed: swallowed %v, swipe %v", k, s, done)
		}
	}
	// The last held keydown times the text that follows; the next text
	// has its event's time.
	if got := d.Typed(Typed{Data: "%B", Time: 110}); len(got) != 2 || got[0] != (Key{Key: "%", Input: true, Time: 102}) ||
		got[1] != (Key{Key: "B", Input: true, Time: 102}) {
		t.Errorf("held then typed: %+v", got)
	}
	if got := d.Typed(Typed{Data: "4", Time: 120}); len(got) != 1 || got[0].Time != 120 {
		t.Errorf("typed without keydown: %+v", got)
	}
	// A keydown that typed its character into a field: its input event is
	// the same character.
	d.Feed(Key{Code: "KeyX", Key: "x", Time: 1000}, true)
	if got := d.Typed(Typed{Data: "x", Time: 1001}); got != nil {
		t.Errorf("echo of a keydown read again: %+v", got)
	}
	if got := d.Typed(Typed{Data: "y", Time: 1002}); len(got) != 1 {
		t.Errorf("text after the echo: %+v", got)
	}
	// A held key's repeats type too, never swallowed.
	d.Feed(Key{Code: "Digit7", Key: "7", Repeat: true, Time: 1003}, true)
	if got := d.Typed(Typed{Data: "7", Time: 1004}); got != nil {
		t.Errorf("echo of a repeat read again: %+v", got)
	}
	// Compositions: pinyin turned into two characters, then pinyin dropped;
	// one shown as typed replaced nothing.
	got := append(d.Typed(Typed{Data: "多额", Preedit: "duoe", Time: 2000}), d.Typed(Typed{Preedit: "jo", Time: 2010})...)
	got = append(got, d.Typed(Typed{Data: "ok", Preedit: "ok", Time: 2020})...)
	want := []Key{{Key: "多", Input: true, Time: 2000, Composed: 4}, {Key: "额", Input: true, Time: 2000},
		{Input: true, Time: 2010, Composed: 2}, {Key: "o", Input: true, Time: 2020}, {Key: "k", Input: true, Time: 2020}}
	if len(got) != len(want) {
		t.Fatalf("compositions: %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("compositions: key %d %+v, want %+v", i, got[i], want[i])
		}
	}
	if rb := Rebuild(want); rb.Text != "多额ok" || rb.InputMethod.Composed != 6 {
		t.Errorf("Rebuild: %q %+v", rb.Text, rb.InputMethod)
	}
	// A line break typed as text ends the swipe as Enter does.
	if got := d.Typed(Typed{Data: "\r", Time: 3000}); len(got) != 1 || got[0].Key != "Enter" {
		t.Errorf("line break: %+v", got)
	}
}

// Full-width keys, as WebDriver types them: Key the full-width character,
// no code. They open and end a swipe as their ASCII forms do, and Rebuild
// reads them so, saying how many there were.
func TestDetectorFullWidth(t *testing.T) {
	var d Detector
	var sw *Swipe
	tm := 0.0
	for _, r := range "％Ｂ４１１１１１１１１１１１１１１１＾ＤＯＥ／ＪＯＨＮ＾３０１２１０１？" {
		if _, done := d.Feed(Key{Key: string(r), Time: tm}, false); done != nil {
			sw = done
		}
		tm += 5
	}
	if _, done := d.Feed(Key{Key: "Enter", Time: tm}, false); done != nil {
		sw = done
	}
	if sw == nil || sw.Rebuilt.Text != "%B4111111111111111^DOE/JOHN^3012101?" || sw.Rebuilt.InputMethod.FullWidth != 36 || !sw.Reader {
		t.Fatalf("full-width swipe: %+v", sw)
	}
}
