package keyboard

import (
	"strings"
	"unicode/utf8"
)

// Key is one keydown event.
type Key struct {
	Code     string  // KeyboardEvent.code, the physical key: "Digit5", "KeyB", "Semicolon", "Enter", "NumpadEnter"
	Key      string  // KeyboardEvent.key as the host produced it ("5" on AZERTY for Shift+Digit5, "Dead" for a dead key)
	Shift    bool    // shiftKey
	CapsLock bool    // getModifierState("CapsLock")
	Alt      bool    // altKey
	Ctrl     bool    // ctrlKey
	Meta     bool    // metaKey
	Repeat   bool    // KeyboardEvent.repeat: auto-repeat of a held key, ignored
	Time     float64 // timeStamp in milliseconds
	KeyCode  int     // KeyboardEvent.keyCode: 229 while an input method holds the key
	// Input marks a character that came as text, from an input event
	// (beforeinput, compositionend), not from a keydown: Key is the
	// character and Code is empty (see Detector.Typed).
	Input bool
	// Composed is, on the first character an input method committed, how
	// many characters its composition showed before: the pinyin letters
	// it turned into the committed text. A composition dropped without
	// commit is a Key of its own with Key empty.
	Composed int
}

// Held reports a keydown whose character an input method or a soft
// keyboard holds back: Key "Unidentified" (Chrome on Android) or
// "Process" (a desktop input method), or keyCode 229. The character comes
// as text afterwards, or not at all.
func (k Key) Held() bool {
	return !k.Input && (k.Key == "Unidentified" || k.Key == "Process" || k.KeyCode == 229)
}

// Rebuilt is the text a run of keys stands for.
type Rebuilt struct {
	Text       string // the reader's characters, terminator excluded
	Layout     Layout // host layout named by the Key values (US when they agree with US, say nothing, or drop Shift)
	CapsLock   bool   // Caps Lock was on, as the Key values (or, without them, getModifierState) say
	Terminator string // "\r", "\n" or "\t" when the last key was Enter, Tab or their Ctrl forms; else ""
	Timing     Timing // over every key except modifiers and repeats
	// InputMethod is what the host's input method did: full-width forms
	// and its punctuation, read as ASCII in Text, and compositions.
	InputMethod InputMethod
}

// Rebuild rebuilds a reader's text from keydown events: the physical key
// (Code) and Shift through a US keymap, so the host layout does not matter.
//
//   - Letter keys type upper case with Shift or Caps Lock: track data has
//     no lower case, and a reader that sees Caps Lock sends letters
//     unshifted.
//   - Ctrl plus a letter key is a control character (a reader types CR as
//     Ctrl+M); Enter, NumpadEnter and Tab are CR, CR and Tab.
//   - ALT-ASCII: the Numpad digits typed while Alt is held give one
//     character by its decimal code, ended by the next Alt press or any
//     other key. Codes 128 and above come out as U+FFFD.
//   - Modifier keys, repeats, Meta and Alt shortcuts and keys that type
//     nothing (arrows, F-keys) are skipped. A key missing from the US table
//     (IntlBackslash, or no Code at all) counts as the one character its
//     Key names, if it names one, or as CR and Tab for Key "Enter" and
//     "Tab".
//   - A key whose Key is the character the US keymap types on it with
//     Shift, sent without Shift, counts as its Key unless the host's layout
//     and Caps Lock state, as the Key values name them (see Rebuilt), type
//     it there: WebDriver typing, remote-desktop tools and software wedges
//     send "?" on the Slash key so. Such a letter (B on KeyB) fits Caps
//     Lock and a dropped Shift alike, so it names Caps Lock only when
//     getModifierState does. Every other key counts by its code, so a host
//     layout this package lacks is undone too.
//   - Characters an input method typed in full width, or as its own
//     punctuation, are read as ASCII (see Narrow and InputMethod).
func Rebuild(keys []Key) Rebuilt {
	g := inferLayout(keys)
	text := make([]rune, 0, len(keys))
	times := make([]float64, 0, len(keys))
	var alt altCode
	composed := 0
	for _, k := range keys {
		if k.Repeat {
			continue
		}
		composed += k.Composed
		if isModifier(k) {
			if isAlt(k) {
				text = alt.flush(text)
			}
			continue
		}
		times = append(times, k.Time)
		if d, ok := altDigit(k); ok {
			alt.add(d)
			continue
		}
		text = alt.flush(text)
		if r, ok := g.char(k); ok {
			text = append(text, r)
		}
	}
	text = alt.flush(text)
	rb := Rebuilt{Layout: g.m.layout, CapsLock: g.caps, Timing: MeasureTiming(times)}
	if n := len(text); n > 0 && isTerminator(text[n-1]) {
		rb.Terminator, text = string(text[n-1]), text[:n-1]
	}
	rb.Text, rb.InputMethod = Narrow(string(text))
	rb.InputMethod.Composed = composed
	return rb
}

