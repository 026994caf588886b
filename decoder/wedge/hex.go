package wedge

import "strings"

// Hex says how Split read an input that is track 2 written in hex: its
// form, and what is wrong with the record. Split sets Capture.Hex for such
// an input whether or not it could read the record.
type Hex struct {
	Form     HexForm
	Tagged   bool // the record was led by tag 57 and its length byte
	Problems []HexProblem
}

// HexForm names a way of writing track 2 in hex.
type HexForm string

// The forms of track 2 in hex that Split reads.
const (
	HexEMV     HexForm = "emv"     // EMV tag 57: PAN, D, expiry, service code, the rest, F pad; no sentinels
	HexNibbles HexForm = "nibbles" // the track as recorded: B, PAN, D, …, F, an LRC nibble perhaps, zero padding
)

// HexProblem is one thing wrong with a hex record.
type HexProblem struct {
	Kind HexProblemKind
	Pos  int  // byte offset in Capture.Raw of the character at fault, -1 for the whole record
	Char rune // the character, for HexNotHex and HexMisplaced
	// For HexLengthByte, Want is the bytes the length byte counts and Got
	// the hex digits that follow it; for HexOdd, Got is the digit count.
	Want, Got int
}

// HexProblemKind names a problem of a hex record.
type HexProblemKind string

// Hex problem kinds. All but HexOdd keep the record from being read.
const (
	HexNotHex     HexProblemKind = "not_hex"     // a character that is no hex digit (an O typed for a 0)
	HexMisplaced  HexProblemKind = "misplaced"   // in tag 57, a hex letter other than its one D and the final F pad
	HexLengthByte HexProblemKind = "length_byte" // tag 57's length byte does not count the bytes that follow
	HexOdd        HexProblemKind = "odd_digits"  // tag 57 holds an odd number of hex digits: a digit or the F pad is missing
)

// Read reports whether the record was read despite its problems.
func (h *Hex) Read() bool {
	for _, p := range h.Problems {
		if p.Kind != HexOdd {
			return false
		}
	}
	return true
}

// Limits of the hex forms.
const (
	minPAN        = 8 // digits of a PAN (ISO/IEC 7812-1)
	maxPAN        = 19
	maxHexTypos   = 2 // letters that are no hex digit in a record still read as one
	tag57         = "57"
	hexCharOffset = '0' // a track-2 character is its 4-bit value plus 0x30
)

// readHex reads s as track 2 in hex, as the package doc describes. It
// returns nil when s is not written so; otherwise the Hex and, when the
// record could be read, its track-2 text.
func readHex(s string) (string, *Hex) {
	rec, ok := hexRecord(s)
	if !ok {
		return "", nil
	}
	start := 0
	form, sep := hexShape(rec, 0)
	ll := -1
	if len(rec) >= 4 && rec[:2] == tag57 {
		// The tag and length byte lead the record when they count its
		// bytes, or when it cannot be read without them.
		ll = hexByte(rec[2:4])
		if f, at := hexShape(rec, 4); ll >= 0 && f == HexEMV && (2*ll == len(rec)-4 || form == "") {
			start, form, sep = 4, f, at
		}
	}
	if form == "" {
		return "", nil
	}
	h := &Hex{Form: form, Tagged: start == 4}
	v := rec[start:]
	sep -= start
	if h.Tagged && 2*ll != len(v) {
		h.Problems = append(h.Problems, HexProblem{Kind: HexLengthByte, Pos: recordPos(s, 2), Want: ll, Got: len(v)})
	}
	// The track's characters: without tag 57's F pad, or without the zeros
	// and Fs that pad the nibbles after their end sentinel. Either way a
	// prefix of v.
	data := strings.TrimRight(v, "F")
	if es := strings.IndexByte(v, 'F'); form == HexNibbles && es >= 0 {
		data = v[:es+1] + strings.TrimRight(v[es+1:], "0F")
	}
	b := []byte(data)
	for i, c := range b {
		var kind HexProblemKind
		switch {
		case c > 'F':
			kind = HexNotHex
		case c >= 'A' && form == HexEMV && i != sep:
			kind = HexMisplaced
		case c >= 'A':
			b[i] = c - 'A' + hexCharOffset + 10 // A–F are : ; < = > ?
		}
		if kind != "" {
			p := recordPos(s, start+i)
			h.Problems = append(h.Problems, HexProblem{Kind: kind, Pos: p, Char: rune(s[p])})
		}
	}
	if form == HexEMV && !h.Tagged && len(v)%2 == 1 {
		h.Problems = append(h.Problems, HexProblem{Kind: HexOdd, Pos: -1, Got: len(v)})
	}
	if h.Read() {
		if form == HexEMV {
			return ";" + string(b) + "?", h
		}
		return string(b), h
	}
	// A record that cannot be read is taken for one only with a PAN as
	// long as the shortest (8 digits): "12 days" is text, not a record.
	if form == HexNibbles {
		sep-- // the B
	}
	if sep < minPAN && !h.Tagged {
		return "", nil
	}
	return "", h
}

// skipped reports the bytes around and between a hex record's digits.
func skipped(c byte) bool { return c == 0 || strings.IndexByte(frame, c) >= 0 }

// hexRecord gathers the characters of a hex record: one line of letters
// and digits, spaces and tabs anywhere, line ends and framing only around
// it, letters upper-cased. ok is false for anything else, and for more
// than maxHexTypos letters beyond F.
func hexRecord(s string) (rec string, ok bool) {
	var b []byte
	typos, ended := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case skipped(c):
			ended = ended || len(b) > 0 && c != ' ' && c != '\t' && c != 0
			continue
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		case !isDigit(c) && !('A' <= c && c <= 'Z'):
			return "", false
		}
		if ended {
			return "", false // a second line
		}
		if c > 'F' {
			if typos++; typos > maxHexTypos {
				return "", false
			}
		}
		b = append(b, c)
	}
	return string(b), len(b) > 0
}

// recordPos returns where the record character n stands in s.
func recordPos(s string, n int) int {
	for i := 0; i < len(s); i++ {
		if !skipped(s[i]) {
			if n == 0 {
				return i
			}
			n--
		}
	}
	return -1
}

// hexShape reports the form rec[from:] has: a PAN of 1–19 digits (a letter
// beyond F among them is a typo) then D, led by B for the nibble form; ""
// for neither. sep is the index of the D in rec.
func hexShape(rec string, from int) (form HexForm, sep int) {
	v := rec[from:]
	form, i := HexEMV, 0
	if strings.HasPrefix(v, "B") {
		form, i = HexNibbles, 1
	}
	if i >= len(v) || !isDigit(v[i]) {
		return "", -1
	}
	for j := i; j < len(v) && j-i <= maxPAN; j++ {
		switch c := v[j]; {
		case c == 'D' && j > i:
			return form, from + j
		case !isDigit(c) && isHex(c):
			return "", -1
		}
	}
	return "", -1
}

func isHex(c byte) bool { return isDigit(c) || 'A' <= c && c <= 'F' }

// hexByte returns the value of two hex digits, or -1.
func hexByte(s string) int {
	v := 0
	for i := 0; i < 2; i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			v = v<<4 | int(c-'0')
		case 'A' <= c && c <= 'F':
			v = v<<4 | int(c-'A'+10)
		default:
			return -1
		}
	}
	return v
}
