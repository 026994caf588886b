package decoder

import (
	"slices"
	"strings"
	"testing"

	"magcheck/decoder/iso7811"
	"magcheck/message"
)

// The characters of a track read from bits are placed along the stream as
// recorded, in either direction, with parity and LRC errors marked where
// they are.
func TestTrackBits(t *testing.T) {
	const text = ";1234=5?" // 8 characters and the LRC, 5 bits each
	clean, err := iso7811.Encode(text, iso7811.Numeric, 10, 6)
	if err != nil {
		t.Fatal(err)
	}
	total := len(clean) // 10 + 9·5 + 6 = 61
	lrc, err := iso7811.LRC(text, iso7811.Numeric)
	if err != nil {
		t.Fatal(err)
	}
	// value writes a character's 4 data bits, least significant first,
	// and its odd parity bit.
	value := func(v byte) string {
		b, ones := make([]byte, 5), 0
		for j := range 4 {
			b[j] = '0' + v>>j&1
			ones += int(v >> j & 1)
		}
		b[4] = '0' + byte(1-ones%2)
		return string(b)
	}
	forward := func(errAt map[int]Code) []CharBits {
		var cs []CharBits
		for i, c := range []byte(text + string(rune(lrc+'0'))) {
			cs = append(cs, CharBits{From: 10 + 5*i, To: 15 + 5*i, Value: value(c - '0'), LRC: i == 8, Error: errAt[i]})
		}
		return cs
	}
	flip := func(bits []byte, i int) []byte {
		b := slices.Clone(bits)
		b[i] ^= 1
		return b
	}
	reversed := slices.Clone(clean)
	slices.Reverse(reversed)
	var backward []CharBits
	for _, c := range forward(nil) {
		backward = append(backward, CharBits{From: total - c.To, To: total - c.From, Value: c.Value, LRC: c.LRC})
	}
	for _, tt := range []struct {
		name string
		bits []byte
		want []CharBits
	}{
		{"clean", clean, forward(nil)},
		// A flipped data bit of '2' (character 2): its parity fails, and
		// the LRC no longer matches.
		{"parity", flip(clean, 10+2*5), func() []CharBits {
			cs := forward(map[int]Code{2: ParityError, 8: LRCError})
			cs[2].Value = "1" + cs[2].Value[1:] // '2' reads 0100, parity 0: its first bit flipped
			return cs
		}()},
		{"reversed", reversed, backward},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := iso7811.Decode(tt.bits)
			if res == nil {
				t.Fatal(err)
			}
			got := trackBits(res, tt.bits)
			if got.Total != total || !slices.Equal(got.Chars, tt.want) {
				t.Errorf("trackBits:\n\tgot  %d %+v\n\twant %d %+v", got.Total, got.Chars, total, tt.want)
			}
		})
	}
}

// The view shows each character as the text does, masked, and names the
// LRC in the reader's language.
func TestBitsView(t *testing.T) {
	bits, err := iso7811.Encode(";4111111111111111=30121010000000000000?", iso7811.Numeric, 12, 12)
	if err != nil {
		t.Fatal(err)
	}
	var s strings.Builder
	for _, b := range bits {
		s.WriteByte('0' + b)
	}
	r, err := DecodeBits(s.String(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []message.Lang{message.English, message.Chinese} {
		for _, reveal := range []bool{false, true} {
			tv := r.View(lang, reveal).Tracks[1]
			if tv.Bits == nil || tv.Bits.Total != len(bits) || len(tv.Bits.Chars) != len(tv.Text)+1 {
				t.Fatalf("%s reveal %v: bits %+v for text %q", lang, reveal, tv.Bits, tv.Text)
			}
			var chars strings.Builder
			for _, c := range tv.Bits.Chars[:len(tv.Text)] {
				chars.WriteString(c.Char)
			}
			if chars.String() != tv.Text {
				t.Errorf("%s reveal %v: characters %q, text %q", lang, reveal, chars.String(), tv.Text)
			}
			if lrc := tv.Bits.Chars[len(tv.Text)]; !lrc.LRC || lrc.Char != lang.Text(message.BitsLRC) || lrc.From != 12+5*len(tv.Text) {
				t.Errorf("%s: LRC %+v", lang, lrc)
			}
		}
	}
}
