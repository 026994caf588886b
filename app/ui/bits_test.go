package ui

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/decoder/iso7811"
	"magcheck/message"
)

// A bit stream with one flipped bit shows, in the order recorded, the
// clocking zeros, each character over its bits (masked where the text
// is), the character with the bad parity and the LRC marked, and the
// trailing zeros; a reversed read is drawn the same way round.
func TestBitRow(t *testing.T) {
	bits, err := iso7811.Encode(";4111111111111111=30121010000000000000?", iso7811.Numeric, 12, 9)
	if err != nil {
		t.Fatal(err)
	}
	bits[12+5*37] ^= 1 // a discretionary digit, masked
	// go-app writes attributes in no fixed order.
	item := regexp.MustCompile(`<li ([^>]*)>\s*(?:<span class="bc-char">([^<]*)</span>\s*<span class="bc-bits">([^<]*)</span>|([^<\s]*))\s*</li>`)
	class := regexp.MustCompile(`class="([^"]*)"`)
	for _, reversed := range []bool{false, true} {
		stream := slices.Clone(bits)
		if reversed {
			slices.Reverse(stream)
		}
		var s strings.Builder
		for _, b := range stream {
			s.WriteByte('0' + b)
		}
		r, err := decoder.DecodeBits(s.String(), decoder.Options{})
		if err != nil {
			t.Fatal(err)
		}
		html := app.HTMLString(bitRow(r.View(message.English, false).Tracks[1], message.English))
		var got []string
		for _, m := range item.FindAllStringSubmatch(html, -1) {
			got = append(got, class.FindStringSubmatch(m[1])[1]+":"+m[2]+m[4]+" "+m[3])
		}
		// A track with a bad character has no fields placed: every digit
		// is masked, with its bits.
		want := []string{"bitzeros:0×12 ", "bitchar:; 11010", "bitchar:* *****", "bitchar:* *****"}
		tail := []string{"bitchar bit-err:* *****", "bitchar:? 11111", "bitchar bit-err bit-lrc:LRC 00111", "bitzeros:0×9 "}
		if reversed { // drawn in the order recorded: the stream's end first
			want, tail = []string{"bitzeros:0×9 ", "bitchar bit-err bit-lrc:LRC 00111", "bitchar:? 11111", "bitchar bit-err:* *****"},
				[]string{"bitchar:* *****", "bitchar:; 11010", "bitzeros:0×12 "}
		}
		if len(got) != 2+40 || !slices.Equal(got[:len(want)], want) || !slices.Equal(got[len(got)-len(tail):], tail) {
			t.Errorf("reversed %v:\n\t%q\nwant it to begin\n\t%q\nand end\n\t%q", reversed, got, want, tail)
		}
		// Revealed, each digit shows over its bits.
		shown := app.HTMLString(bitRow(r.View(message.English, true).Tracks[1], message.English))
		if !strings.Contains(shown, `<span class="bc-char">4</span>`) || !strings.Contains(shown, `<span class="bc-bits">00100</span>`) {
			t.Errorf("reversed %v: revealed, no 4 over 00100 in %.300s", reversed, shown)
		}
		if !strings.Contains(html, `aria-label="Track 2 bit by bit along the stripe: each character's bits, errors marked"`) {
			t.Errorf("no accessible name in %s", html)
		}
	}
}

// A track with its own encoding shows its raw bits, as recorded and the
// other way, masked until revealed.
func TestBitRowOwnEncoding(t *testing.T) {
	const bits = "0011010111110100111111110000000000000000000000000000000000000000000011111111111111000000000000111000100000010100001000000000110111010111110100111111110000000000000000000000000000000000000000000011111111111111000000000000111000100000010100001000"
	r, err := decoder.DecodePasted(bits, decoder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rev := []byte(bits)
	slices.Reverse(rev)
	masked := app.HTMLString(bitRow(r.View(message.English, false).Tracks[1], message.English))
	shown := app.HTMLString(bitRow(r.View(message.Chinese, true).Tracks[1], message.Chinese))
	for _, tt := range []struct {
		html string
		want []string
	}{
		{masked, []string{"244 bits, as recorded", ">" + strings.Repeat("*", len(bits)) + "<", "the other way"}},
		{shown, []string{"244 个数据位（按录制顺序）", ">" + bits + "<", ">" + string(rev) + "<", "反向"}},
	} {
		for _, w := range tt.want {
			if !strings.Contains(tt.html, w) {
				t.Errorf("no %q in\n%s", w, tt.html)
			}
		}
	}
	if strings.Contains(masked, "0011") {
		t.Errorf("masked row shows bits:\n%s", masked)
	}
}
