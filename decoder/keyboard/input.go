package keyboard

import (
	"slices"
	"unicode/utf8"
)

// InputEvent is an input or a composition event as a page receives it.
type InputEvent struct {
	Type      string  // "beforeinput", "compositionstart", "compositionupdate" or "compositionend"
	InputType string  // InputEvent.inputType ("insertText")
	Data      string  // InputEvent.data or CompositionEvent.data; "" for null
	Composing bool    // InputEvent.isComposing
	Time      float64 // timeStamp in milliseconds
}

// Compositions follows the input and composition events of a page and
// says which carry typed text for Detector.Typed: beforeinput that inserts
// text (not a composition under way, read at its end; not a paste or a
// drop, which are no typing), and compositionend, with what the
// composition showed before its end. In a field that takes text, text
// inserted many characters at once is no typing either: a soft keyboard's
// clipboard puts a paste so, and a reader typing into the field sends one
// character an event. The zero value is ready to use.
type Compositions struct {
	// last and before are the composition's last two different texts
	// (compositionupdate): browsers show the committed text last.
	last, before string
}

// typedInputs are the beforeinput types that carry typed text.
var typedInputs = []string{"insertText", "insertReplacementText", "insertLineBreak", "insertParagraph"}

// Read takes one event, whose target is a field that takes text when
// editable (see Detector.Feed), and gives the text it typed, if any.
func (c *Compositions) Read(e InputEvent, editable bool) (Typed, bool) {
	switch e.Type {
	case "beforeinput":
		if e.Composing || !slices.Contains(typedInputs, e.InputType) || editable && utf8.RuneCountInString(e.Data) > 1 {
			return Typed{}, false
		}
		if e.Data == "" { // a line break has no data
			e.Data = "\n"
		}
		return Typed{Data: e.Data, Time: e.Time}, true
	case "compositionstart":
		c.last, c.before = "", ""
	case "compositionupdate":
		if e.Data != c.last {
			c.last, c.before = e.Data, c.last
		}
	case "compositionend":
		in := Typed{Data: e.Data, Time: e.Time, Preedit: c.last}
		if c.last == e.Data {
			in.Preedit = c.before
		}
		c.last, c.before = "", ""
		return in, true
	}
	return Typed{}, false
}
