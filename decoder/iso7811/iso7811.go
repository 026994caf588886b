// Package iso7811 implements the track character sets of ISO/IEC 7811
// magnetic stripes and the decoding of a raw track bit stream, as an audio
// (F2F) decoder or a raw head reader delivers it, into track characters.
//
// A track is recorded as clocking zeros, the start sentinel (SS), the data,
// the end sentinel (ES), the longitudinal redundancy check (LRC) character
// and more clocking zeros. Each character is stored least significant data
// bit first with an odd parity bit last. Track 1 uses the [Alpha] format
// (6 data bits); tracks 2 and 3 use the [Numeric] format (4 data bits).
// [TrackFormat] and [TrackDensity] give each track's format and recording
// density.
//
// The LRC's data bits are the XOR of the data bits of every character from
// SS through ES; it carries its own odd parity bit. The LRC is the character
// right after the ES, so decoders take it by position, never by searching:
// its value may itself equal the ES.
//
// Bit streams here hold one bit per byte, each 0 or 1, in the order the
// head read them. Decode also tries the stream reversed (a card swiped the
// other way) and inverted (a reader reporting the opposite polarity).
//
// Errors name positions only: card data never appears in an error message.
package iso7811

import (
	"errors"
	"math/bits"
	"strconv"
)

// Format is a track character format.
type Format int

const (
	// Alpha is the track 1 (IATA) format: 6 data bits and odd parity,
	// ASCII = value + 0x20, SS '%', ES '?', field separator '^'.
	Alpha Format = 1
	// Numeric is the track 2 (ABA) and track 3 (THRIFT) format: 4 data bits
	// and odd parity, ASCII = value + 0x30, SS ';', ES '?', field separator '='.
	Numeric Format = 2
)

// ErrUnknownFormat is returned for a Format other than Alpha and Numeric.
var ErrUnknownFormat = errors.New("iso7811: unknown format")

// String returns "alpha" or "numeric".
func (f Format) String() string {
	switch f {
	case Alpha:
		return "alpha"
	case Numeric:
		return "numeric"
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// CharBits returns the bits per character including parity: 7 for Alpha,
// 5 for Numeric, 0 for an unknown format.
func (f Format) CharBits() int {
	switch f {
	case Alpha:
		return 7
	case Numeric:
		return 5
	}
	return 0
}

// offset is what a character's value is added to to give its ASCII code.
func (f Format) offset() byte {
	if f == Alpha {
		return 0x20
	}
	return 0x30
}

// StartSentinel returns the start sentinel: '%' for Alpha, ';' for Numeric,
// 0 for an unknown format.
func (f Format) StartSentinel() byte {
	switch f {
	case Alpha:
		return '%'
	case Numeric:
		return ';'
	}
	return 0
}

// EndSentinel returns the end sentinel, '?', or 0 for an unknown format.
func (f Format) EndSentinel() byte {
	if f.CharBits() == 0 {
		return 0
	}
	return '?'
}

// FieldSeparator returns the field separator: '^' for Alpha, '=' for
// Numeric, 0 for an unknown format.
func (f Format) FieldSeparator() byte {
	switch f {
	case Alpha:
		return '^'
	case Numeric:
		return '='
	}
	return 0
}

// Contains reports whether c is in the format's character set:
// 0x20–0x5F for Alpha, 0x30–0x3F for Numeric.
func (f Format) Contains(c byte) bool {
	k := f.CharBits()
	return k != 0 && c >= f.offset() && c-f.offset() < 1<<(k-1)
}

// MaxLength returns the ISO/IEC 7811 maximum number of characters on track
// 1, 2 or 3, counting SS, ES and LRC: 79, 40 or 107. It returns 0 for any
// other track number. Real cards and readers sometimes exceed it slightly,
// so decoders here flag rather than reject longer tracks.
func MaxLength(track int) int {
	switch track {
	case 1:
		return 79
	case 2:
		return 40
	case 3:
		return 107
	}
	return 0
}

// TrackFormat returns the character format ISO/IEC 7811 records on track
// 1, 2 or 3: Alpha on track 1, Numeric on tracks 2 and 3. It returns 0, an
// unknown Format, for any other track number.
func TrackFormat(track int) Format {
	switch track {
	case 1:
		return Alpha
	case 2, 3:
		return Numeric
	}
	return 0
}

// TrackDensity returns the ISO/IEC 7811 recording density of track 1, 2 or
// 3 in bits per inch: 210, 75 or 210. It returns 0 for any other track
// number. A character takes TrackFormat(track).CharBits() bits, so its
// length on the stripe, and the rate at which a swipe delivers bits, differ
// per track: track 2's low density spreads its few characters out.
func TrackDensity(track int) int {
	switch track {
	case 1, 3:
		return 210
	case 2:
		return 75
	}
	return 0
}

// A TextError reports track text that LRC or Encode cannot accept. It names
// the position only: track text is card data and stays out of messages.
type TextError struct {
	Pos    int // byte index in the text
	Reason string
}

func (e *TextError) Error() string {
	return "iso7811: text byte " + strconv.Itoa(e.Pos) + ": " + e.Reason
}

// withParity returns the k-bit character for data value v: v with the odd
// parity bit set above it.
func withParity(v byte, k int) byte {
	if bits.OnesCount8(v)&1 == 0 {
		v |= 1 << (k - 1)
	}
	return v
}

// lrcValue checks that text is SS, characters of the set and ES, and
// returns the LRC data value: the XOR of all character values.
func (f Format) lrcValue(text string) (byte, error) {
	if f.CharBits() == 0 {
		return 0, ErrUnknownFormat
	}
	if text == "" || text[0] != f.StartSentinel() {
		return 0, &TextError{0, "text does not begin with the start sentinel"}
	}
	var x byte
	last := len(text) - 1
	for i := 0; i < len(text); i++ {
		c := text[i]
		if !f.Contains(c) {
			return 0, &TextError{i, "character outside the " + f.String() + " character set"}
		}
		if c == '?' && i != last {
			return 0, &TextError{i, "end sentinel before the end of the text"}
		}
		x ^= c - f.offset()
	}
	if last == 0 || text[last] != '?' {
		return 0, &TextError{len(text), "text does not end with the end sentinel"}
	}
	return x, nil
}

// LRC returns the LRC character for text, which runs from SS through ES
// inclusive. The LRC's parity bit is its own, as for any character, so the
// returned ASCII character fully describes it.
func LRC(text string, f Format) (byte, error) {
	x, err := f.lrcValue(text)
	if err != nil {
		return 0, err
	}
	return x + f.offset(), nil
}

// Encode returns the bit stream for text (SS through ES inclusive): the
// given number of leading clocking zeros, each character LSB first with
// odd parity, the LRC, and the trailing zeros. Negative counts mean none.
func Encode(text string, f Format, leadingZeros, trailingZeros int) ([]byte, error) {
	x, err := f.lrcValue(text)
	if err != nil {
		return nil, err
	}
	leadingZeros, trailingZeros = max(leadingZeros, 0), max(trailingZeros, 0)
	k := f.CharBits()
	out := make([]byte, leadingZeros+(len(text)+1)*k+trailingZeros)
	i := leadingZeros
	put := func(v byte) {
		c := withParity(v, k)
		for j := range k {
			out[i+j] = c >> j & 1
		}
		i += k
	}
	for j := 0; j < len(text); j++ {
		put(text[j] - f.offset())
	}
	put(x)
	return out, nil
}
