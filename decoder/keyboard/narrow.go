package keyboard

import (
	"strings"
	"unicode/utf8"
)

// InputMethod says what a host's input method (a Chinese, Japanese or
// Korean IME) did to a reader's text. In full-width mode an input method
// types U+FF01–FF5E for the ASCII characters 0x21–0x7E and U+3000 for a
// space; in Chinese punctuation mode it types its own punctuation for some
// ASCII keys (。 for the full stop, …… for ^); with letters it composes
// words (pinyin) and commits Chinese characters in their place. Narrow
// reads the first two back as the ASCII the reader sent; the third cannot
// be undone.
type InputMethod struct {
	FullWidth int // full-width forms read as their ASCII character
	// Punctuation holds the input method's punctuation read as ASCII,
	// each character once, in the order it first came (a string keeps
	// InputMethod comparable).
	Punctuation string
	// Composed counts the characters an input method's compositions
	// showed and then replaced by others, or dropped: letters typed as
	// pinyin (see Key.Composed).
	Composed int
}

// IsZero reports whether the input method did nothing to the text.
func (m InputMethod) IsZero() bool { return m == InputMethod{} }

// imePunctuation is the punctuation Chinese input methods type in Chinese
// punctuation mode in place of an ASCII character that a track can hold,
// where one key types it: 。 only comes from the full stop, …… only from
// Shift+6 (^). The full-width forms (，；：？！ and the rest) are read by
// their code point. 、 is left out: one input method types it for \,
// another for /.
var imePunctuation = []struct {
	ime   rune
	ascii rune
}{
	{'。', '.'}, {'“', '"'}, {'”', '"'}, {'‘', '\''}, {'’', '\''}, {'…', '^'}, {'—', '_'},
	{'《', '<'}, {'》', '>'}, {'【', '['}, {'】', ']'}, {'￥', '$'},
}

// narrowRune gives the ASCII character a full-width form or an input
// method's punctuation stands for; wide says which of the two r was.
func narrowRune(r rune) (ascii rune, wide, ok bool) {
	switch {
	case r == '\u3000':
		return ' ', true, true
	case 0xFF01 <= r && r <= 0xFF5E:
		return r - 0xFEE0, true, true
	}
	for _, p := range imePunctuation {
		if p.ime == r {
			return p.ascii, false, true
		}
	}
	return r, false, false
}

// Narrow reads the full-width forms and the input method punctuation of
// s as the ASCII characters they stand for, and says what it read. An
// input method types ^ and _ as a pair (…… and ——), which is read as one
// character.
func Narrow(s string) (string, InputMethod) {
	var m InputMethod
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return s, m
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	prev := rune(-1)
	for _, r := range s[i:] {
		a, wide, ok := narrowRune(r)
		switch {
		case !ok:
			b.WriteRune(r)
		case wide:
			m.FullWidth++
			b.WriteRune(a)
		case (r == '…' || r == '—') && prev == r:
			prev = -1 // the second of the pair
			continue
		default:
			if !strings.ContainsRune(m.Punctuation, r) {
				m.Punctuation += string(r)
			}
			b.WriteRune(a)
		}
		prev = r
	}
	return b.String(), m
}

// InputMethodChar reports whether r is a character an input method types
// and a reader never sends: the CJK ideographs and syllables a
// composition commits, CJK punctuation and the full-width and half-width
// forms Narrow does not read.
func InputMethodChar(r rune) bool {
	switch {
	case 0x2E80 <= r && r <= 0x9FFF, // CJK radicals, punctuation, kana, ideographs
		0xAC00 <= r && r <= 0xD7AF, // Hangul syllables
		0xF900 <= r && r <= 0xFAFF, // CJK compatibility ideographs
		0xFE30 <= r && r <= 0xFE4F, // CJK compatibility forms
		0xFF00 <= r && r <= 0xFFEF: // half-width and full-width forms
		return true
	}
	_, _, ok := narrowRune(r)
	return ok
}

// IsComposed reports a character an input method composes from letters:
// kana, CJK ideographs and Hangul syllables, where a composition (pinyin,
// romaji) took the reader's letters.
func IsComposed(r rune) bool {
	return 0x3040 <= r && r <= 0x30FF || 0x3400 <= r && r <= 0x9FFF ||
		0xAC00 <= r && r <= 0xD7AF || 0xF900 <= r && r <= 0xFAFF
}
