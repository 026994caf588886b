package keyboard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// nKeys is the number of keys a US-keymap reader presses for the ISO
// track-1 character set (0x20–0x5F), shifted or not.
const nKeys = 47

// codes holds the KeyboardEvent.code of those keys. Every table row below
// has one character per key, in this order.
var codes = [nKeys]string{
	"Digit1", "Digit2", "Digit3", "Digit4", "Digit5", "Digit6", "Digit7", "Digit8", "Digit9", "Digit0", "Minus", "Equal",
	"KeyQ", "KeyW", "KeyE", "KeyR", "KeyT", "KeyY", "KeyU", "KeyI", "KeyO", "KeyP", "BracketLeft", "BracketRight",
	"KeyA", "KeyS", "KeyD", "KeyF", "KeyG", "KeyH", "KeyJ", "KeyK", "KeyL", "Semicolon", "Quote", "Backslash",
	"KeyZ", "KeyX", "KeyC", "KeyV", "KeyB", "KeyN", "KeyM", "Comma", "Period", "Slash",
	"Space",
}

// table is one host layout as Windows defines it: what each key types
// unshifted and shifted, which of those characters are dead keys, and on
// which non-letter keys Caps Lock acts as Shift (French and German Caps Lock
// is a shift lock; elsewhere it only touches letters).
type table struct {
	layout       Layout
	lower, upper string
	dead         string
	shiftLock    string // unshifted characters of the non-letter keys Caps Lock shifts
}

// The US keymap, which readers use and US-International shares.
const (
	usLower = "1234567890-=" + "qwertyuiop[]" + "asdfghjkl;'\\" + "zxcvbnm,./" + " "
	usUpper = "!@#$%^&*()_+" + "QWERTYUIOP{}" + "ASDFGHJKL:\"|" + "ZXCVBNM<>?" + " "
)

// tables lists the layouts, US first: detection prefers earlier entries
// when the evidence ties. Rows follow codes: digit row, top, home and bottom
// letter rows, space.
var tables = []table{
	{layout: US, lower: usLower, upper: usUpper},
	// US-International's other dead keys, ` and ~, are on Backquote, which
	// the track-1 set does not use.
	{layout: USIntl, dead: "'\"^", lower: usLower, upper: usUpper},
	{layout: DE, dead: "´`", shiftLock: "1234567890+#,.",
		lower: "1234567890ß´" + "qwertzuiopü+" + "asdfghjklöä#" + "yxcvbnm,.-" + " ",
		upper: "!\"§$%&/()=?`" + "QWERTZUIOPÜ*" + "ASDFGHJKLÖÄ'" + "YXCVBNM;:_" + " "},
	{layout: FR, dead: "^¨", shiftLock: "&\"'(-_)=^$*,;:!",
		lower: "&é\"'(-è_çà)=" + "azertyuiop^$" + "qsdfghjklmù*" + "wxcvbn,;:!" + " ",
		upper: "1234567890°+" + "AZERTYUIOP¨£" + "QSDFGHJKLM%µ" + "WXCVBN?./§" + " "},
	{layout: TR, dead: "^",
		lower: "1234567890*-" + "qwertyuıopğü" + "asdfghjklşi," + "zxcvbnmöç." + " ",
		upper: "!'^+%&/()=?_" + "QWERTYUIOPĞÜ" + "ASDFGHJKLŞİ;" + "ZXCVBNMÖÇ:" + " "},
	{layout: Dvorak,
		lower: "1234567890[]" + "',.pyfgcrl/=" + "aoeuidhtns-\\" + ";qjkxbmwvz" + " ",
		upper: "!@#$%^&*(){}" + "\"<>PYFGCRL?+" + "AOEUIDHTNS_|" + ":QJKXBMWVZ" + " "},
}

// compositions lists what a dead key followed by a letter types (Windows
// dead-key tables). A dead key followed by a space types the accent alone;
// followed by anything else, the accent and then that character.
var compositions = []struct{ accents, bases, composed string }{
	{"^", "aeiouAEIOUıİ", "âêîôûÂÊÎÔÛîÎ"},
	{"¨\"", "aeiouyAEIOU", "äëïöüÿÄËÏÖÜ"},
	{"´'", "aeiouyAEIOUY", "áéíóúýÁÉÍÓÚÝ"},
	{"'", "cC", "çÇ"},
	{"`", "aeiouAEIOU", "àèìòùÀÈÌÒÙ"},
}

// keymap is a table in lookup form.
type keymap struct {
	layout Layout
	char   [2][nKeys]rune // [level][key]: 0 unshifted, 1 shifted
	caps   [nKeys]bool    // Caps Lock inverts Shift on this key
	dead   string
	from   [2]map[rune]uint8 // [Caps Lock] host character -> key<<1 | level the reader pressed
	split  map[rune]accented // composed letter -> the dead key and base letter that type it
}

// accented is a dead key's accent and the letter typed after it.
type accented struct{ accent, base rune }

// composed gives what a dead key followed by a letter types.
var composed = func() map[accented]rune {
	m := make(map[accented]rune)
	for _, c := range compositions {
		for _, a := range c.accents {
			bases, out := []rune(c.bases), []rune(c.composed)
			for i, b := range bases {
				m[accented{a, b}] = out[i]
			}
		}
	}
	return m
}()

