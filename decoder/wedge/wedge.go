// Package wedge splits the text a keyboard-wedge magnetic-stripe reader
// typed, or a technician pasted from a log, into its tracks.
//
// A reader types each track it read as start sentinel, data, end sentinel:
// %…? for track 1, ;…? for track 2 and ;…? or +…? for track 3 (#, ! or &
// for the 7-bit track 3 of driver's licences). It sends E as the data of a
// track it failed to decode (%E?) and nothing for a track that is blank.
// Around the tracks it may add a preamble and a postamble, a terminator (CR,
// LF, CR LF or Tab) and, after each end sentinel, the track's LRC character.
// Logs add NUL padding; pastes lose start sentinels. Split reports all of
// this and keeps every character: the Capture holds the text, and each
// Track its place in it.
//
// # Rules
//
// Before splitting, NUL bytes are removed and counted, bytes that are not
// UTF-8 are read as Latin-1, the full-width forms and the punctuation of a
// Chinese input method are read as the ASCII they stand for (package
// keyboard's Narrow: ％Ｂ４１ is %B41), track 2 written in hex (EMV tag 57,
// or the track's nibbles; see below) is turned into a track-2 text, and
// package keyboard undoes a non-US host layout and Caps Lock. Splitting runs
// on that repaired text, because a wrong layout turns ordinary characters
// into sentinels (on AZERTY an M in the name becomes ?).
//
// Track assignment. % opens track 1; the first ; opens track 2 and a later
// one track 3; +, #, ! and & open track 3. A sentinel whose track is
// already filled opens nothing: it and what follows are extra characters.
// A sentinel opens a track only when what follows can be track data: % needs
// a letter or digit (without an end sentinel, an upper-case letter or digit,
// or a lower-case format code and a digit as Caps Lock types it); ; and +
// need a track-2/3 character, or an end sentinel after data without spaces
// (the error marker E?, digits masked with X); #, ! and & need a character
// of the 6-bit set, and without an end sentinel the track must follow
// another track and run to the end of the capture. So "50% off", "Order
// #123" and the preamble "!STCARD A " open no track.
//
// End of a track. Track 1, track 2 and a track 3 opened by ; or + end at
// the first ?, which their character sets reserve for the end sentinel.
// The 7-bit track 3 opened by #, ! or & (AAMVA licences) may hold ? in its
// data, and a reader sends it last: it runs to the next control character
// or % that opens a track 1, and its end sentinel is the last ? there. A
// track without end sentinel stops at a control character, at the start of
// another track (tracks 2 and 3 also at a space), or at the end of the
// text, without trailing spaces; track 1 also stops at a ; or + that opens
// a complete track 2 or 3, which is what a track 1 that lost its end
// sentinel looks like. E alone between the sentinels is the reader's error
// marker (ReaderError), not data.
//
// Character sets. Track 1 and the 7-bit track 3 hold 0x20–0x5F, tracks 2
// and 3 0x30–0x3F; anything else in Data, lower case included, is an
// InvalidCharacter. A track longer than its capacity (79, 40 or 107
// characters with start sentinel, end sentinel and LRC) is TooLong but
// kept whole.
//
// LRC. The character right after an end sentinel is the track's LRC when it
// equals the LRC computed from the track (the XOR of the character values,
// start and end sentinels included, as the stripe records them). A
// start-sentinel character is taken as the LRC only when no track can begin
// with it. The LRC is not part of Track.Text.
//
// Tracks without start sentinel. Text outside the tracks is cut at control
// characters and trimmed of spaces. A piece that, but for a trailing ?,
// holds only track-2/3 characters with an = and starts with a digit becomes
// track 2 (track 3 when 2 is taken); one of printable ASCII with a ^ that
// starts with a letter or digit becomes track 1. Both carry
// MissingStartSentinel. Other text is not a track: typing such as
// "asdfasdfasdf12345" gives a Capture without tracks.
//
// Around the tracks. Control characters and spaces around and between the
// tracks separate them: Prefix, Suffix and Extra are trimmed of them, and
// Terminator is the first CR, LF, CR LF or Tab after the last track. Input
// made of nothing else is ErrEmpty.
//
// # Track 2 in hex
//
// A track-2 character is four data bits and a parity bit (ISO/IEC 7811-2),
// and its text is those four bits' value plus 0x30: 0–9 are the digits, D
// (=) the field separator, B (;) the start sentinel, F (?) the end
// sentinel, and A, C and E the control characters :, < and >. So logs,
// payment messages and chip data write track 2 as one hex digit per
// character. Split reads two such forms, when the whole input is one
// record on one line (spaces and tabs may separate the digits, case does
// not matter):
//
//   - EMV tag 57, Track 2 Equivalent Data, the copy of track 2 a chip card
//     holds and terminals log: PAN, D, expiry, service code and
//     discretionary data, without sentinels or LRC, at most 19 bytes, and
//     an F nibble to fill the last byte when the digits are odd in number.
//     The tag 57 and its length byte may lead it; they are taken for it
//     when the length counts the bytes that follow, or when the record
//     cannot be read without them. It becomes ;PAN=…? and EMV is set.
//   - Track 2 as recorded, nibble by nibble: B, PAN, D, …, F, then perhaps
//     the LRC nibble, then zeros that pad the record to whole bytes. Each
//     nibble becomes its character; zeros and Fs at the end, after the
//     end sentinel, are padding and are dropped. A record cut before its F
//     keeps its missing end sentinel, and an odd digit count is no fault.
//
// A record is a PAN of 1 to 19 digits and a D, led by B for the nibble
// form. Capture.Hex says which form was read and what is wrong with it,
// each problem with its place in Raw: a character that is no hex digit (up
// to two such letters, an O typed for a 0, still make the input a damaged
// record; more make it text), a hex letter tag 57 cannot hold (anything
// but its one D and the F pad), or a length byte that does not count the
// bytes that follow keep the record from being read: the Capture then has
// no tracks, and its Text is not repaired. An odd digit count in tag 57 is
// read. A record that
// cannot be read is taken for one only with a PAN of at least 8 digits or
// a tag: "12 days" is text.
package wedge

