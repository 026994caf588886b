package msr605

import "bytes"

// The MSR605 Programmer's Manual lays a read's answer out as ESC s, the
// tracks, '?' FS, then ESC and the status byte. Each track starts with ESC
// and its number as a binary byte (1, 2, 3); a track without data may be
// left out, or sent empty, or (ISO mode) carry ESC '+' (no data) or ESC '*'
// (bad data). In ISO mode a track's characters run to the next ESC, or to
// the block's end, whose '?' follows the last track's own end sentinel; in
// raw mode a length byte follows the number, then that many bytes.
// A reader that refuses a read answers ESC and the status byte alone.

func tooLong(n int) *Error { return &Error{Reason: ReasonTooLong, Len: n, Max: MaxAnswer} }

// ParseRead reads the answer to a read in mode m: the whole answer, nothing
// after it. It returns an *Error for an answer it cannot read.
func ParseRead(b []byte, m Mode) (*Read, error) {
	switch {
	case len(b) == 0:
		return nil, &Error{Reason: ReasonEmpty}
	case len(b) > MaxAnswer:
		return nil, tooLong(len(b))
	case b[0] != ESC:
		return nil, &Error{Reason: ReasonNoESC}
	case len(b) < 2:
		return nil, &Error{Reason: ReasonTruncated, Offset: len(b)}
	}
	if b[1] != 's' {
		if !isStatus(b[1]) {
			return nil, &Error{Reason: ReasonNotRead, Offset: 1}
		}
		if len(b) > 2 {
			return nil, &Error{Reason: ReasonTrailing, Offset: 2}
		}
		return &Read{Mode: m, Status: b[1], Tracks: numbered()}, nil
	}
	var (
		r   *Read
		end int
		err error
	)
	if m == ModeRaw {
		r, end, err = parseRaw(b)
	} else {
		r, end, err = parseISO(b)
	}
	if err != nil {
		return nil, err
	}
	if end < len(b) {
		return nil, &Error{Reason: ReasonTrailing, Offset: end}
	}
	return r, nil
}

// isStatus reports whether c can be a status byte: the manual lists 30h for
// success and 31h–3Fh for errors.
func isStatus(c byte) bool { return c >= '0' && c <= '?' }

func numbered() [3]Track {
	return [3]Track{{Number: 1}, {Number: 2}, {Number: 3}}
}

// parseISO reads an ISO-mode answer from ESC s to its status byte and
// returns where it ended.
func parseISO(b []byte) (*Read, int, error) {
	fs := bytes.IndexByte(b[2:], FS)
	if fs < 0 {
		return nil, 0, &Error{Reason: ReasonTruncated, Offset: len(b)}
	}
	fs += 2
	if fs < 3 || b[fs-1] != '?' {
		return nil, 0, &Error{Reason: ReasonEscape, Offset: fs}
	}
	if err := statusAfter(b, fs+1); err != nil {
		return nil, 0, err
	}
	r := &Read{Mode: ModeISO, Tracks: numbered(), Status: b[fs+2], Block: true}
	body, last := b[:fs-1], 0
	for pos := 2; pos < len(body); {
		n, err := tag(body, pos, last)
		if err != nil {
			return nil, 0, err
		}
		last = n
		t := &r.Tracks[n-1]
		t.Sent = true
		start := pos + 2
		end := start
		for end < len(body) && body[end] != ESC {
			end++
		}
		if end-start > MaxTrack {
			return nil, 0, &Error{Reason: ReasonTooLong, Offset: start, Len: end - start, Max: MaxTrack}
		}
		t.Data = body[start:end:end]
		pos = end
		if end == start && end+1 < len(body) && (body[end+1] == MarkEmpty || body[end+1] == MarkBad) {
			t.Mark = body[end+1]
			pos = end + 2
		}
	}
	return r, fs + 3, nil
}

