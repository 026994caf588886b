package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder/keyboard"
)

// capture listens to the whole window for keys, the way a keyboard-wedge
// reader delivers a swipe: no field needs focus. The Detector decides which
// keys belong to a swipe; those are swallowed inside the event callback
// itself (preventDefault must run before the callback returns), so the
// reader's Enter cannot press a focused button. Everything else moves to the
// UI goroutine through ctx.Dispatch.
//
// Where an input method or a soft keyboard holds the keys (Android's
// "Unidentified" keydowns, keyCode 229; a desktop input method's
// "Process"), the characters come only as input events, to a field that
// has focus. So the page keeps a capture field focused while nothing else
// is (#capture: hidden, inputmode="none", so no soft keyboard shows), and
// hands the Detector the text of beforeinput and compositionend from any
// field (keyboard.Detector.Typed); the capture field is emptied after each.
//
// The Detector is only touched from JS callbacks (key, input and
// composition events and the idle timer), which run one at a time, and
// from start, which gives it the keys web/early.js held before the page
// ran.
type capture struct {
	det      keyboard.Detector
	onKey    app.Func
	onText   app.Func // beforeinput, input, composition and focusout events
	onFocus  app.Func // puts the focus back on the capture field
	onIdle   app.Func
	onPoint  app.Func
	input    app.Value // the capture field
	comp     keyboard.Compositions
	timer    app.Value // pending setTimeout id for the idle check
	due      float64   // performance.now() when it should fire
	lastKey  float64   // timeStamp of the last key
	lastSeen float64   // performance.now() when the last key came in
	reading  bool      // a swipe is under way (callback side)
	listener bool
	field    savedField // the focused text field as the current run of keys found it
}

// savedField is a text field's value and selection before a run of keys.
// A swipe into a focused field lets its first few keys through until its
// timing shows a reader (Swipe.Passed); when it ends they are taken back
// out, so the paste box keeps what a person put there and no stray "%B41".
// The value stays a JavaScript string: a large paste is never copied.
type savedField struct {
	el, value  app.Value
	start, end int
}

// save records target if it is a text field with a selection, else nothing.
func (f *savedField) save(target app.Value) {
	*f = savedField{}
	if !target.Truthy() || target.Get("selectionStart").Type() != app.TypeNumber {
		return
	}
	*f = savedField{target, target.Get("value"), target.Get("selectionStart").Int(), target.Get("selectionEnd").Int()}
}

// restore puts the field back after a swipe let passed keys into it, only
// if what changed since is an insertion at the saved selection no longer
// than those keys could type (a surrogate pair each at most): anything
// else is a person's edit, which stays.
func (f *savedField) restore(passed int) {
	defer func() { *f = savedField{} }()
	if f.el == nil || passed <= 0 || !f.el.Get("isConnected").Bool() {
		return
	}
	// syscall/js calls methods on objects only: Object(s) wraps a string
	// without copying it.
	str := func(v app.Value) app.Value { return app.Window().Get("Object").Invoke(v) }
	cur, old := str(f.el.Get("value")), str(f.value)
	prefix, suffix := str(old.Call("substring", 0, f.start)), str(old.Call("substring", f.end))
	extra := cur.Length() - prefix.Length() - suffix.Length()
	if extra < 0 || extra > 2*passed || !cur.Call("startsWith", prefix).Bool() || !cur.Call("endsWith", suffix).Bool() {
		return
	}
	f.el.Set("value", f.value)
	f.el.Call("setSelectionRange", f.start, f.end)
}

// captureOpts puts the listener in the capture phase, so it sees keys before
// any element does.
var captureOpts = map[string]any{"capture": true}