import (
	"strings"
	"unicode/utf8"

	"magcheck/decoder/keyboard"
)

// MaxCapture is the largest input Split accepts, in bytes. A swipe is a few
// hundred bytes; a log paste of many swipes still fits.
const MaxCapture = 64 << 10

// InputError is the error Split returns for input it cannot split.
type InputError struct {
	Reason string
}

func (e *InputError) Error() string { return "wedge: " + e.Reason }

// Errors returned by Split; compare with errors.Is.
var (
	ErrEmpty    error = &InputError{"empty input: no characters other than whitespace or padding"}
	ErrTooLarge error = &InputError{"input larger than 64 KiB: not a reader capture"}
	ErrBinary   error = &InputError{"binary input: control bytes or non-text, not reader text"}
)

// Capture is one reader capture split into tracks.
type Capture struct {
	Raw            string            // the input as given
	Text           string            // after NUL removal, hex conversion and keyboard repair; Track offsets refer to it
	Layout         keyboard.Layout   // host layout the text was typed under (keyboard.US when nothing was undone)
	CapsLock       bool              // Caps Lock was on and has been undone
	LayoutEvidence keyboard.Evidence // why package keyboard chose Layout and CapsLock, without card data
	EMV            bool              // the input was EMV tag 57 hex, turned into a track-2 text
	Hex            *Hex              // how the input was read as track 2 in hex (EMV tag 57 or nibbles); nil for text
	Prefix         string            // characters before the first track (vendor preamble), trimmed
	Suffix         string            // characters after the last track and its LRC (postamble), trimmed
	Terminator     string            // "\r", "\n", "\r\n", "\t" or "": the first line end after the last track
	NULs           int               // NUL padding bytes removed

	// InputMethod is what a host's input method typed that was read as
	// ASCII: full-width forms and its punctuation.
	InputMethod keyboard.InputMethod

	// Tracks[0] is track 1; nil means the reader sent nothing for that track.
	Tracks [3]*Track
}

// Track is one track found in a Capture.
type Track struct {
	Number      int
	Text        string // start sentinel through end sentinel, or to where the track stops, as in Capture.Text
	Offset      int    // byte offset of Text in Capture.Text
	Start       byte   // the start sentinel seen ('%', ';', '+', '#', '!', '&'), 0 if missing
	End         bool   // the end sentinel '?' is present
	Data        string // between the sentinels
	ReaderError bool   // the reader sent E as the data: it could not decode the track
	LRC         byte   // the LRC character that followed the end sentinel, 0 if none
	Issues      []Issue
}

// Issue is one problem found in a track.
type Issue struct {
	Kind IssueKind
	Pos  int  // byte offset in Track.Text, -1 for the whole track
	Char rune // the offending character, for InvalidCharacter and LRCCharacter
}

// IssueKind names a problem found in a track.
type IssueKind string

// Issue kinds.
const (
	MissingStartSentinel IssueKind = "missing_start_sentinel"
	MissingEndSentinel   IssueKind = "missing_end_sentinel" // also a truncated track
	InvalidCharacter     IssueKind = "invalid_character"    // outside the track's character set, lower case in track 1 included
	TooLong              IssueKind = "track_too_long"       // more than 79/40/107 characters with SS, ES and LRC
	LRCCharacter         IssueKind = "lrc_present"          // an LRC character followed the end sentinel
)

// frame holds the characters that separate tracks and frame a capture:
// whitespace and the STX, ETX and ESC that insertion readers send.
const frame = " \t\r\n\x02\x03\x1b"

