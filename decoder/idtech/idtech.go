// Package idtech reads the encrypted card data that ID TECH readers
// (SecureMag, SecureHead, SecuRED, SREDKey, and the same readers sold under
// other names, such as Unitech's MS246) type in keyboard mode: the frame
// their HID mode sends as bytes, typed as text.
//
// # The frame
//
// The frame is STX (0x02), the length of the card data (2 bytes, low byte
// first), the card data, CheckLRC (the XOR of the card data), CheckSum (its
// sum, modulo 256) and ETX (0x03). The card data starts with the card
// encode type (below 0x80 the original format, from 0x80 the enhanced one),
// the track status and the three track lengths; the enhanced format adds
// two bytes that say which fields follow (the clear or masked tracks, the
// encrypted tracks, the hashes, the serial number, the KSN). Package webhid
// reads that layout (webhid.ParseIDTechCard); this package reads the typing.
//
// # The typing
//
// In keyboard mode the reader types each byte as two hexadecimal digits,
// except the clear or masked tracks, which it types as the text they hold:
// "02", the length, the header, then "%*4266********9999^…?*" as it is,
// then the encrypted fields in hex, then CheckLRC, CheckSum and "03". The
// length, CheckLRC and CheckSum are then computed over the characters
// typed: the length counts the card data's characters, CheckLRC is the XOR
// and CheckSum the sum of their character codes. A reader may also type
// the masked tracks in hex, and compute the checks over the bytes as a HID
// frame carries them; Parse accepts all four, and Record says which it
// found. Upper- and lower-case hex digits are the same.
//
// # Finding the frame
//
// Parse looks for "02" followed by 4 hex digits of length and a card encode
// type ID TECH defines (00, 01, 03, 04 or 80, 81, 83, 84), where text
// begins or after a character that is not a letter or digit. It reads the
// frame the length gives, and takes the characters right after "03" that
// are CR, LF or Tab as its terminator. A frame that starts so but whose
// length, hex, masked tracks or ETX do not add up is a damaged frame (a
// *SyntaxError): keystrokes lost or changed on the way, most likely.
//
// Errors name positions, never the data: a frame holds card data and
// ciphertext.
package idtech

import (
	"errors"
	"strconv"
	"strings"

	"magcheck/internal/hexdigit"
	"magcheck/webhid"
)

// Typing says how a frame was typed.
type Typing string

// How a frame can be typed.
const (
	// TextMasked: masked tracks as their text, everything else in hex,
	// length and checks over the typed characters (what ID TECH's readers
	// do in keyboard mode).
	TextMasked Typing = "text-masked"
	// TextMaskedByteChecks: masked tracks as text, length and checks over
	// the bytes.
	TextMaskedByteChecks Typing = "text-masked, byte checks"
	// AllHex: every byte in hex, length and checks over the typed
	// characters.
	AllHex Typing = "hex"
	// AllHexByteChecks: every byte in hex, length and checks over the
	// bytes, as a HID frame written out in hex.
	AllHexByteChecks Typing = "hex, byte checks"
)

// MaxFrame is the most characters Parse reads as one frame: the length
// field allows 65 535, but a reader's frame is well under 2 000.
const MaxFrame = 4096

// Record is one frame as a reader typed it.
type Record struct {
	// Start and End are the frame's byte offsets in the text Parse read,
	// from the "02" to just past its terminator (a damaged frame: to the
	// end of its line).
	Start, End int
	Enhanced   bool   // the enhanced encryption format (encode type 0x80 and up)
	Typing     Typing // how it was typed; "" for a damaged frame
	Length     int    // the length field
	// LRC and Sum are CheckLRC and CheckSum as sent, LRCWant and SumWant
	// as computed over the card data the way Typing says.
	LRC, Sum, LRCWant, SumWant byte
	// Masked holds the clear or masked tracks as typed: start sentinel to
	// end sentinel and the masked LRC character; "" for a track not sent.
	Masked [3]string
	// Card is the card data as bytes, from the card encode type on.
	Card []byte
	// Report is what webhid.ParseIDTechCard reads in Card.
	Report     *webhid.Report
	Terminator string // CR, LF or Tab after the ETX, as typed
}

