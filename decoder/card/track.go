package card

import (
	"strconv"
	"strings"
)

// Field locates one field in the track data given to a parser.
type Field struct {
	Name       string // "pan", "name", "expiry", "service_code", …: see the parsers
	Start, End int    // byte offsets, data[Start:End]
	Sensitive  bool   // cardholder or account data: mask it unless the user asks to see it
}

// FormatError reports track data that does not follow the expected layout.
// The parsers return it together with whatever they could read.
type FormatError struct {
	Track  int    // 1, 2 or 3; 0 when no track held data
	Pos    int    // byte offset into the data given to the parser
	Reason string // never quotes the card data
}

func (e *FormatError) Error() string {
	return "card: track " + strconv.Itoa(e.Track) + ", byte " + strconv.Itoa(e.Pos) + ": " + e.Reason
}

// Track1 is track 1 in ISO/IEC 7813 format B:
// B PAN ^ NAME ^ YYMM SSS DISCRETIONARY, where an absent expiry or service
// code is replaced by '^'. Other formats (format code A, C–Z, or a digit where
// the format letter belongs) are read as NUMBER ^ NAME ^ REST.
//
// A reader that masks track 1 (ID TECH) may mask the format code too: a track
// that starts with MaskChar followed by a masked PAN is read as format B, with
// FormatCode MaskChar and Masked set.
//
// Fields: "format_code", "pan", "country_code" (pre-2000 cards, PAN 59…),
// "name", "expiry", "service_code", "discretionary".
type Track1 struct {
	FormatCode    byte // 'B' for bank cards; MaskChar when masked (see above); 0 when the data starts with no letter
	PAN           string
	Name          Name
	Expiry        Expiry
	ServiceCode   ServiceCode
	Discretionary string
	Masked        bool // the reader masked the PAN (see Card.Masked)
	Fields        []Field
}

// Track2 is track 2 of ISO/IEC 7813: PAN = YYMM SSS DISCRETIONARY, where an
// absent expiry or service code is replaced by '='.
//
// Fields: "pan", "expiry", "service_code", "discretionary".
type Track2 struct {
	PAN           string
	Expiry        Expiry
	ServiceCode   ServiceCode
	Discretionary string
	Masked        bool // the reader masked the PAN (see Card.Masked)
	Fields        []Field
}

// Track3 is track 3. Data that starts with format code 00, 01 or 02 is ISO/IEC
// 4909: FC PAN = REST. Anything else numeric is read as PAN = REST (the layout
// some issuers copy from track 2), or as REST alone when it has no '='. The
// fields after the PAN depend on the issuer's choices (the country code is
// optional since 2006), so REST is left as Raw.
//
// Fields: "format_code", "pan", "raw".
type Track3 struct {
	FormatCode string
	PAN        string
	Raw        string // the data after the PAN that this package does not interpret
	Fields     []Field
}

// scanner walks one track's data, recording fields and the first format error.
type scanner struct {
	data     string
	track    int
	pos      int
	fields   []Field
	err      *FormatError
	stars    bool // a '*' mask character stood in the PAN, expiry or service code
	zeroTail bool // everything after the expiry is '0', as MagneSafe masking leaves it
}

// fail records a format error; the one at the lowest position is kept.
func (s *scanner) fail(pos int, reason string) {
	if s.err == nil || pos < s.err.Pos {
		s.err = &FormatError{Track: s.track, Pos: pos, Reason: reason}
	}
}

// asError returns the recorded error as an error interface (nil when none).
func (s *scanner) asError() error {
	if s.err == nil {
		return nil
	}
	return s.err
}

func (s *scanner) add(name string, start, end int, sensitive bool) {
	if end > start {
		s.fields = append(s.fields, Field{Name: name, Start: start, End: end, Sensitive: sensitive})
	}
}

func (s *scanner) done() bool { return s.pos >= len(s.data) }

// next returns where the field starting at s.pos ends: at sep or at the end.
func (s *scanner) next(sep byte) int {
	if i := strings.IndexByte(s.data[s.pos:], sep); i >= 0 {
		return s.pos + i
	}
	return len(s.data)
}

