// Package magnesafe reads the card data record that a MagTek MagneSafe V5
// reader (Dynamag, eDynamo, uDynamo, BulleT, iDynamo and the other V5
// readers) types in keyboard (KB) mode, or writes on its serial port, once
// it is set to send encrypted data: the masked tracks, then a row of fields
// split by a field separator, as MagTek's MagneSafe V5 Communication
// Reference Manual (99875475, "Card data (KB and other models)") lays it
// out. The Bluetooth and iDynamo MagneSafe manuals give the same record.
//
// # The record
//
// In order, with the reader's default settings in brackets:
//
//	pre-card string                                 (none)
//	for each track read:
//	    pre-track string, start sentinel, masked data, end sentinel, post-track string
//	post-card string                                (none)
//	separator, reader encryption status             ('|')
//	separator, track 1 encrypted data
//	separator, track 2 encrypted data
//	separator, track 3 encrypted data
//	separator, MagnePrint status
//	separator, encrypted MagnePrint data
//	separator, device serial number
//	separator, encrypted session ID
//	separator, DUKPT key serial number (KSN)
//	separator, encryption counter                   (only when the reader is set to send it)
//	separator, clear-text CRC
//	separator, encrypted CRC                        (empty)
//	separator, format code                          ("0000")
//	terminator                                      (CR)
//
// Everything before the first separator is the masked section: Parse
// leaves its tracks to the caller (package wedge splits reader text).
// The masked track data keeps the first and last digits of the card
// number and the name and expiry; the reader puts '0' (by default, with the
// last hidden digit set so the number still passes the Luhn check) or
// another mask character in place of the rest.
//
// A field left empty is a field the reader did not send; its separator is
// sent all the same, so a record always has 12 fields, 13 with the
// encryption counter. The format code is 4 characters of text. Every other
// field is hexadecimal, two digits a byte, upper or lower case:
//
//   - reader encryption status: 2 bytes, least significant first (Status);
//   - track 1, 2 and 3 encrypted data: at most 112 bytes each;
//   - MagnePrint status: 4 bytes, least significant first;
//   - encrypted MagnePrint data: at most 128 bytes;
//   - device serial number: at most 16 bytes, text up to the first NUL;
//   - encrypted session ID: 8 bytes;
//   - KSN: 10 bytes;
//   - encryption counter: 3 bytes;
//   - clear-text CRC: 2 bytes, least significant first;
//   - encrypted CRC: 8 bytes.
//
// Two exceptions come from readers that do not encrypt. At security level 2
// (encryption off) the track fields carry the tracks in clear text, start
// sentinel to end sentinel; a reader with encryption on but no key sends
// them as the hexadecimal of the clear text. Parse reads a track field that
// starts with a start sentinel as clear text, and, when the status does not
// say that encryption is on (bits 1 and 2), a hexadecimal track field whose
// bytes are a track's text as clear text too (Track.Clear).
//
// # Finding the record
//
// The separator is any printable character other than a letter, a digit or
// a space; the reader never sends it inside track data. Parse takes as the
// record's first field a reader encryption status, 4 hexadecimal digits
// whose status bits 9 to 15 are zero (they always are), with the same such
// character on both sides, and reads the fields from there to the first
// control character (the terminator) or the end of the text. A row of at
// least 3 fields that starts so but does not have 12 or 13 fields, or
// whose fields break the layout, is a damaged record (a SyntaxError); fewer
// fields are not taken for a record at all. The first 4 characters
// of the last field are the format code; the control characters right after
// it are the terminator. Text after those is not part of the record.
//
// # The CRC
//
// The clear-text CRC is CRC-16/CCITT (polynomial 0x1021, initial value
// 0xFFFF, no reflection, no final XOR) of every character the reader sent
// before it, from the first character of the record to the separator in
// front of the CRC, that separator included. Parse does not know where a
// record begins in text that holds more (a log line), so it computes the CRC
// from the start of the text, from each line start before the record's
// fields and from the first start sentinel of each such line, and takes as
// the record's start the first that matches; when none does, the start of
// the text, without leading white space (Record.CRCOK is then false).
//
// Errors name positions, never the data: a record's fields are card data or
// ciphertext.
package magnesafe