// parseRaw reads a raw-mode answer from ESC s to its status byte and returns
// where it ended.
func parseRaw(b []byte) (*Read, int, error) {
	r := &Read{Mode: ModeRaw, Tracks: numbered(), Block: true}
	pos, last := 2, 0
	for {
		if pos >= len(b) {
			return nil, 0, &Error{Reason: ReasonTruncated, Offset: pos}
		}
		if b[pos] == '?' {
			if pos+1 >= len(b) {
				return nil, 0, &Error{Reason: ReasonTruncated, Offset: pos + 1}
			}
			if b[pos+1] != FS {
				return nil, 0, &Error{Reason: ReasonTag, Offset: pos}
			}
			if err := statusAfter(b, pos+2); err != nil {
				return nil, 0, err
			}
			r.Status = b[pos+3]
			return r, pos + 4, nil
		}
		n, err := tag(b, pos, last)
		if err != nil {
			return nil, 0, err
		}
		last = n
		if pos+2 >= len(b) {
			return nil, 0, &Error{Reason: ReasonTruncated, Offset: pos + 2}
		}
		size := int(b[pos+2])
		start := pos + 3
		if start+size > len(b) {
			return nil, 0, &Error{Reason: ReasonTruncated, Offset: len(b)}
		}
		t := &r.Tracks[n-1]
		t.Sent, t.Data = true, b[start:start+size:start+size]
		pos = start + size
	}
}

// tag reads the track tag at b[pos:]: ESC and a track number above last.
func tag(b []byte, pos, last int) (int, error) {
	if b[pos] != ESC {
		return 0, &Error{Reason: ReasonTag, Offset: pos}
	}
	if pos+1 >= len(b) {
		return 0, &Error{Reason: ReasonTruncated, Offset: pos + 1}
	}
	n := int(b[pos+1])
	if n < 1 || n > 3 {
		return 0, &Error{Reason: ReasonEscape, Offset: pos}
	}
	if n <= last {
		return 0, &Error{Reason: ReasonTag, Offset: pos}
	}
	return n, nil
}

// statusAfter checks for ESC and a status byte at b[pos:].
func statusAfter(b []byte, pos int) error {
	switch {
	case pos >= len(b):
		return &Error{Reason: ReasonTruncated, Offset: pos}
	case b[pos] != ESC:
		return &Error{Reason: ReasonEscape, Offset: pos}
	case pos+1 >= len(b):
		return &Error{Reason: ReasonTruncated, Offset: pos + 1}
	}
	return nil
}

// DetectMode names the mode of a read's answer when it is not known: raw
// when the answer reads as raw to its last byte, whose track lengths leave
// no doubt, ISO otherwise.
func DetectMode(b []byte) Mode {
	if len(b) > 1 && b[0] == ESC && b[1] == 's' {
		if _, end, err := parseRaw(b); err == nil && end == len(b) {
			return ModeRaw
		}
	}
	return ModeISO
}

// ParseFirmware reads the answer to Firmware: ESC and the version as text.
func ParseFirmware(b []byte) (string, error) {
	s, err := text(b, 1, maxFirmware)
	if err != nil {
		return "", err
	}
	return s, nil
}

// ParseModel reads the answer to Model: ESC, the model code and 'S'. It
// returns the code.
func ParseModel(b []byte) (string, error) {
	if len(b) >= 3 && b[len(b)-1] == 'S' {
		b = b[:len(b)-1]
	} else if len(b) > 0 && b[0] == ESC {
		return "", &Error{Reason: ReasonTruncated, Offset: len(b)}
	}
	return text(b, 1, maxModel)
}

// text reads ESC and printable ASCII, at least min and at most max characters.
func text(b []byte, minLen, maxLen int) (string, error) {
	switch {
	case len(b) == 0:
		return "", &Error{Reason: ReasonEmpty}
	case b[0] != ESC:
		return "", &Error{Reason: ReasonNoESC}
	case len(b)-1 < minLen:
		return "", &Error{Reason: ReasonTruncated, Offset: len(b)}
	case len(b)-1 > maxLen:
		return "", &Error{Reason: ReasonTooLong, Len: len(b) - 1, Max: maxLen}
	}
	for i, c := range b[1:] {
		if c < 0x20 || c > 0x7E {
			return "", &Error{Reason: ReasonText, Offset: i + 1}
		}
	}
	return string(b[1:]), nil
}