// skip consumes sep at s.pos and reports whether it was there.
func (s *scanner) skip(sep byte) bool {
	if s.pos < len(s.data) && s.data[s.pos] == sep {
		s.pos++
		return true
	}
	return false
}

// charset fails at the first byte that ok rejects.
func (s *scanner) charset(ok func(byte) bool, reason string) {
	for i := 0; i < len(s.data); i++ {
		if !ok(s.data[i]) {
			s.fail(i, reason)
			return
		}
	}
}

// pan reads the account number up to sep (not consumed). Track 1 may group
// the digits with spaces; a '*' is the reader's mask and reads as '0'. It
// returns "" when the field holds anything else.
func (s *scanner) pan(sep byte) string {
	start, end := s.pos, s.next(sep)
	s.add("pan", start, end, true)
	s.pos = end
	raw := s.data[start:end]
	if allDigits(raw) {
		s.panLength(start, len(raw))
		return raw
	}
	b := make([]byte, 0, len(raw))
	for i := start; i < end; i++ {
		switch c := s.data[i]; {
		case c >= '0' && c <= '9':
			b = append(b, c)
		case c == '*':
			b = append(b, '0')
			s.stars = true
		case c == ' ' && s.track == 1:
		default:
			s.fail(i, "account number holds a character other than a digit")
			return ""
		}
	}
	s.panLength(start, len(b))
	return string(b)
}

func (s *scanner) panLength(start, n int) {
	switch {
	case n == 0:
		s.fail(start, "account number is empty")
	case n > 19:
		s.fail(start, "account number is longer than 19 digits")
	}
}

// fixed reads an n-digit field at s.pos that a sep may cut short. A field of
// '*' only is the reader's mask and reads as absent.
func (s *scanner) fixed(name, label string, n int, sep byte, sensitive bool) (string, bool) {
	start := s.pos
	end := min(start+n, len(s.data))
	if i := strings.IndexByte(s.data[start:end], sep); i >= 0 {
		end = start + i
	}
	s.add(name, start, end, sensitive)
	s.pos = end
	v := s.data[start:end]
	switch {
	case v != "" && strings.Trim(v, "*") == "":
		s.stars = true
	case len(v) < n:
		s.fail(start, label+" has fewer than "+strconv.Itoa(n)+" digits")
	case !allDigits(v):
		s.fail(start, label+" holds a character other than a digit")
	default:
		return v, true
	}
	return "", false
}

// tail reads what follows the field separator after the PAN (track 2) or the
// name (track 1): expiry or sep, service code or sep, discretionary data. The
// data may end after any field; later fields are then absent.
func (s *scanner) tail(sep byte) (e Expiry, sc ServiceCode, disc string) {
	if s.done() {
		return
	}
	if !s.skip(sep) {
		if v, ok := s.fixed("expiry", "expiry date", 4, sep, false); ok {
			e = parseExpiry(v)
		}
	}
	rest := s.data[s.pos:]
	s.zeroTail = rest != "" && strings.Trim(rest, "0") == ""
	if s.done() {
		return
	}
	if !s.skip(sep) {
		if v, ok := s.fixed("service_code", "service code", 3, sep, false); ok {
			sc = ServiceCode(v)
		}
	}
	if !s.done() {
		disc = s.data[s.pos:]
		s.add("discretionary", s.pos, len(s.data), true)
	}
	return
}

// masked reports reader masking: a '*' in a field, or (MagneSafe style) a
// PAN whose middle digits are zeros, all but a Luhn-correction digit, on a
// track whose data after the expiry is all zeros.
func (s *scanner) masked(pan string) bool {
	if s.stars {
		return true
	}
	if !s.zeroTail || len(pan) < 12 {
		return false
	}
	mid := pan[6 : len(pan)-4]
	return strings.Count(mid, "0") >= len(mid)-1
}

// isTrack1Char reports the ISO/IEC 7811 track 1 (6-bit) character set,
// space to '_'; lower case is reported separately by ParseTrack1.
func isTrack1Char(c byte) bool { return c >= 0x20 && c <= 0x5F }

