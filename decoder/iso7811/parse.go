package iso7811

import (
	"slices"
	"strconv"
	"strings"
)

// A SyntaxError reports text that ParseBits cannot read. Like TextError it
// names a position, never the input.
type SyntaxError struct {
	Offset int // byte offset in the input
	Kind   SyntaxKind
	// Want is the text that should have come (SyntaxExpected) or the
	// largest number allowed (SyntaxNumberTooLarge); "" otherwise.
	Want string
}

// SyntaxKind says what a SyntaxError found wrong; its value is the words
// Error uses.
type SyntaxKind string

// The kinds of SyntaxError.
const (
	SyntaxBadCharacter   SyntaxKind = "character other than 0, 1 or whitespace"
	SyntaxNoBits         SyntaxKind = "no bits"
	SyntaxUnusedByte     SyntaxKind = "bit count leaves the last byte unused"
	SyntaxExpected       SyntaxKind = "expected"
	SyntaxNumberTooLarge SyntaxKind = "number above"
	SyntaxNumber         SyntaxKind = "expected a number"
	SyntaxTrailing       SyntaxKind = "text after the bit count"
	SyntaxNoLabel        SyntaxKind = "bits before any track label"
)

func (e *SyntaxError) Error() string {
	msg := string(e.Kind)
	switch e.Kind {
	case SyntaxExpected:
		msg += " " + strconv.Quote(e.Want)
	case SyntaxNumberTooLarge:
		msg += " " + e.Want
	}
	return "iso7811: bit string: " + msg + " at offset " + strconv.Itoa(e.Offset)
}

// ParseBits reads a bit stream written in one of two forms:
//
//   - a string of '0' and '1', whitespace (including newlines) ignored:
//     "0000 11010 00001";
//   - packed bytes, most significant bit first, and a bit count, as raw
//     head readers are logged: "bytes=[255,255,151];bits=20". The count
//     must fall within the last byte.
//
// It returns one byte per bit, each 0 or 1, and at least one bit.
func ParseBits(s string) ([]byte, error) {
	if strings.HasPrefix(strings.TrimLeft(s, " \t\r\n"), "bytes") {
		return parsePacked(s)
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '0' || c == '1':
			out = append(out, c-'0')
		case !isSpace(c):
			return nil, &SyntaxError{Offset: i, Kind: SyntaxBadCharacter}
		}
	}
	if len(out) == 0 {
		return nil, &SyntaxError{Offset: len(s), Kind: SyntaxNoBits}
	}
	return out, nil
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n'
}

// scanner reads the packed form's tokens, skipping whitespace between them.
type scanner struct {
	s string
	i int
}

func (p *scanner) fail(kind SyntaxKind, want string) error {
	return &SyntaxError{Offset: p.i, Kind: kind, Want: want}
}

func (p *scanner) skipSpace() {
	for p.i < len(p.s) && isSpace(p.s[p.i]) {
		p.i++
	}
}

// accept consumes lit if it comes next.
func (p *scanner) accept(lit string) bool {
	p.skipSpace()
	if !strings.HasPrefix(p.s[p.i:], lit) {
		return false
	}
	p.i += len(lit)
	return true
}

func (p *scanner) expect(lit string) error {
	if !p.accept(lit) {
		return p.fail(SyntaxExpected, lit)
	}
	return nil
}

// number reads a decimal number of at most limit.
func (p *scanner) number(limit int) (int, error) {
	p.skipSpace()
	start, v := p.i, 0
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		v = v*10 + int(p.s[p.i]-'0')
		if v > limit {
			p.i = start
			return 0, p.fail(SyntaxNumberTooLarge, strconv.Itoa(limit))
		}
		p.i++
	}
	if p.i == start {
		return 0, p.fail(SyntaxNumber, "")
	}
	return v, nil
}

func parsePacked(s string) ([]byte, error) {
	p := &scanner{s: s}
	for _, lit := range []string{"bytes", "=", "["} {
		if err := p.expect(lit); err != nil {
			return nil, err
		}
	}
	var packed []byte
	if !p.accept("]") {
		for {
			v, err := p.number(255)
			if err != nil {
				return nil, err
			}
			packed = append(packed, byte(v))
			if p.accept("]") {
				break
			}
			if err := p.expect(","); err != nil {
				return nil, err
			}
		}
	}
	for _, lit := range []string{";", "bits", "="} {
		if err := p.expect(lit); err != nil {
			return nil, err
		}
	}
	p.skipSpace()
	countAt := p.i
	n, err := p.number(8 * len(packed))
	if err != nil {
		return nil, err
	}
	if p.skipSpace(); p.i < len(s) {
		return nil, p.fail(SyntaxTrailing, "")
	}
	if n == 0 {
		return nil, &SyntaxError{Offset: countAt, Kind: SyntaxNoBits}
	}
	if n <= 8*(len(packed)-1) {
		return nil, &SyntaxError{Offset: countAt, Kind: SyntaxUnusedByte}
	}
	out := make([]byte, n)
	for i := range out {
		out[i] = packed[i/8] >> (7 - i%8) & 1
	}
	return out, nil
}

