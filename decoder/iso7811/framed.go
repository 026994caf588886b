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
