// Package msrtest builds what MSR605-family reader-writers send, for
// testing package msr605, webhid's MSR605X framing and the code built on
// them, as hidtest does for HID readers. No public capture of these readers
// is known, so tests build their answers.
//
// The builders follow the layouts of the MSR605 Programmer's Manual
// (section 7, "Data Format", and section 8, "Communication Sequence"): a
// read's answer is ESC 's', the tracks, '?' FS, ESC and the status byte;
// each track is ESC and its number as a binary byte, then in ISO mode its
// characters and in raw mode a length byte and the bytes read. The manual's
// raw-data table packs the bits of a raw read into bytes with the first bit
// read in the most significant bit. An MSR605X carries the same bytes in
// 64-byte HID packets whose first byte holds a first-packet flag (bit 7), a
// last-packet flag (bit 6) and the payload length (bits 0–5). They write the
// bytes from those facts, not from package msr605's constants, so that a
// test compares the two.
package msrtest

import (
	"testing"

	"magcheck/decoder/iso7811"
)

const (
	esc = 0x1B
	fs  = 0x1C
)

// Track is one track of a built answer. Omit leaves its tag out; Mark sends
// ESC and the mark ('+' no data, '*' bad data) in place of data (ISO mode).
type Track struct {
	Data []byte
	Omit bool
	Mark byte
}

// ISO is a track of characters.
func ISO(text string) Track { return Track{Data: []byte(text)} }

// ISOAnswer builds the answer to ESC r: a data block of the tracks, then the
// status byte ('0' for a good read).
func ISOAnswer(status byte, tracks ...Track) []byte {
	b := []byte{esc, 's'}
	for i, t := range tracks {
		if t.Omit {
			continue
		}
		b = append(b, esc, byte(i+1))
		if t.Mark != 0 {
			b = append(b, esc, t.Mark)
			continue
		}
		b = append(b, t.Data...)
	}
	return append(b, '?', fs, esc, status)
}

// RawAnswer builds the answer to ESC m: each track its length byte and its
// bytes, then the status byte.
func RawAnswer(status byte, tracks ...Track) []byte {
	b := []byte{esc, 's'}
	for i, t := range tracks {
		if t.Omit {
			continue
		}
		b = append(b, esc, byte(i+1), byte(len(t.Data)))
		b = append(b, t.Data...)
	}
	return append(b, '?', fs, esc, status)
}

// RawTrack is the raw read of text written in format f with lead and trail
// clocking zeros: its bits packed first bit in the most significant bit,
// the last byte filled with zeros. mutate, when not nil, changes the bits
// first (to damage the stripe).
func RawTrack(tb testing.TB, text string, f iso7811.Format, lead, trail int, mutate func([]byte)) Track {
	tb.Helper()
	bits, err := iso7811.Encode(text, f, lead, trail)
	if err != nil {
		tb.Fatal(err)
	}
	if mutate != nil {
		mutate(bits)
	}
	return Track{Data: Pack(bits)}
}

// Pack packs bits (one a byte) first bit in the most significant bit.
func Pack(bits []byte) []byte {
	out := make([]byte, (len(bits)+7)/8)
	for i, bit := range bits {
		if bit != 0 {
			out[i/8] |= 0x80 >> (i % 8)
		}
	}
	return out
}

// Packets splits what an MSR605X sends or receives into its 64-byte HID
// packets: a header byte (0x80 on the first, 0x40 on the last, the payload
// length in the low six bits), up to 63 bytes, and padding. The device pads
// with leftovers of its buffer, not zeros: pad fills the padding with junk
// unless it is 0.
func Packets(b []byte, pad byte) [][]byte {
	var out [][]byte
	for i := 0; i == 0 || i < len(b); i += 63 {
		n := min(63, len(b)-i)
		p := make([]byte, 64)
		p[0] = byte(n)
		if i == 0 {
			p[0] |= 0x80
		}
		if i+n >= len(b) {
			p[0] |= 0x40
		}
		copy(p[1:], b[i:i+n])
		for j := 1 + n; j < 64 && pad != 0; j++ {
			p[j] = pad + byte(j)
		}
		out = append(out, p)
	}
	return out
}

// The reader's answers to the queries, shaped as the manual gives them:
// ESC and the version text; ESC, the model code and 'S'.
func FirmwareAnswer(version string) []byte { return append([]byte{esc}, version...) }

// ModelAnswer is the answer to ESC t.
func ModelAnswer(code string) []byte { return append(append([]byte{esc}, code...), 'S') }

// Manual is the read of the manual's communication sequence (section 8):
// tracks 1, 2 and 3 holding "01", "23" and "45".
func Manual() []byte {
	return ISOAnswer('0', ISO("%01?"), ISO(";23?"), ISO(";45?"))
}

// The tracks of the card the tests read: a payment card that passes Luhn
// and expires in 2030, and the track 3 of MagTek's test card.
const (
	Track1 = "%B4111111111111111^DOE/JANE^3012101000000000000000503000000?"
	Track2 = ";4111111111111111=30121010000000000000?"
	Track3 = ";5163499080020445=000000000000?"
)
