package keyboard

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// track1Set is the ISO track-1 character set, 0x20–0x5F.
var track1Set = func() string {
	var b strings.Builder
	for c := rune(0x20); c <= 0x5F; c++ {
		b.WriteRune(c)
	}
	return b.String()
}()

// Each table has one character per key and level, and types each
// character from one key and level only, so Undo can be exact.
func TestTablesOneToOne(t *testing.T) {
	for _, tb := range tables {
		for _, row := range []string{tb.lower, tb.upper} {
			if n := utf8.RuneCountInString(row); n != nKeys {
				t.Errorf("%s: row %q has %d characters, want %d", tb.layout, row, n, nKeys)
			}
		}
		m := lookup(tb.layout)
		for c := range 2 {
			if n := len(m.from[c]); n != 2*nKeys-1 { // space is the same at both levels
				t.Errorf("%s caps=%v: %d distinct characters, want %d", tb.layout, c == 1, n, 2*nKeys-1)
			}
		}
		for _, d := range tb.dead {
			if _, ok := m.from[0][d]; !ok {
				t.Errorf("%s: dead key %q is on no key", tb.layout, d)
			}
		}
	}
	// The US table types exactly printable ASCII but for ` and ~ (the
	// Backquote key, which the track-1 set does not need).
	for c := rune(0x20); c <= 0x7E; c++ {
		_, ok := us.from[0][c]
		if want := c != '`' && c != '~'; ok != want {
			t.Errorf("US table types %q: %v, want %v", c, ok, want)
		}
	}
}

// What a US-keymap reader's sentinels, separators, digits and letters, a
// track 2 and a read error become under each layout, the Turkish mapping of
// jquery.cardswipe issue #25 and the US-International dead keys: Apply gives
// the host text, Undo takes it back.
func TestApplyUndoRows(t *testing.T) {
	tests := []struct {
		l        Layout
		us, host string
	}{
		{DE, "%", "%"}, {DE, "^", "&"}, {DE, "?", "_"}, {DE, ";", "ö"}, {DE, "=", "´"},
		{DE, "+", "`"}, {DE, "/", "-"}, {DE, "0123456789", "0123456789"}, {DE, "YZ", "ZY"},
		{DE, ";4111111111111111=30121010000000000000?", "ö4111111111111111´30121010000000000000_"},
		{DE, "%E?", "%E_"},

		{FR, "%", "5"}, {FR, "^", "6"}, {FR, "?", "§"}, {FR, ";", "m"}, {FR, "=", "="},
		{FR, "+", "+"}, {FR, "/", "!"}, {FR, "0123456789", "à&é\"'(-è_ç"},
		{FR, "AQWZM", "QAZW?"},
		{FR, ";4111111111111111=30121010000000000000?", "m'&&&&&&&&&&&&&&&=\"à&é&à&ààààààààààààà§"},
		{FR, "%E?", "5E§"},
		{FR, "^MOREAU/M^", "6?OREQU!?6"}, // the M→? pitfall

		{Dvorak, "%", "%"}, {Dvorak, "^", "^"}, {Dvorak, "?", "Z"}, {Dvorak, ";", "s"}, {Dvorak, "=", "]"},
		{Dvorak, "+", "}"}, {Dvorak, "/", "z"}, {Dvorak, "0123456789", "0123456789"}, {Dvorak, "BE", "X>"},
		{Dvorak, ";4111111111111111=30121010000000000000?", "s4111111111111111]30121010000000000000Z"},
		{Dvorak, "%E?", "%>Z"},

		{TR, "^", "&"}, {TR, "/", "."}, {TR, ".", "ç"}, {TR, "?", ":"}, {TR, ";", "ş"}, {TR, "=", "-"},
		{TR, "%", "%"}, {TR, "0123456789", "0123456789"}, {TR, "I", "I"}, {TR, "i'\"", "ıiİ"},
		{TR, "#", "^"}, {TR, "#A", "Â"}, {TR, "#1", "^1"},

		{USIntl, "%B4^1", "%B4^1"}, {USIntl, "^A", "Â"}, {USIntl, "'E", "É"}, {USIntl, "\"O", "Ö"},
		{USIntl, "'C", "Ç"}, {USIntl, "^^", "^^"}, {USIntl, "^", "^"}, {USIntl, "\"1", "\"1"},
		// A space that released a dead key is lost, but comes back when
		// what follows shows it: a letter the accent would have taken.
		{DE, "= E", "´E"}, {DE, "==3", "´´3"}, {USIntl, "^ ^A", "^Â"}, {USIntl, "'  ", "' "},

		{US, track1Set, track1Set},
	}
	for _, tc := range tests {
		if got := Apply(tc.us, tc.l); got != tc.host {
			t.Errorf("Apply(%q, %s) = %q, want %q", tc.us, tc.l, got, tc.host)
		}
		if got := Undo(tc.host, tc.l); got != tc.us {
			t.Errorf("Undo(%q, %s) = %q, want %q", tc.host, tc.l, got, tc.us)
		}
	}
}