// start adds the window listeners and focuses the capture field; p
// receives finished swipes.
func (c *capture) start(ctx app.Context, p *Page) {
	win := app.Window()
	c.onKey = app.FuncOf(func(_ app.Value, args []app.Value) any {
		if len(args) == 0 {
			return nil
		}
		ev := args[0]
		k := readKey(ev, ev.Call("getModifierState", "CapsLock").Bool())
		target := ev.Get("target")
		swallow := c.feed(ctx, p, k, target)
		switch {
		case swallow:
			ev.Call("preventDefault")
		case scrollKey(k):
			// The page scrolls, not the hidden field's caret: the field
			// lets go, and takes the focus back after (focusout).
			if target.Equal(c.input) {
				c.input.Call("blur")
			}
		default:
			// Focus given back to nothing (a button that went, as Clear
			// does): the field takes it now, so the text of this key, and
			// of those after it, comes to it.
			c.focus()
		}
		return nil
	})
	c.onText = app.FuncOf(func(_ app.Value, args []app.Value) any {
		if len(args) > 0 {
			c.text(ctx, p, args[0])
		}
		return nil
	})
	c.onFocus = app.FuncOf(func(app.Value, []app.Value) any {
		c.focus()
		return nil
	})
	c.onIdle = app.FuncOf(func(app.Value, []app.Value) any {
		c.timer = nil
		now := app.Window().Get("performance").Call("now").Float()
		if now-c.due > lateSlack {
			// The page was busy (a long task, a collection): the reader's
			// next keys may be queued behind this timer. Let them in first;
			// their own timestamps tell the Detector the real gaps.
			c.arm(lateRetry)
			return nil
		}
		// The silence is measured from when the last key was seen, in the
		// keys' own time: event timestamps need not run with this clock.
		if sw := c.det.Idle(c.lastKey + now - c.lastSeen); sw != nil {
			c.field.restore(sw.Passed)
			c.keyed(ctx, p, false, sw)
		} else if c.reading {
			// The Detector dropped what it had: a person, not a reader.
			c.reading = false
			ctx.Dispatch(func(app.Context) {})
		}
		return nil
	})
	c.onPoint = app.FuncOf(func(app.Value, []app.Value) any {
		ctx.Dispatch(p.touch)
		return nil
	})
	win.Call("addEventListener", "keydown", c.onKey, captureOpts)
	for _, name := range textEvents {
		win.Call("addEventListener", name, c.onText, captureOpts)
	}
	win.Call("addEventListener", "pointerdown", c.onPoint, map[string]any{"capture": true, "passive": true})
	c.listener = true
	c.input = app.Window().Get("document").Call("getElementById", captureID)
	c.focus()
	// JavaScript runs one thing at a time and nothing here yields to it:
	// no key comes between adding the listener and taking the held keys,
	// so none is lost and none seen twice.
	c.takeEarly(ctx, p)
}

// textEvents are the events whose text capture reads, and focusout, after
// which it may take the focus back.
var textEvents = []string{"beforeinput", "input", "compositionstart", "compositionupdate", "compositionend", "focusout"}

// captureID is the capture field's id.
const captureID = "capture"

// scrollKey tells a key that scrolls the page when nothing takes text.
func scrollKey(k keyboard.Key) bool {
	if k.Ctrl || k.Alt || k.Meta {
		return false
	}
	switch k.Key {
	case "ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End", " ":
		return true
	}
	return false
}

// feed gives the Detector one key that target received and reports
// whether to swallow it.
func (c *capture) feed(ctx app.Context, p *Page, k keyboard.Key, target app.Value) bool {
	c.lastKey, c.lastSeen = k.Time, app.Window().Get("performance").Call("now").Float()
	ed := editable(target) && !target.Equal(c.input)
	fresh := c.det.Fresh(k, ed)
	swallow, done := c.det.Feed(k, ed)
	// keydown comes before the key types: a swipe k ends is put back
	// first, then the field is saved as k finds it (see Detector.Fresh).
	if done != nil {
		c.field.restore(done.Passed)
	}
	if fresh {
		c.field.save(target)
	}
	c.keyed(ctx, p, swallow, done)
	return swallow
}

// text reads an input, composition or focusout event.
func (c *capture) text(ctx app.Context, p *Page, ev app.Value) {
	target := ev.Get("target")
	e := keyboard.InputEvent{Type: ev.Get("type").String(), Time: ev.Get("timeStamp").Float()}
	switch e.Type {
	case "input":
		// (A file input's or a range's input event is no InputEvent.)
		if !ev.Get("isComposing").Truthy() {
			c.empty(target)
		}
		return
	case "focusout":
		// Focus that leaves for nothing (a tap on the page) comes back to
		// the capture field once the tap is done.
		if !ev.Get("relatedTarget").Truthy() {
			app.Window().Call("setTimeout", c.onFocus, 0)
		}
		return
	case "beforeinput":
		e.InputType, e.Composing = ev.Get("inputType").String(), ev.Get("isComposing").Truthy()
	case "compositionend":
		c.empty(target)
	}
	if d := ev.Get("data"); d.Type() == app.TypeString {
		e.Data = d.String()
	}
	in, ok := c.comp.Read(e, editable(target) && !target.Equal(c.input))
	if !ok {
		return
	}
	swallow := false
	for _, k := range c.det.Typed(in) {
		if c.feed(ctx, p, k, target) {
			swallow = true
		}
	}
	if swallow && ev.Get("cancelable").Truthy() {
		ev.Call("preventDefault")
	}
}

// empty clears the capture field when target is it: what it took is the
// Detector's now.
func (c *capture) empty(target app.Value) {
	if c.input.Truthy() && target.Equal(c.input) {
		c.input.Set("value", "")
	}
}

