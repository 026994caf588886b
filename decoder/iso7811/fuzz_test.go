package iso7811

import (
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// unpack spreads packed bytes into bits, most significant bit first.
func unpack(data []byte) []byte {
	out := make([]byte, 0, 8*len(data))
	for _, b := range data {
		for i := 7; i >= 0; i-- {
			out = append(out, b>>i&1)
		}
	}
	return out
}

// decodeSeeds are bit streams for the decode fuzz targets: the vectors and
// encoded tracks, whole, damaged and cut.
func decodeSeeds(tb testing.TB) [][]byte {
	var seeds [][]byte
	for _, s := range []string{rsRawTrack2Inverted, rsRawAllZeros} {
		b, err := ParseBits(s)
		if err != nil {
			tb.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	for _, v := range lrcVectors {
		b := mustEncode(tb, v.text, v.f, 20, 20)
		damaged := slices.Clone(b)
		damaged[30] ^= 1
		seeds = append(seeds, b, orient(b, true, true), damaged, b[:len(b)/2])
	}
	return seeds
}

// checkDecode asserts what holds for any Decode outcome on any stream.
func checkDecode(t *testing.T, bits []byte, res *Result, err error) {
	t.Helper()
	if err != nil {
		var de *DecodeError
		if res != nil || !errors.As(err, &de) {
			t.Fatalf("Decode: %+v with error %v", res, err)
		}
		constant := !slices.ContainsFunc(bits, func(b byte) bool { return (b != 0) != (bits[0] != 0) })
		if constant != errors.Is(err, ErrNoData) || !constant && !errors.Is(err, ErrNoStartSentinel) {
			t.Fatalf("Decode: error %v for a stream with data=%v", err, !constant)
		}
		return
	}
	f := res.Format
	if f != Alpha && f != Numeric {
		t.Fatalf("Decode: format %v", f)
	}
	if res.Text == "" || res.Text[0] != f.StartSentinel() || len(res.Text) > maxChars {
		t.Fatalf("Decode: text %q", res.Text)
	}
	for i := 0; i < len(res.Text); i++ {
		if !f.Contains(res.Text[i]) {
			t.Fatalf("Decode: %q holds %q, outside the %v set", res.Text, res.Text[i], f)
		}
	}
	if res.StartBit < 0 || res.StartBit >= len(bits) {
		t.Fatalf("Decode: StartBit %d of %d", res.StartBit, len(bits))
	}
	if res.LRCFound != (res.LRC != 0) || res.LRCOK && !res.LRCFound || res.LRCFound && !f.Contains(res.LRC) {
		t.Fatalf("Decode: LRC %q found %v ok %v", res.LRC, res.LRCFound, res.LRCOK)
	}
	missing := false
	for i, e := range res.Errors {
		if e.Pos < 0 || e.Pos > len(res.Text) || e.Bit < 0 || e.Bit >= len(bits) || i > 0 && e.Pos < res.Errors[i-1].Pos {
			t.Fatalf("Decode: error %+v out of range or order (text %d, stream %d)", e, len(res.Text), len(bits))
		}
		switch e.Kind {
		case MissingEndSentinel:
			missing = true
			if i != len(res.Errors)-1 || e.Pos != len(res.Text) {
				t.Fatalf("Decode: %+v not last", e)
			}
		case LRCError:
			if e.Pos != len(res.Text) {
				t.Fatalf("Decode: %+v not at the end", e)
			}
		case ParityError:
		default:
			t.Fatalf("Decode: error kind %q", e.Kind)
		}
	}
	// The text ends with the ES unless it is missing; an ES before that is
	// a damaged data character.
	last := len(res.Text) - 1
	if missing {
		last++
	}
	if !missing && res.Text[last] != '?' || missing && res.LRCFound {
		t.Fatalf("Decode: %q with missing ES %v, LRC found %v", res.Text, missing, res.LRCFound)
	}
	for i := range last {
		if res.Text[i] == '?' && !slices.ContainsFunc(res.Errors, func(e CharError) bool { return e.Pos == i && e.Kind == ParityError }) {
			t.Fatalf("Decode: %q has an ES at %d with good parity", res.Text, i)
		}
	}
	if len(res.Errors) == 0 {
		if lrc, err := LRC(res.Text, f); err != nil || lrc != res.LRC || !res.LRCOK {
			t.Fatalf("Decode: clean %q with LRC %q, computed %q, %v", res.Text, res.LRC, lrc, err)
		}
	}
	again, err := Decode(bits)
	if err != nil || !reflect.DeepEqual(again, res) {
		t.Fatalf("Decode not deterministic: %+v then %+v, %v", res, again, err)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range decodeSeeds(f) {
		f.Add(s)
	}
	f.Add([]byte{0xff, 0x00, 0xd7, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		// As given (any nonzero byte is a 1) and as packed bits.
		for _, bits := range [][]byte{data, unpack(data)} {
			res, err := Decode(bits)
			checkDecode(t, bits, res, err)
		}
	})
}

// packedString writes bits in ParseBits's packed form.
func packedString(bits []byte) string {
	var sb strings.Builder
	sb.WriteString("bytes=[")
	for i := 0; i < len(bits); i += 8 {
		var b byte
		for j := i; j < i+8 && j < len(bits); j++ {
			b |= bits[j] << (7 - j%8)
		}
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(strconv.Itoa(int(b)))
	}
	sb.WriteString("];bits=" + strconv.Itoa(len(bits)))
	return sb.String()
}

func FuzzParseBits(f *testing.F) {
	for _, s := range []string{rsRawTrack2Inverted, rsRawAllZeros, "0101 1101\n0", "", "bytes=[];bits=0", "bytes=[1,2];bits=9x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		bits, err := ParseBits(s)
		if err != nil {
			var se *SyntaxError
			if bits != nil || !errors.As(err, &se) || se.Offset < 0 || se.Offset > len(s) {
				t.Fatalf("ParseBits(%q) = %v, %v", s, bits, err)
			}
			return
		}
		if len(bits) == 0 || slices.ContainsFunc(bits, func(b byte) bool { return b > 1 }) {
			t.Fatalf("ParseBits(%q) = %v", s, bits)
		}
		// Both forms give the same bits back.
		for _, form := range []string{bitString(bits), packedString(bits)} {
			again, err := ParseBits(form)
			if err != nil || !slices.Equal(again, bits) {
				t.Fatalf("ParseBits(%q) = %v, %v; want %v", form, again, err, bits)
			}
		}
	})
}

// evidence returns the score Decode ranks the decode from the SS at
// startBit (an index in bits as given) by.
func evidence(bits []byte, f Format, rev, inv bool, startBit int) int {
	v := view{bits: bits, rev: rev}
	if inv {
		v.inv = 1
	}
	var a attempt
	a.run(v, f, given(startBit, len(bits), rev))
	return a.score
}

// FuzzRoundTrip maps fuzz data into track text, encodes it with realistic
// clocking zeros (at least minLead each side) and decodes it in any
// orientation. Some streams read as a clean track both ways (see
// TestDecodeCases), so when another decode wins it must have at least the
// evidence of the original and be clean.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte("4111111111111111=3012101"), false, uint8(20), uint8(20), false, false)
	f.Add([]byte("B4111111111111111^CARDHOLDER/TEST^30121010000"), true, uint8(0), uint8(40), true, false)
	f.Add([]byte{}, false, uint8(5), uint8(0), true, true)
	f.Fuzz(func(t *testing.T, data []byte, alpha bool, lead, trail uint8, rev, inv bool) {
		format := Numeric
		if alpha {
			format = Alpha
		}
		size := byte(1 << (format.CharBits() - 1))
		es := '?' - format.offset()
		text := []byte{format.StartSentinel()}
		for _, b := range data[:min(len(data), maxChars-2)] {
			v := b % (size - 1) // any character but the ES
			if v >= es {
				v++
			}
			text = append(text, v+format.offset())
		}
		text = append(text, '?')
		zeros := minLead + int(lead%64)
		bits, err := Encode(string(text), format, zeros, minLead+int(trail%64))
		if err != nil {
			t.Fatal(err)
		}
		stream := orient(bits, rev, inv)
		res, err := Decode(stream)
		if err != nil {
			t.Fatalf("%q (%v): %v", text, format, err)
		}
		checkDecode(t, stream, res, err)
		if res.Text == string(text) && len(res.Errors) == 0 && res.Reversed == rev && res.Inverted == inv {
			return
		}
		want := evidence(stream, format, rev, inv, given(zeros, len(stream), rev))
		got := evidence(stream, res.Format, res.Reversed, res.Inverted, res.StartBit)
		if got < want || len(res.Errors) != 0 {
			t.Fatalf("%q (%v, reversed %v, inverted %v, evidence %d) decoded as %+v (evidence %d)", text, format, rev, inv, want, res, got)
		}
	})
}
