package iso7811

import "math/bits"

// Bounds of a framing that Framed accepts.
const (
	// strayOnes is how many 1 bits outside a track a stream may hold
	// anyway (an eighth of them when more), from a head meeting and
	// leaving the stripe, or a reader's junk before it.
	strayOnes = 4
	// minGood characters of good parity after a start sentinel that
	// follows clocking zeros frame a track whatever comes after them.
	minGood = 3
	// maxRun characters in a row, of good parity and of the set a
	// track's data is written in, frame a track whose start is gone (a
	// swipe heard from its middle); in a stream too short to hold them,
	// half its characters do, and at least minRun. Random bits give 16
	// such characters in a row about once in 30,000 streams: a third of
	// 5-bit characters, and under a third of 7-bit ones, are such by
	// chance.
	minRun, maxRun = 8, 16
)

// Framed reports whether bits hold an ISO/IEC 7811 track at all, damaged
// or not. It tries both formats (5- and 7-bit characters), both
// directions, as given and inverted, and every start sentinel, and
// accepts one that
//
//   - explains the stream: the characters from it up to its end sentinel
//     and LRC (or to the end of the data) are at least three-quarters of
//     good parity, and the bits outside them nearly all clocking zeros; or
//   - opens a track: it follows at least 8 clocking zeros, with hardly a 1
//     before them, and minGood characters of good parity follow it, as on a
//     track damaged further on.
//
// A stream that no framing explains was not written with ISO 7811
// characters: a card with its own encoding (transit tickets, hotel keys,
// access badges, some loyalty cards), whose parity and LRC "errors" say
// nothing of its stripe. Any nonzero byte counts as a 1.
func Framed(stream []byte) bool {
	if !hasData(stream) {
		return false
	}
	var a attempt
	for _, f := range [...]Format{Numeric, Alpha} {
		k := f.CharBits()
		ss := withParity(f.StartSentinel()-f.offset(), k)
		for _, inv := range [...]byte{0, 1} {
			for _, rev := range [...]bool{false, true} {
				v := view{stream, rev, inv}
				for i := 0; i+k <= len(stream); i++ {
					if v.char(i, k) != ss {
						continue
					}
					a.run(v, f, i)
					if a.explains() || a.opens() {
						return true
					}
				}
			}
		}
	}
	return false
}

// longestRun returns the most characters of format f in a row, at any
// phase of v, that have good parity and are of the set a track's data is
// written in.
func longestRun(v *view, f Format) int {
	k := f.CharBits()
	best := 0
	for phase := range k {
		run := 0
		for i := phase; i+k <= len(v.bits); i += k {
			c := v.char(i, k)
			if bits.OnesCount8(c)&1 == 1 && trackData(f, c&(1<<(k-1)-1)) {
				run++
				best = max(best, run)
			} else {
				run = 0
			}
		}
	}
	return best
}

// trackData reports whether data value d is a character a track's data
// is written in: for 5-bit characters the digits and the field separator
// (=); for 7-bit ones space, the punctuation and digits from - to 9, the
// capitals, and the field separator (^).
func trackData(f Format, d byte) bool {
	if f == Numeric {
		return d <= 9 || d == 0xD
	}
	return d == 0 || 0x0D <= d && d <= 0x3A || d == 0x3E
}

// explains reports whether a's characters are three-quarters or more of
// good parity and the stream outside them nearly all zeros.
func (a *attempt) explains() bool {
	if a.n < 2 {
		return false
	}
	bad := 0
	for _, c := range a.chars[:a.n] {
		if c&badParity != 0 {
			bad++
		}
	}
	if 4*bad > a.n {
		return false
	}
	k := a.f.CharBits()
	end := a.start + a.n*k
	if a.esFound && a.lrc != 0 {
		end += k
	}
	end = min(end, len(a.v.bits))
	ones := 0
	for i := range len(a.v.bits) {
		if (i < a.start || i >= end) && a.v.at(i) != 0 {
			ones++
		}
	}
	return ones <= max(strayOnes, (len(a.v.bits)-(end-a.start))/8)
}

// opens reports whether a starts after clocking zeros, with hardly a 1
// before them, and minGood characters of good parity follow its start
// sentinel.
func (a *attempt) opens() bool {
	if !a.leadZeros() || a.n < minGood+1 {
		return false
	}
	ones := 0
	for i := range a.start {
		ones += int(a.v.at(i))
	}
	if ones > strayOnes {
		return false
	}
	for _, c := range a.chars[1 : minGood+1] {
		if c&badParity != 0 || bits.OnesCount8(c) == 0 {
			return false
		}
	}
	return true
}

// MinOwnBits is the fewest bits from a stream's first 1 to its last
// that it must hold to be taken for a card's own encoding: fewer are too
// little of any format to tell, such as the end of an ISO track heard
// without its start.
const MinOwnBits = 100

// dataSpan is the number of bits from the stream's first 1 to its last.
func dataSpan(stream []byte) int {
	first, last := -1, -1
	for i, b := range stream {
		if b != 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return 0
	}
	return last - first + 1
}

// OwnEncoding reports whether a stream holds a card's own encoding: at
// least MinOwnBits bits of data (dataSpan), changing between 0 and 1 at
// one bit in eight or more (as data does: a run of one bit is a blank or
// broken read), no ISO 7811 framing (Framed), and not the data of a
// track whose start was not heard: maxRun characters in a row of good
// parity and of a track's data (digits and the field separator; for
// 7-bit characters space, punctuation, digits, capitals and the field
// separator) in either format, direction and polarity, or half the
// stream's characters in a shorter one.
func OwnEncoding(stream []byte) bool {
	span := dataSpan(stream)
	if span < MinOwnBits {
		return false
	}
	changes := 0
	for i := 1; i < len(stream); i++ {
		if (stream[i] != 0) != (stream[i-1] != 0) {
			changes++
		}
	}
	if 8*changes < len(stream) || Framed(stream) {
		return false
	}
	for _, f := range [...]Format{Numeric, Alpha} {
		k := f.CharBits()
		for _, inv := range [...]byte{0, 1} {
			for _, rev := range [...]bool{false, true} {
				v := view{stream, rev, inv}
				if longestRun(&v, f) >= min(maxRun, max(minRun, span/(2*k))) {
					return false
				}
			}
		}
	}
	return true
}