// ParseTracks reads a bit dump of several tracks, as TTL readers, logic
// analysers and bit libraries write one: one line of '0' and '1' per track
// (spaces and tabs within a line ignored), each line read either way, in
// one of two forms:
//
//   - labelled lines, "T1: …", "Track 2: …", "track3=…", "TK1 …" and the
//     like (a word t, tk, tr, trk or track, the track's number, then ':',
//     '=' or a space), in any order; a line without a label continues the
//     track above it;
//   - lines without labels, tracks 1, 2 and 3 in order, a blank line for
//     a track not read (blank lines before the first and after the last
//     are left out).
//
// ok is false for text that is one stream: a single line, no labels and
// lines that do not each hold an ISO 7811 track (Framed), as a long stream
// wrapped over lines does not, or the packed form; ParseBits reads those.
// A line that is not bits is a *SyntaxError at its offset.
func ParseTracks(s string) (tracks [3][]byte, ok bool, err error) {
	if strings.HasPrefix(strings.TrimLeft(s, " \t\r\n"), "bytes") {
		return tracks, false, nil
	}
	type line struct {
		at, track int // byte offset of the bits; track 1–3 from a label, 0 without
		text      string
	}
	var lines []line
	for at := 0; at <= len(s); {
		end := strings.IndexAny(s[at:], "\r\n")
		if end < 0 {
			end = len(s) - at
		}
		l := line{at: at, text: s[at : at+end]}
		if n, rest, off := trackLabel(l.text); n > 0 {
			l.track, l.text, l.at = n, rest, at+off
		}
		lines = append(lines, l)
		at += end + 1
		if at < len(s) && s[at-1] == '\r' && s[at] == '\n' {
			at++
		}
	}
	blank := func(l line) bool { return l.track == 0 && strings.TrimSpace(l.text) == "" }
	for len(lines) > 0 && blank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && blank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	labelled := slices.ContainsFunc(lines, func(l line) bool { return l.track > 0 })
	if len(lines) < 2 && !labelled {
		return tracks, false, nil
	}
	if !labelled && len(lines) > len(tracks) {
		return tracks, false, nil
	}
	bitsOf := func(l line) ([]byte, error) {
		var out []byte
		for i := 0; i < len(l.text); i++ {
			switch c := l.text[i]; {
			case c == '0' || c == '1':
				out = append(out, c-'0')
			case c != ' ' && c != '\t':
				return nil, &SyntaxError{Offset: l.at + i, Kind: SyntaxBadCharacter}
			}
		}
		return out, nil
	}
	cur := 0 // the track a labelled dump is on
	for i, l := range lines {
		b, err := bitsOf(l)
		if err != nil {
			return [3][]byte{}, false, err
		}
		n := i + 1
		if labelled {
			if l.track > 0 {
				cur = l.track
			}
			if cur == 0 {
				if len(b) == 0 {
					continue
				}
				return [3][]byte{}, false, &SyntaxError{Offset: l.at, Kind: SyntaxNoLabel}
			}
			n = cur
		}
		tracks[n-1] = append(tracks[n-1], b...)
	}
	if !labelled {
		// Lines without labels are tracks only if each holds one: the
		// lines of one stream wrapped do not.
		for _, t := range tracks {
			if len(t) > 0 && !Framed(t) {
				return [3][]byte{}, false, nil
			}
		}
	}
	if len(tracks[0])+len(tracks[1])+len(tracks[2]) == 0 {
		return [3][]byte{}, false, &SyntaxError{Offset: len(s), Kind: SyntaxNoBits}
	}
	return tracks, true, nil
}

// trackLabel reads the label a line of a bit dump may open with ("T1:",
// "Track 2 =", "trk3 ") and returns the track's number, the rest of the
// line and the rest's offset in it; 0 when there is no label.
func trackLabel(s string) (n int, rest string, off int) {
	i := 0
	skip := func() {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
	}
	skip()
	word := i
	for i < len(s) && (s[i]|0x20 >= 'a' && s[i]|0x20 <= 'z') {
		i++
	}
	switch strings.ToLower(s[word:i]) {
	case "t", "tk", "tr", "trk", "track", "":
	default:
		return 0, s, 0
	}
	named := i > word
	skip()
	if i >= len(s) || s[i] < '1' || s[i] > '3' {
		return 0, s, 0
	}
	n = int(s[i] - '0')
	i++
	if i < len(s) && (s[i] == '0' || s[i] == '1') && !named {
		return 0, s, 0 // a line of bits that starts with 1
	}
	skip()
	switch {
	case i < len(s) && (s[i] == ':' || s[i] == '='):
		i++
	case !named:
		return 0, s, 0 // "1 0110…" is bits
	}
	return n, s[i:], i
}