// isNumericChar reports what tracks 2 and 3 carry in their data: digits and
// '=' (the other 5-bit codes are sentinels and control characters), plus the
// reader's '*' mask.
func isNumericChar(c byte) bool { return c >= '0' && c <= '9' || c == '=' || c == '*' }

// ParseTrack1 parses track 1 data (between the sentinels). It returns a
// *FormatError, along with everything it could read, when the data is not
// ISO/IEC 7813 format B: another format code or none, a character outside the
// track 1 set (lower case points to Caps Lock or the keyboard layout), a
// non-digit or over-long PAN, a short expiry or service code. Data that stops
// after a field (for example right after the name) is not an error: the
// later fields are absent.
func ParseTrack1(data string) (*Track1, error) {
	t := &Track1{}
	s := &scanner{data: data, track: 1}
	if data == "" {
		s.fail(0, "no data")
		return t, s.asError()
	}
	s.charset(func(c byte) bool { return c < 'a' || c > 'z' },
		"lower-case letter: track 1 has upper case only (Caps Lock or keyboard layout?)")
	s.charset(isTrack1Char, "character outside the track 1 character set")
	switch c := data[0]; {
	case c == 'B', c == MaskChar && maskedPAN(data[1:]):
		t.FormatCode = c
		s.add("format_code", 0, 1, false)
		s.pos = 1
		t.PAN = s.pan('^')
		if s.skip('^') {
			t.Name = s.name(t.PAN)
			if s.skip('^') {
				t.Expiry, t.ServiceCode, t.Discretionary = s.tail('^')
			}
		}
	case c >= 'A' && c <= 'Z':
		t.FormatCode = c
		s.add("format_code", 0, 1, false)
		s.pos = 1
		s.fail(0, "format code is not B: not an ISO 7813 bank card")
		s.other(t)
	default:
		s.fail(0, "no format code letter at the start of track 1")
		s.other(t)
	}
	t.Fields = s.fields
	t.Masked = s.masked(t.PAN)
	return t, s.asError()
}

// maskedPAN reports whether the data up to the first '^' is a PAN the reader
// masked: digits with at least one MaskChar in place of some (spaces may
// group them).
func maskedPAN(data string) bool {
	f, _, _ := strings.Cut(data, "^")
	return strings.IndexByte(f, MaskChar) >= 0 && strings.Trim(f, "0123456789* ") == ""
}

// bank reports whether t is a bank track: format B, or format code and PAN
// masked by the reader.
func (t *Track1) bank() bool { return t.FormatCode == 'B' || t.FormatCode == MaskChar }

// name reads the format B name field, after an old-style country code when
// the PAN starts with 59.
func (s *scanner) name(pan string) Name {
	if strings.HasPrefix(pan, "59") && s.pos+3 <= len(s.data) && allDigits(s.data[s.pos:s.pos+3]) {
		s.add("country_code", s.pos, s.pos+3, false)
		s.pos += 3
	}
	start, end := s.pos, s.next('^')
	s.add("name", start, end, true)
	s.pos = end
	return parseISOName(s.data[start:end])
}

// other reads a non-B track 1: an ID number, a name (a field with a letter)
// and the rest as discretionary data.
func (s *scanner) other(t *Track1) {
	if f := s.data[s.pos:s.next('^')]; f != "" && strings.Trim(f, "0123456789 ") == "" {
		t.PAN = s.pan('^')
		if !s.skip('^') {
			return
		}
		start, end := s.pos, s.next('^')
		if strings.IndexFunc(s.data[start:end], isLetter) >= 0 {
			s.add("name", start, end, true)
			t.Name = parseISOName(s.data[start:end])
			s.pos = end
			s.skip('^')
		}
	}
	if !s.done() {
		t.Discretionary = s.data[s.pos:]
		s.add("discretionary", s.pos, len(s.data), true)
	}
}

