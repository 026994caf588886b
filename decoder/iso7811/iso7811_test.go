package iso7811

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// bitString renders bits as "0101…" for messages; test data only.
func bitString(bits []byte) string {
	var sb strings.Builder
	for _, b := range bits {
		sb.WriteByte('0' + b)
	}
	return sb.String()
}

func mustEncode(t testing.TB, text string, f Format, lead, trail int) []byte {
	t.Helper()
	bits, err := Encode(text, f, lead, trail)
	if err != nil {
		t.Fatalf("Encode(%q, %v): %v", text, f, err)
	}
	return bits
}

// genText returns a track text of n characters (SS and ES included) whose
// data characters are drawn from the whole character set except the ES.
func genText(r *rand.Rand, f Format, n int) string {
	b := make([]byte, n)
	b[0], b[n-1] = f.StartSentinel(), f.EndSentinel()
	size := 1 << (f.CharBits() - 1)
	for i := 1; i < n-1; i++ {
		for b[i] = f.offset() + byte(r.IntN(size)); b[i] == '?'; {
			b[i] = f.offset() + byte(r.IntN(size))
		}
	}
	return string(b)
}

func TestFormat(t *testing.T) {
	tests := []struct {
		f                 Format
		name              string
		charBits          int
		ss, es, fs        byte
		first, last       byte // the character set's ends
		before, afterLast byte // just outside it
	}{
		{Alpha, "alpha", 7, '%', '?', '^', ' ', '_', 0x1F, '`'},
		{Numeric, "numeric", 5, ';', '?', '=', '0', '?', '/', '@'},
		{Format(0), "Format(0)", 0, 0, 0, 0, 0, 0, 0, 0},
		{Format(3), "Format(3)", 0, 0, 0, 0, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.name {
			t.Errorf("String() = %q, want %q", got, tt.name)
		}
		if got := tt.f.CharBits(); got != tt.charBits {
			t.Errorf("%v.CharBits() = %d, want %d", tt.f, got, tt.charBits)
		}
		if got := [3]byte{tt.f.StartSentinel(), tt.f.EndSentinel(), tt.f.FieldSeparator()}; got != [3]byte{tt.ss, tt.es, tt.fs} {
			t.Errorf("%v sentinels/separator = %q, want %q", tt.f, got[:], []byte{tt.ss, tt.es, tt.fs})
		}
		n := 0
		for c := range 256 {
			if tt.f.Contains(byte(c)) {
				n++
			}
		}
		if tt.charBits == 0 {
			if n != 0 {
				t.Errorf("%v.Contains is true for %d bytes, want none", tt.f, n)
			}
			continue
		}
		if want := 1 << (tt.charBits - 1); n != want {
			t.Errorf("%v.Contains is true for %d bytes, want %d", tt.f, n, want)
		}
		for c, want := range map[byte]bool{tt.first: true, tt.last: true, tt.before: false, tt.afterLast: false, tt.ss: true, tt.fs: true} {
			if got := tt.f.Contains(c); got != want {
				t.Errorf("%v.Contains(%q) = %v, want %v", tt.f, c, got, want)
			}
		}
	}
	if Numeric.Contains('a') || Alpha.Contains('a') {
		t.Error("lower case accepted")
	}
}

func TestMaxLength(t *testing.T) {
	for track, want := range map[int]int{-1: 0, 0: 0, 1: 79, 2: 40, 3: 107, 4: 0} {
		if got := MaxLength(track); got != want {
			t.Errorf("MaxLength(%d) = %d, want %d", track, got, want)
		}
	}
}

func TestTrack(t *testing.T) {
	for _, tt := range []struct {
		track   int
		format  Format
		density int // bits per inch
	}{
		{-1, 0, 0},
		{0, 0, 0},
		{1, Alpha, 210},
		{2, Numeric, 75},
		{3, Numeric, 210},
		{4, 0, 0},
	} {
		if got := TrackFormat(tt.track); got != tt.format {
			t.Errorf("TrackFormat(%d) = %v, want %v", tt.track, got, tt.format)
		}
		if got := TrackDensity(tt.track); got != tt.density {
			t.Errorf("TrackDensity(%d) = %d, want %d", tt.track, got, tt.density)
		}
	}
}

// LRC vectors computed from the ISO/IEC 7811 rules: the LRC is the XOR of
// the data bits of every character from start to end sentinel, with its own
// odd parity bit. The third one's LRC is '?', like its end sentinel, so the
// LRC must be taken by position; the last two are empty tracks.
var lrcVectors = []struct {
	text    string
	f       Format
	lrc     byte
	lrcBits string // LSB first, parity last
}{
	{"%B4111111111111111^CARDHOLDER/TEST^3012101000000000000000000?", Alpha, 'X', "0001110"},
	{";4111111111111111=30121010000000000000?", Numeric, '<', "00111"},
	{";4111111111111111=3012201000000000000?", Numeric, '?', "11111"},
	{";?", Numeric, '4', "00100"},
	{"%?", Alpha, ':', "0101100"},
}

func TestLRC(t *testing.T) {
	for _, v := range lrcVectors {
		got, err := LRC(v.text, v.f)
		if err != nil || got != v.lrc {
			t.Errorf("LRC(%q) = %q, %v; want %q", v.text, got, err, v.lrc)
		}
		bits := mustEncode(t, v.text, v.f, 0, 0)
		k := v.f.CharBits()
		if got := bitString(bits[len(bits)-k:]); got != v.lrcBits {
			t.Errorf("LRC bits of %q = %s, want %s", v.text, got, v.lrcBits)
		}
	}
	if got := len(";4111111111111111=30121010000000000000?") + 1; got != MaxLength(2) {
		t.Errorf("track 2 vector length %d, want the maximum %d", got, MaxLength(2))
	}
}

func TestEncodeCharacters(t *testing.T) {
	tests := []struct {
		f    Format
		c    byte
		bits string
	}{
		{Alpha, '%', "1010001"},
		{Alpha, '?', "1111100"},
		{Alpha, '^', "0111110"},
		{Alpha, ' ', "0000001"},
		{Alpha, '_', "1111111"},
		{Numeric, ';', "11010"},
		{Numeric, '?', "11111"},
		{Numeric, '=', "10110"},
		{Numeric, '0', "00001"},
		{Numeric, '1', "10000"},
	}
	for _, tt := range tests {
		text := string([]byte{tt.f.StartSentinel(), tt.c, '?'})
		if tt.c == '?' {
			text = text[:2]
		}
		bits := mustEncode(t, text, tt.f, 3, 2)
		k := tt.f.CharBits()
		if got := bitString(bits[3+k : 3+2*k]); got != tt.bits {
			t.Errorf("%v %q encodes as %s, want %s", tt.f, tt.c, got, tt.bits)
		}
		if want := 3 + (len(text)+1)*k + 2; len(bits) != want {
			t.Errorf("Encode(%q) gave %d bits, want %d", text, len(bits), want)
		}
		if bitString(bits[:3]) != "000" || bitString(bits[len(bits)-2:]) != "00" {
			t.Errorf("Encode(%q) clocking zeros wrong: %s", text, bitString(bits))
		}
	}
	bits := mustEncode(t, ";?", Numeric, -5, -1)
	if got := bitString(bits); got != "110101111100100" {
		t.Errorf("Encode with negative zero counts = %s", got)
	}
}

func TestTextErrors(t *testing.T) {
	tests := []struct {
		text string
		f    Format
		pos  int
	}{
		{"", Numeric, 0},
		{"?", Numeric, 0},
		{"%1?", Numeric, 0},
		{";", Numeric, 1},
		{";12", Numeric, 3},
		{";1A?", Numeric, 2},
		{";1?2?", Numeric, 2},
		{"%b?", Alpha, 1},
		{"%A\x7f?", Alpha, 2},
		{"%AB", Alpha, 3},
	}
	for _, tt := range tests {
		_, err := LRC(tt.text, tt.f)
		var te *TextError
		if !errors.As(err, &te) || te.Pos != tt.pos {
			t.Errorf("LRC(%q, %v) error = %v, want a TextError at %d", tt.text, tt.f, err, tt.pos)
		}
		if bits, err2 := Encode(tt.text, tt.f, 1, 1); bits != nil || err2 == nil || err2.Error() != err.Error() {
			t.Errorf("Encode(%q) = %v, %v; want the LRC error %v", tt.text, bits, err2, err)
		}
	}
	for _, f := range []Format{0, 3, -1} {
		if _, err := LRC(";?", f); err != ErrUnknownFormat {
			t.Errorf("LRC with %v: %v, want ErrUnknownFormat", f, err)
		}
		if _, err := Encode(";?", f, 0, 0); err != ErrUnknownFormat {
			t.Errorf("Encode with %v: %v, want ErrUnknownFormat", f, err)
		}
		if _, err := DecodeFormat([]byte{0, 1}, f); err != ErrUnknownFormat {
			t.Errorf("DecodeFormat with %v: %v, want ErrUnknownFormat", f, err)
		}
	}
	// A message names positions, never card characters.
	_, err := LRC(";4111X?", Numeric)
	if err == nil || strings.Contains(err.Error(), "4111") || strings.Contains(err.Error(), "X") {
		t.Errorf("error message %q leaks the text", err)
	}
}
