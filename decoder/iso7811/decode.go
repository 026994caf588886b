package iso7811

import (
	"errors"
	"math/bits"
	"strconv"
	"strings"
)

// ErrorKind names what is wrong with one character of a decoded track.
type ErrorKind string

const (
	ParityError        ErrorKind = "parity"          // the character's parity bit does not make its 1s odd
	LRCError           ErrorKind = "lrc"             // the LRC is missing or does not match the characters
	MissingEndSentinel ErrorKind = "no_end_sentinel" // the data ends without an end sentinel
)

// A CharError locates one fault in a decoded track.
type CharError struct {
	// Pos is the character index in Result.Text; len(Text) for the LRC or
	// the missing end sentinel.
	Pos int
	// Bit is the index, in the stream as given, of the character's first
	// bit as read (in a reversed decode the character's bits run down from
	// it). For a missing LRC it is where the LRC would begin, or the
	// stream's last bit if that lies beyond; for a missing end sentinel it
	// is the last bit of the last character read.
	Bit  int
	Kind ErrorKind
}

// Result is one track decoded from a bit stream.
type Result struct {
	Format Format
	// Text runs from SS through ES as ASCII. A character with bad parity
	// still appears, decoded from its data bits; it may even read '?'.
	// If the ES is missing, Text ends with the last character read that
	// holds a 1 bit (all-zero characters are clocking zeros).
	Text     string
	LRC      byte // the LRC character read after ES; 0 if absent
	LRCFound bool // false when the stream ends, or holds only zeros, where the LRC belongs
	LRCOK    bool // the LRC was found, has good parity and matches Text
	Reversed bool // decoded from the reversed stream (card swiped the other way)
	Inverted bool // decoded from the bit-inverted stream
	// StartBit is the index, in the stream as given, of the SS's first bit
	// as read.
	StartBit int
	// Errors lists the faults in order of Pos; empty for a clean decode.
	Errors []CharError
}

var (
	// ErrNoData means the stream is empty or never changes: a blank or
	// erased stripe, or a reader that saw no flux transitions.
	ErrNoData = errors.New("iso7811: no data in bit stream")
	// ErrNoStartSentinel means no attempt found a start sentinel.
	ErrNoStartSentinel = errors.New("iso7811: no start sentinel in bit stream")
)

// A DecodeError is returned when no decode at all was possible. It wraps
// ErrNoData or ErrNoStartSentinel, so errors.Is works on it.
type DecodeError struct {
	// Attempts counts the format, direction and polarity combinations
	// searched for a start sentinel; 0 when the stream held no data.
	Attempts int
	Err      error
}

func (e *DecodeError) Error() string {
	if e.Attempts == 0 {
		return e.Err.Error()
	}
	return e.Err.Error() + " (" + strconv.Itoa(e.Attempts) + " attempts)"
}

func (e *DecodeError) Unwrap() error { return e.Err }

const (
	// maxChars caps the characters read after a start sentinel, so a
	// garbage stream cannot run on. The longest standard track has 107.
	maxChars = 256
	// maxStarts caps the further start sentinels Decode tries in each
	// format, direction and polarity.
	maxStarts = 64
	// minLead is the run of zeros taken as clocking zeros: a start
	// sentinel after such a run is preferred to one before it.
	minLead = 8
	// badParity flags a stored character value whose parity failed.
	badParity = 0x80
)

// The weights of the evidence Decode ranks by, in bits, beyond one per bit
// of a character with good parity.
const (
	weightEndSentinel = 12
	weightLeadZeros   = 36
	weightTrailZeros  = 36
	weightLRC         = 24
)

// Decode decodes one track's bit stream. It tries the Numeric and then the
// Alpha format, each forward, reversed, inverted, and inverted and
// reversed; each attempt decodes from the first start sentinel after a run
// of clocking zeros, from the first one anywhere, and from every other
// start sentinel followed by two characters of good parity (at most
// maxStarts of them): a track read without its clocking zeros, or with
// junk before it, whose data holds a long run of zeros that a start
// sentinel's bits happen to follow, still frames where it starts.
//
// Of all these decodes it returns the one with the most evidence of being
// the track, counted in bits: each character counts its bits (5 or 7) with
// good parity and as many against with bad, an end sentinel 12, a matching
// LRC 24, and clocking zeros right before the SS and right after the LRC
// (or the stream's end there) 36 each. Counting bits, not characters, keeps
// the 5-bit format from outscoring the 7-bit one on the same stretch of
// stream: read as numeric, a clean alpha track has more characters. Ties go
// to fewer Errors, then to the earlier attempt in the order above. So the
// clean decode of a real track wins, and a damaged track still beats the
// chance decodes of the other attempts: reading a track backwards gives
// good parity throughout, but no end sentinel, so no LRC or clocking zeros
// after one. A track of only a few characters carries little evidence,
// so once damaged it can lose to a chance decode.
//
// When no attempt finds a start sentinel the error is a *DecodeError.
// Any nonzero byte in bits counts as a 1.
func Decode(bits []byte) (*Result, error) {
	return decode(bits, Numeric, Alpha)
}