// Split splits reader text into tracks: Read, then Capture.Split. It
// refuses empty, oversized and binary input with ErrEmpty, ErrTooLarge or
// ErrBinary; any other text gives a Capture, with no tracks when none was
// found.
func Split(s string) (*Capture, error) {
	c, err := Read(s)
	if err != nil {
		return nil, err
	}
	c.Split()
	return c, nil
}

// Read reads reader text as Split does, up to its tracks: it refuses
// empty, oversized and binary input, removes NULs, reads what an input
// method typed and track 2 written in hex, and undoes a host layout and
// Caps Lock. The Capture's Text is what to look for a reader's record in,
// or to split with Capture.Split.
func Read(s string) (*Capture, error) {
	c, text, err := read(s)
	if err != nil {
		return nil, err
	}
	// Hex read after the input method's forms are narrowed has its
	// problems placed in that text, not in Raw.
	hex := s
	if narrow, im := keyboard.Narrow(text); !im.IsZero() {
		text, hex, c.InputMethod = narrow, narrow, im
	}
	if t2, h := readHex(hex); h != nil {
		c.Hex = h
		if !h.Read() {
			// A damaged record is no reader text: nothing to repair or split.
			c.Text, c.Layout = text, keyboard.US
			return c, nil
		}
		text, c.EMV = t2, h.Form == HexEMV
	}
	r := keyboard.RepairText(text)
	c.Text, c.Layout, c.CapsLock, c.LayoutEvidence = r.Text, r.Layout, r.CapsLock, r.Evidence
	return c, nil
}

// Typed is Read for text whose host layout is known: what package keyboard
// rebuilt from a swipe's keys (keyboard.Rebuild), typed on a host set to
// layout l with Caps Lock caps. The text is US text already: it is not
// repaired again, nor read as hex.
func Typed(s string, l keyboard.Layout, caps bool) (*Capture, error) {
	c, text, err := read(s)
	if err != nil {
		return nil, err
	}
	c.Text, c.Layout, c.CapsLock = text, l, caps
	return c, nil
}

// read refuses empty, oversized and binary input, and starts a Capture of
// the rest, whose cleaned text it returns.
func read(s string) (*Capture, string, error) {
	if len(s) > MaxCapture {
		return nil, "", ErrTooLarge
	}
	text, nuls, err := clean(s)
	if err != nil {
		return nil, "", err
	}
	if strings.Trim(text, frame) == "" {
		return nil, "", ErrEmpty
	}
	return &Capture{Raw: s, NULs: nuls}, text, nil
}

// Split finds the tracks in c.Text and the text around them. A damaged
// hex record (Hex.Read false) has none.
func (c *Capture) Split() {
	if c.Hex != nil && !c.Hex.Read() {
		return
	}
	c.split()
}

// clean refuses binary input, removes NULs and reads bytes that are not
// UTF-8 as Latin-1 (a log written in a legacy code page).
func clean(s string) (string, int, error) {
	nuls, bad := 0, 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			switch {
			case b == 0:
				nuls++
			case b == 0x7f || b < ' ' && !strings.ContainsRune(frame, rune(b)):
				return "", 0, ErrBinary
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		i += n
	}
	if 2*bad > len(s) {
		return "", 0, ErrBinary
	}
	if nuls == 0 && bad == 0 {
		return s, 0, nil
	}
	var b strings.Builder
	b.Grow(len(s) + bad)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case s[i] == 0:
		case r == utf8.RuneError && n == 1:
			b.WriteRune(rune(s[i]))
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String(), nuls, nil
}

// Extra returns the characters the capture carried outside its tracks and
// their LRC characters, trimmed of separators: the prefix, text between
// tracks and the suffix, in order. It is nil for a capture without tracks.
func (c *Capture) Extra() []string {
	ts := c.Ordered()
	if len(ts) == 0 {
		return nil
	}
	var out []string
	add := func(s string) {
		if s != "" {
			out = append(out, s)
		}
	}
	add(c.Prefix)
	for i := 1; i < len(ts); i++ {
		add(strings.Trim(c.Text[ts[i-1].end():ts[i].Offset], frame))
	}
	add(c.Suffix)
	return out
}

// Ordered returns the tracks found, in the order they appear in the text.
func (c *Capture) Ordered() []*Track {
	ts := make([]*Track, 0, len(c.Tracks))
	for _, t := range c.Tracks {
		if t == nil {
			continue
		}
		i := len(ts)
		ts = append(ts, t)
		for ; i > 0 && ts[i-1].Offset > t.Offset; i-- {
			ts[i] = ts[i-1]
		}
		ts[i] = t
	}
	return ts
}

// end is the offset just past the track and its LRC character.
func (t *Track) end() int {
	e := t.Offset + len(t.Text)
	if t.LRC != 0 {
		e++
	}
	return e
}