// End tells a caller collecting the answer to c from a serial stream, b
// being the bytes so far, whether it is complete. n is the answer's length
// when b holds a complete answer, else 0. An answer with no end of its own
// (the firmware version) is complete once no byte follows for a moment:
// then n is its length so far and final is false. err is an *Error when b
// cannot be the start of c's answer.
func End(c Command, b []byte) (n int, final bool, err error) {
	if !c.Answered() || len(b) == 0 {
		return 0, false, nil
	}
	if b[0] != ESC {
		return 0, false, &Error{Reason: ReasonNoESC}
	}
	if len(b) > MaxAnswer {
		return 0, false, tooLong(len(b))
	}
	if len(b) < 2 {
		return 0, false, nil
	}
	if m, ok := c.IsRead(); ok {
		return readEnd(b, m)
	}
	switch c.op {
	case opCommTest:
		return 2, true, nil
	case opModel:
		if i := bytes.IndexByte(b[2:], 'S'); i >= 0 {
			return i + 3, true, nil
		}
		if len(b) > maxModel+2 {
			return 0, false, &Error{Reason: ReasonTooLong, Len: len(b), Max: maxModel + 2}
		}
		return 0, false, nil
	}
	if _, err := text(b, 1, maxFirmware); err != nil {
		return 0, false, err
	}
	return len(b), false, nil
}

// readEnd finds the end of a read's answer in b, which starts ESC and one
// more byte.
func readEnd(b []byte, m Mode) (int, bool, error) {
	if b[1] != 's' {
		if !isStatus(b[1]) {
			return 0, false, &Error{Reason: ReasonNotRead, Offset: 1}
		}
		return 2, true, nil
	}
	var end int
	var err error
	if m == ModeRaw {
		_, end, err = parseRaw(b)
	} else {
		_, end, err = parseISO(b)
	}
	if e, ok := err.(*Error); ok && e.Reason == ReasonTruncated {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	return end, true, nil
}

// Kind is the kind of an answer in a captured stream.
type Kind string

// Answer kinds.
const (
	KindRead     Kind = "read"     // a read's data block and status
	KindStatus   Kind = "status"   // ESC and a status byte alone: a refused or failed read
	KindFirmware Kind = "firmware" // a firmware version
	KindModel    Kind = "model"    // a model code
	KindCommTest Kind = "comm"     // ESC y
)

// Answer is one answer in a captured stream.
type Answer struct {
	Kind  Kind
	Bytes []byte
	Mode  Mode // a read's mode, as DetectMode finds it
}

// Split cuts what a reader sent, captured from a serial line or joined from
// HID packets, into its answers, each known by its first bytes. A read's
// answer is raw when its track lengths carry it to its end, else ISO. The
// answers' Bytes are slices of b. It returns an *Error where no answer
// starts.
func Split(b []byte) ([]Answer, error) {
	var out []Answer
	for i := 0; i < len(b); {
		a, err := next(b[i:])
		if err != nil {
			if e, ok := err.(*Error); ok {
				e.Offset += i
			}
			return nil, err
		}
		out = append(out, a)
		i += len(a.Bytes)
	}
	return out, nil
}

// next reads the answer at the start of b.
func next(b []byte) (Answer, error) {
	if b[0] != ESC {
		return Answer{}, &Error{Reason: ReasonNoESC}
	}
	if len(b) < 2 {
		return Answer{}, &Error{Reason: ReasonTruncated, Offset: 1}
	}
	ends := func(n int) bool { return n == len(b) || n < len(b) && b[n] == ESC }
	c := b[1]
	switch {
	case c == 's':
		if _, end, err := parseRaw(b); err == nil {
			return Answer{Kind: KindRead, Mode: ModeRaw, Bytes: b[:end]}, nil
		}
		_, end, err := parseISO(b)
		if err != nil {
			return Answer{}, err
		}
		return Answer{Kind: KindRead, Mode: ModeISO, Bytes: b[:end]}, nil
	case c == 'y' && ends(2):
		return Answer{Kind: KindCommTest, Bytes: b[:2]}, nil
	case len(b) >= 3 && b[2] == 'S' && ends(3) && printable(c):
		return Answer{Kind: KindModel, Bytes: b[:3]}, nil
	case isStatus(c) && ends(2):
		return Answer{Kind: KindStatus, Bytes: b[:2]}, nil
	}
	n := 1
	for n < len(b) && n <= maxFirmware && printable(b[n]) {
		n++
	}
	if n == 1 || !ends(n) {
		return Answer{}, &Error{Reason: ReasonEscape, Offset: 0}
	}
	return Answer{Kind: KindFirmware, Bytes: b[:n]}, nil
}

func printable(c byte) bool { return c >= 0x20 && c <= 0x7E }
