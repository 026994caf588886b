// Package msr605 speaks the command protocol of the MSR605 and MSR206
// magnetic-stripe reader-writers and their clones: commands of ESC and a
// letter, answered by ESC and a status, a version, or a block of track
// data. The MSR605 and MSR206 talk it over a serial line (a USB-serial
// adapter, 9600 baud, 8 data bits, no parity); the MSR605X carries the same
// bytes in 64-byte HID packets, which package webhid frames.
//
// magcheck only reads. The one way to build a Command is through the read
// and query constructors here (ReadISO, ReadRaw, Firmware, Model, CommTest,
// Reset): the package can produce no write, erase or set command, and the
// bindings send nothing but a Command's bytes (see TestOnlyReadCommands).
//
// ParseRead takes a read's answer, in ISO mode (the reader's decoded
// characters) or raw mode (each track's bits as read, Track.Bits); ParseFirmware
// and ParseModel take the answers to the two queries; End tells a caller
// collecting a serial stream when an answer is complete, and Split cuts a
// captured stream into its answers. Parsers report what the reader sent and
// never diagnose: a malformed answer yields an *Error. Nothing here imports
// the decoder.
//
// Converse holds magcheck's side of a conversation with a reader over any
// link that sends a Command and returns its answer (Do): the queries, then
// one read after another in the mode picked, and when reading stops.
// ReadCapture reads a conversation recorded from a link. Both read the
// answers the same way.
//
// The Web Serial binding (Port) is in the same package behind the js && wasm
// build tag; everything else is plain Go. A link's failures are
// *device.Error values (package internal/device), as WebHID's are.
package msr605

import (
	"strconv"

	"magcheck/internal/device"
)

// Protocol bytes.
const (
	ESC = 0x1B // starts every command and answer
	FS  = 0x1C // ends a read's data block, after '?'
)

// Status bytes, the last byte of a read's answer.
const (
	StatusOK             = '0' // the read went well
	StatusReadError      = '1' // read (or write) error
	StatusCommandFormat  = '2' // the command was malformed
	StatusInvalidCommand = '4' // the reader does not know the command
	StatusSwipeError     = '9' // card moved wrongly during a write (never expected on a read)
)

// Track marks: in ISO mode the reader may send ESC and one of these in place
// of a track's characters.
const (
	MarkEmpty = '+' // no data on the track
	MarkBad   = '*' // data the reader could not decode
)

// Size limits. A raw track's length is one byte, so at most 255; an ISO
// track is held to the same. No answer of the commands magcheck sends is
// longer than MaxAnswer.
const (
	MaxTrack    = 255
	MaxAnswer   = 1024
	maxFirmware = 32
	maxModel    = 4
)

// Mode is how the reader reads: ISO decodes the characters in the reader,
// raw sends the bits.
type Mode string

// Read modes.
const (
	ModeISO Mode = "iso"
	ModeRaw Mode = "raw"
)

// Command is one command magcheck may send. Its only constructors are the
// read and query functions below; the zero Command sends nothing.
type Command struct{ op op }

type op uint8

const (
	opNone op = iota
	opReset
	opReadISO
	opReadRaw
	opFirmware
	opModel
	opCommTest
	numOps
)

// commands are the letters after ESC, by op: every command this package can
// produce. None writes, erases or sets anything (TestOnlyReadCommands).
var commands = [numOps]struct {
	letter byte
	name   string
}{
	opReset:    {'a', "reset"},
	opReadISO:  {'r', "read ISO"},
	opReadRaw:  {'m', "read raw"},
	opFirmware: {'v', "firmware"},
	opModel:    {'t', "model"},
	opCommTest: {'e', "communication test"},
}

// Reset returns the reader to its initial state; it ends a pending read and
// has no answer.
func Reset() Command { return Command{opReset} }

// ReadISO waits for a swipe and answers with the tracks the reader decoded.
func ReadISO() Command { return Command{opReadISO} }

// ReadRaw waits for a swipe and answers with each track's bits undecoded.
func ReadRaw() Command { return Command{opReadRaw} }

// ReadCommand is ReadISO or ReadRaw by mode.
func ReadCommand(m Mode) Command {
	if m == ModeRaw {
		return ReadRaw()
	}
	return ReadISO()
}