import (
	"errors"
	"strconv"
	"strings"

	"magcheck/internal/hexdigit"
)

// MaxFields is the longest run of fields Parse reads, in bytes: far more
// than a record's fields take (about 1 100 characters at most).
const MaxFields = 4096

// Status bits of the reader encryption status word.
const (
	StatusKeysExhausted  = 1 << 0 // the DUKPT keys are used up: the reader no longer reads cards
	StatusKeyInjected    = 1 << 1 // an initial DUKPT key is injected
	StatusEncryption     = 1 << 2 // encryption is enabled
	StatusAuthentication = 1 << 3 // authentication is required
	StatusTimedOut       = 1 << 4 // timed out waiting for the swipe
	StatusCounterExpired = 1 << 8 // the encryption counter has run out
)

// Record is one MagneSafe card data record.
type Record struct {
	// Start and End are the record's byte offsets in the text Parse read:
	// from its first character (pre-card string or first track) to just
	// past its terminator (a damaged record: to the end of its line).
	Start, End int
	// Masked is the masked section: the text from Start to the first
	// separator, pre-card string through post-card string.
	Masked    string
	Separator byte
	// Status is the reader encryption status word (see the Status bits).
	Status uint16
	Tracks [3]Track
	// MagnePrintStatus is the MagnePrint status word; HasMagnePrint
	// reports that the reader sent one. MagnePrint is the byte count of
	// the encrypted MagnePrint data.
	MagnePrintStatus uint32
	HasMagnePrint    bool
	MagnePrint       int
	// Serial is the device serial number; "" when never set.
	Serial string
	// SessionID is the byte count of the encrypted session ID.
	SessionID int
	// KSN is the DUKPT key serial number in upper-case hex, 20 digits;
	// "" when the reader sent none (no key, or encryption off).
	KSN string
	// Counter is the encryption counter (0xFFFFFF: no limit, 0: run out);
	// -1 when the reader does not send it.
	Counter int
	// CRC is the clear-text CRC the reader sent, HasCRC whether it sent
	// one, and CRCWant the CRC of what Parse read.
	CRC, CRCWant uint16
	HasCRC       bool
	EncryptedCRC int       // byte count of the encrypted CRC
	FormatCode   string    // 4 characters
	Terminator   string    // the control characters after the format code
	fieldsAt     int       // offset of the separator in front of the status
	_            [0]func() // not comparable: no equality code in the page
}

// Track is what a record's track field holds.
type Track struct {
	// Encrypted is the byte count of the encrypted track; 0 when the
	// field is empty or clear.
	Encrypted int
	// Clear is the track in clear text, start sentinel to end sentinel,
	// when the reader sent it so (encryption off or no key); "" otherwise.
	Clear string
}

// CRCOK reports whether the record carries a clear-text CRC that matches
// what was read. A record without CRC reports false.
func (r *Record) CRCOK() bool { return r.HasCRC && r.CRC == r.CRCWant }

// Encrypting reports whether the status says the reader encrypts: a key
// injected and encryption enabled.
func (r *Record) Encrypting() bool {
	return r.Status&(StatusKeyInjected|StatusEncryption) == StatusKeyInjected|StatusEncryption
}

// ErrNotRecord is Parse's error for text that holds no MagneSafe record.
var ErrNotRecord = errors.New("magnesafe: no MagneSafe card data record")

// Field names a field of the record; its value is the words Error uses.
type Field string

// The record's fields.
const (
	FieldStatus       Field = "reader encryption status"
	FieldTrack1       Field = "track 1 encrypted data"
	FieldTrack2       Field = "track 2 encrypted data"
	FieldTrack3       Field = "track 3 encrypted data"
	FieldMPStatus     Field = "MagnePrint status"
	FieldMagnePrint   Field = "encrypted MagnePrint data"
	FieldSerial       Field = "device serial number"
	FieldSessionID    Field = "encrypted session ID"
	FieldKSN          Field = "KSN"
	FieldCounter      Field = "encryption counter"
	FieldCRC          Field = "clear-text CRC"
	FieldEncryptedCRC Field = "encrypted CRC"
	FieldFormatCode   Field = "format code"
	FieldAll          Field = "fields" // the record as a whole (Kind FieldCount)
)