// DecodeFormat is Decode restricted to one format.
func DecodeFormat(bits []byte, f Format) (*Result, error) {
	if f.CharBits() == 0 {
		return nil, ErrUnknownFormat
	}
	return decode(bits, f)
}

func decode(stream []byte, formats ...Format) (*Result, error) {
	if !hasData(stream) {
		return nil, &DecodeError{Err: ErrNoData}
	}
	var bufs [2]attempt
	best, cur := &bufs[0], &bufs[1]
	found, tries := false, 0
	for _, f := range formats {
		k := f.CharBits()
		ss := withParity(f.StartSentinel()-f.offset(), k)
		for _, inv := range [...]byte{0, 1} {
			for _, rev := range [...]bool{false, true} {
				tries++
				v := view{stream, rev, inv}
				afterLead, first := v.find(ss, k)
				if first == afterLead {
					first = -1 // one candidate: decode it once
				}
				try := func(start int) {
					cur.run(v, f, start)
					if !found || cur.better(best) {
						best, cur = cur, best
						found = true
					}
				}
				for _, start := range [...]int{afterLead, first} {
					if start >= 0 {
						try(start)
					}
				}
				if first < 0 {
					continue
				}
				starts := 0
				var w byte // bits i..i+k-1 in reading order, bit i lowest
				for j := range k - 1 {
					w |= v.at(first+1+j) << j
				}
				good := func(i int) bool { return bits.OnesCount8(v.char(i, k))&1 == 1 }
				for i := first + 1; i+2*k <= len(stream) && starts < maxStarts; i++ {
					w |= v.at(i+k-1) << (k - 1)
					if w == ss && i != afterLead && good(i+k) && (i+3*k > len(stream) || good(i+2*k)) {
						starts++
						try(i)
					}
					w >>= 1
				}
			}
		}
	}
	if !found {
		return nil, &DecodeError{Attempts: tries, Err: ErrNoStartSentinel}
	}
	return best.result(), nil
}

// hasData reports whether the stream holds both a 0 and a 1.
func hasData(stream []byte) bool {
	for _, b := range stream {
		if (b != 0) != (stream[0] != 0) {
			return true
		}
	}
	return false
}

// view reads a stream forward or reversed, as given or inverted, without
// copying it.
type view struct {
	bits []byte
	rev  bool
	inv  byte
}

// at returns bit i in reading order.
func (v *view) at(i int) byte {
	if v.rev {
		i = len(v.bits) - 1 - i
	}
	var b byte
	if v.bits[i] != 0 {
		b = 1
	}
	return b ^ v.inv
}

// char returns the k bits from reading index i as a character, first bit
// lowest, or 0 if the stream ends first.
func (v *view) char(i, k int) byte {
	if i+k > len(v.bits) {
		return 0
	}
	var c byte
	for j := range k {
		c |= v.at(i+j) << j
	}
	return c
}

// given maps a reading index to the index in the stream as given, clamped
// to the stream.
func (v *view) given(i int) int {
	i = min(i, len(v.bits)-1)
	if v.rev {
		return len(v.bits) - 1 - i
	}
	return i
}

// find returns the reading indexes of two start sentinel candidates: the
// first SS after a run of at least minLead zeros (the clocking zeros), and
// the first SS anywhere; -1 where there is none. Trying both copes with
// noise before or among the clocking zeros and with a stream that has
// lost its leading zeros.
func (v *view) find(ss byte, k int) (afterLead, first int) {
	n := len(v.bits)
	var w byte // bits i..i+k-1, bit i lowest
	for j := 0; j < k-1 && j < n; j++ {
		w |= v.at(j) << j
	}
	afterLead, first = -1, -1
	zeros, lead := 0, false
	for i := 0; i+k <= n; i++ {
		w |= v.at(i+k-1) << (k - 1)
		if w&1 == 0 {
			zeros++
		} else {
			lead = lead || zeros >= minLead
			if w == ss {
				if first < 0 {
					first = i
				}
				if lead {
					afterLead = i
					break
				}
			}
			zeros = 0
		}
		w >>= 1
	}
	return afterLead, first
}

// attempt is one format/direction/polarity decode, kept compact until the
// winner is turned into a Result.
type attempt struct {
	f       Format
	v       view
	start   int            // reading index of the SS
	n       int            // characters in the text
	chars   [maxChars]byte // character values, badParity set on a parity failure
	esFound bool
	lrc     byte // raw LRC character, 0 if absent
	want    byte // LRC value computed from the text
	errs    int  // the number of CharErrors the Result will carry
	score   int  // the evidence Decode ranks by
}

