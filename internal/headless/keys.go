//go:build !wasm

package headless

import (
	"github.com/chromedp/cdproto/input"

	"magcheck/decoder/keyboard/keyboardtest"
)

// shiftBit is Shift in the modifiers of a CDP key event.
const shiftBit = 8

// KeyEvents are the CDP events of one key press, without timestamps: a
// Shift press around a shifted key, as readers send it; the keyDown with
// its text, which also makes the keypress and input events a real key
// press makes (a rawKeyDown for a press that types no text: a dead key,
// Tab); and the keyUp. Each carries the virtual-key code of its US key,
// which Chromium reports as KeyboardEvent.keyCode.
func KeyEvents(p keyboardtest.Press) []input.DispatchKeyEventParams {
	var mods int64
	if p.Shift {
		mods = shiftBit
	}
	vk := int64(keyboardtest.VirtualKey(p.Code))
	down := input.DispatchKeyEventParams{
		Type: input.DispatchKeyEventTypeKeyDown, Modifiers: mods,
		Code: p.Code, Key: p.Key, Text: p.Text,
		WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk,
	}
	if p.Text == "" {
		down.Type = input.DispatchKeyEventTypeRawKeyDown
	}
	up := down
	up.Type, up.Text = input.DispatchKeyEventTypeKeyUp, ""
	if !p.Shift {
		return []input.DispatchKeyEventParams{down, up}
	}
	vk = int64(keyboardtest.VirtualKey("ShiftLeft"))
	shift := input.DispatchKeyEventParams{
		Type: input.DispatchKeyEventTypeRawKeyDown, Modifiers: shiftBit,
		Code: "ShiftLeft", Key: "Shift", WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk, Location: 1,
	}
	unshift := shift
	unshift.Type, unshift.Modifiers = input.DispatchKeyEventTypeKeyUp, 0
	return []input.DispatchKeyEventParams{shift, down, up, unshift}
}