func isTerminator(r rune) bool { return r == '\r' || r == '\n' || r == '\t' }

// otherKeys are keys outside the layout tables and the Numpad digits:
// [unshifted, shifted].
var otherKeys = map[string][2]rune{
	"Enter": {'\r', '\r'}, "NumpadEnter": {'\r', '\r'}, "Tab": {'\t', '\t'}, "Backquote": {'`', '~'},
	"NumpadDecimal": {'.', '.'}, "NumpadAdd": {'+', '+'}, "NumpadSubtract": {'-', '-'},
	"NumpadMultiply": {'*', '*'}, "NumpadDivide": {'/', '/'}, "NumpadEqual": {'=', '='},
}

// usChar is the character a key types on a US keymap; caps is Caps Lock.
func usChar(k Key, caps bool) (rune, bool) {
	if k.Meta || k.Alt { // shortcuts, and AltGr (Ctrl+Alt)
		return 0, false
	}
	if k.Ctrl {
		if c := k.Code; len(c) == 4 && strings.HasPrefix(c, "Key") && 'A' <= c[3] && c[3] <= 'Z' {
			return rune(c[3]-'A') + 1, true
		}
		return 0, false
	}
	lv := level(k)
	if i, ok := keyIndex[k.Code]; ok {
		if caps && strings.HasPrefix(k.Code, "Key") {
			lv = 1
		}
		return us.char[lv][i], true
	}
	if o, ok := otherKeys[k.Code]; ok {
		return o[lv], true
	}
	if d, ok := numpadDigit(k.Code); ok {
		return '0' + rune(d), true
	}
	switch k.Key {
	case "Enter":
		return '\r', true
	case "Tab":
		return '\t', true
	}
	if r, n := utf8.DecodeRuneInString(k.Key); n > 0 && n == len(k.Key) && r >= ' ' && r != 0x7f && r != utf8.RuneError {
		return r, true
	}
	return 0, false
}

// char is the reader's character for k on a host with g's layout and Caps
// Lock state.
func (g guess) char(k Key) (rune, bool) {
	caps := k.CapsLock || g.caps
	// The one disagreement read by Key: a shifted character without Shift
	// that the host's layout and Caps Lock do not explain (German Caps Lock
	// does type % on the 5 key). Other keys count by their code, so a host
	// layout this package lacks is undone too.
	if i, ok := keyIndex[k.Code]; ok && !k.Ctrl && !k.Alt && !k.Meta && shiftDropped(k, i) && !g.m.typed(i, 0, caps, k.Key) {
		return us.char[1][i], true
	}
	return usChar(k, caps)
}

// keyChar is the reader's character for k read on its own: as Rebuild reads
// it on a US host, Caps Lock as k reports it, an input method's full width
// and punctuation undone. It stays out of line: inlined at each of the
// Detector's calls it made the page's WebAssembly larger by kilobytes.
//
//go:noinline
func keyChar(k Key) (rune, bool) {
	r, ok := guess{m: us}.char(k)
	if n, _, narrow := narrowRune(r); ok && narrow {
		r = n
	}
	return r, ok
}

// shiftDropped tells a key, layout key i, whose Key is what the US keymap
// types there with Shift, though Shift was not down: the sender typed the
// character and named the key of a US keyboard for it, without the Shift
// a keyboard needs.
func shiftDropped(k Key, i int) bool {
	u := us.char[1][i]
	return !k.Shift && u != us.char[0][i] && k.Key == string(u)
}

func level(k Key) int {
	if k.Shift {
		return 1
	}
	return 0
}

