package iso7811

import (
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
