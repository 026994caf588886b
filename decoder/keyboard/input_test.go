package keyboard

import "testing"

// The events of a page, in the order Chromium sends them: inserted text
// is read; a composition is read at its end, with what it last showed; a
// paste, a deletion and text inserted during a composition are not.
func TestCompositions(t *testing.T) {
	var c Compositions
	for _, tc := range []struct {
		e    InputEvent
		want Typed
		ok   bool
	}{
		{InputEvent{Type: "beforeinput", InputType: "insertText", Data: "%", Time: 1}, Typed{Data: "%", Time: 1}, true},
		{InputEvent{Type: "beforeinput", InputType: "insertFromPaste", Data: "%B4", Time: 2}, Typed{}, false},
		{InputEvent{Type: "beforeinput", InputType: "deleteContentBackward", Time: 3}, Typed{}, false},
		{InputEvent{Type: "beforeinput", InputType: "insertLineBreak", Time: 4}, Typed{Data: "\n", Time: 4}, true},
		{InputEvent{Type: "compositionstart", Time: 5}, Typed{}, false},
		{InputEvent{Type: "compositionupdate", Data: "d", Time: 6}, Typed{}, false},
		{InputEvent{Type: "beforeinput", InputType: "insertCompositionText", Data: "d", Composing: true, Time: 6}, Typed{}, false},
		{InputEvent{Type: "compositionupdate", Data: "duo", Time: 7}, Typed{}, false},
		{InputEvent{Type: "compositionupdate", Data: "多", Time: 8}, Typed{}, false},
		{InputEvent{Type: "compositionend", Data: "多", Time: 9}, Typed{Data: "多", Time: 9, Preedit: "duo"}, true},
		{InputEvent{Type: "compositionstart", Time: 10}, Typed{}, false},
		{InputEvent{Type: "compositionupdate", Data: "ab", Time: 11}, Typed{}, false},
		{InputEvent{Type: "compositionupdate", Time: 12}, Typed{}, false},
		{InputEvent{Type: "compositionend", Time: 12}, Typed{Time: 12, Preedit: "ab"}, true},
		{InputEvent{Type: "compositionend", Data: "x", Time: 13}, Typed{Data: "x", Time: 13}, true},
	} {
		got, ok := c.Read(tc.e, false)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%+v: %+v %v, want %+v %v", tc.e, got, ok, tc.want, tc.ok)
		}
	}
	// In a field, text inserted at once is a paste; a character, or an
	// input method's commit, is typing.
	for _, tc := range []struct {
		e  InputEvent
		ok bool
	}{
		{InputEvent{Type: "beforeinput", InputType: "insertText", Data: "%B4111"}, false},
		{InputEvent{Type: "beforeinput", InputType: "insertText", Data: "%"}, true},
		{InputEvent{Type: "compositionend", Data: "多额"}, true},
	} {
		if _, ok := c.Read(tc.e, true); ok != tc.ok {
			t.Errorf("%+v in a field: read %v, want %v", tc.e, ok, tc.ok)
		}
	}
}