// Dead keys follow Windows: a space after one types the accent alone (and
// is lost), anything else that does not combine comes out as a pair.
func TestDeadKeys(t *testing.T) {
	tests := []struct {
		l        Layout
		us, host string
	}{
		{DE, "=3", "´3"},
		{DE, "= 3", "´3"},
		{DE, "=E", "É"},
		{DE, "+A", "À"},
		{DE, "==", "´´"},
		{FR, "[q", "â"},
		{FR, "{Q", "Ä"},
		{FR, "[ ", "^"},
		{USIntl, "^ ADAMS", "^ADAMS"},
		{USIntl, "'\n", "'\n"},
		{TR, "#\"", "Î"},
	}
	for _, tc := range tests {
		if got := Apply(tc.us, tc.l); got != tc.host {
			t.Errorf("Apply(%q, %s) = %q, want %q", tc.us, tc.l, got, tc.host)
		}
	}
}

// Caps Lock inverts Shift on letters everywhere, and on French and
// German also on digits and most punctuation (Windows shift lock).
func TestApplyCapsLock(t *testing.T) {
	tests := []struct {
		l        Layout
		us, host string
	}{
		{US, "%B4^A?", "%b4^a?"},
		{FR, "%B4^A?;", "(b4-q!M"},
		{DE, "%B4^A?;=", "5b$6a_Ö´"},
		{TR, "%BI;?", "%bıŞ:"},
		{Dvorak, ";?B", "Szx"},
	}
	for _, tc := range tests {
		m := lookup(tc.l)
		if got := m.apply(tc.us, true); got != tc.host {
			t.Errorf("apply(%q, %s, caps) = %q, want %q", tc.us, tc.l, got, tc.host)
		}
		if got, _ := m.undo(tc.host, true); got != tc.us {
			t.Errorf("undo(%q, %s, caps) = %q, want %q", tc.host, tc.l, got, tc.us)
		}
	}
}

// Over the track-1 set, every character round-trips through every layout,
// alone and between letters.
func TestUndoApplyIdentity(t *testing.T) {
	for _, m := range keymaps {
		for _, caps := range []bool{false, true} {
			for _, c := range track1Set {
				for _, s := range []string{string(c), "A" + string(c) + "B", string(c) + "1"} {
					if lossy(s, m, caps) {
						continue
					}
					if got, _ := m.undo(m.apply(s, caps), caps); got != s {
						t.Errorf("%s caps=%v: undo(apply(%q)) = %q", m.layout, caps, s, got)
					}
				}
			}
		}
	}
}

func TestUnknownLayout(t *testing.T) {
	if got := Apply("%B?", "xx"); got != "%B?" {
		t.Errorf("Apply with an unknown layout = %q", got)
	}
	if got := Undo("5B§", "xx"); got != "5B§" {
		t.Errorf("Undo with an unknown layout = %q", got)
	}
}

// lossy tells whether typing s on m loses information: a dead key
// followed by a space (the host swallows the space), or by a character
// whose composed letter Undo takes apart to another base (Turkish î from
// ı as from i).
func lossy(s string, m *keymap, caps bool) bool {
	rs := []rune(s)
	for i := 0; i+1 < len(rs); i++ {
		hx, hy := hostOf(m, rs[i], caps), hostOf(m, rs[i+1], caps)
		if !m.isDead(hx) {
			continue
		}
		if rs[i+1] == ' ' {
			return true
		}
		if c, ok := Compose(hx, hy); ok {
			if _, b, _ := m.decompose(c, m.from[b2i(caps)]); b != hy {
				return true
			}
		}
		i++ // the dead key took the next key with it
	}
	return false
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// hostOf is the host character of US character r (r itself if it has no key).
func hostOf(m *keymap, r rune, caps bool) rune {
	kl, ok := us.from[0][r]
	if !ok {
		return r
	}
	return m.host(int(kl>>1), int(kl&1), caps)
}
