package keyboard

import (
	"strconv"
	"strings"
)

// Repair is what RepairText found.
type Repair struct {
	Layout   Layout // host layout the text was typed under; US when nothing was remapped
	CapsLock bool   // Caps Lock was on: letter case (and, on FR and DE, Shift) was inverted
	Text     string // the text as the reader sent it: US characters, upper case restored
	// Evidence names the signature that matched, without card data; zero
	// for US without Caps Lock.
	Evidence Evidence
}

// Evidence is what showed a host layout or Caps Lock, as values a report
// can word in any language.
type Evidence struct {
	// Sentinels are the host forms of the sentinels and separators, in the
	// order they first came, where they differ from the US ones, joined by
	// "…" (a string keeps Repair comparable).
	Sentinels string
	DeadKeys  string // the dead-key accents taken apart
	// OutOfSet counts the characters outside the track-1 set as typed and
	// once undone, given when no sentinel tells the layout.
	OutOfSet [2]int
	CapsLock bool
}

// IsZero reports whether e names nothing: the text was US without Caps Lock.
func (e Evidence) IsZero() bool {
	return e == Evidence{}
}

// String writes e in the short form of a log: sentinels ö…´…_, dead keys ^,
// out-of-set 4→0, ⇪ a→A.
func (e Evidence) String() string {
	var parts []string
	if e.Sentinels != "" {
		parts = append(parts, "sentinels "+e.Sentinels)
	}
	if e.DeadKeys != "" {
		parts = append(parts, "dead keys "+e.DeadKeys)
	}
	if e.OutOfSet != [2]int{} {
		parts = append(parts, "out-of-set "+strconv.Itoa(e.OutOfSet[0])+"→"+strconv.Itoa(e.OutOfSet[1]))
	}
	if e.CapsLock {
		parts = append(parts, "⇪ a→A")
	}
	return strings.Join(parts, ", ")
}

// RepairText detects a host layout and Caps Lock from the text of a wedge
// reader and undoes them. The package comment gives the rules.
func RepairText(s string) Repair {
	plainUS := read(s, us, false)
	if plainUS.bad == 0 && plainUS.tracks > 0 {
		// The reader's own keymap already gives clean tracks: remapping
		// could only invent a layout (and make repairing twice differ).
		return Repair{Layout: US, Text: s}
	}
	best := plainUS
	for _, m := range keymaps {
		plain := plainUS
		if m != us {
			plain = read(s, m, false)
			if (plain.tracks > 0 || plain.lead || plainUS.bad > 0 && plain.bad == 0) && plain.beats(best) {
				best = plain
			}
		}
		c := read(s, m, true)
		if (c.tracks > 0 || c.lead) && (c.tracks > plain.tracks || capsLike(c.text, plain.text)) && c.beats(best) {
			best = c
		}
	}
	return Repair{Layout: best.m.layout, CapsLock: best.caps, Text: best.text, Evidence: best.evidence(plainUS.bad)}
}

// reading is the text undone under one layout and Caps Lock state, with
// the measures RepairText compares.
type reading struct {
	m       *keymap
	caps    bool
	text    string
	accents string // dead-key accents taken apart
	tracks  int    // tracks found (see read)
	bad     int    // characters outside the track-1 set (tab, CR, LF aside)
	lead    bool   // the text starts with a start sentinel and a character that fits it
}

const (
	startSentinels = "%;+#!&"
	structural     = startSentinels + "^=?" // sentinels and separators, for Evidence
)

// read undoes s under m and Caps Lock state caps and measures the result.
// A track is a start sentinel, printable ASCII and ?; it may start only at
// the beginning, after a space or control character, or right after another
// track (one character, an LRC, may sit between), and its first character
// must fit its sentinel (see opens), so sentinel characters inside data do
// not count.
func read(s string, m *keymap, caps bool) reading {
	r := reading{m: m, caps: caps}
	r.text, r.accents = m.undo(s, caps)
	seen, open, n := false, false, 0
	var ss, lead rune
	at := 1 // characters since a place a track may start, plus one
	for _, c := range r.text {
		if (c < 0x20 || c > 0x5F) && c != '\t' && c != '\r' && c != '\n' {
			r.bad++
		}
		switch {
		case lead != 0:
			r.lead, lead = opens(lead, c), 0
		case !seen && c > ' ':
			seen = true
			if strings.ContainsRune(startSentinels, c) {
				lead = c
			}
		}
		switch {
		case open && c == '?':
			if n > 0 {
				r.tracks++
			}
			open, at = false, 0
		case open && c < 0x20:
			open, at = false, 0
		case open && (c > 0x7E || n == 0 && !opens(ss, c)):
			open, at = false, 2
		case open:
			n++
		case c <= ' ':
			at = 0
		case at <= 1 && strings.ContainsRune(startSentinels, c):
			open, n, ss = true, 0, c
		default:
			at++
		}
	}
	return r
}

// opens tells whether c can follow start sentinel ss: a format code (upper
// case or digit) after %, a digit, = or upper-case letter (E for a read
// error) after ; and +, anything printable after the 7-bit track-3
// sentinels # ! &.
func opens(ss, c rune) bool {
	upperOrDigit := 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	switch ss {
	case '%':
		return upperOrDigit
	case ';', '+':
		return upperOrDigit || c == '='
	}
	return true
}

// beats orders readings: more tracks, then fewer characters out of set.
func (r reading) beats(o reading) bool {
	return r.tracks > o.tracks || r.tracks == o.tracks && r.bad < o.bad
}

// capsLike tells whether Caps Lock explains text better than no Caps
// Lock: a track-1 format code (% then a letter) comes out upper case in
// the Caps Lock reading c, or, with no format code to go by, c has no
// lower-case letters and the plain reading p has some.
func capsLike(c, p string) bool {
	votes := 0
	prev := rune(0)
	for _, r := range c {
		if prev == '%' {
			switch {
			case 'A' <= r && r <= 'Z':
				votes++
			case 'a' <= r && r <= 'z':
				votes--
			}
		}
		prev = r
	}
	if votes != 0 {
		return votes > 0
	}
	return !hasLower(c) && hasLower(p)
}

func hasLower(s string) bool {
	for _, r := range s {
		if 'a' <= r && r <= 'z' {
			return true
		}
	}
	return false
}

// evidence describes a reading for Repair.Evidence; usBad is the count of
// characters out of set as the text came, given when no sentinel tells.
func (r reading) evidence(usBad int) Evidence {
	if r.m == us && !r.caps {
		return Evidence{}
	}
	e := Evidence{DeadKeys: r.accents, CapsLock: r.caps}
	var sig []string
	seen := ""
	for _, c := range r.text {
		if !strings.ContainsRune(structural, c) || strings.ContainsRune(seen, c) {
			continue
		}
		seen += string(c)
		if h := r.m.apply(string(c), r.caps); h != string(c) {
			sig = append(sig, h)
		}
	}
	e.Sentinels = strings.Join(sig, "…")
	if len(sig) == 0 && r.accents == "" && r.m != us {
		e.OutOfSet = [2]int{usBad, r.bad}
	}
	return e
}