// ChecksOK reports whether CheckLRC and CheckSum match the card data.
func (r *Record) ChecksOK() bool { return r.LRC == r.LRCWant && r.Sum == r.SumWant }

// ErrNotRecord is Parse's error for text that holds no ID TECH frame.
var ErrNotRecord = errors.New("idtech: no ID TECH encrypted frame")

// Kind says what a SyntaxError found wrong; its value is the words Error
// uses.
type Kind string

// The kinds of SyntaxError.
const (
	KindLength Kind = "length does not match the characters typed" // Len characters typed, Want: the length field
	KindNotHex Kind = "character that is not hex"                  // at Offset
	KindMasked Kind = "masked track cut short or not text"         // track Want at Offset
	KindETX    Kind = "no ETX"                                     // at Offset
	KindLarge  Kind = "length above the largest frame"             // Len, at most Want
	KindLayout Kind = "fields do not follow the layout"            // Err says how
)

// A SyntaxError reports a frame that starts as one but whose typing does
// not add up. Offset is a byte offset in the text Parse read; Err, for
// KindLayout, is webhid's error about the card data.
type SyntaxError struct {
	Offset int
	Kind   Kind
	Len    int
	Want   int
	Err    error
	_      [0]func() // not comparable: no equality code in the page
}

func (e *SyntaxError) Error() string {
	s := "idtech: " + string(e.Kind)
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s + " (" + strconv.Itoa(e.Len) + ", want " + strconv.Itoa(e.Want) + ") at offset " + strconv.Itoa(e.Offset)
}

// Unwrap returns webhid's error for KindLayout.
func (e *SyntaxError) Unwrap() error { return e.Err }

// maxTries bounds the frame starts Parse tries.
const maxTries = 8

// Parse finds the first ID TECH frame typed in s. It returns ErrNotRecord
// when s holds none, and a *SyntaxError for a damaged frame together with
// a Record holding what could be read of it (Start, End, Enhanced, Length,
// and the masked tracks when they were found). Checks that do not match are
// no error: see Record.ChecksOK.
func Parse(s string) (*Record, error) {
	tries := 0
	for i := 0; i+8 <= len(s) && tries < maxTries; i++ {
		if s[i] != '0' || s[i+1] != '2' || i > 0 && isAlnum(s[i-1]) || !allHex(s[i+2:i+8]) || !encodeType(hexByte(s[i+6:])) {
			continue
		}
		tries++
		if r, err := parseAt(s, i); r != nil {
			return r, err
		}
	}
	return nil, ErrNotRecord
}

// encodeType reports a card encode type ID TECH defines for encrypted
// output: ISO/ABA, AAMVA, other and raw, original (0x0_) or enhanced (0x8_).
func encodeType(b int) bool {
	switch b {
	case 0x00, 0x01, 0x03, 0x04, 0x80, 0x81, 0x83, 0x84:
		return true
	}
	return false
}

// layout is the start of a frame: its header and where its masked tracks
// lie when typed as text.
type layout struct {
	i        int // offset of "02"
	length   int
	hdr      int    // header bytes: 5 or 7
	lens     [3]int // track lengths
	sent     [3]bool
	enhanced bool
}