// Firmware asks for the firmware version.
func Firmware() Command { return Command{opFirmware} }

// Model asks for the model.
func Model() Command { return Command{opModel} }

// CommTest asks the reader to answer ESC y.
func CommTest() Command { return Command{opCommTest} }

// Bytes is what goes to the reader: ESC and the command's letter; nil for
// the zero Command.
func (c Command) Bytes() []byte {
	if c.op == opNone || c.op >= numOps {
		return nil
	}
	return []byte{ESC, commands[c.op].letter}
}

// Answered reports whether the reader answers c (Reset has no answer).
func (c Command) Answered() bool { return c.op > opReset && c.op < numOps }

// IsRead reports whether c is a read, and in which mode.
func (c Command) IsRead() (Mode, bool) {
	switch c.op {
	case opReadISO:
		return ModeISO, true
	case opReadRaw:
		return ModeRaw, true
	}
	return "", false
}

func (c Command) String() string {
	if c.op == opNone || c.op >= numOps {
		return "none"
	}
	return commands[c.op].name
}

// Link says how a reader is attached: the browser API a page reaches it
// by, which names its link's failures too (device.Error).
type Link = device.Link

// Links.
const (
	LinkSerial = device.Serial // MSR605, MSR206: a serial port
	LinkHID    = device.HID    // MSR605X: HID packets
)

// Device is what is known of the reader an answer came from.
type Device struct {
	Link     Link
	Model    string // the model answer's code ("" when not asked or not answered)
	Firmware string // the firmware answer ("" likewise)
}

// Read is a read's answer.
type Read struct {
	Mode   Mode
	Tracks [3]Track
	// Status is the status byte the answer ends with; StatusOK for a good read.
	Status byte
	// Block reports whether the answer held a data block (ESC s … ? FS); an
	// answer of ESC and a status byte alone has none and no tracks.
	Block bool
}

// Track is one track of a read as the reader sent it.
type Track struct {
	Number int
	Sent   bool // the track's tag was in the block
	// Data is what the reader sent for the track: in ISO mode its characters
	// (sentinels included), in raw mode the bytes read. It never includes a
	// mark.
	Data []byte
	// Mark is MarkEmpty or MarkBad when the reader sent one for the track
	// (ISO mode), else 0.
	Mark byte
}

// Bits are a raw track's bits in the order read from the card, one byte (0
// or 1) a bit. The manual's raw-data table puts the first bit read in the
// most significant bit of the first byte.
func (t Track) Bits() []byte {
	bits := make([]byte, 0, 8*len(t.Data))
	for _, b := range t.Data {
		for i := 7; i >= 0; i-- {
			bits = append(bits, b>>i&1)
		}
	}
	return bits
}

// Reason names what is wrong with an answer.
type Reason string

// Reasons an answer is refused.
const (
	ReasonEmpty     Reason = "empty"             // no bytes
	ReasonNoESC     Reason = "no ESC"            // does not begin with ESC
	ReasonNotRead   Reason = "not a read"        // another kind of answer where a read was expected
	ReasonTruncated Reason = "truncated"         // ends before its end
	ReasonTag       Reason = "track tag"         // a track tag out of order, repeated, or not 1–3
	ReasonEscape    Reason = "escape"            // ESC followed by neither a tag nor a mark
	ReasonTooLong   Reason = "too long"          // over MaxAnswer, or a track over MaxTrack
	ReasonTrailing  Reason = "trailing data"     // bytes after the end
	ReasonText      Reason = "not text"          // a firmware or model answer holds other bytes
	ReasonCount     Reason = "not one card read" // a capture holds no read, or several
)

// An Error says why an answer cannot be read. Offset is the byte it was
// found at; Len and Max are a length and its limit (ReasonTooLong), or the
// number of reads found (ReasonCount).
type Error struct {
	Reason   Reason
	Offset   int
	Len, Max int
}

func (e *Error) Error() string {
	return "msr605: " + string(e.Reason) + " (byte " + strconv.Itoa(e.Offset) + ", length " + strconv.Itoa(e.Len) + ")"
}