// Kind says what a SyntaxError found wrong; its value is the words Error
// uses.
type Kind string

// The kinds of SyntaxError.
const (
	KindFieldCount Kind = "wrong number of fields"        // Len fields, Want 12 (13 with the counter)
	KindNotHex     Kind = "character that is not hex"     // at Offset
	KindOddHex     Kind = "odd number of hex digits"      // Len digits
	KindSize       Kind = "wrong size"                    // Len bytes, Want bytes
	KindTooLong    Kind = "too long"                      // Len bytes, at most Want
	KindShort      Kind = "shorter than its 4 characters" // the format code: Len characters
)

// A SyntaxError reports a record whose fields were found but do not follow
// the layout: keystrokes lost or changed on the way, most likely. Offset is
// a byte offset in the text Parse read.
type SyntaxError struct {
	Offset int
	Field  Field
	Kind   Kind
	Len    int       // what was found: fields, digits, bytes or characters
	Want   int       // what belongs there
	_      [0]func() // not comparable: no equality code in the page
}

func (e *SyntaxError) Error() string {
	return "magnesafe: " + string(e.Field) + ": " + string(e.Kind) + " (" + strconv.Itoa(e.Len) + ", want " +
		strconv.Itoa(e.Want) + ") at offset " + strconv.Itoa(e.Offset)
}

// The fields after the masked section, in order: fieldNames names them
// and fieldSizes gives their size in bytes, exact for those in fixedSize,
// else a maximum.
const (
	fStatus = iota
	fTrack1
	fTrack2
	fTrack3
	fMPStatus
	fMagnePrint
	fSerial
	fSessionID
	fKSN
	fCounter
	fCRC
	fEncryptedCRC
	fFormatCode
	numFields
)

var (
	fieldNames = [numFields]Field{FieldStatus, FieldTrack1, FieldTrack2, FieldTrack3, FieldMPStatus,
		FieldMagnePrint, FieldSerial, FieldSessionID, FieldKSN, FieldCounter, FieldCRC, FieldEncryptedCRC, FieldFormatCode}
	fieldSizes = [numFields]int{2, 112, 112, 112, 4, 128, 16, 8, 10, 3, 2, 8, 4}
)

const fixedSize = 1<<fStatus | 1<<fMPStatus | 1<<fSessionID | 1<<fKSN | 1<<fCounter | 1<<fCRC | 1<<fEncryptedCRC

// fieldCount is a record's field count without the encryption counter.
const fieldCount = numFields - 1

// maxTries bounds the candidate first fields Parse tries, so that text
// full of look-alikes costs linear time.
const maxTries = 8

// Parse finds the first MagneSafe record in s. It returns ErrNotRecord when
// s holds none. A record whose fields are found but break the layout gives
// a *SyntaxError together with a Record that holds what lies before the
// fields (Start, Masked, Separator), so that its tracks can still be read.
// A CRC that does not match is no error: see Record.CRCOK.
func Parse(s string) (*Record, error) {
	var firstErr error
	var partial *Record
	tries := 0
	for i := 0; i+6 <= len(s) && tries < maxTries; i++ {
		c := s[i]
		if !isSeparator(c) || s[i+5] != c || !allHex(s[i+1:i+3]) || s[i+3] != '0' || s[i+4] != '0' && s[i+4] != '1' {
			continue
		}
		tries++
		r, err := parseAt(s, i)
		if err == nil {
			return r, nil
		}
		if r != nil && firstErr == nil {
			partial, firstErr = r, err
		}
	}
	if firstErr != nil {
		return partial, firstErr
	}
	return nil, ErrNotRecord
}