// parseAt reads the frame whose STX is typed at s[i]. It returns nil when
// the text there is too unlike a frame to call it one.
func parseAt(s string, i int) (*Record, error) {
	l := layout{i: i, length: hexByte(s[i+2:]) | hexByte(s[i+4:])<<8}
	typ := hexByte(s[i+6:])
	l.enhanced = typ&0x80 != 0
	l.hdr = 5
	if l.enhanced {
		l.hdr = 7
	}
	at := i + 6
	if at+2*l.hdr > len(s) || !allHex(s[at:at+2*l.hdr]) {
		return nil, ErrNotRecord
	}
	var hdr [7]byte
	for k := 0; k < l.hdr; k++ {
		hdr[k] = byte(hexByte(s[at+2*k:]))
	}
	for k := range 3 {
		l.lens[k] = int(hdr[2+k])
		switch {
		case typ&0x7F == 4: // raw: no clear or masked data
		case l.enhanced:
			l.sent[k] = hdr[5]&(1<<k) != 0
		default:
			l.sent[k] = true
		}
	}
	r := &Record{Start: i, End: lineEnd(s, i), Enhanced: l.enhanced, Length: l.length}
	if l.length > MaxFrame {
		return r, &SyntaxError{Offset: i + 2, Kind: KindLarge, Len: l.length, Want: MaxFrame}
	}
	var found *Record
	var errs []error
	for t, typing := range typings {
		c := *r
		c.Typing = typing
		ok, err := l.try(s, t&1 == 0, t >= 2, &c)
		switch {
		case ok && c.ChecksOK():
			return &c, nil
		case ok && found == nil:
			found = &c
		case err != nil:
			errs = append(errs, err)
		}
	}
	if found != nil {
		return found, nil
	}
	return l.damaged(s, r, errs)
}

// damaged tells a damaged frame from text that only starts like one: a
// frame has its first masked track typed as text right after the header,
// or is all hex and ends in ETX. It keeps the masked tracks that are
// whole, and says what is wrong: the first error of a typing whose ETX
// was where the length said, else a length that does not match what was
// typed, else no ETX at the end of the line.
func (l *layout) damaged(s string, r *Record, errs []error) (*Record, error) {
	line := s[l.i:r.End]
	for line != "" && isControl(line[len(line)-1]) {
		line = line[:len(line)-1]
	}
	etx := len(line) >= 2*l.hdr+12 && line[len(line)-2:] == "03"
	p := l.i + 6 + 2*l.hdr
	text := false
	for k := range 3 {
		if l.sent[k] && l.lens[k] > 0 {
			text = p < len(s) && isStartSentinel(s[p])
			break
		}
	}
	if !text && !(etx && allHex(line)) {
		return nil, ErrNotRecord
	}
	for k := range 3 {
		if !l.sent[k] || l.lens[k] == 0 {
			continue
		}
		if p+l.lens[k] > l.i+len(line) {
			break
		}
		m := s[p : p+l.lens[k]]
		if !printable(m) || !isStartSentinel(m[0]) || strings.IndexByte(m[max(0, len(m)-2):], '?') < 0 {
			break
		}
		r.Masked[k] = m
		p += l.lens[k]
	}
	for _, err := range errs {
		if e, ok := err.(*SyntaxError); ok && e.Kind != KindETX {
			return r, err
		}
	}
	if etx {
		return r, &SyntaxError{Offset: l.i + 2, Kind: KindLength, Len: len(line) - 12, Want: l.length}
	}
	return r, &SyntaxError{Offset: l.i + len(line), Kind: KindETX}
}

// isStartSentinel reports a character a track's text begins with.
func isStartSentinel(c byte) bool {
	switch c {
	case '%', ';', '+', '#', '!', '&', '@':
		return true
	}
	return false
}

// typings are the ways Parse tries, in order: masked tracks as text (even
// index) or hex, length and checks over the characters (index below 2) or
// the bytes.
var typings = [...]Typing{TextMasked, AllHex, TextMaskedByteChecks, AllHexByteChecks}