// isModifier tells modifier-only keys, which type nothing.
func isModifier(k Key) bool {
	switch k.Code {
	case "ShiftLeft", "ShiftRight", "ControlLeft", "ControlRight", "AltLeft", "AltRight",
		"MetaLeft", "MetaRight", "OSLeft", "OSRight", "CapsLock", "NumLock", "ScrollLock", "Fn", "FnLock":
		return true
	case "":
		switch k.Key {
		case "Shift", "Control", "Alt", "AltGraph", "Meta", "OS", "CapsLock", "NumLock", "ScrollLock",
			"Fn", "FnLock", "Hyper", "Super", "Symbol", "SymbolLock":
			return true
		}
	}
	return false
}

func isAlt(k Key) bool {
	return k.Code == "AltLeft" || k.Code == "AltRight" || k.Code == "" && k.Key == "Alt"
}

// altDigit gives the digit of a Numpad digit typed with Alt held.
func altDigit(k Key) (int, bool) {
	if !k.Alt || k.Ctrl || k.Meta {
		return 0, false
	}
	return numpadDigit(k.Code)
}

func numpadDigit(code string) (int, bool) {
	if len(code) != 7 || !strings.HasPrefix(code, "Numpad") || code[6] < '0' || code[6] > '9' {
		return 0, false
	}
	return int(code[6] - '0'), true
}

// altCode gathers an ALT-ASCII character. Windows takes the code modulo
// 256.
type altCode struct{ value, digits int }

func (a *altCode) add(d int) { a.value, a.digits = (a.value*10+d)%256, a.digits+1 }

// flush appends the gathered character, if any, and starts over.
func (a *altCode) flush(text []rune) []rune {
	v, n := a.value, a.digits
	*a = altCode{}
	switch {
	case n == 0 || v == 0:
		return text
	case v >= 0x80: // code pages differ above ASCII; a reader sends ASCII
		return append(text, utf8.RuneError)
	}
	return append(text, rune(v))
}

// guess is a host layout and Caps Lock state.
type guess struct {
	m    *keymap
	caps bool
}

// inferLayout names the layout whose characters match the most Key values.
// A key sent without the Shift it needs on a US keymap (shiftDropped) also
// matches, Caps Lock off, the layouts that type it shifted. Ties go to the
// Caps Lock state most keys report, then to US.
func inferLayout(keys []Key) guess {
	var votes [2][]int
	votes[0], votes[1] = make([]int, len(keymaps)), make([]int, len(keymaps))
	reported, scored := 0, 0
	for _, k := range keys {
		i, ok := keyIndex[k.Code]
		if !ok || k.Repeat || k.Key == "" || k.Ctrl || k.Alt || k.Meta {
			continue
		}
		scored++
		if k.CapsLock {
			reported++
		}
		lv := level(k)
		// With Caps Lock reported, an inverted Shift is Caps Lock's (French
		// and German Caps Lock shift digits too).
		dropped := !k.CapsLock && shiftDropped(k, i)
		for c := range votes {
			for j, m := range keymaps {
				if m.typed(i, lv, c == 1, k.Key) || c == 0 && dropped && m.typed(i, 1, false, k.Key) {
					votes[c][j]++
				}
			}
		}
	}
	first := 0
	if 2*reported > scored || scored == 0 && anyCapsLock(keys) {
		first = 1
	}
	g, top := guess{us, first == 1}, -1
	for _, c := range [2]int{first, 1 - first} {
		for j, m := range keymaps {
			if votes[c][j] > top {
				g, top = guess{m, c == 1}, votes[c][j]
			}
		}
	}
	return g
}

func anyCapsLock(keys []Key) bool {
	for _, k := range keys {
		if k.CapsLock && !k.Repeat {
			return true
		}
	}
	return false
}

// typed tells whether key i at level lv types key on m: the character, or
// "Dead" for a dead key, or the letter a preceding dead key composed.
func (m *keymap) typed(i, lv int, caps bool, key string) bool {
	h := m.host(i, lv, caps)
	if m.isDead(h) {
		return key == "Dead"
	}
	r, n := utf8.DecodeRuneInString(key)
	if n != len(key) {
		return false
	}
	if r == h {
		return true
	}
	for _, a := range m.dead {
		if c, ok := Compose(a, h); ok && c == r {
			return true
		}
	}
	return false
}