func isLetter(r rune) bool { return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' }

// ParseTrack2 parses track 2 data (between the sentinels). It returns a
// *FormatError, along with everything it could read, for a character other
// than a digit or '=', an empty or over-long PAN, or a short expiry or
// service code. A bare number without '=' (some gift cards) is not an error.
func ParseTrack2(data string) (*Track2, error) {
	t := &Track2{}
	s := &scanner{data: data, track: 2}
	if data == "" {
		s.fail(0, "no data")
		return t, s.asError()
	}
	s.charset(isNumericChar, "character other than a digit or '=' in track 2")
	t.PAN = s.pan('=')
	if s.skip('=') {
		t.Expiry, t.ServiceCode, t.Discretionary = s.tail('=')
	}
	t.Fields = s.fields
	t.Masked = s.masked(t.PAN)
	return t, s.asError()
}

// ParseTrack3 parses track 3 data (between the sentinels) as described at
// Track3. It returns a *FormatError for a character other than a digit or
// '=' (the whole data is then Raw) or a bad PAN.
func ParseTrack3(data string) (*Track3, error) {
	t := &Track3{}
	s := &scanner{data: data, track: 3}
	if data == "" {
		s.fail(0, "no data")
		return t, s.asError()
	}
	s.charset(isNumericChar, "character other than a digit or '=' in track 3")
	if s.err == nil {
		if fc := data[:min(2, len(data))]; fc == "00" || fc == "01" || fc == "02" {
			t.FormatCode = fc
			s.add("format_code", 0, 2, false)
			s.pos = 2
		}
		if t.FormatCode != "" || strings.IndexByte(data, '=') >= 0 {
			t.PAN = s.pan('=')
			s.skip('=')
		}
	}
	if !s.done() {
		t.Raw = data[s.pos:]
		s.add("raw", s.pos, len(data), true)
	}
	t.Fields = s.fields
	return t, s.asError()
}

// ParseEMVTrack2 parses EMV tag 57, Track 2 Equivalent Data, given as hex:
// the digits of track 2 with 'D' as the separator and an 'F' pad nibble at
// the end. The "57" tag and its length byte may come first, and spaces may
// separate the bytes. Field offsets and error positions refer to the hex
// text as given.
func ParseEMVTrack2(hex string) (*Track2, error) {
	fail := func(pos int, reason string) (*Track2, error) {
		return &Track2{}, &FormatError{Track: 2, Pos: pos, Reason: reason}
	}
	nib := make([]byte, 0, len(hex))
	at := make([]int, 0, len(hex)) // at[i] is where nib[i] stands in hex
	for i := 0; i < len(hex); i++ {
		c := hex[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			continue
		case c >= 'a' && c <= 'f':
			c -= 'a' - 'A'
		case !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F'):
			return fail(i, "not a hexadecimal digit")
		}
		nib = append(nib, c)
		at = append(at, i)
	}
	if len(nib) >= 4 && nib[0] == '5' && nib[1] == '7' && 2*(nibble(nib[2])<<4|nibble(nib[3])) == len(nib)-4 {
		nib, at = nib[4:], at[4:]
	}
	if n := len(nib); n > 0 && nib[n-1] == 'F' {
		nib, at = nib[:n-1], at[:n-1]
	}
	if len(nib) == 0 {
		return fail(len(hex), "no data")
	}
	sep := -1
	for i, c := range nib {
		switch {
		case c == 'D':
			nib[i] = '='
			if sep < 0 {
				sep = i
			}
		case c > '9':
			return fail(at[i], "hex letter other than the 'D' separator or the final 'F' pad")
		}
	}
	if sep < 0 {
		return fail(at[len(at)-1], "no 'D' separator after the account number")
	}
	t, err := ParseTrack2(string(nib))
	for i := range t.Fields {
		f := &t.Fields[i]
		f.Start, f.End = at[f.Start], at[f.End-1]+1
	}
	if fe, ok := err.(*FormatError); ok {
		fe.Pos = at[fe.Pos]
	}
	return t, err
}

func nibble(c byte) int {
	if c >= 'A' {
		return int(c-'A') + 10
	}
	return int(c - '0')
}