// try reads the frame as typed with the masked tracks as text or not and
// the length and checks over the bytes or the characters; it fills r and
// reports true when the frame's length, typing and ETX add up (the checks
// need not match).
func (l *layout) try(s string, text, byteChecks bool, r *Record) (bool, error) {
	at := l.i + 6
	hdrChars := 2 * l.hdr
	maskedLen := 0
	if text {
		for k := range 3 {
			if l.sent[k] {
				maskedLen += l.lens[k]
			}
		}
	}
	// The card data's typed length, from the length field.
	n := l.length
	if byteChecks {
		// The field counts bytes: the header, the masked text, hex.
		n = hdrChars + maskedLen + 2*(l.length-l.hdr-maskedLen)
		if l.length < l.hdr+maskedLen {
			return false, nil
		}
	}
	end := at + n
	if n < hdrChars+maskedLen || end+6 > len(s) {
		return false, nil
	}
	if s[end+4] != '0' || s[end+5] != '3' || !allHex(s[end:end+4]) {
		return false, &SyntaxError{Offset: end + 4, Kind: KindETX}
	}
	// Card data to bytes.
	card := make([]byte, 0, n/2+maskedLen)
	var masked [3]string
	p := at
	for ; p < at+hdrChars; p += 2 {
		card = append(card, byte(hexByte(s[p:])))
	}
	if text {
		for k := range 3 {
			if !l.sent[k] {
				continue
			}
			m := s[p : p+l.lens[k]]
			if !printable(m) {
				return false, &SyntaxError{Offset: p, Kind: KindMasked, Want: k + 1}
			}
			masked[k] = m
			card = append(card, m...)
			p += l.lens[k]
		}
	}
	if (end-p)%2 != 0 {
		return false, nil
	}
	for ; p < end; p += 2 {
		if !allHex(s[p : p+2]) {
			return false, &SyntaxError{Offset: p, Kind: KindNotHex}
		}
		card = append(card, byte(hexByte(s[p:])))
	}
	var lrc, sum byte
	if byteChecks {
		for _, b := range card {
			lrc ^= b
			sum += b
		}
	} else {
		for j := at; j < end; j++ {
			lrc ^= s[j]
			sum += s[j]
		}
	}
	rep, err := webhid.ParseIDTechCard(card)
	if err != nil {
		return false, &SyntaxError{Offset: at, Kind: KindLayout, Err: err}
	}
	if !text {
		for k, tr := range rep.Tracks {
			masked[k] = tr.Text
		}
	}
	r.Card, r.Report, r.Masked = card, rep, masked
	r.LRC, r.Sum = byte(hexByte(s[end:])), byte(hexByte(s[end+2:]))
	r.LRCWant, r.SumWant = lrc, sum
	e := end + 6
	t2 := e
	for t2 < len(s) && (s[t2] == '\r' || s[t2] == '\n' || s[t2] == '\t') {
		t2++
	}
	r.Terminator, r.End = s[e:t2], t2
	return true, nil
}

// lineEnd is the end of the line s[i] is on, with its line break.
func lineEnd(s string, i int) int {
	j := i
	for j < len(s) && j-i <= MaxFrame && !isControl(s[j]) {
		j++
	}
	for j < len(s) && (s[j] == '\r' || s[j] == '\n' || s[j] == '\t') {
		j++
	}
	return j
}

func isControl(c byte) bool { return c < ' ' || c == 0x7f }

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z'
}

// printable reports text of printable ASCII characters.
// It stays out of line: inlined in every loop it made the page's
// WebAssembly larger.
//
//go:noinline
func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if isControl(s[i]) || s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// hexByte is the byte two hex digits at the start of s stand for, or -1.
// It stays out of line, as hexVal.
//
//go:noinline
func hexByte(s string) int {
	if len(s) < 2 {
		return -1
	}
	hi, lo := hexdigit.Value(s[0]), hexdigit.Value(s[1])
	if hi < 0 || lo < 0 {
		return -1
	}
	return hi<<4 | lo
}

// allHex reports whether every character of s is a hex digit.
// It stays out of line: inlined in every loop it made the page's
// WebAssembly larger.
//
//go:noinline
func allHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if hexdigit.Value(s[i]) < 0 {
			return false
		}
	}
	return true
}
