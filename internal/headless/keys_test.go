//go:build !wasm

package headless

import (
	"reflect"
	"testing"

	"github.com/chromedp/cdproto/input"

	"magcheck/decoder/keyboard/keyboardtest"
)

func TestKeyEvents(t *testing.T) {
	const (
		down, raw, up = input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp
	)
	shiftDown := input.DispatchKeyEventParams{Type: raw, Modifiers: 8, Code: "ShiftLeft", Key: "Shift",
		WindowsVirtualKeyCode: 16, NativeVirtualKeyCode: 16, Location: 1}
	shiftUp := shiftDown
	shiftUp.Type, shiftUp.Modifiers = up, 0
	for _, tt := range []struct {
		p    keyboardtest.Press
		want []input.DispatchKeyEventParams
	}{
		{keyboardtest.Press{Code: "Digit4", Key: "'", Text: "'"}, []input.DispatchKeyEventParams{
			{Type: down, Code: "Digit4", Key: "'", Text: "'", WindowsVirtualKeyCode: '4', NativeVirtualKeyCode: '4'},
			{Type: up, Code: "Digit4", Key: "'", WindowsVirtualKeyCode: '4', NativeVirtualKeyCode: '4'}}},
		{keyboardtest.Press{Code: "Slash", Key: "?", Text: "?", Shift: true}, []input.DispatchKeyEventParams{
			shiftDown,
			{Type: down, Modifiers: 8, Code: "Slash", Key: "?", Text: "?", WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191},
			{Type: up, Modifiers: 8, Code: "Slash", Key: "?", WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191},
			shiftUp}},
		// A dead key and Tab type no text: a rawKeyDown.
		{keyboardtest.Press{Code: "Equal", Key: "Dead"}, []input.DispatchKeyEventParams{
			{Type: raw, Code: "Equal", Key: "Dead", WindowsVirtualKeyCode: 187, NativeVirtualKeyCode: 187},
			{Type: up, Code: "Equal", Key: "Dead", WindowsVirtualKeyCode: 187, NativeVirtualKeyCode: 187}}},
		{keyboardtest.Press{Key: "%", Text: "%"}, []input.DispatchKeyEventParams{
			{Type: down, Key: "%", Text: "%"}, {Type: up, Key: "%"}}},
	} {
		if got := KeyEvents(tt.p); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("KeyEvents(%+v) =\n\t%+v\nwant\n\t%+v", tt.p, got, tt.want)
		}
	}
}