// lrcErrors counts the faults of raw LRC character c against value want.
func lrcErrors(c, want byte, k int) int {
	if c == 0 {
		return 1
	}
	e := 0
	if bits.OnesCount8(c)&1 == 0 {
		e++
	}
	if c&(1<<(k-1)-1) != want {
		e++
	}
	return e
}

// run decodes v in format f from the SS at reading index start into a.
//
// The ES is normally the first ES character with good parity. A single
// flipped bit can turn the ES's parity bad, or turn a data character into
// an ES with bad parity, so each ES-valued character up to the first good
// one is costed (its errors, plus one if more data follows its LRC) and
// the cheapest wins, ties going to the good one. With no good ES, the best
// bad one competes with "end sentinel missing".
func (a *attempt) run(v view, f Format, start int) {
	k := f.CharBits()
	*a = attempt{f: f, v: v, start: start}
	es := f.EndSentinel() - f.offset()
	mask := byte(1)<<(k-1) - 1
	var (
		best          = -1 // characters up to the chosen ES; -1 for none
		bestCost      int
		bestParity    int
		bestWant      byte
		m, perr, zero int
		x             byte
		goodES        bool
	)
	for i := start; m < maxChars && i+k <= len(v.bits); i += k {
		c := v.char(i, k)
		if c == 0 {
			// Two empty characters: the data has ended.
			if zero++; zero == 2 {
				break
			}
		} else {
			zero = 0
		}
		val := c & mask
		x ^= val
		bad := bits.OnesCount8(c)&1 == 0
		if bad {
			perr++
			val |= badParity
		}
		a.chars[m] = val
		m++
		if c&mask != es {
			continue
		}
		cost := perr + lrcErrors(v.char(i+k, k), x, k)
		if v.char(i+2*k, k) != 0 {
			cost++
		}
		if best < 0 || cost < bestCost || cost == bestCost && !bad {
			best, bestCost, bestParity, bestWant = m, cost, perr, x
		}
		if !bad {
			goodES = true
			break
		}
	}
	if a.leadZeros() {
		a.score = weightLeadZeros
	}
	if !goodES {
		// Characters with no bits at the end are clocking zeros, not data.
		for m > 1 && a.chars[m-1] == badParity {
			m--
			perr--
		}
		if best < 0 || bestCost > perr+1 {
			a.n, a.errs = m, perr+1
			a.score += (m - 2*perr) * k
			return
		}
	}
	a.n, a.esFound, a.want = best, true, bestWant
	lrcAt := start + best*k
	a.lrc = v.char(lrcAt, k)
	lrcErrs := lrcErrors(a.lrc, bestWant, k)
	a.errs = bestParity + lrcErrs
	a.score += (best-2*bestParity)*k + weightEndSentinel
	if lrcErrs == 0 {
		a.score += weightLRC
	}
	if v.char(lrcAt+k, k) == 0 {
		a.score += weightTrailZeros
	}
}

// leadZeros reports whether the SS follows at least minLead zeros.
func (a *attempt) leadZeros() bool {
	if a.start < minLead {
		return false
	}
	for i := a.start - minLead; i < a.start; i++ {
		if a.v.at(i) != 0 {
			return false
		}
	}
	return true
}

// better reports whether a should replace b as the chosen decode.
func (a *attempt) better(b *attempt) bool {
	return a.score > b.score || a.score == b.score && a.errs < b.errs
}

// result builds the Result, allocating only here.
func (a *attempt) result() *Result {
	k := a.f.CharBits()
	off := a.f.offset()
	r := &Result{
		Format:   a.f,
		Reversed: a.v.rev,
		Inverted: a.v.inv == 1,
		StartBit: a.v.given(a.start),
	}
	if a.errs > 0 {
		r.Errors = make([]CharError, 0, a.errs)
	}
	var sb strings.Builder
	sb.Grow(a.n)
	for j, c := range a.chars[:a.n] {
		sb.WriteByte(c&^badParity + off)
		if c&badParity != 0 {
			r.Errors = append(r.Errors, CharError{j, a.v.given(a.start + j*k), ParityError})
		}
	}
	r.Text = sb.String()
	end := a.start + a.n*k
	if !a.esFound {
		r.Errors = append(r.Errors, CharError{a.n, a.v.given(end - 1), MissingEndSentinel})
		return r
	}
	lrcErr := CharError{a.n, a.v.given(end), LRCError}
	if a.lrc == 0 {
		r.Errors = append(r.Errors, lrcErr)
		return r
	}
	r.LRC, r.LRCFound, r.LRCOK = a.lrc&(1<<(k-1)-1)+off, true, true
	if bits.OnesCount8(a.lrc)&1 == 0 {
		r.Errors = append(r.Errors, CharError{a.n, lrcErr.Bit, ParityError})
		r.LRCOK = false
	}
	if r.LRC-off != a.want {
		r.Errors = append(r.Errors, lrcErr)
		r.LRCOK = false
	}
	return r
}
