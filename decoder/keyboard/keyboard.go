// Package keyboard undoes what a host keyboard layout and Caps Lock do to
// the text of a keyboard-wedge card reader, and tells a reader's keystrokes
// from a person's.
//
// A wedge reader sends USB key positions looked up in a US keymap (? is
// Shift plus the / key). The host's layout turns those positions into its
// own characters, so on a French AZERTY host a track-2 swipe
// ;4111…=3012…? arrives as m'&&&…="à&é…§, and on AZERTY an M in the name
// becomes ?, a false end sentinel. Caps Lock inverts letter case, and on
// French and German hosts it also shifts digits and punctuation. This
// package works on that in two ways:
//
//   - Text: RepairText finds the layout and the Caps Lock state that turn
//     the text back into well-formed tracks, and undoes them. Apply and
//     Undo map text between US and one host layout.
//   - Keystrokes: Rebuild reads KeyboardEvent.code (the physical key) and
//     Shift through a US table, so the reader's characters come out right
//     whatever the host layout; comparing KeyboardEvent.key with the code
//     names the host layout. A shifted character sent without Shift (? on
//     the Slash key, as WebDriver and software wedges type) that the host
//     layout does not explain counts as its key. A Detector watches every
//     keydown of a page and collects the keys of a swipe.
//
// # Layouts
//
// The tables are Windows' US, US-International, German, French, Turkish-Q
// and US-Dvorak layouts, for the keys a reader uses for the ISO track-1 set
// (0x20–0x5F): digits, letters, punctuation and space, unshifted and
// shifted. Each maps those keys one-to-one. Dead keys follow Windows: a dead
// key followed by a letter it combines with types one composed letter
// (US-International ^ then A types Â), followed by a space it types the
// accent alone, followed by anything else the accent and that character
// (German = then 3 types ´3). Undo takes composed letters apart again. A
// space typed right after a dead key is swallowed by the host; Undo puts it
// back only where what follows shows it (German ´ then E can only be = and
// a space before E). Apart from such a space (and, on Turkish-Q, # before
// " or i, which compose like # before I and '), Undo(Apply(s, l), l) == s
// for text in the track-1 set. Caps Lock follows Windows too: it inverts
// Shift on letter keys, and on the French and German layouts also on the
// digit row and most punctuation (a shift lock). Layouts, USKey,
// HostChar and Compose read the tables out, for tests that type as a
// reader does (package keyboardtest).
//
// # Detection
//
// RepairText reads the text under every layout with Caps Lock off and on
// and keeps the reading with the most tracks, then the fewest characters
// outside the track-1 set. The text as it came (US, Caps Lock off) wins
// ties, so text that is already right is never changed, and text too short
// to tell stays as it is. A track is a start sentinel (% ; + # ! &),
// printable ASCII and ?; it starts the text or a word or follows another
// track, and its first character fits the sentinel (after %, an upper-case
// format code or a digit). Another reading must also bring evidence of its
// own: a track, text that starts like one, or, for a layout, the removal of
// every character outside the track-1 set. A Caps Lock reading must also
// add a track, or turn the format code after % upper case, or, with none,
// leave no lower-case letter where the plain reading has some.
package keyboard

// Layout names a host keyboard layout that a US-keymap reader's keystrokes
// pass through.
type Layout string

// The layouts this package knows.
const (
	US     Layout = "us"      // US QWERTY: the reader's own keymap
	FR     Layout = "fr"      // French AZERTY
	DE     Layout = "de"      // German QWERTZ
	Dvorak Layout = "dvorak"  // US Dvorak
	TR     Layout = "tr"      // Turkish-Q
	USIntl Layout = "us-intl" // US-International (dead ' " ^)
)

// Apply gives the text that a reader typing s through a US keymap produces
// on a host set to layout l, with Caps Lock off. Characters that have no
// key on the US keymap pass through, and so does all of s for a layout this
// package does not know. It is meant for tests and simulations.
func Apply(s string, l Layout) string {
	m := lookup(l)
	if m == nil {
		return s
	}
	return m.apply(s, false)
}

// Undo maps text typed on a host set to layout l (Caps Lock off) back to
// the US characters the reader sent. Characters the layout cannot type pass
// through, and so does all of s for a layout this package does not know.
func Undo(s string, l Layout) string {
	m := lookup(l)
	if m == nil {
		return s
	}
	t, _ := m.undo(s, false)
	return t
}

// Layouts gives the host layouts this package knows, US first.
func Layouts() []Layout {
	out := make([]Layout, len(keymaps))
	for i, m := range keymaps {
		out[i] = m.layout
	}
	return out
}

// USKey gives the physical key (its KeyboardEvent.code) and the Shift
// state with which a reader's US keymap types r: a key of the layout
// tables (the track-1 set, and the lower-case letters and { } | on the
// same keys) or Backquote (` and ~). ok is false for any other character.
func USKey(r rune) (code string, shift, ok bool) {
	for lv := range 2 { // unshifted first: Space types a space either way
		for i, c := range us.char[lv] {
			if c == r {
				return codes[i], lv == 1, true
			}
		}
	}
	if b := otherKeys["Backquote"]; r == b[0] || r == b[1] {
		return "Backquote", r == b[1], true
	}
	return "", false, false
}

// HostChar gives what a host set to layout l types on the physical key
// code, one of the layout tables' keys, with Shift and Caps Lock as given:
// the character, and whether it is a dead key, which types nothing until
// the next key (see Compose). ok is false for any other key, and for a
// layout this package does not know.
func HostChar(l Layout, code string, shift, capsLock bool) (r rune, dead, ok bool) {
	m := lookup(l)
	i, known := keyIndex[code]
	if m == nil || !known {
		return 0, false, false
	}
	lv := 0
	if shift {
		lv = 1
	}
	r = m.host(i, lv, capsLock)
	return r, m.isDead(r), true
}