// isSeparator reports a character the reader may use as field separator.
func isSeparator(c byte) bool {
	return c > ' ' && c < 0x7f && !isAlnum(c)
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z'
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

// minFields is the field count from which a row of fields that starts like
// a record is taken for a damaged record rather than for other text.
const minFields = 3

// parseAt reads a record whose first separator is s[i]. It returns nil and
// an error when the text there is too unlike a record to call it one.
func parseAt(s string, i int) (*Record, error) {
	sep := s[i]
	end := i + 1
	for end < len(s) && end-i <= MaxFields && s[end] >= ' ' && s[end] != 0x7f {
		end++
	}
	row := s[i+1 : end]
	n := strings.Count(row, string(sep)) + 1
	t := end
	for t < len(s) && (s[t] == '\r' || s[t] == '\n' || s[t] == '\t') {
		t++
	}
	r := &Record{Separator: sep, Counter: -1, fieldsAt: i, End: t}
	r.Start = contentStart(s, i)
	r.Masked = s[r.Start:i]
	if n != fieldCount && n != fieldCount+1 {
		if n < minFields {
			return nil, ErrNotRecord
		}
		return r, &SyntaxError{Offset: i, Field: FieldAll, Kind: KindFieldCount, Len: n, Want: fieldCount}
	}
	at := i + 1
	crcAt, lastAt := -1, -1
	for id := range numFields {
		if id == fCounter && n == fieldCount {
			continue
		}
		f := row[at-i-1:]
		if id < fFormatCode {
			f = f[:strings.IndexByte(f, sep)]
		}
		switch id {
		case fCRC:
			crcAt = at
		case fFormatCode:
			lastAt = at
		}
		if err := r.field(id, f, at); err != nil {
			return r, err
		}
		at += len(f) + 1
	}
	e := lastAt + len(r.FormatCode)
	t = e
	for t < len(s) && (s[t] == '\r' || s[t] == '\n' || s[t] == '\t') {
		t++
	}
	r.Terminator, r.End = s[e:t], t
	r.crc(s, crcAt)
	return r, nil
}

// contentStart is where the text before the first separator at i begins:
// the start of the text, without leading white space and control
// characters.
func contentStart(s string, i int) int {
	j := 0
	for j < i && (s[j] <= ' ' || s[j] == 0x7f) {
		j++
	}
	return j
}

// field reads field id, f, found at offset at.
func (r *Record) field(id int, f string, at int) error {
	switch id {
	case fFormatCode:
		if len(f) < 4 {
			return &SyntaxError{Offset: at, Field: FieldFormatCode, Kind: KindShort, Len: len(f), Want: 4}
		}
		r.FormatCode = f[:4]
		return nil
	case fTrack1, fTrack2, fTrack3:
		if f != "" && isStartSentinel(f[0]) {
			r.Tracks[id-fTrack1].Clear = f
			return nil
		}
	}
	b, err := decodeHex(id, f, at)
	if err != nil || len(b) == 0 {
		return err
	}
	switch id {
	case fStatus:
		r.Status = uint16(b[0]) | uint16(b[1])<<8
	case fTrack1, fTrack2, fTrack3:
		t := &r.Tracks[id-fTrack1]
		if c, ok := trackText(b); ok && !r.Encrypting() {
			t.Clear = c
		} else {
			t.Encrypted = len(b)
		}
	case fMPStatus:
		r.HasMagnePrint = true
		r.MagnePrintStatus = uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
	case fMagnePrint:
		r.MagnePrint = len(b)
	case fSerial:
		r.Serial = text(b)
	case fSessionID:
		r.SessionID = len(b)
	case fKSN:
		r.KSN = strings.ToUpper(f)
	case fCounter:
		r.Counter = int(b[0])<<16 | int(b[1])<<8 | int(b[2])
	case fCRC:
		r.HasCRC = true
		r.CRC = uint16(b[0]) | uint16(b[1])<<8
	case fEncryptedCRC:
		r.EncryptedCRC = len(b)
	}
	return nil
}

// decodeHex reads field id, f, as hex of its size; an empty field is nil.
func decodeHex(id int, f string, at int) ([]byte, error) {
	if f == "" {
		return nil, nil
	}
	fail := func(offset int, k Kind, n, want int) error {
		return &SyntaxError{Offset: offset, Field: fieldNames[id], Kind: k, Len: n, Want: want}
	}
	for j := 0; j < len(f); j++ {
		if hexdigit.Value(f[j]) < 0 {
			return nil, fail(at+j, KindNotHex, 0, 0)
		}
	}
	if len(f)%2 != 0 {
		return nil, fail(at, KindOddHex, len(f), 0)
	}
	n, size := len(f)/2, fieldSizes[id]
	switch {
	case fixedSize&(1<<id) != 0 && n != size:
		return nil, fail(at, KindSize, n, size)
	case n > size:
		return nil, fail(at, KindTooLong, n, size)
	}
	b := make([]byte, n)
	for j := range b {
		b[j] = byte(hexdigit.Value(f[2*j])<<4 | hexdigit.Value(f[2*j+1]))
	}
	return b, nil
}

// isStartSentinel reports a character a track's text begins with: the ISO
// sentinels and the ones MagneSafe readers send for 7-bit and AAMVA tracks.
func isStartSentinel(c byte) bool { return strings.IndexByte("%;+#@&!", c) >= 0 }

// trackText returns bytes that are a track in clear as its text: a start
// sentinel, printable text and an end sentinel, and any zero padding after
// it, which is left out.
func trackText(b []byte) (string, bool) {
	for len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	if len(b) < 2 || !isStartSentinel(b[0]) || b[len(b)-1] != '?' {
		return "", false
	}
	for _, c := range b {
		if c < ' ' || c >= 0x7f {
			return "", false
		}
	}
	return string(b), true
}

// text is b up to its first NUL, or its hex when that is not printable.
func text(b []byte) string {
	for i, c := range b {
		if c == 0 {
			b = b[:i]
			break
		}
	}
	for _, c := range b {
		if c < ' ' || c >= 0x7f {
			return hexdigit.Bytes(b, 0)
		}
	}
	return string(b)
}

// crc computes the clear-text CRC over the record, trying the starts the
// package documentation lists; crcAt is where the CRC field begins.
func (r *Record) crc(s string, crcAt int) {
	upTo := s[:crcAt] // through the separator in front of the CRC
	for _, start := range starts(s, r.fieldsAt) {
		if crcAt-start > maxRecord {
			continue
		}
		if want := CRC16(upTo[start:]); !r.HasCRC || want == r.CRC {
			r.CRCWant = want
			if r.HasCRC {
				r.Start, r.Masked = start, s[start:r.fieldsAt]
			}
			return
		}
	}
	r.CRCWant = CRC16(upTo[r.Start:])
}

// maxStarts bounds the record starts the CRC is tried from, and maxRecord
// the text before the CRC it is computed over.
const (
	maxStarts = 16
	maxRecord = 8192
)

// starts lists where a record whose fields begin at i may start: the start
// of the text without leading white space, each line start before i, and
// the first start sentinel of each line; the nearest lines first.
func starts(s string, i int) []int {
	var out []int
	add := func(p int) {
		for _, q := range out {
			if q == p {
				return
			}
		}
		out = append(out, p)
	}
	add(contentStart(s, i))
	line := i
	for len(out) < maxStarts && line > 0 {
		j := line - 1
		for j >= 0 && s[j] >= ' ' && s[j] != 0x7f {
			j--
		}
		ls := j + 1
		add(ls)
		for k := ls; k < line; k++ {
			if isStartSentinel(s[k]) {
				add(k)
				break
			}
		}
		line = j
	}
	return out
}

// CRC16 is CRC-16/CCITT as MagneSafe readers compute it: polynomial 0x1021,
// initial value 0xFFFF, no reflection, no final XOR.
func CRC16(s string) uint16 {
	crc := uint16(0xFFFF)
	for i := 0; i < len(s); i++ {
		crc ^= uint16(s[i]) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}