// focus puts the focus on the capture field when nothing has it and the
// person has not selected text (to copy it): an input method or a soft
// keyboard then has a field to type the reader's characters into.
func (c *capture) focus() {
	doc := app.Window().Get("document")
	active := doc.Get("activeElement")
	if !c.input.Truthy() || active.Truthy() && !active.Equal(doc.Get("body")) {
		return
	}
	if sel := app.Window().Call("getSelection"); sel.Truthy() && !sel.Get("isCollapsed").Bool() {
		return
	}
	c.input.Call("focus", map[string]any{"preventScroll": true})
}

// readKey reads a keydown from v: a KeyboardEvent, or a key web/early.js
// held, which has the event's names.
func readKey(v app.Value, capsLock bool) keyboard.Key {
	keyCode := 0
	if kc := v.Get("keyCode"); kc.Type() == app.TypeNumber {
		keyCode = kc.Int()
	}
	return keyboard.Key{
		Code:     v.Get("code").String(),
		Key:      v.Get("key").String(),
		Shift:    v.Get("shiftKey").Bool(),
		Alt:      v.Get("altKey").Bool(),
		Ctrl:     v.Get("ctrlKey").Bool(),
		Meta:     v.Get("metaKey").Bool(),
		Repeat:   v.Get("repeat").Bool(),
		CapsLock: capsLock,
		Time:     v.Get("timeStamp").Float(),
		KeyCode:  keyCode,
	}
}

// takeEarly feeds the Detector the keys web/early.js held while the page
// was starting, in order and with their own times, as if they had just
// come: a swipe among them is shown as any other. A swipe without
// terminator ends at the idle check keyed arms, which measures the
// silence from when the last key was seen (seconds ago, perhaps).
func (c *capture) takeEarly(ctx app.Context, p *Page) {
	early := app.Window().Get("magcheckEarly")
	if !early.Truthy() {
		return
	}
	keys := early.Call("take")
	for i := range keys.Length() {
		v := keys.Index(i)
		k := readKey(v, v.Get("capsLock").Bool())
		c.lastKey, c.lastSeen = k.Time, v.Get("seen").Float()
		swallow, done := c.det.Feed(k, v.Get("editable").Bool())
		c.keyed(ctx, p, swallow, done)
	}
	// Emptied now, not when Go's collector lets the array go: no card
	// data stays in JavaScript after the handover.
	keys.Set("length", 0)
}

// keyed follows a key (or an idle check) through: a finished swipe goes to
// the page, an unfinished one re-arms the idle timer.
func (c *capture) keyed(ctx app.Context, p *Page, swallow bool, done *keyboard.Swipe) {
	switch {
	case done != nil:
		sw := *done
		c.reading = false
		ctx.Dispatch(func(ctx app.Context) { p.swiped(ctx, sw) })
		// The idle check still runs: it lets the Detector forget the keys
		// it keeps in case the reader goes on after its terminator.
	case swallow && !c.reading:
		c.reading = true
		ctx.Dispatch(func(ctx app.Context) { p.touch(ctx) })
	}
	// The Detector may hold keys it has not decided on yet; the idle check
	// ends a swipe whose reader sent no terminator.
	c.arm(c.det.IdleAfter() + 1)
}

// The idle timer: a check that fires more than lateSlack ms after it was
// due was held up by the page, and is retried lateRetry ms later.
const (
	lateSlack = 40.0
	lateRetry = 20.0
)

// arm (re)starts the idle timer to fire in ms milliseconds.
func (c *capture) arm(ms float64) {
	c.disarm()
	win := app.Window()
	c.due = win.Get("performance").Call("now").Float() + ms
	c.timer = win.Call("setTimeout", c.onIdle, ms)
}

func (c *capture) disarm() {
	if c.timer != nil {
		app.Window().Call("clearTimeout", c.timer)
		c.timer = nil
	}
}

// reset drops a half-read swipe (on Clear).
func (c *capture) reset() {
	c.det.Reset()
	c.field = savedField{}
	c.reading = false
}

// stop removes the listeners and releases the callbacks.
func (c *capture) stop() {
	if !c.listener {
		return
	}
	c.disarm()
	win := app.Window()
	win.Call("removeEventListener", "keydown", c.onKey, captureOpts)
	for _, name := range textEvents {
		win.Call("removeEventListener", name, c.onText, captureOpts)
	}
	win.Call("removeEventListener", "pointerdown", c.onPoint, map[string]any{"capture": true})
	c.onKey.Release()
	c.onText.Release()
	c.onFocus.Release()
	c.onIdle.Release()
	c.onPoint.Release()
	c.listener = false
}

// editable tells whether a key's target takes text itself: a person typing
// there must keep their keys.
func editable(target app.Value) bool {
	if !target.Truthy() {
		return false
	}
	if target.Get("isContentEditable").Bool() {
		return true
	}
	switch strings.ToUpper(target.Get("tagName").String()) {
	case "INPUT", "TEXTAREA", "SELECT":
		return true
	}
	return false
}