var (
	keymaps  = buildKeymaps()
	us       = keymaps[0]
	keyIndex = func() map[string]int {
		m := make(map[string]int, nKeys)
		for i, c := range codes {
			m[c] = i
		}
		return m
	}()
)

func buildKeymaps() []*keymap {
	out := make([]*keymap, len(tables))
	for t, tb := range tables {
		m := &keymap{layout: tb.layout, dead: tb.dead}
		copy(m.char[0][:], []rune(tb.lower))
		copy(m.char[1][:], []rune(tb.upper))
		for i, r := range m.char[0] {
			m.caps[i] = unicode.IsLetter(r) || strings.ContainsRune(tb.shiftLock, r)
		}
		for c := range m.from {
			m.from[c] = make(map[rune]uint8, 2*nKeys)
			for i := range nKeys {
				for lv := range 2 {
					m.from[c][m.host(i, lv, c == 1)] = uint8(i<<1 | lv)
				}
			}
		}
		m.split = make(map[rune]accented)
		for _, a := range tb.dead {
			for _, c := range compositions {
				if !strings.ContainsRune(c.accents, a) {
					continue
				}
				bases, out := []rune(c.bases), []rune(c.composed)
				for i, r := range out {
					if _, dup := m.split[r]; !dup { // the first, ASCII base wins
						m.split[r] = accented{a, bases[i]}
					}
				}
			}
		}
		out[t] = m
	}
	return out
}

// lookup gives the keymap of l, or nil for a layout this package lacks.
func lookup(l Layout) *keymap {
	for _, m := range keymaps {
		if m.layout == l {
			return m
		}
	}
	return nil
}

// host is the character key i types at Shift level lv, with Caps Lock on
// or off.
func (m *keymap) host(i, lv int, caps bool) rune {
	if caps && m.caps[i] {
		lv ^= 1
	}
	return m.char[lv][i]
}

func (m *keymap) isDead(r rune) bool { return strings.ContainsRune(m.dead, r) }

// Compose gives the letter a dead key types when the letter base follows
// it, as Windows' dead-key tables compose them (^ then a types â); accent
// is the dead key's own character. ok is false when the two do not
// combine: the host then types the accent and base, or the accent alone
// for a space.
func Compose(accent, base rune) (r rune, ok bool) {
	r, ok = composed[accented{accent, base}]
	return r, ok
}

// decompose splits a composed letter into one of m's dead keys and its base
// letter; both must be on keys (from is m.from for the Caps Lock state).
func (m *keymap) decompose(r rune, from map[rune]uint8) (accent, base rune, ok bool) {
	ab, ok := m.split[r]
	if !ok {
		return 0, 0, false
	}
	_, okA := from[ab.accent]
	_, okB := from[ab.base]
	return ab.accent, ab.base, okA && okB
}

// apply types s on m the way a US-keymap reader would.
func (m *keymap) apply(s string, caps bool) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	var pending rune // a dead key waiting for the next key
	for i, r := range s {
		kl, ok := us.from[0][r]
		if !ok { // no key on a US keymap: passed through as is
			if pending != 0 {
				b.WriteRune(pending)
				pending = 0
			}
			writeRaw(&b, s, i, r)
			continue
		}
		h := m.host(int(kl>>1), int(kl&1), caps)
		switch {
		case pending != 0:
			p := pending
			pending = 0
			if c, ok := Compose(p, h); ok {
				b.WriteRune(c)
				continue
			}
			b.WriteRune(p)
			if h != ' ' { // a space only releases the accent
				b.WriteRune(h)
			}
		case m.isDead(h):
			pending = h
		default:
			b.WriteRune(h)
		}
	}
	if pending != 0 {
		b.WriteRune(pending)
	}
	return b.String()
}

// undo maps host text typed on m back to the US characters the reader
// sent, and returns the dead-key accents it took apart. An accent that came
// out alone and is followed by a space, a letter it combines with or a
// composed letter must have been released by a space, which the host
// swallowed: undo puts it back.
func (m *keymap) undo(s string, caps bool) (text, accents string) {
	var b strings.Builder
	b.Grow(len(s) + 8)
	from := m.from[0]
	if caps {
		from = m.from[1]
	}
	var alone rune // accent of a dead key that came out alone, 0 if none
	for i, r := range s {
		kl, typed := from[r]
		a, base, composed := m.decompose(r, from)
		if alone != 0 && !m.isDead(r) {
			if _, combines := Compose(alone, r); r == ' ' || combines || composed {
				b.WriteByte(' ')
			}
		}
		switch {
		case composed:
			b.WriteRune(sent(from[a]))
			b.WriteRune(sent(from[base]))
			if !strings.ContainsRune(accents, a) {
				accents += string(a)
			}
			alone = 0
		case typed:
			b.WriteRune(sent(kl))
			switch {
			case alone != 0: // the key after a lone accent (a second dead key comes out with it)
				alone = 0
			case m.isDead(r):
				alone = r
			}
		default:
			writeRaw(&b, s, i, r)
			alone = 0
		}
	}
	return b.String(), accents
}

// writeRaw writes the character at s[i], r as range decoded it, keeping a
// byte that is not UTF-8 as it is.
func writeRaw(b *strings.Builder, s string, i int, r rune) {
	if r == utf8.RuneError {
		_, n := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+n])
		return
	}
	b.WriteRune(r)
}

// sent is the US character of a key<<1 | level pair.
func sent(kl uint8) rune { return us.char[kl&1][kl>>1] }
